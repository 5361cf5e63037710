/* aim_hit.c - a flight measured against the target's bearing; the pitch-over held and the
   launch azimuth and cut-off solved to land on the target; the maximum range toward the
   bearing (aim.h, aim_impl.h). */
#include <math.h>
#include <string.h>

#include <gsl/gsl_math.h>

#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>

#include "aim_impl.h"

#define SOLVE_TOL_M 5.0      /* aim.c's default: both miss components below 5 m */
#define HIT_MAX_FLIGHTS 60   /* one bmd_aim_hit_at (measured: 3-8 from a neighbour's
                                solution, 6-15 cold) */
#define FULL_MAX_FLIGHTS 30  /* one bmd_aim_full_at (measured: 2-4) */
/* the along-track range of a flight that does not land: beyond every target */
#define NOWHERE_M 1e12
/* the slope d(cross azimuth)/d(launch azimuth), learnt by secants, is kept within these:
   about 1 (turning the launch turns the whole flight), but near 0 for a near-vertical
   climb, which lands where the Earth's rotation puts it whatever the launch azimuth */
#define K_MIN 1e-3
#define K_MAX 10.0
#define DPSI_MAX_DEG 30.0   /* the largest turn of the launch azimuth in one step */

double bmd_aim_antipode_m(enum bmd_earth_shape shape, double lat, double lon) {
  double s;
  bmd_geodesic_inverse(shape, lat, lon, -lat, bmd_wrap180_deg(lon + 180.0), &s, NULL, NULL);
  return s;
}

void bmd_aim_ctx_init(struct bmd_aim_ctx *c, const struct bmd_vehicle *v,
                      const struct bmd_traj_opts *o, const struct bmd_aim_request *rq) {
  memset(c, 0, sizeof *c);
  c->v = v;
  c->o = *o;
  c->o.record = 0;
  c->o.t_stop_s = 0.0;
  c->lat_deg = rq->lat_deg;
  c->lon_deg = rq->lon_deg;
  c->alt_m = rq->alt_m;
  c->tgt_lat_deg = rq->tgt_lat_deg;
  c->tgt_lon_deg = rq->tgt_lon_deg;
  bmd_geodesic_inverse(o->phys.earth, rq->lat_deg, rq->lon_deg, rq->tgt_lat_deg, rq->tgt_lon_deg,
                       &c->s_tgt_m, &c->az_tgt_deg, NULL);
  c->s_anti_m = bmd_aim_antipode_m(o->phys.earth, rq->lat_deg, rq->lon_deg);
  c->total_burn_s = bmd_vehicle_total_burn_s(v);
  c->tol_m = rq->tol_m > 0.0 ? rq->tol_m : SOLVE_TOL_M;
  c->accept_m = fmax(BMD_AIM_MISS_OK_M, 2.0 * c->tol_m);
  c->apogee_tol_m = rq->apogee_tol_m > 0.0 ? rq->apogee_tol_m : BMD_AIM_APOGEE_TOL_M;
  c->max_flights = rq->max_flights > 0 ? rq->max_flights : BMD_AIM_MAX_FLIGHTS;
}

void bmd_aim_result_init(struct bmd_aim_result *out) {
  out->apogee_lo.apogee_km = out->apogee_hi.apogee_km = nan("");
  out->apogee_lo.kick_deg = out->apogee_hi.kick_deg = nan("");
  out->apogee_lo.by = out->apogee_hi.by = BMD_AIM_BOUND_NONE;
  out->limit = BMD_AIM_LIMIT_NONE;
}

