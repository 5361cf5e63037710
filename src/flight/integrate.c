/* integrate.c - adaptive DOP853 driver with layer-aware steps and events (integrate.h). */
#include <bmd/integrate.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/atmos.h>
#include <bmd/const.h>
#include <bmd/status.h>

#define BOUNDARY_PAST_M 0.001 /* aim steps this far past a layer boundary (m) */
#define BOUNDARY_SLACK_M 20.0 /* a step that overshoots a kink by more is redone (m) */
#define JUMP_SLACK_M 0.01     /* the same at the 86 km density jump (m): 1 m of drag
                                 carried past it moves a low-beta impact by ~0.04 m; with
                                 these two at 0.1 m and 1 m the bench-ref maximum error
                                 was 0.165 m, at 1 mm and 1 cm it is 0.052 m */
#define EVENT_TOL_M 1e-6      /* impact height tolerance (m) */

void bmd_integrate_opts_default(struct bmd_integrate_opts *o) {
  memset(o, 0, sizeof *o);
  o->rtol = 0.0;
  for (int i = 0; i < BMD_DOP853_NMAX; i++) o->atol[i] = i < 3 ? 1e-2 : 1e-5;
  o->h_max_s = 600.0;
  o->max_steps = 200000;
}

static void probe(const struct bmd_integrate_problem *pb, const double *y, struct bmd_integrate_point *p) {
  const double *up = p->up;
  p->h_m = bmd_physics_height(pb->phys, y, p->up);
  p->hdot_mps = y[3] * up[0] + y[4] * up[1] + y[5] * up[2];
  p->layer = bmd_atmos_layer(p->h_m);
  if (p->layer < 0) p->layer = 0;
}

/* y1's probe: the one given (bmd_integrate_lane_next_at) with its layer, or probe() */
static void probe_given(const struct bmd_integrate_problem *pb, const double *y,
                        const struct bmd_integrate_point *given, struct bmd_integrate_point *p) {
  if (!given) {
    probe(pb, y, p);
    return;
  }
  *p = *given;
  if (p->layer == BMD_INTEGRATE_LAYER_UNSET) p->layer = bmd_atmos_layer(p->h_m);
  if (p->layer < 0) p->layer = 0;
}

/* Root s in [0, 1] of the cubic Hermite interpolant of height over a step of size h
   (values h0, h1, slopes d0, d1 in m/s) equal to target; Newton from the linear guess. */
static double hermite_root(double h0, double d0, double h1, double d1, double h,
                           double target) {
  double s = (h1 != h0) ? (target - h0) / (h1 - h0) : 0.5;
  if (!(s > 0.0)) s = 0.0;
  if (s > 1.0) s = 1.0;
  for (int it = 0; it < 8; it++) {
    double s2 = s * s, s3 = s2 * s;
    double p = (2 * s3 - 3 * s2 + 1) * h0 + (s3 - 2 * s2 + s) * h * d0 +
               (-2 * s3 + 3 * s2) * h1 + (s3 - s2) * h * d1;
    double dp = (6 * s2 - 6 * s) * h0 + (3 * s2 - 4 * s + 1) * h * d0 +
                (-6 * s2 + 6 * s) * h1 + (3 * s2 - 2 * s) * h * d1;
    if (dp == 0.0) break;
    double ds = (p - target) / dp;
    s -= ds;
    if (s < 0.0) s = 0.0;
    if (s > 1.0) s = 1.0;
    if (fabs(ds) < 1e-12) break;
  }
  return s;
}

/* Time (s, > 0) until height reaches hb on the quadratic h0 + d0 t + a t^2/2, or HUGE_VAL. */
static double time_to(double h0, double d0, double a, double hb) {
  double c = h0 - hb;
  double best = HUGE_VAL;
  if (fabs(a) < 1e-12) {
    if (d0 != 0.0) {
      double t = -c / d0;
      if (t > 0.0) best = t;
    }
    return best;
  }
  double disc = d0 * d0 - 2.0 * a * c;
  if (disc < 0.0) return HUGE_VAL;
  double sq = sqrt(disc);
  double t1 = (-d0 - sq) / a, t2 = (-d0 + sq) / a;
  if (t1 > 0.0) best = t1;
  if (t2 > 0.0 && t2 < best) best = t2;
  return best;
}

/* y[0..n) to d; the 6 components of a ballistic state as one fixed-size copy (inlined: the
   batch copies states several times per step) */
