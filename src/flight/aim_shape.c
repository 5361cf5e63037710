/* aim_shape.c - lofted and depressed aims by continuation along the curve of flights that
   hit the target (aim.h, aim_impl.h, docs/models/targeting.md sec. 6).

   The flights that land on one target form a curve in the controls y = (launch azimuth,
   pitch-over, cut-off): two equations (along- and cross-track miss) in three unknowns. It
   is followed from the minimum-energy flight toward one side (the pitch-over falling:
   lofted; rising: depressed) by pseudo-arclength continuation (Keller 1977; Allgower &
   Georg, Introduction to Numerical Continuation Methods (1990), ch. 2): a predictor step
   along the tangent, then Newton's method on the two miss equations and the condition
   that the step's length along the tangent is what was asked. The tangent is the null
   vector of the 2x3 Jacobian (the cross product of its rows); the Jacobian is found by
   differences at the start and kept by Broyden's updates from the corrector's steps, and
   found again when a step fails. Neither the pitch-over nor the cut-off need be monotone
   along the curve (it folds in both where the Earth's rotation carries a lofted flight
   back), which is why neither is the parameter. The side ends where the cut-off reaches
   the end of the burn (a full burn only just reaches the target) or the pitch-over the end
   of its domain; the apogee there is the bound. An apogee between is bracketed by two
   points of the curve and solved by regula falsi on the arc length between them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <bmd/status.h>

#include "aim_impl.h"

#define ARC_H0 0.05        /* first step along the curve (scaled units, below) */
#define ARC_H_MAX 0.2      /* the longest step */
#define ARC_H_MIN 1e-6     /* a step this short that still fails is the solver's failure */
#define ARC_MAX_STEPS 600  /* steps along one side (measured: 10-60) */
#define CORR_MAX 20        /* corrector iterations per step (measured: 2-4; 10-15 where flights
                              skim the atmosphere for thousands of km) */
#define CORR_DY_MAX 0.5    /* the longest corrector step (scaled units) */
#define FD_STEP 1e-4       /* difference step (scaled units: 1e-3 deg, 1e-5 of the burn) */
/* a point whose impact comes within this fraction of the burn after its cut-off, where
   the walk can go no further, is the end where the flight strikes the ground as its burn
   ends */
#define GROUND_FRACTION 0.01
#define ROOT_MAX 40        /* regula falsi iterations on an arc (measured: 3-8) */
/* scales of the controls in the arc-length metric: 10 deg of azimuth or pitch-over and a
   tenth of the burn weigh alike */
#define PSI_SCALE_DEG 10.0
#define KICK_SCALE_DEG 10.0
#define T_SCALE 0.1

/* one point of the curve */
struct node {
  double y[3];               /* scaled controls */
  double tau[3];             /* unit tangent, pointing along the side's direction */
  double J[6];               /* d(along, cross)/dy (m per scaled unit), row-major */
  struct bmd_aim_pt p;       /* its flight */
};

struct arc {
  struct bmd_aim_ctx *c;
  double sc[3];              /* scales: y = control / sc */
  double T;                  /* total burn (s) */
};

static void y_of(const struct arc *a, const struct bmd_aim_pt *p, double y[3]) {
  y[0] = p->azimuth_deg / a->sc[0];
  y[1] = p->kick_deg / a->sc[1];
  y[2] = p->cutoff_s / a->sc[2];
}

/* fly at y (the pitch-over and cut-off clipped to their domains); BMD_OK or BMD_ESOLVER */
static int fly_y(struct arc *a, const double y[3], struct bmd_aim_pt *p) {
  p->azimuth_deg = y[0] * a->sc[0];
  p->kick_deg = fmin(fmax(y[1] * a->sc[1], BMD_AIM_KICK_MIN_DEG), BMD_AIM_KICK_MAX_DEG);
  p->cutoff_s = fmin(fmax(y[2] * a->sc[2], 1e-3 * a->T), a->T);
  return bmd_aim_fly_pt(a->c, p) == BMD_OK ? BMD_OK : BMD_ESOLVER;
}