int bmd_aim_fly_pt(struct bmd_aim_ctx *c, struct bmd_aim_pt *p) {
  struct bmd_traj_control ctl = {p->azimuth_deg, p->kick_deg, p->cutoff_s, {0}};
  struct bmd_traj_result r;
  double s, az, d;
  int st;
  if (c->flights >= c->max_flights) return BMD_ESOLVER;
  c->flights++;
  st = bmd_traj_fly(c->v, &c->o, c->lat_deg, c->lon_deg, c->alt_m, &ctl, &r);
  p->apogee_m = r.apogee_alt_m;
  /* orbital at burnout, or still flying a day later (a perigee inside the atmosphere but
     too high to come down within a day): either way it does not land */
  p->nolanding = st == BMD_ERANGE;
  p->orbit = p->nolanding && r.orbital;
  p->crashed = 0;
  p->past_antipode = 0;
  if (p->nolanding) {
    p->along_m = NOWHERE_M;
    p->cross_deg = p->cross_m = 0.0;
    p->impact_t_s = HUGE_VAL;
    return BMD_OK;
  }
  if (st != BMD_OK) return st;
  p->impact_t_s = r.impact_t_s;
  p->crashed = r.impact_t_s < fmin(p->cutoff_s, c->total_burn_s) - 1e-9;
  p->past_antipode = r.past_antipode;
  bmd_geodesic_inverse(c->o.phys.earth, c->lat_deg, c->lon_deg, r.impact_lat_deg,
                       r.impact_lon_deg, &s, &az, NULL);
  d = bmd_wrap180_deg(az - c->az_tgt_deg);
  p->cross_deg = d;
  p->cross_m = s * sin(d * BMD_DEG);
  /* past the antipode: the distance to it, scaled by how far beyond it the flight went in
     the launch plane (through many revolutions, for a flight that skims the atmosphere) */
  p->along_m = r.past_antipode ? c->s_anti_m * r.downrange_rad / BMD_PI : s * cos(d * BMD_DEG);
  return BMD_OK;
}

/* the cross-track correction can be trusted: the flight lands ahead, short of the
   antipode (behind the launch point the azimuth of the impact says nothing of the
   launch's) */
static int steerable(const struct bmd_aim_pt *p) {
  return !p->nolanding && !p->past_antipode && fabs(p->cross_deg) < 90.0;
}

static int hit_ok(const struct bmd_aim_ctx *c, const struct bmd_aim_pt *p) {
  return !p->nolanding && !p->past_antipode && fabs(p->along_m - c->s_tgt_m) < c->tol_m &&
         fabs(p->cross_m) < c->tol_m;
}

int bmd_aim_full_at(struct bmd_aim_ctx *c, double kick, double cutoff, double psi,
                    struct bmd_aim_pt *out) {
  struct bmd_aim_pt p, prev, best;
  double k = 1.0, turned = 0.0;
  memset(&prev, 0, sizeof prev);
  best.cross_m = HUGE_VAL;
  for (int it = 0; it < FULL_MAX_FLIGHTS; it++) {
    p.kick_deg = kick;
    p.azimuth_deg = psi;
    p.cutoff_s = fmin(cutoff, c->total_burn_s);
    if (bmd_aim_fly_pt(c, &p) != BMD_OK) return BMD_ESOLVER;
    if (!steerable(&p) || fabs(p.cross_m) < c->tol_m) {
      *out = p;
      return BMD_OK;
    }
    if (fabs(p.cross_m) < fabs(best.cross_m)) best = p;
    /* secant on d(cross azimuth)/d(launch azimuth), within [K_MIN, K_MAX] */
    if (it > 0 && fabs(p.azimuth_deg - prev.azimuth_deg) > 1e-12) {
      double kn = (p.cross_deg - prev.cross_deg) / (p.azimuth_deg - prev.azimuth_deg);
      if (kn > K_MIN && kn < K_MAX) k = kn;
    }
    prev = p;
    {
      double dpsi = fmax(-DPSI_MAX_DEG, fmin(DPSI_MAX_DEG, p.cross_deg / k));
      /* turned all the way round without landing on the bearing: at this pitch-over the
         launch azimuth has lost its hold on the impact (a near-vertical climb lands where
         the Earth's rotation puts it) and no flight reaches the bearing */
      if ((turned += fabs(dpsi)) > 360.0) return BMD_ERANGE;
      psi -= dpsi;
    }
  }
  /* the flights' noise kept the azimuth from tol_m: the best, if within the acceptance */
  if (fabs(best.cross_m) < c->accept_m) {
    *out = best;
    return BMD_OK;
  }
  return BMD_ESOLVER;
}

