/* fan.c - interceptor fly-out fans (fan.h). */
#include <bmd/fan.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>
#include <bmd/traj.h>
#include <bmd/vec3.h>

/* Below FAN_INTERP_BELOW_DEG a trajectory's Earth-fixed state at a given time changes
   smoothly, almost linearly, with the pitch-over (the tilt from the vertical grows in
   proportion to the kick): there one angle in FAN_INTERP_EVERY is flown, and the last one
   below the limit, and the others' states are interpolated row by row (interp_rows).
   Measured against flying them (test_fan, rows above 50 km): SM-3 IIA within 212 m (its
   flown rows, at FAN_ATOL_M, within 94 m), GBI and THAAD as their flown rows (53 m, 35 m);
   flying one in 3, 4, 6 or 8 gives the same. The default scenario's footprint.csv is
   byte-identical, for 8% less time (BENCHMARKS.md).
   Above the limit (flat trajectories, drag) the two-degree steps are all flown:
   interpolating one in two there errs by up to 90 km at the ends of flights. */
#define FAN_INTERP_BELOW_DEG 10.0
#define FAN_INTERP_EVERY 6

/* pitch-over angles: dense near the vertical, where the fan's edge is; flown[k] = 1 for
   the angles flown, 0 for those interpolated */
static int kick_list(double *k, unsigned char *flown, int max) {
  int n = 0, nb;
  for (double a = 0.02; a < 1.0 && n < max; a *= 1.2) k[n++] = a;
  for (double a = 1.0; a < 10.0 && n < max; a += 0.25) k[n++] = a;
  for (double a = 10.0; a <= 85.0 && n < max; a += 2.0) k[n++] = a;
  for (nb = 0; nb < n && k[nb] < FAN_INTERP_BELOW_DEG; nb++) {}
  for (int i = 0; i < n; i++) flown[i] = i >= nb || i % FAN_INTERP_EVERY == 0 || i == nb - 1;
  return n;
}

#define FAN_ATOL_M 1.0    /* integrator tolerance of the fan's flights (m) */
#define FAN_H_MAX_S 60.0 /* longest integrator step of the fan's flights (s) */
#define FAN_MAX_K 256
/* look-up grid: nodes in downrange x altitude over the fan's extent; a query is bilinear
   when its four nodes are inside the fan and its cell passed the build-time check (the
   exact look-up at the cell's centre and edge middles within FAN_GRID_TOL_S), else
   solved exactly */
#define FAN_GRID_NR 256
#define FAN_GRID_NH 256
#define FAN_GRID_TOL_S 0.1
#define PAIR_STEPS 32   /* pair_bounds: altitude steps per grid height step */

static int grid_build(struct bmd_fan *f);
static int grid_check(struct bmd_fan *f);

/* one row of the tables: trajectory k at row i in state (pos, vel), Earth-fixed; 0 when
   it is below the site (the trajectory's rows end before it) */
static int set_row(struct bmd_fan *f, int k, int i, const double pos[3], const double vel[3],
                   const struct bmd_physics *phys, struct bmd_geodesic_from *gf, const double r0[3],
                   double alt0) {
  double h, up[3], rho, cl, sp, vu;
  size_t cell = (size_t)k * (size_t)f->nt + (size_t)i;
  h = bmd_physics_height(phys, pos, up);
  if (h < alt0 - 1.0 && i > 0) return 0;
  /* downrange: the geodesic from the site to the foot point (geodesic.h's fast repeated
     inverse; the normal gives the latitude's and longitude's sines and cosines) */
  cl = hypot(up[0], up[1]);
  if (cl > 1e-12)
    rho = bmd_geodesic_from_distance(gf, up[2], cl, up[1] / cl, up[0] / cl);
  else
    rho = bmd_geodesic_from_distance(gf, up[2], 0.0, 0.0, 1.0);
  sp = bmd_vec3_norm(vel);
  /* downrange never decreases: guard against geodesic round-off at the start */
  if (i > 0 && rho < f->rho_m[cell - 1]) rho = f->rho_m[cell - 1];
  f->rho_m[cell] = rho;
  f->h_m[cell] = h;
  /* vertical and horizontal components (the velocity lies in the vertical plane through
     the site but for the Earth's rotation's sideways drift, counted in the horizontal
     speed) */
  vu = bmd_vec3_dot(vel, up);
  f->vu_mps[cell] = vu;
  f->vh_mps[cell] = sqrt(fmax(0.0, sp * sp - vu * vu));
  if (sp > f->max_speed_mps) f->max_speed_mps = sp;
  {
    double d[3] = {pos[0] - r0[0], pos[1] - r0[1], pos[2] - r0[2]};
    f->reach_m = fmax(f->reach_m, bmd_vec3_norm(d));
  }
  f->len[k] = i + 1;
  return 1;
}

