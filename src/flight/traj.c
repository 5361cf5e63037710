/* traj.c - powered ascent and free flight of one missile (traj.h). */
#include <bmd/traj.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/atmos.h>
#include <bmd/ballistic.h>
#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/glide.h>
#include <bmd/status.h>
#include <bmd/vec3.h>

#define REENTRY_ALT_M 100000.0 /* conventional entry interface for "re-entry speed" (m) */
#define KICK_FRACTION 0.1      /* pitch-over lasts this fraction of the first burn */

const char *bmd_phase_name(enum bmd_phase p) {
  static const char *const n[] = {"vertical", "pitch", "boost", "coast", "midcourse", "reentry", "glide"};
  return (unsigned)p < 7 ? n[p] : "unknown";
}

void bmd_traj_opts_default(struct bmd_traj_opts *o) {
  bmd_physics_default(&o->phys);
  bmd_integrate_opts_default(&o->io);
  /* measured (docs/models/integrator.md): impact within 0.1 m of the converged solution for
     an ICBM; 1e-3 m / 1e-6 m/s leaves ~9 m, mostly from the boost phase */
  bmd_traj_opts_atol(o, 1e-5);
  o->record = 0;
  o->t_stop_s = 0.0;
}

void bmd_traj_opts_atol(struct bmd_traj_opts *o, double atol_m) {
  for (int i = 0; i < 3; i++) {
    o->io.atol[i] = atol_m;
    o->io.atol[3 + i] = atol_m * 1e-3;
  }
  o->io.atol[6] = atol_m;
}

double bmd_traj_speed_bound(const struct bmd_traj_result *res) {
  double v2max = 0.0;
  for (long i = 0; i < res->nsamples; i++) {
    const double *w = res->samples[i].v_ecef_mps;
    double v2 = w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
    if (v2 > v2max) v2max = v2;
  }
  return 1.05 * sqrt(v2max) + 1.0;
}

enum guide { G_VERTICAL, G_PITCH, G_VELOCITY };

struct powered {
  struct bmd_physics phys;
  double omega;
  double thrust_N, mdot_kgps;  /* 0 while coasting */
  double area_m2;
  const struct bmd_cd_table *cd;
  enum guide guide;
  double t_pitch0_s, kick_s, kick_rad;
  double az_dir[3];            /* launch-azimuth horizontal unit vector (ECEF) */
  int layer;
};

/* y = (r, v, m); Earth-fixed frame. */
static void powered_rhs(double t, const double *y, double *dy, void *pv) {
  struct powered *p = pv;
  double a[3], up[3], h, vv, u[3];
  const double *v = y + 3;
  double m = y[6];
  bmd_physics_gravity(&p->phys, y, a);
  if (p->omega != 0.0) bmd_physics_frame_accel(p->omega, y, v, a);
  vv = bmd_vec3_norm(v);
  /* the height and local vertical only where they are used: the local vertical for the
     thrust direction of the vertical rise and pitch-over (with the height, one Bowring
     step), the height alone for drag (bmd_physics_height_near, within 0.04 mm below 120 km);
     a coast above the atmosphere needs neither */
  if (p->thrust_N > 0.0 && (p->guide != G_VELOCITY || vv < 1.0))
    h = bmd_physics_height(&p->phys, y, up);
  else if (p->phys.drag && p->layer < 7 && vv > 0.0)
    h = bmd_physics_height_near(&p->phys, y);
  else
    h = 0.0;
  if (p->phys.drag && p->layer < 7 && vv > 0.0) {
    double rho = bmd_atmos_density_layer(h, p->layer);
    /* drag force 0.5 rho v^2 Cd(M) A against the air-relative velocity */
    double k = -0.5 * rho * vv * bmd_cd_eval(p->cd, vv / bmd_atmos_sound_speed(h)) * p->area_m2 / m;
    a[0] += k * v[0];
    a[1] += k * v[1];
    a[2] += k * v[2];
  }
  if (p->thrust_N > 0.0) {
    if (p->guide == G_VERTICAL || (p->guide == G_VELOCITY && vv < 1.0)) {
      memcpy(u, up, sizeof u);
    } else if (p->guide == G_PITCH) {
      double th = p->kick_rad * fmin(1.0, (t - p->t_pitch0_s) / p->kick_s);
      for (int i = 0; i < 3; i++) u[i] = cos(th) * up[i] + sin(th) * p->az_dir[i];
    } else {
      for (int i = 0; i < 3; i++) u[i] = v[i] / vv;
    }
    double f = p->thrust_N / m;
    a[0] += f * u[0];
    a[1] += f * u[1];
    a[2] += f * u[2];
  }
  dy[0] = v[0];
  dy[1] = v[1];
  dy[2] = v[2];
  dy[3] = a[0];
  dy[4] = a[1];
  dy[5] = a[2];
  dy[6] = -p->mdot_kgps;
}