static void resid(const struct arc *a, const struct bmd_aim_pt *p, double r[2]) {
  r[0] = p->along_m - a->c->s_tgt_m;
  r[1] = p->cross_m;
}

/* a flight that counts as a point of the curve: lands ahead on the target (within tol_m,
   or accept_m where noise allows no better), after thrust termination */
static int on_curve(const struct arc *a, const struct bmd_aim_pt *p, double tol) {
  double r[2];
  if (p->nolanding || p->past_antipode || p->crashed || fabs(p->cross_deg) >= 90.0) return 0;
  resid(a, p, r);
  return fabs(r[0]) < tol && fabs(r[1]) < tol;
}

/* the Jacobian at n->y by forward differences (3 flights) */
static int jacobian(struct arc *a, struct node *n) {
  double r0[2];
  resid(a, &n->p, r0);
  for (int j = 0; j < 3; j++) {
    double y[3] = {n->y[0], n->y[1], n->y[2]}, r[2], h = FD_STEP;
    struct bmd_aim_pt q;
    /* step inward at the end of a domain */
    if ((j == 1 && (y[1] + h) * a->sc[1] > BMD_AIM_KICK_MAX_DEG) ||
        (j == 2 && (y[2] + h) * a->sc[2] > a->T))
      h = -h;
    y[j] += h;
    if (fly_y(a, y, &q) != BMD_OK) return BMD_ESOLVER;
    resid(a, &q, r);
    n->J[j] = (r[0] - r0[0]) / h;
    n->J[3 + j] = (r[1] - r0[1]) / h;
  }
  return BMD_OK;
}

/* the unit null vector of J (the tangent), signed to agree with dir */
static int tangent(const double J[6], const double dir[3], double tau[3]) {
  double t[3] = {J[1] * J[5] - J[2] * J[4], J[2] * J[3] - J[0] * J[5], J[0] * J[4] - J[1] * J[3]};
  double n = sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]), s;
  if (!(n > 0.0) || !isfinite(n)) return 0;
  s = t[0] * dir[0] + t[1] * dir[1] + t[2] * dir[2] < 0.0 ? -1.0 / n : 1.0 / n;
  for (int i = 0; i < 3; i++) tau[i] = t[i] * s;
  return 1;
}

/* x = M^-1 b for the 3x3 M (row-major) by Cramer's rule; 0 if singular */
static int solve3(const double M[9], const double b[3], double x[3]) {
  double A = M[4] * M[8] - M[5] * M[7], B = M[5] * M[6] - M[3] * M[8], C = M[3] * M[7] - M[4] * M[6];
  double det = M[0] * A + M[1] * B + M[2] * C;
  if (!(fabs(det) > 1e-300) || !isfinite(det)) return 0;
  x[0] = (b[0] * A + M[1] * (M[5] * b[2] - b[1] * M[8]) + M[2] * (b[1] * M[7] - M[4] * b[2])) / det;
  x[1] = (M[0] * (b[1] * M[8] - M[5] * b[2]) + b[0] * B + M[2] * (M[3] * b[2] - b[1] * M[6])) / det;
  x[2] = (M[0] * (M[4] * b[2] - b[1] * M[7]) + M[1] * (b[1] * M[6] - M[3] * b[2]) + b[0] * C) / det;
  return 1;
}

/* Newton's method from y0 on the two miss equations and g . y = b (the arc length along a
   tangent, or the end of a domain), the Jacobian from J (updated by Broyden's method);
   *out the point (its J updated). 1 on convergence, 0 if not, -1 on BMD_ESOLVER */