/* the rows of angle k (not flown) from the Earth-fixed states of the flown angles at the
   same times (st: [slot[angle]][row][6]): Lagrange's cubic in the angle through the two flown
   below and the two above (the four nearest at the ends of the list) on the rows all four
   have, then linear between the two neighbours while both have rows. The states, not the
   downranges, are interpolated: the sideways drift of the Earth's rotation makes the
   downrange of a near-vertical flight far from linear in the angle, its state not. */
static void interp_rows(struct bmd_fan *f, int k, const double *st, const int *slot,
                        const struct bmd_physics *phys, double lat0, double lon0, const double r0[3],
                        double alt0) {
  const double *K = f->kick_deg, x = K[k];
  int fl[FAN_MAX_K], nf = 0, b = 0, a0, lo, hi, len4, len2;
  double w[4], wl;
  struct bmd_geodesic_from gf;
  for (int q = 0; q < f->nk; q++)
    if (f->flown[q]) fl[nf++] = q;
  f->len[k] = 0;
  while (b + 1 < nf && fl[b + 1] < k) b++;   /* fl[b] < k < fl[b + 1] */
  if (nf < 4 || b + 1 >= nf) return;
  lo = fl[b];
  hi = fl[b + 1];
  a0 = b - 1 < 0 ? 0 : b - 1;
  if (a0 + 3 >= nf) a0 = nf - 4;
  len4 = f->len[fl[a0]];
  for (int m = 0; m < 4; m++) {
    int r = fl[a0 + m];
    w[m] = 1.0;
    for (int q = 0; q < 4; q++)
      if (q != m) w[m] *= (x - K[fl[a0 + q]]) / (K[r] - K[fl[a0 + q]]);
    if (f->len[r] < len4) len4 = f->len[r];
  }
  wl = (K[hi] - x) / (K[hi] - K[lo]);
  len2 = f->len[lo] < f->len[hi] ? f->len[lo] : f->len[hi];
  bmd_geodesic_from_init(&gf, phys->earth, lat0, lon0, 64);
  for (int i = 0; i < len2; i++) {
    double y[6];
    for (int c = 0; c < 6; c++) {
#define BMD_ST_(q) st[((size_t)slot[q] * (size_t)f->nt + (size_t)i) * 6 + (size_t)c]
      if (i < len4) {
        y[c] = 0.0;
        for (int m = 0; m < 4; m++) y[c] += w[m] * BMD_ST_(fl[a0 + m]);
      } else {
        y[c] = wl * BMD_ST_(lo) + (1.0 - wl) * BMD_ST_(hi);
      }
#undef BMD_ST_
    }
    if (!set_row(f, k, i, y, y + 3, phys, &gf, r0, alt0)) break;
  }
}

void bmd_fan_release(struct bmd_fan *f) {
  if (!f) return;
  free(f->kick_deg);
  free(f->flown);
  free(f->len);
  free(f->rho_m);
  free(f->h_m);
  free(f->vh_mps);
  free(f->vu_mps);
  free(f->g_tof);
  free(f->g_kick);
  free(f->g_vh);
  free(f->g_vu);
  free(f->g_exact);
  free(f->g_rho_out_m);
  free(f->g_idx);
  free(f->g_pair_h);
  memset(f, 0, sizeof *f);
}