static void copy_state(double *d, const double *y, int n) {
  if (n == 6) memcpy(d, y, 6 * sizeof *d);
  else memcpy(d, y, (size_t)n * sizeof *d);
}

static int finite_state(const double *y, int n) {
  for (int i = 0; i < n; i++)
    if (!isfinite(y[i])) return 0;
  return 1;
}

/* The loop of bmd_integrate_run as a state machine (integrate.h, struct bmd_integrate_lane):
   head() opens an outer iteration (step limit, end time, layer-boundary prediction) and
   asks for a trial step; bmd_integrate_lane_next() takes each asked-for step's result and
   goes on until it needs another step or the flight is over. */

/* top of the outer loop; 1: a trial step of size L->h is asked for, 0: done */
static int head(struct bmd_integrate_lane *L) {
  const struct bmd_integrate_problem *pb = L->pb;
  const struct bmd_integrate_opts *o = L->o;
  L->h_ctrl = L->h;
  L->last = 0;
  L->tries = 0;
  if (L->nsteps + L->nrej >= o->max_steps) {
    L->status = BMD_ESTEP;
    return 0;
  }
  if (isfinite(L->t_end) && L->t + L->h >= L->t_end) {
    L->h = L->t_end - L->t;
    L->last = 1;
    if (L->h <= 0.0) return 0;
  }
  /* Predict the next layer-boundary crossing on a quadratic in time and end the step
     just past it (the step's stages all use the start layer's density formula). */
  if (pb->layer) {
    const double *up = L->p0.up;   /* the probe of y */
    const double *y = L->y, *f = L->f;
    double a_up, vv, rr;
    a_up = f[3] * up[0] + f[4] * up[1] + f[5] * up[2];
    vv = y[3] * y[3] + y[4] * y[4] + y[5] * y[5];
    rr = sqrt(y[0] * y[0] + y[1] * y[1] + y[2] * y[2]);
    a_up += (vv - L->p0.hdot_mps * L->p0.hdot_mps) / rr; /* curvature of the surface */
    int Ly = *pb->layer;
    double tc = HUGE_VAL;
    if (Ly < 7) tc = time_to(L->p0.h_m, L->p0.hdot_mps, a_up, bmd_atmos_layer_base_m(Ly + 1) + BOUNDARY_PAST_M);
    if (Ly > 0) {
      double td = time_to(L->p0.h_m, L->p0.hdot_mps, a_up, bmd_atmos_layer_base_m(Ly) - BOUNDARY_PAST_M);
      if (td < tc) tc = td;
    }
    if (tc < L->h) {
      L->h = tc;
      L->last = 0;
    }
  }
  L->phase = 1;
  L->step_h = L->h;
  return 1;
}

int bmd_integrate_lane_begin(struct bmd_integrate_lane *L, const struct bmd_integrate_problem *pb,
                             const struct bmd_integrate_opts *o, double t0, const double *y0,
                             double t_end, int stop_on_ground, double h0,
                             bmd_integrate_observer obs, void *ctx) {
  const int n = pb->n;
  double h;
  memset(L, 0, sizeof *L);
  L->pb = pb;
  L->o = o;
  L->t_end = t_end;
  L->stop_on_ground = stop_on_ground;
  L->obs = obs;
  L->ctx = ctx;
  L->t = t0;
  L->status = BMD_OK;
  L->f1_layer = -2;
  memcpy(L->y, y0, (size_t)n * sizeof *L->y);
  probe(pb, L->y, &L->p0);
  if (pb->layer) *pb->layer = L->p0.hdot_mps < 0.0 && L->p0.h_m <= 0.0 ? 0 : L->p0.layer;
  pb->rhs(L->t, L->y, L->f, pb->params);
  L->nfev = 1;
  L->apogee_h_m = L->p0.h_m;
  L->apogee_t_s = L->t;
  if (obs) obs(ctx, L->t, L->y);
  if (!finite_state(L->y, n) || !finite_state(L->f, n)) {
    L->status = BMD_ENONFINITE;
    return 0;
  }
  h = h0;
  if (!(h > 0.0)) {
    /* first guess: 1e-2 of the time to change the speed by its own size, in [1e-3, 10] s */
    const double *y = L->y, *f = L->f;
    double v = sqrt(y[3] * y[3] + y[4] * y[4] + y[5] * y[5]);
    double a = sqrt(f[3] * f[3] + f[4] * f[4] + f[5] * f[5]);
    h = a > 0.0 ? 1e-2 * (v + 100.0) / a : 1.0;
    if (h > 10.0) h = 10.0;
    if (h < 1e-3) h = 1e-3;
  }
  if (h > o->h_max_s) h = o->h_max_s;
  L->h = h;
  return head(L);
}