static int correct(struct arc *a, const double y0[3], const double g[3], double b,
                   const double J[6], struct node *out) {
  double y[3] = {y0[0], y0[1], y0[2]}, yf[3], yprev[3] = {0.0, 0.0, 0.0}, r[2];
  double rprev[2] = {0.0, 0.0}, Jw[6], best = HUGE_VAL;
  struct bmd_aim_pt p;
  struct node keep;
  int have_prev = 0;
  memcpy(Jw, J, sizeof Jw);
  memset(&keep, 0, sizeof keep);
  for (int it = 0; it < CORR_MAX; it++) {
    double M[9], rhs[3], dy[3], len;
    if (fly_y(a, y, &p) != BMD_OK) return -1;
    y_of(a, &p, yf);   /* the controls as flown (clipped to their domains) */
    resid(a, &p, r);
    if (have_prev && !p.nolanding) {
      /* Broyden's rank-one update from the step just taken (Broyden, Math. Comp. 19 (1965)) */
      double st[3] = {yf[0] - yprev[0], yf[1] - yprev[1], yf[2] - yprev[2]};
      double ss = st[0] * st[0] + st[1] * st[1] + st[2] * st[2];
      if (ss > 0.0)
        for (int i = 0; i < 2; i++) {
          double js = Jw[3 * i] * st[0] + Jw[3 * i + 1] * st[1] + Jw[3 * i + 2] * st[2];
          double u = (r[i] - rprev[i] - js) / ss;
          for (int j = 0; j < 3; j++) Jw[3 * i + j] += u * st[j];
        }
    }
    if (on_curve(a, &p, HUGE_VAL) && fmax(fabs(r[0]), fabs(r[1])) < best) {
      best = fmax(fabs(r[0]), fabs(r[1]));
      keep.p = p;
      memcpy(keep.y, yf, sizeof keep.y);
    }
    if (best < a->c->tol_m) break;
    if (p.nolanding) return 0;   /* no slope to follow from a flight that does not land */
    memcpy(yprev, yf, sizeof yprev);
    memcpy(rprev, r, sizeof rprev);
    have_prev = 1;
    memcpy(M, Jw, 6 * sizeof *M);
    M[6] = g[0];
    M[7] = g[1];
    M[8] = g[2];
    rhs[0] = -r[0];
    rhs[1] = -r[1];
    rhs[2] = b - (g[0] * yf[0] + g[1] * yf[1] + g[2] * yf[2]);
    if (!solve3(M, rhs, dy)) return 0;
    len = sqrt(dy[0] * dy[0] + dy[1] * dy[1] + dy[2] * dy[2]);
    if (len > CORR_DY_MAX)
      for (int i = 0; i < 3; i++) dy[i] *= CORR_DY_MAX / len;
    for (int i = 0; i < 3; i++) y[i] = yf[i] + dy[i];
  }
  /* converged, or the flights' noise kept it within the acceptance */
  if (!(best < a->c->accept_m)) return 0;
  *out = keep;
  memcpy(out->J, Jw, sizeof Jw);
  return 1;
}

/* which end of a domain a step toward y crosses first from y0: 0 none, 1 the end of the
   burn, 2 the smallest pitch-over, 3 the largest; *sigma the fraction of the step */
static int crossing(const struct arc *a, const double y0[3], const double y[3], double *sigma) {
  const double lim[3] = {a->T / a->sc[2], BMD_AIM_KICK_MIN_DEG / a->sc[1],
                         BMD_AIM_KICK_MAX_DEG / a->sc[1]};
  int which = 0;
  double best = HUGE_VAL;
  if (y[2] > lim[0] && y[2] > y0[2]) {
    best = (lim[0] - y0[2]) / (y[2] - y0[2]);
    which = 1;
  }
  if (y[1] < lim[1] && y[1] < y0[1] && (lim[1] - y0[1]) / (y[1] - y0[1]) < best) {
    best = (lim[1] - y0[1]) / (y[1] - y0[1]);
    which = 2;
  }
  if (y[1] > lim[2] && y[1] > y0[1] && (lim[2] - y0[1]) / (y[1] - y0[1]) < best) {
    best = (lim[2] - y0[1]) / (y[1] - y0[1]);
    which = 3;
  }
  *sigma = fmax(0.0, best);
  return which;
}

/* the point where the curve meets the end of a domain (which: crossing()) from n toward
   y: Newton with that end's equation for the third */