struct recorder {
  struct bmd_traj_result *res;
  const struct bmd_physics *phys;
  int phase;        /* phase for the samples; free flight picks midcourse/reentry */
  int free_flight;
  int glider;       /* the free flight is a glider's: below 100 km it is "glide" */
  double mass_kg;
  int oom;
  double prev_h, prev_speed;
  int have_prev;
  /* the launch plane (unit vectors: e1 to the launch point, e2 along the launch azimuth)
     and the unwrapping of the downrange angle atan2(r.e2, r.e1): crossings of the
     half-plane behind the Earth's centre (r.e1 < 0) where r.e2 changes sign */
  double e1[3], e2[3];
  double prev_y2;
  int wraps;
};

/* the downrange angle's unwrapping at position r (see struct recorder) */
static void unwrap(struct recorder *rc, const double *r) {
  double y2 = bmd_vec3_dot(r, rc->e2);
  if (bmd_vec3_dot(r, rc->e1) < 0.0) {
    if (rc->prev_y2 >= 0.0 && y2 < 0.0) rc->wraps++;
    else if (rc->prev_y2 < 0.0 && y2 >= 0.0) rc->wraps--;
  }
  rc->prev_y2 = y2;
}

/* free-flight observer: the first descending crossing of 100 km gives the re-entry speed
   (linear between steps: above the atmosphere speed changes by < 0.1% per step) */
static void watch(void *ctx, double t, const double *y) {
  struct recorder *rc = ctx;
  double h = bmd_physics_height(rc->phys, y, NULL), speed = bmd_vec3_norm(y + 3);
  (void)t;
  unwrap(rc, y);
  if (rc->have_prev && rc->prev_h >= REENTRY_ALT_M && h < REENTRY_ALT_M &&
      !(rc->res->reentry_speed_mps > 0.0)) {
    double s = (rc->prev_h - REENTRY_ALT_M) / (rc->prev_h - h);
    rc->res->reentry_speed_mps = rc->prev_speed + s * (speed - rc->prev_speed);
  }
  rc->prev_h = h;
  rc->prev_speed = speed;
  rc->have_prev = 1;
}

/* observer that keeps every accepted step as a sample */
static void record(void *ctx, double t, const double *y) {
  struct recorder *rc = ctx;
  struct bmd_traj_result *res = rc->res;
  int phase = rc->phase;
  if (rc->free_flight) {
    double up[3], h = bmd_physics_height(rc->phys, y, up);
    watch(ctx, t, y);
    if (rc->glider && h < REENTRY_ALT_M) phase = BMD_PHASE_GLIDE;
    else
      phase = (h < REENTRY_ALT_M && bmd_vec3_dot(y + 3, up) < 0.0) ? BMD_PHASE_REENTRY
                                                                   : BMD_PHASE_MIDCOURSE;
  }
  if (rc->oom) return;
  if (res->nsamples == res->cap) {
    long nc = res->cap ? res->cap * 2 : 256;
    struct bmd_traj_sample *ns = realloc(res->samples, (size_t)nc * sizeof *ns);
    if (!ns) {
      rc->oom = 1;
      return;
    }
    res->samples = ns;
    res->cap = nc;
  }
  struct bmd_traj_sample *s = &res->samples[res->nsamples++];
  s->t_s = t;
  memcpy(s->r_ecef_m, y, sizeof s->r_ecef_m);
  memcpy(s->v_ecef_mps, y + 3, sizeof s->v_ecef_mps);
  s->mass_kg = rc->free_flight ? rc->mass_kg : y[6];
  s->phase = phase;
}