/* x = -J^-1 F for the 2x2 J (row-major); 0 if singular */
static int solve2(const double J[4], double f0, double f1, double *x0, double *x1) {
  double det = J[0] * J[3] - J[1] * J[2];
  if (!(fabs(det) > 1e-300) || !isfinite(det)) return 0;
  *x0 = -(J[3] * f0 - J[1] * f1) / det;
  *x1 = -(-J[2] * f0 + J[0] * f1) / det;
  return 1;
}

int bmd_aim_hit_at(struct bmd_aim_ctx *c, double kick, const struct bmd_aim_pt *guess,
                   double dadt, struct bmd_aim_pt *out, double *dadt_out) {
  const double T = c->total_burn_s, s = c->s_tgt_m;
  /* unknowns (launch azimuth deg, cut-off s); residuals (along - s in m, cross azimuth deg);
     J row-major: d along/d psi, d along/d t; d cross/d psi, d cross/d t */
  double J[4] = {0.0, dadt > 0.0 ? dadt : nan(""), 1.0, 0.0};
  double psi = guess ? guess->azimuth_deg : c->az_tgt_deg;
  double t = guess && guess->cutoff_s > 0.0 ? fmin(guess->cutoff_s, T) : T;
  double t_up = T;          /* the latest useful cut-off: the burn's end or a crash */
  double t_lo = 0.0, t_hi = HUGE_VAL;   /* cut-offs known to fall short / overshoot */
  struct bmd_aim_pt p, prev, best;
  double best_miss = HUGE_VAL, turned = 0.0;
  int have_prev = 0, resets = 0;
  memset(&prev, 0, sizeof prev);
  memset(&best, 0, sizeof best);
  for (int it = 0; it < HIT_MAX_FLIGHTS; it++) {
    double ea, ec, dpsi, dt, tn;
    p.kick_deg = kick;
    p.azimuth_deg = psi;
    p.cutoff_s = t;
    if (bmd_aim_fly_pt(c, &p) != BMD_OK) return BMD_ESOLVER;
    if (p.crashed) t_up = fmin(t_up, p.impact_t_s);
    if (hit_ok(c, &p) && !p.crashed) {
      *out = p;
      if (dadt_out) *dadt_out = J[1];
      return BMD_OK;
    }
    ea = p.along_m - s;
    ec = steerable(&p) ? p.cross_deg : 0.0;
    if (steerable(&p) && !p.crashed && fmax(fabs(ea), fabs(p.cross_m)) < best_miss) {
      best = p;
      best_miss = fmax(fabs(ea), fabs(p.cross_m));
    }
    if (ea < 0.0 && !p.crashed) t_lo = fmax(t_lo, t);
    else t_hi = fmin(t_hi, fmin(t, t_up));
    if (have_prev) {
      /* Broyden's rank-one update with the step taken (Broyden, Math. Comp. 19 (1965)) */
      double sp = p.azimuth_deg - prev.azimuth_deg, stt = p.cutoff_s - prev.cutoff_s;
      double fa = p.along_m - prev.along_m, fc = (steerable(&p) && steerable(&prev)) ? p.cross_deg - prev.cross_deg : 0.0;
      double ss = sp * sp + stt * stt;
      if (ss > 0.0 && isfinite(J[1])) {
        double ua = (fa - J[0] * sp - J[1] * stt) / ss, uc = (fc - J[2] * sp - J[3] * stt) / ss;
        J[0] += ua * sp;
        J[1] += ua * stt;
        J[2] += uc * sp;
        J[3] += uc * stt;
      } else if (!isfinite(J[1]) && fabs(stt) > 0.0 && fabs(sp) < 1e-12) {
        J[1] = fa / stt;
      }
    }
    prev = p;
    have_prev = 1;
    if (!isfinite(J[1]) || !(J[1] > 0.0)) {
      /* no slope yet (or a wrong-signed one): a difference step in the cut-off */
      double h = 0.01 * T;
      J[1] = nan("");
      J[0] = 0.0;
      J[2] = fmin(fmax(J[2], K_MIN), K_MAX);
      tn = t - h > 0.0 ? t - h : t + h;
      psi = p.azimuth_deg;
      t = tn;
      continue;
    }
    if (!solve2(J, ea, ec, &dpsi, &dt)) break;
    tn = t + dt;
    /* short at the end of the burn: the target is out of reach at this pitch-over once the
       azimuth is right */
    if (t >= t_up - 1e-9 && ea < 0.0 && tn >= t_up) {
      if (fabs(p.cross_m) < c->tol_m || !steerable(&p)) {
        *out = p;
        if (dadt_out) *dadt_out = J[1];
        return BMD_ERANGE;
      }
      tn = t_up;
      dpsi = -ec / (fabs(J[2]) > 1e-6 ? J[2] : 1.0);
    }
    /* keep the cut-off inside what is known to bracket the range */
    if (!(tn > t_lo && tn < t_hi) || tn > t_up) {
      if (isfinite(t_hi)) {
        tn = 0.5 * (t_lo + fmin(t_hi, t_up));
      } else {
        tn = t_up;
      }
    }
    if (isfinite(t_hi) && t_hi - t_lo < 1e-9 * T) {
      /* the bracket closed without a hit: the azimuth has moved under it; start it again */
      if (++resets > 3) break;
      t_lo = 0.0;
      t_hi = HUGE_VAL;
    }
    dpsi = fmax(-DPSI_MAX_DEG, fmin(DPSI_MAX_DEG, dpsi));
    /* turned all the way round without landing on the target: the launch azimuth has no
       hold on the impact at this pitch-over (bmd_aim_full_at) */
    if ((turned += fabs(dpsi)) > 360.0) {
      *out = p;
      return BMD_ERANGE;
    }
    psi += dpsi;
    t = tn;
  }
  /* the flights' noise kept the iteration from tol_m: the best, if within the acceptance */
  if (best_miss < c->accept_m) {
    *out = best;
    if (dadt_out) *dadt_out = J[1];
    return BMD_OK;
  }
  return BMD_ESOLVER;
}