int bmd_fan_build(struct bmd_fan *f, const struct bmd_vehicle *v, const struct bmd_physics *phys,
                  double lat0, double lon0, double alt0, double az, double t_max_s, double dt_s) {
  double kicks[FAN_MAX_K], r0[3], *state;
  unsigned char flown[FAN_MAX_K];
  int slot[FAN_MAX_K], nslot = 0;
  struct bmd_traj_opts o;
  int st = BMD_OK;
  size_t cells;

  memset(f, 0, sizeof *f);
  f->nk = kick_list(kicks, flown, FAN_MAX_K);
  f->nt = (int)(t_max_s / dt_s) + 1;
  f->dt_s = dt_s;
  cells = (size_t)f->nk * (size_t)f->nt;
  f->kick_deg = malloc((size_t)f->nk * sizeof *f->kick_deg);
  f->flown = malloc((size_t)f->nk);
  f->len = calloc((size_t)f->nk, sizeof *f->len);
  f->rho_m = malloc(cells * sizeof *f->rho_m);
  f->h_m = malloc(cells * sizeof *f->h_m);
  f->vh_mps = malloc(cells * sizeof *f->vh_mps);
  f->vu_mps = malloc(cells * sizeof *f->vu_mps);
  if (!f->kick_deg || !f->flown || !f->len || !f->rho_m || !f->h_m || !f->vh_mps || !f->vu_mps) {
    bmd_fan_release(f);
    return BMD_ENOMEM;
  }
  memcpy(f->kick_deg, kicks, (size_t)f->nk * sizeof *kicks);
  memcpy(f->flown, flown, (size_t)f->nk);

  bmd_traj_opts_default(&o);
  o.phys = *phys;
  o.record = 1;
  /* steps up to FAN_H_MAX_S, read back on cubic Hermite polynomials: in free flight their
     error is ~ h^4 |r''''| / 384, about 0.5 m at 60 s (|r''''| ~ R (g / R)^2 ~ 1.5e-5
     m/s^4); 30 s costs 9-17% more right-hand sides at the tolerance below, and steps
     capped by the table's dt cost 22% of the footprint's right-hand sides (measured when
     the fans flew at 1e-2 m) */
  o.io.h_max_s = fmax(dt_s, FAN_H_MAX_S);
  /* 1 m and 1e-3 m/s per step (traj.h: 1e-5, 1e-8) move SM-3 IIA / IB impacts by <= 410 m
     (0.14 s at 3 km/s, the timing included) for 71% fewer right-hand sides than traj.h's
     (1e-2 m: <= 8.5 m, 46% fewer; bench_tolerance, BENCHMARKS.md "Fan and survey
     tolerances"): small against what the fan already approximates, its direction (a few
     per cent of reach, tens of km; fan.h), its look-up grid (0.1 s) and its linear read
     between dt-spaced samples (g dt^2 / 8 in the coast: ~20 m at 4 s, ~80 m at 8 s) */
  bmd_traj_opts_atol(&o, FAN_ATOL_M);
  /* the tables end at (nt - 1) dt: a flight still up then stops there (its steps up to it,
     and so the tables, are those of the flight to impact) */
  o.t_stop_s = (f->nt - 1) * dt_s;
  bmd_physics_to_ecef(&o.phys, lat0 * BMD_DEG, lon0 * BMD_DEG, alt0, r0);
  /* the states at the rows of the flown angles the others are interpolated from: those
     up to the second flown one after the last interpolated one (interp_rows' stencil) */
  {
    int last = -1, after = 0;
    for (int k = 0; k < f->nk; k++)
      if (!flown[k]) last = k;
    for (int k = 0; k < f->nk; k++) {
      slot[k] = -1;
      if (flown[k] && (k < last || (k > last && after++ < 2))) slot[k] = nslot++;
    }
  }
  state = malloc((size_t)(nslot > 0 ? nslot : 1) * (size_t)f->nt * 6 * sizeof *state);
  if (!state) {
    bmd_fan_release(f);
    return BMD_ENOMEM;
  }
  for (int k = 0; k < f->nk && st == BMD_OK; k++) {
    struct bmd_traj_control c = {az, kicks[k], 1e30, {0}};
    struct bmd_traj_result r;
    long j = 0;
    struct bmd_geodesic_from gf;
    if (!flown[k]) continue;
    bmd_geodesic_from_init(&gf, o.phys.earth, lat0, lon0, 64);
    st = bmd_traj_fly(v, &o, lat0, lon0, alt0, &c, &r);
    if (st == BMD_ERANGE) st = BMD_OK; /* the kill vehicle reached orbit: keep what we have */
    if (st != BMD_OK) {
      bmd_traj_result_release(&r);
      break;
    }
    if (k == 0) f->burnout_s = r.burnout_t_s;
    /* resample the recorded steps onto the uniform time grid (Hermite: see h_max above) */
    for (int i = 0; i < f->nt; i++) {
      double yk[6], *y = slot[k] >= 0 ? state + ((size_t)slot[k] * (size_t)f->nt + (size_t)i) * 6 : yk;
      if (!bmd_traj_state_hermite(&r, i * dt_s, &j, y, y + 3)) break;
      if (!set_row(f, k, i, y, y + 3, &o.phys, &gf, r0, alt0)) break;
    }
    bmd_traj_result_release(&r);
  }
  if (st == BMD_OK)
    for (int k = 0; k < f->nk; k++)
      if (!flown[k]) interp_rows(f, k, state, slot, &o.phys, lat0, lon0, r0, alt0);
  free(state);
  if (st == BMD_OK) st = grid_build(f);
  if (st != BMD_OK) bmd_fan_release(f);
  return st;
}

/* where trajectory k passes downrange rho: the last sample before it (*lo), the next
   (*hi) and the fraction between them (*s); 0 if it never gets there. lo0, hi0: a bracket
   known from the grid's columns, which narrows the bisection (same answer), or -1 */
static int bracket(const struct bmd_fan *f, int k, double rho, int lo0, int hi0, int *lo_out,
                   int *hi_out, double *s) {
  const double *R = f->rho_m + (size_t)k * (size_t)f->nt;
  int n = f->len[k], lo = 0, hi;
  if (n < 2 || rho > R[n - 1] || rho < R[0]) return 0;
  hi = n - 1;
  if (lo0 >= 0 && hi0 < n && lo0 < hi0 && R[lo0] < rho && R[hi0] >= rho) {
    lo = lo0;
    hi = hi0;
  }
  while (hi - lo > 1) {
    int mid = (lo + hi) / 2;
    if (R[mid] < rho) lo = mid; else hi = mid;
  }
  *s = R[hi] > R[lo] ? (rho - R[lo]) / (R[hi] - R[lo]) : 0.0;
  *lo_out = lo;
  *hi_out = hi;
  return 1;
}

