/* glide.c - a hypersonic glider's free flight, its aim and the equilibrium glide's closed
   forms (glide.h, docs/models/glide.md). */
#include <bmd/glide.h>

#include <math.h>
#include <string.h>

#include <bmd/atmos.h>
#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>
#include <bmd/vec3.h>

#include "aim_impl.h"

void bmd_glide_rhs_init(struct bmd_glide_rhs_params *p, const struct bmd_vehicle *v,
                        const struct bmd_physics *phys, const struct bmd_glide_guide *g) {
  memset(p, 0, sizeof *p);
  p->phys = *phys;
  p->omega_radps = bmd_physics_omega(phys);
  p->inv_beta = phys->drag ? 1.0 / v->rv_beta_kgm2 : 0.0;
  p->ld_max = v->glide.lift_to_drag;
  p->tan_max_bank = tan(v->glide.max_bank_deg * BMD_DEG);
  p->tan_bank = tan(fmax(-89.0, fmin(89.0, g->bank_deg)) * BMD_DEG);
  p->dive_rad = v->glide.dive_deg * BMD_DEG;
  p->to_target = g->to_target;
  if (g->to_target)
    bmd_physics_to_ecef(phys, g->tgt_lat_deg * BMD_DEG, g->tgt_lon_deg * BMD_DEG, 0.0, p->tgt_ecef_m);
  p->layer = 7;
}