/* on the ground dt after the step's start, in state L->y1; 0 (over) */
static int land(struct bmd_integrate_lane *L, double dt) {
  L->t += dt;
  memcpy(L->y, L->y1, (size_t)L->pb->n * sizeof *L->y);
  L->nsteps++;
  L->hit_ground = 1;
  if (L->obs) L->obs(L->ctx, L->t, L->y);
  return 0;
}

/* after the accepted trial step and its apogee search: impact, or accept and go on */
static int after_apogee(struct bmd_integrate_lane *L) {
  const struct bmd_integrate_problem *pb = L->pb;
  const struct bmd_integrate_opts *o = L->o;
  const int n = pb->n;
  if (L->p1.h_m > L->apogee_h_m) {
    L->apogee_h_m = L->p1.h_m;
    L->apogee_t_s = L->t + L->h;
  }
  if (L->stop_on_ground && L->p1.h_m <= 0.0 && L->p0.h_m > 0.0) {
    /* locate impact: Newton on the step size, re-stepping from the step start */
    L->tau = L->h * hermite_root(L->p0.h_m, L->p0.hdot_mps, L->p1.h_m, L->p1.hdot_mps, L->h, 0.0);
    L->it = 0;
    if (L->tau <= 0.0) L->tau = 1e-9;
    L->phase = 3;
    L->step_h = L->tau;
    return 1;
  }
  if (L->stop_on_ground && L->p1.h_m <= 0.0 && L->nsteps > 0) {
    /* started below ground and stayed there: stop at the step end */
    return land(L, L->h);
  }
  /* accept */
  L->t = L->last ? L->t_end : L->t + L->h;
  copy_state(L->y, L->y1, n);
  L->p0 = L->p1;
  L->nsteps++;
  if (pb->layer) *pb->layer = L->p0.layer;
  if (L->f1_layer != -2 && pb->layer && L->f1_layer == *pb->layer)
    copy_state(L->f, L->f1, n);   /* f(y1) already, by this layer */
  else
    pb->rhs(L->t, L->y, L->f, pb->params);
  L->nfev++;
  if (L->obs) L->obs(L->ctx, L->t, L->y);
  if (L->last || (o->stop_after_s > 0.0 && L->t >= o->stop_after_s)) return 0;
  {
    double hn = bmd_dop853_next_h(L->h, L->err);
    if (hn < L->h_ctrl && L->h < L->h_ctrl) hn = L->h_ctrl; /* a cut step says nothing about the next */
    if (hn > o->h_max_s) hn = o->h_max_s;
    L->h = hn;
  }
  return head(L);
}

int bmd_integrate_lane_next(struct bmd_integrate_lane *L, const double *y1, double err) {
  return bmd_integrate_lane_next_at(L, y1, err, NULL, NULL, -2);
}

