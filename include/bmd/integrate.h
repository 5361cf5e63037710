/*
 * integrate.h - adaptive integration of a trajectory ODE with DOP853: step-size control,
 * steps that end on atmosphere layer boundaries, ground impact and apogee location.
 *
 * The state is y = (r_ecef_m[3], v_ecef_mps[3], optional extra components such as mass)
 * in the Earth-fixed frame (the right-hand side carries the Coriolis and centrifugal
 * terms), so height and the Earth-relative velocity come straight from y.
 *
 * Layer-aware stepping: the US76 density has a slope kink at each layer base and a jump at
 * 86 km. A step whose stages straddle one accepts a wrong error estimate now and then, and
 * that sets the largest error of a batch (lesson 1 of ../shared/bench-ref/README.md). So
 * every stage of a step uses the density formula of the layer where the step starts
 * (problem->layer), and steps are cut to end 1 mm past each boundary they would cross.
 * Events: ground impact (height 0) and apogee (vertical speed 0) are located by re-stepping
 * from the start of the step that brackets them with Newton/secant iterations on the step
 * size, to 1e-6 m in height.
 */
#ifndef BMD_INTEGRATE_H
#define BMD_INTEGRATE_H

#include "dop853.h"
#include "physics.h"

struct bmd_integrate_problem {
  int n;                           /* state dimension, 6..BMD_DOP853_NMAX */
  bmd_dop853_rhs rhs;
  void *params;                    /* passed to rhs */
  int *layer;                      /* the layer rhs must use this step (in params), or NULL
                                      when rhs has no drag: then steps are not cut */
  const struct bmd_physics *phys;  /* height and the "up" normal */
};

struct bmd_integrate_opts {
  double rtol;                     /* relative tolerance */
  double atol[BMD_DOP853_NMAX];    /* absolute tolerance per component (m, m/s, kg) */
  double h_max_s;                  /* largest step (s) */
  long max_steps;                  /* accepted + rejected steps before giving up */
  double stop_after_s;             /* > 0: stop after the first accepted step that ends at
                                      or past this time; the step is not cut, so every
                                      step before it is the one a run without the stop
                                      takes (0: no such stop) */
};

struct bmd_integrate_result {
  double t_s;                      /* final time (s) */
  double y[BMD_DOP853_NMAX];       /* final state */
  int hit_ground;                  /* 1 if stopped by ground impact */
  double apogee_h_m;               /* largest height reached (m) and when (s) */
  double apogee_t_s;
  long nfev;                       /* right-hand-side evaluations */
  long nsteps;                     /* accepted steps */
  long nreject;                    /* rejected steps (error or boundary) */
  double h_next_s;                 /* suggested next step size */
};

/* Called after each accepted step (and once at the start) with the state. */
typedef void (*bmd_integrate_observer)(void *ctx, double t_s, const double *y);

/* bmd_integrate_opts_default - tolerances for a ballistic trajectory that locate impact to
   better than 1 m (rtol 0, atol 1e-2 m and 1e-5 m/s, step <= 600 s); see
   docs/models/integrator.md for the measured error table. */
void bmd_integrate_opts_default(struct bmd_integrate_opts *o);

/* bmd_integrate_run - integrate from (t0_s, y0) until t_end_s (may be HUGE_VAL) or, if
   stop_on_ground, the first crossing of height 0 after t0. h0_s is the first trial step
   (<= 0: chosen here). obs may be NULL. Returns BMD_OK, BMD_ESTEP (step underflow or
   max_steps) or BMD_ENONFINITE (the state became NaN/Inf); res holds the last good state. */
int bmd_integrate_run(const struct bmd_integrate_problem *pb,
                      const struct bmd_integrate_opts *o, double t0_s, const double *y0,
                      double t_end_s, int stop_on_ground, double h0_s,
                      bmd_integrate_observer obs, void *ctx, struct bmd_integrate_result *res);

/* The integration loop as a state machine, for drivers that compute the DOP853 steps
   themselves (several objects at once in SIMD lanes: ballistic.c). bmd_integrate_run is
   bmd_integrate_lane_begin, then while a step is asked for: y1 and err from
   bmd_dop853_step(w, pb->rhs, pb->params, L.t, L.y, L.f, L.step_h, o->atol, o->rtol, y1)
   given to bmd_integrate_lane_next; then bmd_integrate_lane_end. A driver whose steps give
   the same bits gets the same results. The right-hand side evaluations outside the steps
   (the start and each accepted step's end) are made here with pb->rhs. pb, o and ctx must
   outlive the lane. */
struct bmd_integrate_point {
  double h_m;      /* height */
  double hdot_mps; /* vertical speed along the normal */
  int layer;       /* atmosphere layer of h (0 below ground); in a point given to
                      bmd_integrate_lane_next_at: bmd_atmos_layer(h_m), or
                      BMD_INTEGRATE_LAYER_UNSET to have it computed there */
  double up[3];    /* ellipsoid normal */
};

#define BMD_INTEGRATE_LAYER_UNSET (-99)

struct bmd_integrate_lane {
  /* the step asked for: from (t, y) with f = f(t, y), of size step_h */
  double t, y[BMD_DOP853_NMAX], f[BMD_DOP853_NMAX], step_h;
  /* private */
  const struct bmd_integrate_problem *pb;
  const struct bmd_integrate_opts *o;
  bmd_integrate_observer obs;
  void *ctx;
  double t_end;
  int stop_on_ground, phase, last, tries, it, status, hit_ground;
  double h, h_ctrl, err, tau, sa, da, sb, db, ha, ta;
  double y1[BMD_DOP853_NMAX], f1[BMD_DOP853_NMAX];
  int f1_layer;                    /* the layer f1 = f(y1) was computed by; -2: none */
  struct bmd_integrate_point p0, p1;
  double apogee_h_m, apogee_t_s;
  long nfev, nsteps, nrej;
};

/* bmd_integrate_lane_begin - start (arguments of bmd_integrate_run); 1: a step is asked
   for, 0: already over. */
int bmd_integrate_lane_begin(struct bmd_integrate_lane *L, const struct bmd_integrate_problem *pb,
                             const struct bmd_integrate_opts *o, double t0_s, const double *y0,
                             double t_end_s, int stop_on_ground, double h0_s,
                             bmd_integrate_observer obs, void *ctx);

/* bmd_integrate_lane_next - the asked-for step's end state y1 and scaled error err; 1: the
   next step is asked for, 0: over. */
int bmd_integrate_lane_next(struct bmd_integrate_lane *L, const double *y1, double err);

/* bmd_integrate_lane_next_at - bmd_integrate_lane_next given also what the machine would
   otherwise compute from y1 one lane at a time (a SIMD driver computes it for all lanes at
   once): p1, y1's probe (h_m, hdot_mps and up as bmd_physics_height gives them, and its
   layer as bmd_atmos_layer gives it or BMD_INTEGRATE_LAYER_UNSET), and f1 = pb->rhs(y1) computed while *pb->layer was f1_layer, used if the
   step is accepted with that layer (else pb->rhs is called). Either may be NULL. Given the
   same bits as the machine's own, the results are the same bits. */
int bmd_integrate_lane_next_at(struct bmd_integrate_lane *L, const double *y1, double err,
                               const struct bmd_integrate_point *p1, const double *f1,
                               int f1_layer);

/* bmd_integrate_lane_end - the result and status, as bmd_integrate_run returns them. */
int bmd_integrate_lane_end(const struct bmd_integrate_lane *L, struct bmd_integrate_result *res);

#endif