static int to_end(struct arc *a, const struct node *n, const double y[3], int which,
                  struct node *out) {
  double g[3] = {0.0, 0.0, 0.0}, b, y0[3];
  if (which == 1) {
    g[2] = 1.0;
    b = a->T / a->sc[2];
  } else {
    g[1] = 1.0;
    b = (which == 2 ? BMD_AIM_KICK_MIN_DEG : BMD_AIM_KICK_MAX_DEG) / a->sc[1];
  }
  memcpy(y0, y, sizeof y0);
  return correct(a, y0, g, b, n->J, out);
}

/* the state of one side's walk */
struct walk {
  int side;                  /* -1 lofted, +1 depressed */
  double target_m;           /* the apogee sought (NAN: none, walk to the end) */
  int found;                 /* a pair of points brackets target_m */
  struct node lo, hi;        /* that pair, in the walk's order */
  struct node end;           /* the side's end */
  int by;                    /* what ends it (enum bmd_aim_bound) */
  struct node extreme;       /* the highest (lofted) or lowest (depressed) apogee met */
};

static void visit(struct walk *w, const struct node *prev, const struct node *n) {
  double g0 = prev->p.apogee_m - w->target_m, g1 = n->p.apogee_m - w->target_m;
  if (!w->found && isfinite(w->target_m) && g0 * g1 <= 0.0) {
    w->found = 1;
    w->lo = *prev;
    w->hi = *n;
  }
  if ((double)w->side * (n->p.apogee_m - w->extreme.p.apogee_m) < 0.0) w->extreme = *n;
}

/* the secant update of n's Jacobian by the step from prev (both on the curve: the miss
   hardly changes, so the update turns J's null vector toward the step) */
static void secant(const struct arc *a, const struct node *prev, struct node *n) {
  double s[3], ss = 0.0, r0[2], r1[2];
  for (int i = 0; i < 3; i++) {
    s[i] = n->y[i] - prev->y[i];
    ss += s[i] * s[i];
  }
  if (!(ss > 0.0)) return;
  resid(a, &prev->p, r0);
  resid(a, &n->p, r1);
  for (int i = 0; i < 2; i++) {
    double js = n->J[3 * i] * s[0] + n->J[3 * i + 1] * s[1] + n->J[3 * i + 2] * s[2];
    double u = (r1[i] - r0[i] - js) / ss;
    for (int j = 0; j < 3; j++) n->J[3 * i + j] += u * s[j];
  }
}

/* walk the curve from cur (its Jacobian and tangent set) in steps of h growing to at most
   h_max, to the side's end, or (stop) to the first pair that brackets w->target_m */