/* table A's value for trajectory k between samples lo and hi at fraction s */
static double lerp_row(const struct bmd_fan *f, const double *A, int k, int lo, int hi, double s) {
  size_t c0 = (size_t)k * (size_t)f->nt + (size_t)lo, c1 = c0 + (size_t)(hi - lo);
  return A[c0] + s * (A[c1] - A[c0]);
}

/* altitude, time and velocity (horizontal, vertical) of trajectory k at downrange rho; 0 if it
   never gets there */
static int along(const struct bmd_fan *f, int k, double rho, int lo0, int hi0, double *h,
                 double *t, double *vh, double *vu) {
  int lo, hi;
  double s;
  if (!bracket(f, k, rho, lo0, hi0, &lo, &hi, &s)) return 0;
  *h = lerp_row(f, f->h_m, k, lo, hi, s);
  *t = (lo + s * (hi - lo)) * f->dt_s;
  *vh = lerp_row(f, f->vh_mps, k, lo, hi, s);
  *vu = lerp_row(f, f->vu_mps, k, lo, hi, s);
  return 1;
}

/* the grid's bracket hints for downrange rho: the node columns around it, or NULL */
static void column_hints(const struct bmd_fan *f, double rho, const unsigned short **a,
                         const unsigned short **b) {
  *a = *b = NULL;
  if (f->g_idx) {
    double x = (rho - f->g_rho0_m) / f->g_drho_m;
    if (x >= 0.0 && x < FAN_GRID_NR - 1) {
      int i = (int)x;
      *a = f->g_idx + (size_t)i * (size_t)f->nk;
      *b = *a + f->nk;
    }
  }
}

/* every trajectory of the fan at one downrange distance */
struct column {
  int ok[FAN_MAX_K];
  double h[FAN_MAX_K], t[FAN_MAX_K], vh[FAN_MAX_K], vu[FAN_MAX_K];
};

static void column_at(const struct bmd_fan *f, double rho, struct column *c) {
  const unsigned short *a, *b;
  column_hints(f, rho, &a, &b);
  for (int k = 0; k < f->nk; k++)
    c->ok[k] = along(f, k, rho, a ? a[k] : -1, b ? b[k] + 1 : -1, &c->h[k], &c->t[k], &c->vh[k],
                     &c->vu[k]);
}

/* the earliest passage at each of the n heights h0 + j dh among the neighbouring trajectory
   pairs of column c, interpolated linearly in the pitch-over angle: each pair visits only
   the heights it brackets (O(nk + n), not O(nk n)) */
static void column_sweep(const struct bmd_fan *f, const struct column *c, double h0, double dh,
                         int n, struct bmd_fan_point *pts, unsigned char *found) {
  double inv = 1.0 / dh;
  memset(found, 0, (size_t)n);
  for (int k = 1; k < f->nk; k++) {
    double hp = c->h[k - 1], hk = c->h[k];
    if (!c->ok[k] || !c->ok[k - 1] || hp == hk) continue;
    /* candidate heights, one wider than the bracket at the top against rounding; each is
       tested exactly below */
    double a = ((hp < hk ? hp : hk) - h0) * inv, b = ((hp < hk ? hk : hp) - h0) * inv;
    int j0 = a > 0.0 ? (int)a : 0, j1 = b > -2.0 ? (int)(b + 2.0) - 1 : -1;
    if (j1 > n - 1) j1 = n - 1;
    for (int j = j0; j <= j1; j++) {
      double h = h0 + j * dh;
      if ((hp - h) * (hk - h) > 0.0) continue;
      double s = (hp - h) / (hp - hk);
      double t = c->t[k - 1] + s * (c->t[k] - c->t[k - 1]);
      if (found[j] && !(t < pts[j].tof_s)) continue;
      found[j] = 1;
      pts[j].tof_s = t;
      pts[j].kick_deg = f->kick_deg[k - 1] + s * (f->kick_deg[k] - f->kick_deg[k - 1]);
      pts[j].vh_mps = c->vh[k - 1] + s * (c->vh[k] - c->vh[k - 1]);
      pts[j].vu_mps = c->vu[k - 1] + s * (c->vu[k] - c->vu[k - 1]);
    }
  }
}

/* column_sweep at the one height h, with only the pairs of trajectories that bracket it:
   those whose bounds in the cell column (pair_bounds) hold h, each trajectory's passage at
   rho computed once when first needed. The pairs left out cannot bracket h, and the others
   get the same arithmetic, so the answer is a whole column's sweep's (test_fan). */