void bmd_glide_rhs(double t, const double *y, double *dy, void *pv) {
  struct bmd_glide_rhs_params *p = pv;
  const double *r = y, *v = y + 3;
  double a[3], ag[3], up[3], h, vv, q = 0.0;
  (void)t;
  bmd_physics_gravity(&p->phys, r, ag);
  memcpy(a, ag, sizeof a);
  if (p->omega_radps != 0.0) bmd_physics_frame_accel(p->omega_radps, r, v, a);
  vv = bmd_vec3_norm(v);
  if (p->inv_beta > 0.0 && p->layer < 7 && vv > 1.0) {
    h = bmd_physics_height(&p->phys, r, up);
    q = 0.5 * bmd_atmos_density_layer(h, p->layer) * vv * vv * p->inv_beta; /* D/m */
  }
  if (q > 0.0) {
    double vh[3], n[3], b[3], lift[3], hdot, nn, lmax = p->ld_max * q, an, as = 0.0;
    double rr = bmd_vec3_norm(r), vh2, geff;
    double dlift[3], w = 0.0, gref, m;
    for (int i = 0; i < 3; i++) {
      vh[i] = v[i] / vv;
      a[i] -= q * vh[i];
    }
    hdot = bmd_vec3_dot(v, up);
    /* n: the unit normal to v in the vertical plane, upward; b = v^ x n, to the right */
    for (int i = 0; i < 3; i++) n[i] = up[i] - (hdot / vv) * vh[i];
    nn = bmd_vec3_norm(n);
    if (nn < 1e-6) { /* a vertical flight: no vertical plane; lift along any normal */
      double e[3] = {-r[1], r[0], 0.0};
      bmd_vec3_unit(e, n);
      nn = 1.0;
    }
    for (int i = 0; i < 3; i++) n[i] /= nn;
    bmd_vec3_cross(vh, n, b);
    vh2 = vv * vv - hdot * hdot;
    geff = -bmd_vec3_dot(ag, up) - vh2 / rr;
    if (p->to_target) {
      double d[3], dn, dh[3], dd, hv[3], x, z, dep;
      for (int i = 0; i < 3; i++) d[i] = p->tgt_ecef_m[i] - r[i];
      dn = bmd_vec3_norm(d);
      dd = bmd_vec3_dot(d, up);
      /* the heading error to the target, positive when it lies to the right */
      for (int i = 0; i < 3; i++) {
        dh[i] = d[i] - dd * up[i];
        hv[i] = v[i] - hdot * up[i];
      }
      bmd_vec3_cross(hv, dh, dlift); /* scratch */
      z = -bmd_vec3_dot(dlift, up);
      x = bmd_vec3_dot(hv, dh);
      as = sqrt(fmax(0.0, vh2)) * atan2(z, x) / BMD_GLIDE_TURN_TAU_S;
      /* the target's depression below the local horizontal less half the central angle
         (the Earth's curvature's part: a point on the surface a central angle c away lies
         c/2 below the horizon of a point on the surface) */
      dep = asin(fmax(-1.0, fmin(1.0, -dd / fmax(dn, 1.0)))) -
            0.5 * acos(fmax(-1.0, fmin(1.0, bmd_vec3_dot(r, p->tgt_ecef_m) /
                                             (rr * bmd_vec3_norm(p->tgt_ecef_m)))));
      /* the dive takes over across BMD_GLIDE_BLEND_RAD below dive_deg: the acceleration
         stays continuous, which the integrator's error control needs */
      w = fmax(0.0, fmin(1.0, (dep - p->dive_rad) / BMD_GLIDE_BLEND_RAD + 1.0));
      if (w > 0.0) {
        /* dive: pursuit of the line of sight, gravity's normal part taken out */
        double u[3], uv, gv = bmd_vec3_dot(ag, vh), k = BMD_GLIDE_PURSUIT_N * vv * vv / fmax(dn, BMD_GLIDE_PURSUIT_MIN_M);
        for (int i = 0; i < 3; i++) u[i] = d[i] / fmax(dn, BMD_GLIDE_PURSUIT_MIN_M);
        uv = bmd_vec3_dot(u, vh);
        for (int i = 0; i < 3; i++) dlift[i] = k * (u[i] - uv * vh[i]) - (ag[i] - gv * vh[i]);
        m = bmd_vec3_norm(dlift);
        if (m > lmax)
          for (int i = 0; i < 3; i++) dlift[i] *= lmax / m;
      }
    }
    /* the glide: the vertical channel's law, the bank's turn */
    gref = fmax(geff, 0.05 * BMD_US76_G0_MPS2);
    an = geff - 2.0 * BMD_GLIDE_ZETA * BMD_GLIDE_OMEGA_RADPS * hdot +
         BMD_GLIDE_OMEGA_RADPS * BMD_GLIDE_OMEGA_RADPS * BMD_GLIDE_SCALE_H_M * log(lmax / gref);
    an = fmax(0.0, fmin(an, lmax));
    if (p->to_target) {
      double lim = an * p->tan_max_bank;
      as = fmax(-lim, fmin(lim, as));
    } else {
      as = an * p->tan_bank;
    }
    m = sqrt(an * an + as * as);
    if (m > lmax) {
      an *= lmax / m;
      as *= lmax / m;
    }
    for (int i = 0; i < 3; i++) lift[i] = (1.0 - w) * (an * n[i] + as * b[i]) + (w > 0.0 ? w * dlift[i] : 0.0);
    for (int i = 0; i < 3; i++) a[i] += lift[i];
  }
  dy[0] = v[0];
  dy[1] = v[1];
  dy[2] = v[2];
  dy[3] = a[0];
  dy[4] = a[1];
  dy[5] = a[2];
}

double bmd_glide_eq_density(double v, double r, double g, double beta, double ld) {
  double geff = g - v * v / r;
  return geff > 0.0 ? 2.0 * beta * geff / (ld * v * v) : 0.0;
}