static int walk(struct arc *a, struct node cur, struct walk *w, double h, double h_max, int stop) {
  struct node nxt;
  double missed[4] = {HUGE_VAL, HUGE_VAL, HUGE_VAL, HUGE_VAL};  /* arc length to an end
                                                    that a try did not meet, per end */
  int steps = 0;
  while (steps++ < ARC_MAX_STEPS) {
    double y[3], sigma;
    int which, ok;
    for (int i = 0; i < 3; i++) y[i] = cur.y[i] + h * cur.tau[i];
    which = crossing(a, cur.y, y, &sigma);
    if (which && sigma * h < 0.25 * missed[which]) {
      double ye[3];
      for (int i = 0; i < 3; i++) ye[i] = cur.y[i] + sigma * (y[i] - cur.y[i]);
      ok = to_end(a, &cur, ye, which, &nxt);
      if (ok < 0) return BMD_ESOLVER;
      if (ok) {
        visit(w, &cur, &nxt);
        w->end = nxt;
        w->by = which == 1 ? BMD_AIM_BOUND_FULL_BURN : BMD_AIM_BOUND_KICK;
        return BMD_OK;
      }
      /* the curve does not meet that end where the tangent points (it may turn away
         first): go on in steps short of it, and try the end again only much closer */
      missed[which] = sigma * h;
    }
    if (which) {
      h = 0.5 * sigma * h;
      if (h < ARC_H_MIN) return BMD_ESOLVER;
      continue;
    }
    {
      double b = cur.tau[0] * y[0] + cur.tau[1] * y[1] + cur.tau[2] * y[2];
      ok = correct(a, y, cur.tau, b, cur.J, &nxt);
    }
    if (ok < 0) return BMD_ESOLVER;
    if (ok) secant(a, &cur, &nxt);
    if (!ok && cur.p.impact_t_s - cur.p.cutoff_s < GROUND_FRACTION * a->T) {
      /* the flight strikes the ground as its burn ends: any flatter and it flies into the
         ground under thrust (no payload separates; the curve degenerates, the impact no
         longer moving with the cut-off) */
      w->end = cur;
      w->by = BMD_AIM_BOUND_GROUND;
      return BMD_OK;
    }
    if (!ok || !tangent(nxt.J, cur.tau, nxt.tau)) {
      /* a step too long for the predictor, or a Jacobian gone stale: a fresh one here and
         a shorter step */
      h *= 0.5;
      if (h < ARC_H_MIN) return BMD_ESOLVER;
      if (jacobian(a, &cur) != BMD_OK || !tangent(cur.J, cur.tau, cur.tau)) return BMD_ESOLVER;
      continue;
    }
    visit(w, &cur, &nxt);
    if (stop && w->found) return BMD_OK;
    cur = nxt;
    h = fmin(h_max, h * 1.5);
  }
  return BMD_ESOLVER;
}

/* walk one side of the curve from the hit ref to its end */
static int walk_side(struct arc *a, const struct bmd_aim_pt *ref, struct walk *w) {
  struct node cur;
  double dir[3] = {0.0, (double)w->side, 0.0};
  memset(&cur, 0, sizeof cur);
  cur.p = *ref;
  y_of(a, ref, cur.y);
  /* the pitch-over moves the side's way at the start: lower is more lofted */
  if (jacobian(a, &cur) != BMD_OK || !tangent(cur.J, dir, cur.tau)) return BMD_ESOLVER;
  w->extreme = cur;
  return walk(a, cur, w, ARC_H0, ARC_H_MAX, 0);
}

/* the apogee target_m between the bracketing pair of w: from the pair's first point, a
   step along its tangent of the arc length that the apogees interpolate linearly to (a
   regula falsi on the arc), the pair narrowed to the side that keeps the bracket; where a
   step fails (the curve bends sharply where flights skim the atmosphere), a walk from the
   first point in steps of an eighth of the pair's span finds a narrower pair */
static int refine(struct arc *a, const struct walk *w0, struct bmd_aim_pt *sol) {
  struct node lo = w0->lo, hi = w0->hi;
  const double H = w0->target_m, tol = a->c->apogee_tol_m;
  for (int it = 0; it < ROOT_MAX; it++) {
    double glo = lo.p.apogee_m - H, ghi = hi.p.apogee_m - H, d = 0.0, s, y[3], b;
    struct node m;
    int ok;
    if (fabs(glo) <= tol) {
      *sol = lo.p;
      return BMD_OK;
    }
    if (fabs(ghi) <= tol) {
      *sol = hi.p;
      return BMD_OK;
    }
    for (int i = 0; i < 3; i++) d += lo.tau[i] * (hi.y[i] - lo.y[i]);
    if (!(d > ARC_H_MIN)) return BMD_ESOLVER;
    s = fmin(0.9 * d, fmax(0.1 * d, d * glo / (glo - ghi)));
    b = lo.tau[0] * lo.y[0] + lo.tau[1] * lo.y[1] + lo.tau[2] * lo.y[2] + s;
    for (int i = 0; i < 3; i++) y[i] = lo.y[i] + s * lo.tau[i];
    ok = correct(a, y, lo.tau, b, lo.J, &m);
    if (ok < 0) return BMD_ESOLVER;
    if (ok) {
      secant(a, &lo, &m);
      if (!tangent(m.J, lo.tau, m.tau)) memcpy(m.tau, lo.tau, sizeof m.tau);
      if ((m.p.apogee_m - H) * glo <= 0.0) hi = m;
      else lo = m;
      continue;
    }
    {
      struct walk w;
      memset(&w, 0, sizeof w);
      w.side = w0->side;
      w.target_m = H;
      w.extreme = lo;
      if (jacobian(a, &lo) != BMD_OK || !tangent(lo.J, lo.tau, lo.tau)) return BMD_ESOLVER;
      if (walk(a, lo, &w, d / 8.0, d / 8.0, 1) != BMD_OK || !w.found) return BMD_ESOLVER;
      lo = w.lo;
      hi = w.hi;
    }
  }
  return BMD_ESOLVER;
}