/* minus the along-track range at pitch-over kick (or cut-off t, which = 1) at the fixed
   launch azimuth of struct alongctx and the other control, for Brent's minimiser; a flight
   past the antipode or that does not land counts as the antipode */
struct alongctx {
  struct bmd_aim_ctx *c;
  double psi_deg, kick_deg, cutoff_s;
  int which;
  int st, antipode;
};

static double neg_along(double x, void *pv) {
  struct alongctx *a = pv;
  struct bmd_aim_pt p;
  p.azimuth_deg = a->psi_deg;
  p.kick_deg = a->which ? a->kick_deg : x;
  p.cutoff_s = a->which ? x : a->cutoff_s;
  if (bmd_aim_fly_pt(a->c, &p) != BMD_OK) {
    if (!a->st) a->st = BMD_ESOLVER;
    return 0.0;
  }
  if (p.nolanding || p.past_antipode) a->antipode = 1;
  return -fmin(p.along_m, a->c->s_anti_m);
}

/* the best of one control (which: 0 pitch-over, 1 cut-off) near x within [lo, hi], the
   other held: Brent's method where x beats both ends of the bracket x / 1.25 .. x * 1.25
   (cut-off: x +- 5% of the burn), else the better end; *fx in and out */
static int best_along(struct alongctx *ac, double lo, double hi, double *x, double *fx) {
  gsl_function F = {neg_along, ac};
  double a, b, fa, fb, val, xb = *x;
  if (ac->which) {
    a = fmax(*x - 0.05 * ac->c->total_burn_s, lo);
    b = fmin(*x + 0.05 * ac->c->total_burn_s, hi);
  } else {
    a = fmax(*x / 1.25, lo);
    b = fmin(*x * 1.25, hi);
  }
  fa = a < *x ? neg_along(a, ac) : *fx;
  fb = b > *x ? neg_along(b, ac) : *fx;
  if (ac->st) return BMD_ESOLVER;
  if (*fx < fa && *fx < fb) {
    if (bmd_aim_brent_min(&F, a, fa, *x, *fx, b, fb, &val, &xb) != BMD_OK || ac->st)
      return BMD_ESOLVER;
    *fx = -val;
  } else if (fa < *fx || fb < *fx) {
    xb = fa < fb ? a : b;   /* the best is at an end */
    *fx = fmin(fa, fb);
  }
  *x = xb;
  return BMD_OK;
}