int bmd_traj_state_at(const struct bmd_traj_result *res, double t, long *hint, double r[3],
                      double v[3]) {
  long n = res->nsamples, j = hint ? *hint : 0;
  if (n < 2 || !(t >= res->samples[0].t_s) || t > res->samples[n - 1].t_s) return 0;
  if (hint) {
    if (j < 0 || j > n - 2 || res->samples[j].t_s > t) j = 0;
    while (j + 2 < n && res->samples[j + 1].t_s < t) j++;
    *hint = j;
  } else {
    long hi = n - 1;
    while (hi - j > 1) {
      long mid = (j + hi) / 2;
      if (res->samples[mid].t_s <= t) j = mid; else hi = mid;
    }
  }
  const struct bmd_traj_sample *a = &res->samples[j], *b = &res->samples[j + 1];
  double s = b->t_s > a->t_s ? (t - a->t_s) / (b->t_s - a->t_s) : 0.0;
  for (int k = 0; k < 3; k++) {
    r[k] = a->r_ecef_m[k] + s * (b->r_ecef_m[k] - a->r_ecef_m[k]);
    if (v) v[k] = a->v_ecef_mps[k] + s * (b->v_ecef_mps[k] - a->v_ecef_mps[k]);
  }
  return 1;
}

/* cubic Hermite interpolation on positions and velocities (Burden & Faires, Numerical
   Analysis, sec. 3.4) */
int bmd_traj_state_hermite(const struct bmd_traj_result *r, double t, long *hint, double p[3],
                           double v[3]) {
  long n = r->nsamples, j = *hint;
  const struct bmd_traj_sample *a, *b;
  double h, u, h00, h10, h01, h11, d00, d10, d01, d11;
  if (n < 2 || !(t >= r->samples[0].t_s) || t > r->samples[n - 1].t_s) return 0;
  if (j < 0 || j > n - 2 || r->samples[j].t_s > t) j = 0;
  while (j + 2 < n && r->samples[j + 1].t_s < t) j++;
  *hint = j;
  a = &r->samples[j];
  b = &r->samples[j + 1];
  h = b->t_s - a->t_s;
  if (!(h > 1e-9)) {
    memcpy(p, b->r_ecef_m, sizeof b->r_ecef_m);
    memcpy(v, b->v_ecef_mps, sizeof b->v_ecef_mps);
    return 1;
  }
  u = fmin(1.0, fmax(0.0, (t - a->t_s) / h));
  h00 = (2.0 * u - 3.0) * u * u + 1.0;
  h10 = ((u - 2.0) * u + 1.0) * u;
  h01 = (3.0 - 2.0 * u) * u * u;
  h11 = (u - 1.0) * u * u;
  d00 = 6.0 * u * (u - 1.0);
  d10 = (3.0 * u - 4.0) * u + 1.0;
  d01 = -d00;
  d11 = (3.0 * u - 2.0) * u;
  for (int k = 0; k < 3; k++) {
    p[k] = h00 * a->r_ecef_m[k] + h10 * h * a->v_ecef_mps[k] + h01 * b->r_ecef_m[k] +
           h11 * h * b->v_ecef_mps[k];
    v[k] = (d00 * a->r_ecef_m[k] + d01 * b->r_ecef_m[k]) / h + d10 * a->v_ecef_mps[k] +
           d11 * b->v_ecef_mps[k];
  }
  return 1;
}

/* pieces of at most dt that bmd_traj_densify cuts the step after sample i into (1 for
   a repeated time, as at the end of one segment and the start of the next) */
static long steps_of(const struct bmd_traj_result *in, long i, double dt) {
  double m = ceil((in->samples[i + 1].t_s - in->samples[i].t_s) / dt - 1e-9);
  return m > 1.0 ? (long)m : 1;
}

int bmd_traj_densify(const struct bmd_traj_result *in, double dt_s, struct bmd_traj_result *out) {
  long n = 0, hint = 0;
  struct bmd_traj_sample *s;
  if (!(dt_s > 0.0) || in->nsamples < 1) return BMD_EINVAL;
  for (long i = 0; i + 1 < in->nsamples; i++) n += steps_of(in, i, dt_s) - 1;
  n += in->nsamples;
  s = malloc((size_t)n * sizeof *s);
  if (!s) return BMD_ENOMEM;
  *out = *in;
  out->samples = s;
  out->nsamples = out->cap = n;
  for (long i = 0, k = 0; i < in->nsamples; i++) {
    const struct bmd_traj_sample *a = &in->samples[i];
    s[k++] = *a;
    if (i + 1 == in->nsamples) break;
    {
      double h = in->samples[i + 1].t_s - a->t_s;
      long m = steps_of(in, i, dt_s);
      for (long q = 1; q < m; q++) {
        struct bmd_traj_sample *p = &s[k++];
        *p = *a;   /* mass and phase of the step's start */
        p->t_s = a->t_s + h * (double)q / (double)m;
        hint = i;
        bmd_traj_state_hermite(in, p->t_s, &hint, p->r_ecef_m, p->v_ecef_mps);
      }
    }
  }
  return BMD_OK;
}