static void arc_init(struct arc *a, struct bmd_aim_ctx *c) {
  a->c = c;
  a->T = c->total_burn_s;
  a->sc[0] = PSI_SCALE_DEG;
  a->sc[1] = KICK_SCALE_DEG;
  a->sc[2] = T_SCALE * c->total_burn_s;
}

int bmd_aim_shape_bound(struct bmd_aim_ctx *c, int side, const struct bmd_aim_pt *ref,
                        struct bmd_aim_pt *end, int *by) {
  struct arc a;
  struct walk w;
  int st;
  arc_init(&a, c);
  memset(&w, 0, sizeof w);
  w.side = side;
  w.target_m = nan("");
  st = walk_side(&a, ref, &w);
  if (st != BMD_OK) return st;
  *end = w.extreme.p;
  *by = w.by;
  return BMD_OK;
}

void bmd_aim_set_bound(struct bmd_aim_apogee_bound *b, const struct bmd_aim_pt *end, int by) {
  b->apogee_km = end->apogee_m / 1e3;
  b->kick_deg = end->kick_deg;
  b->by = by;
}

int bmd_aim_shape_solve(struct bmd_aim_ctx *c, int side, double apogee_m,
                        const struct bmd_aim_pt *ref, struct bmd_aim_pt *sol,
                        struct bmd_aim_result *out) {
  struct arc a;
  struct walk w;
  struct bmd_aim_apogee_bound *b = side < 0 ? &out->apogee_hi : &out->apogee_lo;
  int st;
  arc_init(&a, c);
  memset(&w, 0, sizeof w);
  w.side = side;
  w.target_m = apogee_m;
  if (fabs(ref->apogee_m - apogee_m) <= c->apogee_tol_m) {
    *sol = *ref;
    return BMD_OK;
  }
  st = walk_side(&a, ref, &w);
  if (st != BMD_OK) return st;
  bmd_aim_set_bound(b, &w.extreme.p, w.by);
  if ((double)side * (w.extreme.p.apogee_m - apogee_m) > c->apogee_tol_m) {
    out->limit = side < 0 ? BMD_AIM_LIMIT_APOGEE_HIGH : BMD_AIM_LIMIT_APOGEE_LOW;
    return BMD_ERANGE;
  }
  if (!w.found) {
    /* within the tolerance of the extreme, which is a hit */
    *sol = w.extreme.p;
    return BMD_OK;
  }
  return refine(&a, &w, sol);
}

const char *bmd_aim_answer(int st) {
  return st == BMD_OK ? "solved" : st == BMD_ERANGE ? "impossible" : "solver_failure";
}

const char *bmd_aim_limit_name(int limit) {
  static const char *const n[] = {"none", "range", "apogee_high", "apogee_low"};
  return limit >= 0 && limit < 4 ? n[limit] : "none";
}

const char *bmd_aim_bound_name(int by) {
  static const char *const n[] = {"none", "full_burn", "pitch_over_limit", "ground"};
  return by >= 0 && by < 4 ? n[by] : "none";
}