/* a missile whose full burn flies so high that it lands sooner (the Earth turning under a
   flight of hours) with a shorter burn: the best over pitch-over and cut-off, from a grid
   of both (the scan's angles, cut-offs every 5% of the burn from half of it), refined by
   Brent's method in each; the antipode when any flight passes it */
#define OVER_NT 11
static int over_energy(struct bmd_aim_ctx *c, struct alongctx *ac, double *kick, double *cut) {
  const double T = c->total_burn_s;
  static const double grid[] = {BMD_AIM_KICK_MIN_DEG, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0,
                                15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0,
                                BMD_AIM_KICK_MAX_DEG};
  double best = 0.0, x, fx;
  for (unsigned i = 0; i < sizeof grid / sizeof grid[0]; i++)
    for (int j = 0; j < OVER_NT; j++) {
      double t = T * (0.5 + 0.5 * j / (OVER_NT - 1)), f;
      ac->which = 0;
      ac->cutoff_s = t;
      f = neg_along(grid[i], ac);
      if (ac->st) return BMD_ESOLVER;
      if (ac->antipode) return BMD_OK;
      if (f < best) {
        best = f;
        *kick = grid[i];
        *cut = t;
      }
    }
  x = *cut;
  fx = best;
  ac->which = 1;
  ac->kick_deg = *kick;
  if (best_along(ac, 1e-3 * T, T, &x, &fx) != BMD_OK) return BMD_ESOLVER;
  *cut = x;
  x = *kick;
  ac->which = 0;
  ac->cutoff_s = *cut;
  if (best_along(ac, BMD_AIM_KICK_MIN_DEG, BMD_AIM_KICK_MAX_DEG, &x, &fx) != BMD_OK)
    return BMD_ESOLVER;
  *kick = x;
  return BMD_OK;
}