int bmd_fan_reach_exact(const struct bmd_fan *f, double rho, double h, struct bmd_fan_point *p) {
  const unsigned short *a, *b;
  const short *B = NULL;
  signed char ok[FAN_MAX_K];
  int lo[FAN_MAX_K], hi[FAN_MAX_K], found = 0;
  double s[FAN_MAX_K], hk[FAN_MAX_K];
  column_hints(f, rho, &a, &b);
  if (a && f->g_pair_h)
    B = f->g_pair_h + (size_t)((a - f->g_idx) / f->nk) * (size_t)(f->nk - 1) * 2;
  /* h in the bounds' steps (the bounds lie within a step of the grid's heights, far inside
     the 16-bit range) */
  double hq = (h - f->g_h0_m) * (PAIR_STEPS / f->g_dh_m);
  memset(ok, -1, (size_t)f->nk);
  for (int k = 1; k < f->nk; k++) {
    if (B && !(hq >= B[2 * (k - 1)] && hq <= B[2 * (k - 1) + 1])) continue;
    for (int q = k - 1; q <= k; q++)
      if (ok[q] < 0) {
        ok[q] = (signed char)bracket(f, q, rho, a ? a[q] : -1, b ? b[q] + 1 : -1, &lo[q], &hi[q], &s[q]);
        if (ok[q]) hk[q] = lerp_row(f, f->h_m, q, lo[q], hi[q], s[q]);
      }
    if (!ok[k] || !ok[k - 1] || hk[k - 1] == hk[k] || (hk[k - 1] - h) * (hk[k] - h) > 0.0) continue;
    double u = (hk[k - 1] - h) / (hk[k - 1] - hk[k]);
    double t0 = (lo[k - 1] + s[k - 1] * (hi[k - 1] - lo[k - 1])) * f->dt_s,
           t1 = (lo[k] + s[k] * (hi[k] - lo[k])) * f->dt_s, t = t0 + u * (t1 - t0);
    if (found && !(t < p->tof_s)) continue;
    double vh0 = lerp_row(f, f->vh_mps, k - 1, lo[k - 1], hi[k - 1], s[k - 1]),
           vh1 = lerp_row(f, f->vh_mps, k, lo[k], hi[k], s[k]),
           vu0 = lerp_row(f, f->vu_mps, k - 1, lo[k - 1], hi[k - 1], s[k - 1]),
           vu1 = lerp_row(f, f->vu_mps, k, lo[k], hi[k], s[k]);
    found = 1;
    p->tof_s = t;
    p->kick_deg = f->kick_deg[k - 1] + u * (f->kick_deg[k] - f->kick_deg[k - 1]);
    p->vh_mps = vh0 + u * (vh1 - vh0);
    p->vu_mps = vu0 + u * (vu1 - vu0);
  }
  return found;
}

/* per column of cells and neighbouring pair of trajectories: the altitudes between which
   the pair can bracket a height anywhere in the column (its samples from one before the
   left column's bracket to two after the right one's), so that an exact look-up needs
   only the pairs whose bounds hold its height (bmd_fan_reach_exact). Stored as 16-bit
   steps of PAIR_STEPS-th of the grid's height step above its bottom, rounded outward and
   widened by a step against the rounding of interpolation: 97 KB a fan. */
static short pair_step(double v, int up) {
  double q = up ? ceil(v) + 1.0 : floor(v) - 1.0;
  return (short)(q < -32768.0 ? -32768 : q > 32767.0 ? 32767 : q);
}

static int pair_bounds(struct bmd_fan *f) {
  const int nk = f->nk;
  const double inv = PAIR_STEPS / f->g_dh_m;
  double mn[FAN_MAX_K], mx[FAN_MAX_K];
  f->g_pair_h = malloc((size_t)(FAN_GRID_NR - 1) * (size_t)(nk > 1 ? nk - 1 : 1) * 2 * sizeof *f->g_pair_h);
  if (!f->g_pair_h) return BMD_ENOMEM;
  for (int i = 0; i < FAN_GRID_NR - 1; i++) {
    short *B = f->g_pair_h + (size_t)i * (size_t)(nk - 1) * 2;
    for (int k = 0; k < nk; k++) {
      const double *H = f->h_m + (size_t)k * (size_t)f->nt;
      int a = f->g_idx[(size_t)i * (size_t)nk + (size_t)k] - 1,
          b = f->g_idx[(size_t)(i + 1) * (size_t)nk + (size_t)k] + 2;
      if (a < 0) a = 0;
      if (b > f->len[k] - 1) b = f->len[k] - 1;
      mn[k] = HUGE_VAL;
      mx[k] = -HUGE_VAL;
      if (f->len[k] < 2) continue;   /* never brackets anything (bracket) */
      for (int m = a; m <= b; m++) {
        if (H[m] < mn[k]) mn[k] = H[m];
        if (H[m] > mx[k]) mx[k] = H[m];
      }
    }
    for (int k = 1; k < nk; k++) {
      double lo = mn[k - 1] < mn[k] ? mn[k - 1] : mn[k], hi = mx[k - 1] > mx[k] ? mx[k - 1] : mx[k];
      if (lo <= hi) {
        B[2 * (k - 1)] = pair_step((lo - f->g_h0_m) * inv, 0);
        B[2 * (k - 1) + 1] = pair_step((hi - f->g_h0_m) * inv, 1);
      } else {
        B[2 * (k - 1)] = 32767;   /* empty */
        B[2 * (k - 1) + 1] = -32768;
      }
    }
  }
  return BMD_OK;
}