void bmd_traj_result_release(struct bmd_traj_result *res) {
  if (!res) return;
  free(res->samples);
  res->samples = NULL;
  res->nsamples = res->cap = 0;
}

/* the osculating perigee height (m, over the equatorial radius: BMD_SPHERE_R_M on the
   sphere) of the inertial state at position r (m) and Earth-relative velocity v (m/s),
   the Earth turning at W (rad/s): r_p = a (1 - e), a = -mu / (2 eps), eps = v^2/2 - mu/r,
   e^2 = 1 + 2 eps h^2 / mu^2 (Bate, Mueller & White (1971), eqs. 1.4-2, 1.6-4, 1.7-8);
   +infinity for an escape (eps >= 0) */
static double perigee_alt(const struct bmd_physics *ph, double W, const double r[3],
                          const double v[3]) {
  const double mu = BMD_WGS84_GM_M3PS2;
  double vin[3] = {v[0] - W * r[1], v[1] + W * r[0], v[2]}, h[3];
  double rn = bmd_vec3_norm(r), v2 = bmd_vec3_dot(vin, vin), eps = 0.5 * v2 - mu / rn;
  double req = ph->earth == BMD_EARTH_SPHERE ? BMD_SPHERE_R_M : BMD_WGS84_A_M, e2;
  if (!(eps < 0.0)) return HUGE_VAL;
  bmd_vec3_cross(r, vin, h);
  e2 = 1.0 + 2.0 * eps * bmd_vec3_dot(h, h) / (mu * mu);
  return -mu / (2.0 * eps) * (1.0 - sqrt(fmax(0.0, e2))) - req;
}