int bmd_aim_reach_ctx(struct bmd_aim_ctx *c, struct bmd_aim_reach *out, struct bmd_aim_pt *best) {
  const double T = c->total_burn_s;
  double rg, kg, x, fx, cut = T;
  int antipode = 0, orbit = 0, st;
  struct bmd_aim_pt p, q;
  struct alongctx ac;
  memset(out, 0, sizeof *out);
  memset(&ac, 0, sizeof ac);
  ac.c = c;
  st = bmd_aim_scan(c->v, &c->o, c->lat_deg, c->lon_deg, c->alt_m, c->az_tgt_deg, &rg, &kg,
                    &antipode, &orbit, &c->flights);
  if (st != BMD_OK) return BMD_ESOLVER;
  /* turn the launch so that the scan's best flight lands on the bearing */
  if (bmd_aim_full_at(c, kg, T, c->az_tgt_deg, &p) != BMD_OK) return BMD_ESOLVER;
  antipode = antipode || p.past_antipode || p.nolanding;
  if (!antipode) {
    /* then the best pitch-over at that launch azimuth, measured along the bearing: Brent's
       method near the scan's angle (the turn changes little with the angle, and the
       along-track range errs only by the square of the cross-track angle) */
    ac.psi_deg = p.azimuth_deg;
    ac.cutoff_s = T;
    x = kg;
    fx = -p.along_m;
    if (best_along(&ac, BMD_AIM_KICK_MIN_DEG, BMD_AIM_KICK_MAX_DEG, &x, &fx) != BMD_OK)
      return BMD_ESOLVER;
    kg = x;
    /* a shorter burn that flies farther: the full burn is not the best */
    q.kick_deg = kg;
    q.azimuth_deg = p.azimuth_deg;
    q.cutoff_s = 0.97 * T;
    if (bmd_aim_fly_pt(c, &q) != BMD_OK) return BMD_ESOLVER;
    if (!ac.antipode && (q.past_antipode || q.nolanding || q.along_m > -fx) &&
        over_energy(c, &ac, &kg, &cut) != BMD_OK)
      return BMD_ESOLVER;
    antipode = ac.antipode || q.past_antipode || q.nolanding;
    if (!antipode && bmd_aim_full_at(c, kg, cut, p.azimuth_deg, &p) != BMD_OK) return BMD_ESOLVER;
    antipode = antipode || p.past_antipode || p.nolanding;
  }
  out->kick_deg = p.kick_deg;
  out->azimuth_deg = p.azimuth_deg;
  out->reaches_antipode = antipode;
  out->range_m = antipode ? c->s_anti_m : fmin(p.along_m, c->s_anti_m);
  out->can_reach_orbit = orbit || p.orbit;
  *best = p;
  return BMD_OK;
}

int bmd_aim_max_range_toward(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                             double lat_deg, double lon_deg, double alt_m, double az_deg,
                             struct bmd_aim_reach *out) {
  struct bmd_aim_request rq;
  struct bmd_aim_ctx c;
  struct bmd_aim_pt best;
  memset(&rq, 0, sizeof rq);
  rq.lat_deg = lat_deg;
  rq.lon_deg = lon_deg;
  rq.alt_m = alt_m;
  /* a point on the bearing (1,000 km out) stands for the target */
  bmd_geodesic_direct(o->phys.earth, lat_deg, lon_deg, az_deg, 1e6, &rq.tgt_lat_deg, &rq.tgt_lon_deg);
  bmd_aim_ctx_init(&c, v, o, &rq);
  c.az_tgt_deg = az_deg;
  return bmd_aim_reach_ctx(&c, out, &best);
}

int bmd_aim_hit(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                const struct bmd_aim_request *rq, double kick_deg,
                const struct bmd_traj_control *guess, struct bmd_aim_result *out) {
  struct bmd_aim_ctx c;
  struct bmd_aim_pt g, p;
  int st;
  memset(out, 0, sizeof *out);
  bmd_aim_result_init(out);
  bmd_aim_ctx_init(&c, v, o, rq);
  out->target_range_m = c.s_tgt_m;
  if (c.s_tgt_m < 1e3 || !(kick_deg >= BMD_AIM_KICK_MIN_DEG && kick_deg <= BMD_AIM_KICK_MAX_DEG))
    return BMD_EINVAL;
  memset(&g, 0, sizeof g);
  g.azimuth_deg = guess ? guess->azimuth_deg : c.az_tgt_deg;
  g.cutoff_s = guess ? guess->cutoff_s : c.total_burn_s;
  st = bmd_aim_hit_at(&c, kick_deg, &g, nan(""), &p, NULL);
  out->flights = c.flights;
  out->control.azimuth_deg = p.azimuth_deg;
  out->control.kick_deg = kick_deg;
  out->control.cutoff_s = p.cutoff_s;
  if (st == BMD_ERANGE) out->limit = BMD_AIM_LIMIT_RANGE;
  if (st != BMD_OK) return st;
  out->miss_m = hypot(p.along_m - c.s_tgt_m, p.cross_m);
  return BMD_OK;
}