/* the look-up grid: every node solved exactly, column by column */
static int grid_build(struct bmd_fan *f) {
  size_t n = (size_t)FAN_GRID_NR * FAN_GRID_NH;
  struct column *c = malloc(sizeof *c);
  double rho_max = 0.0, h_lo = HUGE_VAL, h_hi = -HUGE_VAL;
  f->g_tof = malloc(n * sizeof *f->g_tof);
  f->g_kick = malloc(n * sizeof *f->g_kick);
  f->g_vh = malloc(n * sizeof *f->g_vh);
  f->g_vu = malloc(n * sizeof *f->g_vu);
  if (!c || !f->g_tof || !f->g_kick || !f->g_vh || !f->g_vu) {
    free(c);
    return BMD_ENOMEM;
  }
  for (int k = 0; k < f->nk; k++)
    for (int i = 0; i < f->len[k]; i++) {
      size_t q = (size_t)k * (size_t)f->nt + (size_t)i;
      rho_max = fmax(rho_max, f->rho_m[q]);
      h_lo = fmin(h_lo, f->h_m[q]);
      h_hi = fmax(h_hi, f->h_m[q]);
    }
  if (!(h_hi > h_lo)) h_hi = h_lo + 1.0;
  f->g_rho0_m = 0.0;
  f->g_drho_m = fmax(rho_max, 1.0) / (FAN_GRID_NR - 1);
  f->g_h0_m = h_lo;
  f->g_dh_m = (h_hi - h_lo) / (FAN_GRID_NH - 1);
  /* per node column and trajectory: the last sample before the column's downrange, to
     narrow the bisections of the columns below and of exact look-ups between two columns
     (nt <= 65535) */
  if (f->nt <= 65535) {
    unsigned short *idx = malloc((size_t)FAN_GRID_NR * (size_t)f->nk * sizeof *idx);
    if (!idx) {
      free(c);
      return BMD_ENOMEM;
    }
    for (int i = 0; i < FAN_GRID_NR; i++)
      for (int k = 0; k < f->nk; k++) {
        const double *R = f->rho_m + (size_t)k * (size_t)f->nt;
        double rho = f->g_rho0_m + i * f->g_drho_m;
        int lo = 0, hi = f->len[k] - 1;
        while (hi - lo > 1) {
          int mid = (lo + hi) / 2;
          if (R[mid] < rho) lo = mid; else hi = mid;
        }
        idx[(size_t)i * (size_t)f->nk + (size_t)k] = (unsigned short)(lo < 0 ? 0 : lo);
      }
    f->g_idx = idx;
    if (pair_bounds(f) != BMD_OK) {
      free(c);
      return BMD_ENOMEM;
    }
  }
  for (int i = 0; i < FAN_GRID_NR; i++) {
    struct bmd_fan_point pts[FAN_GRID_NH];
    unsigned char found[FAN_GRID_NH];
    column_at(f, f->g_rho0_m + i * f->g_drho_m, c);
    column_sweep(f, c, f->g_h0_m, f->g_dh_m, FAN_GRID_NH, pts, found);
    for (int j = 0; j < FAN_GRID_NH; j++) {
      size_t q = (size_t)i * FAN_GRID_NH + (size_t)j;
      if (found[j]) {
        f->g_tof[q] = (float)pts[j].tof_s;
        f->g_kick[q] = (float)pts[j].kick_deg;
        f->g_vh[q] = (float)pts[j].vh_mps;
        f->g_vu[q] = (float)pts[j].vu_mps;
      } else {
        f->g_tof[q] = -1.0f;
      }
    }
  }
  free(c);
  return grid_check(f);
}

/* the grid's answer at (rho, h): 1 bilinear (p filled; its time of flight alone unless
   all), 0 outside (no node around it is inside), -1 to be solved exactly (some nodes
   inside and some not) */