/* why an apogee bound is where it is */
static const char *bound_why(int by, int high) {
  if (by == BMD_AIM_BOUND_FULL_BURN) return "a full burn only just reaches it";
  if (by == BMD_AIM_BOUND_GROUND)
    return "any flatter and the missile strikes the ground before its burn ends";
  if (by == BMD_AIM_BOUND_KICK)
    return high ? "the pitch-over at its smallest, 0.3 deg: a near-vertical climb"
                : "the pitch-over at its 89 deg limit: this missile's guidance, a gravity turn "
                  "after the pitch-over, flies no flatter";
  return "not computed";
}

const char *bmd_aim_explain(int st, const struct bmd_aim_request *rq,
                            const struct bmd_aim_result *r, char *buf, size_t n) {
  const char *kind = rq->kind == BMD_AIM_LOFTED      ? "lofted"
                     : rq->kind == BMD_AIM_DEPRESSED ? "depressed"
                     : rq->kind == BMD_AIM_GLIDE     ? "glide"
                                                     : "minimum-energy";
  char span[160] = "";
  if (n == 0) return buf;
  if (isfinite(r->apogee_lo.apogee_km) && isfinite(r->apogee_hi.apogee_km))
    snprintf(span, sizeof span, "; apogees from %.1f to %.1f km reach it", r->apogee_lo.apogee_km,
             r->apogee_hi.apogee_km);
  if (st == BMD_OK) {
    snprintf(buf, n, "is hit: miss %.1f m", r->miss_m);
  } else if (st == BMD_ERANGE && r->limit == BMD_AIM_LIMIT_APOGEE_HIGH) {
    snprintf(buf, n, "is out of reach on a %s trajectory with apogee %.0f km: the highest apogee "
             "at this range (%.0f km) is %.1f km (%s)%s", kind, rq->apogee_km,
             r->target_range_m / 1e3, r->apogee_hi.apogee_km, bound_why(r->apogee_hi.by, 1), span);
  } else if (st == BMD_ERANGE && r->limit == BMD_AIM_LIMIT_APOGEE_LOW) {
    snprintf(buf, n, "is out of reach on a %s trajectory with apogee %.0f km: the lowest apogee "
             "at this range (%.0f km) is %.1f km (%s)%s", kind, rq->apogee_km,
             r->target_range_m / 1e3, r->apogee_lo.apogee_km, bound_why(r->apogee_lo.by, 0), span);
  } else if (st == BMD_ERANGE) {
    snprintf(buf, n, "is out of range: %.0f km away, maximum range %.0f km toward it",
             r->target_range_m / 1e3, r->max_range_m / 1e3);
  } else if (st == BMD_EINVAL) {
    if (r->limit == BMD_AIM_LIMIT_SHAPE && rq->kind == BMD_AIM_GLIDE)
      snprintf(buf, n, "cannot be reached on a glide: the missile carries no glider");
    else if (r->limit == BMD_AIM_LIMIT_SHAPE)
      snprintf(buf, n, "cannot be reached on a %s trajectory: the missile's payload is a glider, "
               "which flies 'glide' only", kind);
    else if (r->target_range_m < BMD_AIM_MIN_RANGE_M)
      snprintf(buf, n, "is at the launch point (%.0f m away)", r->target_range_m);
    else if (!(rq->apogee_km > 0.0))
      snprintf(buf, n, "needs an apogee above 0 km (%g km given)", rq->apogee_km);
    else
      snprintf(buf, n, "needs a %s apogee %s the minimum-energy apogee (%.0f km here)", kind,
               rq->kind == BMD_AIM_LOFTED ? "above" : "below", r->min_energy_apogee_km);
  } else if (r->max_range_m > 0.0) {
    snprintf(buf, n, "was not aimed: solver failure (%s): no %s trajectory found although the "
             "target is within the maximum range (%.0f of %.0f km); this is a bug in bmdsim: "
             "please report it with the command that produced it",
             bmd_errname(st), kind, r->target_range_m / 1e3, r->max_range_m / 1e3);
  } else {
    snprintf(buf, n, "was not aimed: solver failure (%s): the search for the maximum range "
             "found no flight that lands; this is a bug in bmdsim: please report it with the "
             "command that produced it", bmd_errname(st));
  }
  return buf;
}