int bmd_integrate_lane_next_at(struct bmd_integrate_lane *L, const double *y1, double err,
                               const struct bmd_integrate_point *p1, const double *f1,
                               int f1_layer) {
  const struct bmd_integrate_problem *pb = L->pb;
  const struct bmd_integrate_opts *o = L->o;
  const int n = pb->n;
  struct bmd_integrate_point pe;
  L->nfev += 11;
  if (L->phase == 1) {
    /* a trial step */
    if (!(err <= 1.0) || !finite_state(y1, n)) {
      L->nrej++;
      L->h = bmd_dop853_next_h(L->h, err);
      L->h_ctrl = L->h;
      L->last = 0;
      if (L->h < 1e-9 * (1.0 + fabs(L->t)) || L->nsteps + L->nrej >= o->max_steps) {
        L->status = !finite_state(y1, n) && L->h < 1e-9 * (1.0 + fabs(L->t)) ? BMD_ENONFINITE : BMD_ESTEP;
        return 0;
      }
      L->step_h = L->h;
      return 1;
    }
    probe_given(pb, y1, p1, &L->p1);
    if (pb->layer && L->p1.layer != *pb->layer && L->tries < 4 &&
        !(L->stop_on_ground && L->p1.h_m <= 0.0)) {
      /* crossed a boundary the prediction missed, or overshot it: redo the step */
      int Ly = *pb->layer, up_dir = L->p1.layer > Ly;
      double hb = up_dir ? bmd_atmos_layer_base_m(Ly + 1) : bmd_atmos_layer_base_m(Ly);
      double past = up_dir ? L->p1.h_m - hb : hb - L->p1.h_m;
      int two = abs(L->p1.layer - Ly) > 1;
      double slack = (Ly == 7 || L->p1.layer == 7) ? JUMP_SLACK_M : BOUNDARY_SLACK_M;
      if (two || past > slack || past < 0.0) {
        double target = up_dir ? hb + BOUNDARY_PAST_M : hb - BOUNDARY_PAST_M;
        double s = hermite_root(L->p0.h_m, L->p0.hdot_mps, L->p1.h_m, L->p1.hdot_mps, L->h, target);
        if (s <= 0.0) s = 1e-3;
        L->h *= s;
        L->last = 0;
        L->nrej++;
        L->tries++;
        L->step_h = L->h;
        return 1;
      }
    }
    copy_state(L->y1, y1, n);
    L->err = err;
    L->f1_layer = f1 ? f1_layer : -2;
    if (f1) copy_state(L->f1, f1, n);
    if (L->p0.hdot_mps > 0.0 && L->p1.hdot_mps <= 0.0) {
      /* apogee inside this step: secant on vertical speed, re-stepping */
      L->sa = 0.0;
      L->da = L->p0.hdot_mps;
      L->sb = L->h;
      L->db = L->p1.hdot_mps;
      L->ha = L->p1.h_m;
      L->ta = L->h;
      L->it = 0;
      L->phase = 2;
      L->step_h = L->sa + (L->sb - L->sa) * L->da / (L->da - L->db);
      return 1;
    }
    return after_apogee(L);
  }
  if (L->phase == 2) {
    /* a step of the apogee search */
    probe_given(pb, y1, p1, &pe);
    L->ha = pe.h_m;
    L->ta = L->step_h;
    if (!(fabs(pe.hdot_mps) < 1e-7)) {
      if (pe.hdot_mps > 0.0) {
        L->sa = L->step_h;
        L->da = pe.hdot_mps;
      } else {
        L->sb = L->step_h;
        L->db = pe.hdot_mps;
      }
      if (++L->it < 3) {
        L->step_h = L->sa + (L->sb - L->sa) * L->da / (L->da - L->db);
        return 1;
      }
    }
    if (L->ha > L->apogee_h_m) {
      L->apogee_h_m = L->ha;
      L->apogee_t_s = L->t + L->ta;
    }
    return after_apogee(L);
  }
  /* a step of the impact search */
  probe_given(pb, y1, p1, &pe);
  copy_state(L->y1, y1, n);
  if (!(fabs(pe.h_m) < EVENT_TOL_M || pe.hdot_mps == 0.0)) {
    L->tau -= pe.h_m / pe.hdot_mps;
    if (++L->it < 8) {
      if (L->tau <= 0.0) L->tau = 1e-9;
      L->step_h = L->tau;
      return 1;
    }
  }
  return land(L, L->tau);
}

int bmd_integrate_lane_end(const struct bmd_integrate_lane *L, struct bmd_integrate_result *res) {
  res->t_s = L->t;
  memcpy(res->y, L->y, (size_t)L->pb->n * sizeof *L->y);
  res->hit_ground = L->hit_ground;
  res->apogee_h_m = L->apogee_h_m;
  res->apogee_t_s = L->apogee_t_s;
  res->nfev = L->nfev;
  res->nsteps = L->nsteps;
  res->nreject = L->nrej;
  res->h_next_s = L->h;
  return L->status;
}

int bmd_integrate_run(const struct bmd_integrate_problem *pb,
                      const struct bmd_integrate_opts *o, double t0, const double *y0,
                      double t_end, int stop_on_ground, double h0,
                      bmd_integrate_observer obs, void *ctx,
                      struct bmd_integrate_result *res) {
  struct bmd_integrate_lane L;
  struct bmd_dop853 w;
  double y1[BMD_DOP853_NMAX];
  w.n = pb->n;
  if (bmd_integrate_lane_begin(&L, pb, o, t0, y0, t_end, stop_on_ground, h0, obs, ctx)) {
    double err;
    do {
      err = bmd_dop853_step(&w, pb->rhs, pb->params, L.t, L.y, L.f, L.step_h, o->atol, o->rtol, y1);
    } while (bmd_integrate_lane_next(&L, y1, err));
  }
  return bmd_integrate_lane_end(&L, res);
}