static int grid_raw(const struct bmd_fan *f, double rho, double h, int all,
                    struct bmd_fan_point *p, size_t *cell) {
  double x = (rho - f->g_rho0_m) / f->g_drho_m, y = (h - f->g_h0_m) / f->g_dh_m;
  *cell = SIZE_MAX;   /* outside the grid: outside the fan */
  if (!(x >= 0.0 && y >= 0.0 && x <= FAN_GRID_NR - 1 && y <= FAN_GRID_NH - 1)) return 0;
  int i = (int)x, j = (int)y;
  if (i > FAN_GRID_NR - 2) i = FAN_GRID_NR - 2;
  if (j > FAN_GRID_NH - 2) j = FAN_GRID_NH - 2;
  *cell = (size_t)i * (FAN_GRID_NH - 1) + (size_t)j;
  size_t q00 = (size_t)i * FAN_GRID_NH + (size_t)j, q01 = q00 + 1, q10 = q00 + FAN_GRID_NH,
         q11 = q10 + 1;
  const float *T = f->g_tof;
  int nin = (T[q00] >= 0.0f) + (T[q01] >= 0.0f) + (T[q10] >= 0.0f) + (T[q11] >= 0.0f);
  if (nin == 0) return 0;
  if (nin < 4) return -1;
  double u = x - i, v = y - j;
  double w00 = (1 - u) * (1 - v), w01 = (1 - u) * v, w10 = u * (1 - v), w11 = u * v;
#define BMD_BILIN_(A) \
  (w00 * (double)(A)[q00] + w01 * (double)(A)[q01] + w10 * (double)(A)[q10] + w11 * (double)(A)[q11])
  p->tof_s = BMD_BILIN_(T);
  if (!all) return 1;
  p->kick_deg = BMD_BILIN_(f->g_kick);
  p->vh_mps = BMD_BILIN_(f->g_vh);
  p->vu_mps = BMD_BILIN_(f->g_vu);
#undef BMD_BILIN_
  return 1;
}

/* mark for exact solution the cell(s) around (rho, h) if the grid is wrong there */
static void check_at(struct bmd_fan *f, int fe, const struct bmd_fan_point *pe, double rho,
                     double h, int di, int dj) {
  struct bmd_fan_point pg;
  size_t cell;
  int fg = grid_raw(f, rho, h, 0, &pg, &cell);
  if (fg < 0 || cell == SIZE_MAX) return;
  if (fe == fg && (!fe || fabs(pe->tof_s - pg.tof_s) <= FAN_GRID_TOL_S)) return;
  f->g_exact[cell] = 1;
  /* an edge's middle belongs to the cell before it too */
  if (di && cell >= (size_t)(FAN_GRID_NH - 1)) f->g_exact[cell - (FAN_GRID_NH - 1)] = 1;
  if (dj && cell % (FAN_GRID_NH - 1) > 0) f->g_exact[cell - 1] = 1;
}

/* the grid checked against the exact look-up at every cell's centre and the middles of its
   edges: cells where it is wrong (a sliver of the fan or a change of branch between nodes)
   are always solved exactly */
static int grid_check(struct bmd_fan *f) {
  struct column *c = malloc(sizeof *c);
  f->g_exact = calloc((size_t)(FAN_GRID_NR - 1) * (FAN_GRID_NH - 1), 1);
  if (!c || !f->g_exact) {
    free(c);
    return BMD_ENOMEM;
  }
  for (int i = 0; i < FAN_GRID_NR; i++) {
    struct bmd_fan_point mid[FAN_GRID_NH], low[FAN_GRID_NH];
    unsigned char fmid[FAN_GRID_NH], flow[FAN_GRID_NH];
    double rho = f->g_rho0_m + i * f->g_drho_m, hm = f->g_h0_m + 0.5 * f->g_dh_m;
    column_at(f, rho, c);   /* a column of nodes: the middles of the cells' left edges */
    column_sweep(f, c, hm, f->g_dh_m, FAN_GRID_NH - 1, mid, fmid);
    for (int j = 0; j < FAN_GRID_NH - 1; j++)
      check_at(f, fmid[j], &mid[j], rho, hm + j * f->g_dh_m, i > 0 && i < FAN_GRID_NR - 1, 0);
    if (i == FAN_GRID_NR - 1) break;
    rho += 0.5 * f->g_drho_m;
    column_at(f, rho, c);   /* through the cells' centres and the middles of their lower edges */
    column_sweep(f, c, hm, f->g_dh_m, FAN_GRID_NH - 1, mid, fmid);
    column_sweep(f, c, f->g_h0_m, f->g_dh_m, FAN_GRID_NH - 1, low, flow);
    for (int j = 0; j < FAN_GRID_NH - 1; j++) {
      check_at(f, fmid[j], &mid[j], rho, hm + j * f->g_dh_m, 0, 0);
      if (j > 0) check_at(f, flow[j], &low[j], rho, f->g_h0_m + j * f->g_dh_m, 0, 1);
    }
  }
  /* per row of cells: the downrange beyond which no cell has a node inside or is checked
     exact, so that the grid answers "outside" there (bmd_fan_outside) */
  f->g_rho_out_m = malloc((FAN_GRID_NH - 1) * sizeof *f->g_rho_out_m);
  if (!f->g_rho_out_m) {
    free(c);
    return BMD_ENOMEM;
  }
  for (int j = 0; j < FAN_GRID_NH - 1; j++) {
    int imax = -1;
    for (int i = 0; i < FAN_GRID_NR - 1; i++) {
      size_t q = (size_t)i * FAN_GRID_NH + (size_t)j;
      if (f->g_exact[(size_t)i * (FAN_GRID_NH - 1) + (size_t)j] || f->g_tof[q] >= 0.0f ||
          f->g_tof[q + 1] >= 0.0f || f->g_tof[q + FAN_GRID_NH] >= 0.0f ||
          f->g_tof[q + FAN_GRID_NH + 1] >= 0.0f)
        imax = i;
    }
    f->g_rho_out_m[j] = f->g_rho0_m + (imax + 1) * f->g_drho_m;
  }
  free(c);
  return BMD_OK;
}