double bmd_glide_eq_height(double rho) {
  double lo = 0.0, hi = 86000.0;
  if (!(rho <= bmd_atmos_density(lo)) || !(rho >= bmd_atmos_density(hi))) return nan("");
  while (hi - lo > 1.0) {
    double mid = 0.5 * (lo + hi);
    if (bmd_atmos_density(mid) > rho) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

double bmd_glide_range_closed(double v0, double v1, double r, double g, double ld) {
  double gr = g * r;
  return ld * 0.5 * r * log((1.0 - v1 * v1 / gr) / (1.0 - v0 * v0 / gr));
}

double bmd_glide_time_closed(double v0, double v1, double r, double g, double ld) {
  double c = sqrt(g * r);
  return ld * sqrt(r / g) * (atanh(v0 / c) - atanh(v1 / c));
}

/* one flight of the glider: cut-off t_c, guidance g */
static int fly(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
               const struct bmd_aim_request *rq, double az, double t_c,
               const struct bmd_glide_guide *g, struct bmd_traj_result *res) {
  struct bmd_traj_opts fo = *o;
  struct bmd_traj_control c;
  memset(&c, 0, sizeof c);
  c.azimuth_deg = az;
  c.kick_deg = v->glide.kick_deg;
  c.cutoff_s = t_c;
  c.glide = *g;
  fo.record = 0;
  fo.t_stop_s = 0.0;
  return bmd_traj_fly(v, &fo, rq->lat_deg, rq->lon_deg, rq->alt_m, &c, res);
}

int bmd_glide_aim(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                  const struct bmd_aim_request *rq, struct bmd_aim_result *out) {
  struct bmd_traj_result res;
  struct bmd_glide_guide g;
  double az, s, tol = rq->tol_m > 100.0 ? rq->tol_m : 100.0;
  double T = bmd_vehicle_total_burn_s(v), t_c = T, want;
  int st;
  memset(out, 0, sizeof *out);
  bmd_aim_result_init(out);
  if (!v->glide.have) return BMD_EINVAL;
  bmd_geodesic_inverse(o->phys.earth, rq->lat_deg, rq->lon_deg, rq->tgt_lat_deg, rq->tgt_lon_deg,
                       &s, &az, NULL);
  out->target_range_m = s;
  if (s < BMD_AIM_MIN_RANGE_M) return BMD_EINVAL;
  /* the longest glide toward the target: a full burn, no steering, no dive */
  memset(&g, 0, sizeof g);
  st = fly(v, o, rq, az, T, &g, &res);
  out->flights++;
  if (st != BMD_OK) return st == BMD_ERANGE ? BMD_ESOLVER : st;
  out->max_range_m = res.range_m;
  out->max_range_kick_deg = v->glide.kick_deg;
  if (res.range_m < s) {
    out->limit = BMD_AIM_LIMIT_RANGE;
    return BMD_ERANGE;
  }
  /* range control (G4 of docs/models/glide.md): the booster's cut-off at which the glide
     without a dive would go BMD_GLIDE_RESERVE beyond the target (the reserve pays for
     the steering and the dive), by bisection; a full burn where even that is too far */
  want = s * (1.0 + BMD_GLIDE_RESERVE);
  if (res.range_m > want) {
    double lo = 0.0, hi = T;
    for (int i = 0; i < 24; i++) {
      double mid = 0.5 * (lo + hi);
      st = fly(v, o, rq, az, mid, &g, &res);
      out->flights++;
      if (st == BMD_OK && res.range_m >= want) hi = mid;
      else if (st == BMD_OK) lo = mid;
      else return st == BMD_ERANGE ? BMD_ESOLVER : st;
    }
    t_c = hi;
  }
  g.to_target = 1;
  g.tgt_lat_deg = rq->tgt_lat_deg;
  g.tgt_lon_deg = rq->tgt_lon_deg;
  out->control.azimuth_deg = az;
  out->control.kick_deg = v->glide.kick_deg;
  out->control.cutoff_s = t_c;
  out->control.glide = g;
  st = fly(v, o, rq, az, t_c, &g, &res);
  out->flights++;
  if (st != BMD_OK) return st == BMD_ERANGE ? BMD_ESOLVER : st;
  bmd_geodesic_inverse(o->phys.earth, res.impact_lat_deg, res.impact_lon_deg, rq->tgt_lat_deg,
                       rq->tgt_lon_deg, &out->miss_m, NULL, NULL);
  return out->miss_m <= tol ? BMD_OK : BMD_ESOLVER;
}