int bmd_traj_fly(const struct bmd_vehicle *v, const struct bmd_traj_opts *o, double lat_deg,
                 double lon_deg, double alt_m, const struct bmd_traj_control *c,
                 struct bmd_traj_result *res) {
  struct powered p;
  struct bmd_integrate_problem pb;
  struct bmd_integrate_result ir;
  struct bmd_integrate_opts pio;
  struct recorder rc;
  double y[7], e[3], n[3], u[3], t = 0.0, h_next = 0.0;
  double lat = lat_deg * BMD_DEG, lon = lon_deg * BMD_DEG, az = c->azimuth_deg * BMD_DEG;
  double total = bmd_vehicle_total_burn_s(v), cutoff = c->cutoff_s;
  int st = BMD_OK, crashed = 0;
  long nfev = 0;

  memset(res, 0, sizeof *res);
  if (!(c->kick_deg > 0.0 && c->kick_deg < 90.0) || !isfinite(c->azimuth_deg) ||
      !(cutoff > 0.0))
    return BMD_EINVAL;
  if (cutoff > total) cutoff = total;

  pio = o->io;
  pio.stop_after_s = 0.0;   /* t_stop_s applies to the free flight alone */
  memset(&p, 0, sizeof p);
  p.phys = o->phys;
  p.omega = bmd_physics_omega(&o->phys);
  p.kick_rad = c->kick_deg * BMD_DEG;
  p.kick_s = v->pitch_over_s > 0.0 ? v->pitch_over_s : KICK_FRACTION * v->stage[0].burn_time_s;
  p.t_pitch0_s = v->vertical_s;
  p.layer = 0;
  bmd_physics_enu_basis(&o->phys, lat, lon, e, n, u);
  for (int i = 0; i < 3; i++) p.az_dir[i] = sin(az) * e[i] + cos(az) * n[i];

  bmd_physics_to_ecef(&o->phys, lat, lon, alt_m, y);
  /* the launch plane: e1 toward the launch point, e2 the launch azimuth's direction made
     normal to it (the ellipsoid's normal and the geocentric radial differ by < 0.2 deg) */
  memset(&rc, 0, sizeof rc);
  bmd_vec3_unit(y, rc.e1);
  {
    double d = bmd_vec3_dot(p.az_dir, rc.e1), w[3];
    for (int i = 0; i < 3; i++) w[i] = p.az_dir[i] - d * rc.e1[i];
    bmd_vec3_unit(w, rc.e2);
  }
  y[3] = y[4] = y[5] = 0.0;
  y[6] = bmd_vehicle_liftoff_kg(v);

  pb.n = 7;
  pb.rhs = powered_rhs;
  pb.params = &p;
  pb.layer = o->phys.drag ? &p.layer : NULL;
  pb.phys = &o->phys;

  rc.res = res;
  rc.phys = &o->phys;
  res->apogee_alt_m = alt_m;
  res->fail_stage = 0;
  res->fail_t_s = t;

  /* powered flight: one integration segment per guidance phase, stage and coast */
  for (int s = 0; s < v->nstages && t < cutoff && !crashed; s++) {
    const struct bmd_stage *sg = &v->stage[s];
    double t_burn_end = t + sg->burn_time_s;
    p.area_m2 = sg->area_m2;
    p.cd = &sg->cd;
    /* burn, split at the guidance switches */
    while (t < t_burn_end - 1e-12 && t < cutoff && !crashed) {
      double t_seg = fmin(t_burn_end, cutoff);
      if (t < v->vertical_s) {
        p.guide = G_VERTICAL;
        t_seg = fmin(t_seg, v->vertical_s);
        rc.phase = BMD_PHASE_VERTICAL;
      } else if (t < v->vertical_s + p.kick_s) {
        p.guide = G_PITCH;
        t_seg = fmin(t_seg, v->vertical_s + p.kick_s);
        rc.phase = BMD_PHASE_PITCH;
      } else {
        p.guide = v->pitch_hold ? G_PITCH : G_VELOCITY;
        rc.phase = BMD_PHASE_BOOST;
      }
      p.mdot_kgps = sg->propellant_kg / sg->burn_time_s;
      p.thrust_N = p.mdot_kgps * sg->isp_s * BMD_US76_G0_MPS2; /* Sutton & Biblarz eq. 2-5 */
      res->fail_stage = s;
      if (!isfinite(p.thrust_N) || !isfinite(p.mdot_kgps)) {
        /* powered_rhs tests thrust_N > 0, so a NaN thrust would silently coast */
        st = BMD_ENONFINITE;
        res->fail_t_s = t;
        goto done;
      }
      st = bmd_integrate_run(&pb, &pio, t, y, t_seg, 1, h_next, o->record ? record : NULL,
                             &rc, &ir);
      nfev += ir.nfev;
      if (st != BMD_OK) {
        res->fail_t_s = ir.t_s;
        goto done;
      }
      memcpy(y, ir.y, sizeof y);
      t = ir.t_s;
      h_next = ir.h_next_s;
      if (ir.apogee_h_m > res->apogee_alt_m) {
        res->apogee_alt_m = ir.apogee_h_m;
        res->apogee_t_s = ir.apogee_t_s;
      }
      if (ir.hit_ground) crashed = 1;
    }
    if (crashed || t >= cutoff - 1e-12) break;
    /* staging: drop this stage's dry mass (its propellant is spent) */
    y[6] -= sg->dry_kg;
    if (s + 1 < v->nstages && sg->coast_s > 0.0) {
      p.thrust_N = p.mdot_kgps = 0.0;
      p.guide = G_VELOCITY;
      p.area_m2 = v->stage[s + 1].area_m2;
      p.cd = &v->stage[s + 1].cd;
      rc.phase = BMD_PHASE_COAST;
      double t_seg = fmin(t + sg->coast_s, cutoff);
      res->fail_stage = s;
      st = bmd_integrate_run(&pb, &pio, t, y, t_seg, 1, h_next, o->record ? record : NULL,
                             &rc, &ir);
      nfev += ir.nfev;
      if (st != BMD_OK) {
        res->fail_t_s = ir.t_s;
        goto done;
      }
      memcpy(y, ir.y, sizeof y);
      t = ir.t_s;
      h_next = ir.h_next_s;
      if (ir.hit_ground) crashed = 1;
    }
  }

  /* burnout (or thrust termination) */
  {
    double up[3], vin[3], W = p.omega;
    res->burnout_t_s = t;
    memcpy(res->burnout_r_ecef_m, y, sizeof res->burnout_r_ecef_m);
    memcpy(res->burnout_v_ecef_mps, y + 3, sizeof res->burnout_v_ecef_mps);
    res->burnout_speed_mps = bmd_vec3_norm(y + 3);
    vin[0] = y[3] - W * y[1];
    vin[1] = y[4] + W * y[0];
    vin[2] = y[5];
    res->burnout_speed_inertial_mps = bmd_vec3_norm(vin);
    res->burnout_alt_m = bmd_physics_height(&o->phys, y, up);
    res->burnout_gamma_deg =
        res->burnout_speed_mps > 0.0
            ? asin(fmax(-1.0, fmin(1.0, bmd_vec3_dot(y + 3, up) / res->burnout_speed_mps))) / BMD_DEG
            : 90.0;
    res->perigee_alt_m = perigee_alt(&o->phys, W, y, y + 3);
    res->orbital = !crashed && res->perigee_alt_m > BMD_TRAJ_ORBIT_PERIGEE_M;
    rc.prev_y2 = bmd_vec3_dot(y, rc.e2);
    rc.wraps = 0;
  }
  res->downrange_rad = nan("");
  /* an orbital payload never comes down: flying its free flight for a day would only
     measure how far it got (a caller that stops the flight at t_stop_s still gets it) */
  if (res->orbital && !(o->t_stop_s > 0.0)) {
    st = BMD_ERANGE;
    goto done;
  }

  /* free flight of the payload to impact */
  if (!crashed) {
    struct bmd_ballistic_params bp;
    struct bmd_glide_rhs_params gp;
    struct bmd_integrate_opts fio;
    double y6[6];
    bp.phys = o->phys;
    bp.omega_radps = p.omega;
    bp.inv_beta = o->phys.drag ? 1.0 / v->rv_beta_kgm2 : 0.0;
    bp.layer = 7;
    pb.n = 6;
    if (v->glide.have) {
      /* a glider: lift and its guidance (glide.h) */
      bmd_glide_rhs_init(&gp, v, &o->phys, &c->glide);
      pb.rhs = bmd_glide_rhs;
      pb.params = &gp;
      pb.layer = o->phys.drag ? &gp.layer : NULL;
      rc.glider = 1;
    } else {
      pb.rhs = bmd_ballistic_rhs;
      pb.params = &bp;
      pb.layer = o->phys.drag ? &bp.layer : NULL;
    }
    memcpy(y6, y, sizeof y6);
    rc.free_flight = 1;
    rc.mass_kg = v->payload_kg;
    rc.have_prev = 0;
    res->fail_stage = -1;
    fio = o->io;
    fio.stop_after_s = o->t_stop_s;
    st = bmd_integrate_run(&pb, &fio, t, y6, t + 86400.0, 1, h_next,
                           o->record ? record : watch, &rc, &ir);
    nfev += ir.nfev;
    if (st != BMD_OK) {
      res->fail_t_s = ir.t_s;
      goto done;
    }
    if (!ir.hit_ground && o->t_stop_s > 0.0 && ir.t_s >= o->t_stop_s) {
      if (ir.apogee_h_m > res->apogee_alt_m) {
        res->apogee_alt_m = ir.apogee_h_m;
        res->apogee_t_s = ir.apogee_t_s;
      }
      res->stopped = 1;
      res->impact_t_s = res->impact_speed_mps = res->impact_lat_deg = res->impact_lon_deg =
          res->range_m = nan("");
      if (rc.oom) st = BMD_ENOMEM;
      goto done;
    }
    if (!ir.hit_ground) {
      st = BMD_ERANGE; /* orbits or escapes */
      goto done;
    }
    memcpy(y, ir.y, 6 * sizeof *y);
    t = ir.t_s;
    if (ir.apogee_h_m > res->apogee_alt_m) {
      res->apogee_alt_m = ir.apogee_h_m;
      res->apogee_t_s = ir.apogee_t_s;
    }
  }
  {
    double la, lo;
    res->impact_t_s = t;
    res->impact_speed_mps = bmd_vec3_norm(y + 3);
    if (!(res->reentry_speed_mps > 0.0)) res->reentry_speed_mps = res->impact_speed_mps;
    bmd_physics_from_ecef(&o->phys, y, &la, &lo, NULL);
    res->impact_lat_deg = la / BMD_DEG;
    res->impact_lon_deg = lo / BMD_DEG;
    unwrap(&rc, y);
    res->downrange_rad = atan2(bmd_vec3_dot(y, rc.e2), bmd_vec3_dot(y, rc.e1)) + 2.0 * BMD_PI * rc.wraps;
    res->past_antipode = res->downrange_rad > BMD_PI;
    bmd_geodesic_inverse(o->phys.earth, lat_deg, lon_deg, res->impact_lat_deg,
                         res->impact_lon_deg, &res->range_m, NULL, NULL);
  }
  if (rc.oom) st = BMD_ENOMEM;
done:
  res->nfev = nfev;
  res->status = st;
  return st;
}