double bmd_fan_ground_reach(const struct bmd_fan *f, double min_alt_m, double max_alt_m,
                            double max_tof_s) {
  double best = 0.0;
  int nrow = f->nt;
  if (max_tof_s > 0.0 && max_tof_s / f->dt_s < (double)(f->nt - 1)) nrow = (int)floor(max_tof_s / f->dt_s) + 1;
  for (int k = 0; k < f->nk; k++) {
    const double *R = f->rho_m + (size_t)k * (size_t)f->nt, *H = f->h_m + (size_t)k * (size_t)f->nt;
    int n = f->len[k] < nrow ? f->len[k] : nrow;
    for (int i = 0; i < n; i++)
      if (H[i] >= min_alt_m && (max_alt_m <= 0.0 || H[i] <= max_alt_m) && R[i] > best) best = R[i];
  }
  return best;
}

long bmd_fan_outside_run(const struct bmd_fan *f, double rho_lb, double h, double drho_m,
                         double dh_m, long nmax) {
  long k = 0;
  int lo, hi;
  double best = -HUGE_VAL;
  if (!f->g_rho_out_m || !(drho_m >= 0.0) || !(dh_m >= 0.0)) return 0;
  /* rows whose cells a height in [h - k dh, h + k dh] can fall in, widened as k grows, and
     the largest downrange any of them reaches; heights off the grid are outside */
  lo = FAN_GRID_NH - 1;
  hi = -1;
  for (k = 1; k <= nmax; k++) {
    double ya = (h - k * dh_m - f->g_h0_m) / f->g_dh_m, yb = (h + k * dh_m - f->g_h0_m) / f->g_dh_m;
    if (yb >= 0.0 && ya <= FAN_GRID_NH - 1) {
      /* rows floor(y) over [ya, yb], the grid's top edge in its last row, and one row
         lower on the low side: a point on a row boundary belongs to either
         (bmd_fan_outside) */
      int a = ya < 1.0 ? 0 : (int)ya - 1, b = yb >= FAN_GRID_NH - 2 ? FAN_GRID_NH - 2 : (int)yb;
      if (a > FAN_GRID_NH - 2) a = FAN_GRID_NH - 2;
      if (hi < lo) {
        lo = a;
        hi = a - 1;
      }
      /* (g_rho_out_m is finite: a comparison, not fmax's call) */
      for (int j = a; j < lo; j++)
        if (f->g_rho_out_m[j] > best) best = f->g_rho_out_m[j];
      for (int j = hi + 1; j <= b; j++)
        if (f->g_rho_out_m[j] > best) best = f->g_rho_out_m[j];
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
    if (!(rho_lb - k * drho_m > best)) break;
  }
  return k - 1;
}

int bmd_fan_outside(const struct bmd_fan *f, double rho_lb, double h) {
  double y;
  int j;
  if (!f->g_rho_out_m) return 0;
  y = (h - f->g_h0_m) / f->g_dh_m;
  if (!(y >= 0.0 && y <= FAN_GRID_NH - 1)) return 1;
  j = (int)y;
  if (j > FAN_GRID_NH - 2) j = FAN_GRID_NH - 2;
  /* a point on a row boundary belongs to the cell above it (grid_raw), but allow both */
  if (y == (double)j && j > 0 && f->g_rho_out_m[j - 1] > f->g_rho_out_m[j]) j--;
  return rho_lb > f->g_rho_out_m[j];
}

int bmd_fan_reach(const struct bmd_fan *f, double rho, double h, struct bmd_fan_point *p) {
  size_t cell;
  int r;
  if (!f->g_tof) return bmd_fan_reach_exact(f, rho, h, p);
  r = grid_raw(f, rho, h, 1, p, &cell);
  if (r < 0 || (cell != SIZE_MAX && f->g_exact[cell])) return bmd_fan_reach_exact(f, rho, h, p);
  return r;
}
