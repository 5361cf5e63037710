/* fan.c - interceptor fly-out fans (fan.h). */
#include <bmd/fan.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>
#include <bmd/traj.h>
#include <bmd/vec3.h>

/* pitch-over angles: dense near the vertical, where the fan's edge is */
static int kick_list(double *k, int max) {
  int n = 0;
  for (double a = 0.02; a < 1.0 && n < max; a *= 1.2) k[n++] = a;
  for (double a = 1.0; a < 10.0 && n < max; a += 0.25) k[n++] = a;
  for (double a = 10.0; a <= 85.0 && n < max; a += 2.0) k[n++] = a;
  return n;
}

#define RATIO_EVERY 8

/* central angle times the mean radius (Vincenty's formula on the sphere, well-conditioned at
   all distances; e.g. Snyder, Map Projections: A Working Manual (1987), eq. 5-3a) */
static double great_circle_m(double la1, double lo1, double la2, double lo2) {
  double dl = lo2 - lo1, c1 = cos(la1), s1 = sin(la1), c2 = cos(la2), s2 = sin(la2);
  double a = c2 * sin(dl), b = c1 * s2 - s1 * c2 * cos(dl);
  return BMD_SPHERE_R_M * atan2(sqrt(a * a + b * b), s1 * s2 + c1 * c2 * cos(dl));
}

void bmd_fan_release(struct bmd_fan *f) {
  if (!f) return;
  free(f->kick_deg);
  free(f->len);
  free(f->rho_m);
  free(f->h_m);
  free(f->speed_mps);
  free(f->gamma_rad);
  memset(f, 0, sizeof *f);
}

int bmd_fan_build(struct bmd_fan *f, const struct bmd_vehicle *v, const struct bmd_physics *phys,
                  double lat0, double lon0, double alt0, double az, double t_max_s, double dt_s) {
  double kicks[256], r0[3];
  struct bmd_traj_opts o;
  int st = BMD_OK;
  size_t cells;

  memset(f, 0, sizeof *f);
  f->nk = kick_list(kicks, 256);
  f->nt = (int)(t_max_s / dt_s) + 1;
  f->dt_s = dt_s;
  cells = (size_t)f->nk * (size_t)f->nt;
  f->kick_deg = malloc((size_t)f->nk * sizeof *f->kick_deg);
  f->len = calloc((size_t)f->nk, sizeof *f->len);
  f->rho_m = malloc(cells * sizeof *f->rho_m);
  f->h_m = malloc(cells * sizeof *f->h_m);
  f->speed_mps = malloc(cells * sizeof *f->speed_mps);
  f->gamma_rad = malloc(cells * sizeof *f->gamma_rad);
  if (!f->kick_deg || !f->len || !f->rho_m || !f->h_m || !f->speed_mps || !f->gamma_rad) {
    bmd_fan_release(f);
    return BMD_ENOMEM;
  }
  memcpy(f->kick_deg, kicks, (size_t)f->nk * sizeof *kicks);

  bmd_traj_opts_default(&o);
  o.phys = *phys;
  o.record = 1;
  o.io.h_max_s = dt_s;
  bmd_physics_to_ecef(&o.phys, lat0 * BMD_DEG, lon0 * BMD_DEG, alt0, r0);
  for (int k = 0; k < f->nk && st == BMD_OK; k++) {
    struct bmd_traj_control c = {az, kicks[k], 1e30};
    struct bmd_traj_result r;
    long j = 0;
    double ratio = 0.0;
    st = bmd_traj_fly(v, &o, lat0, lon0, alt0, &c, &r);
    if (st == BMD_ERANGE) st = BMD_OK; /* the kill vehicle reached orbit: keep what we have */
    if (st != BMD_OK) {
      bmd_traj_result_release(&r);
      break;
    }
    if (k == 0) f->burnout_s = r.burnout_t_s;
    /* resample the recorded steps (<= dt apart) onto the uniform time grid */
    for (int i = 0; i < f->nt; i++) {
      double t = i * dt_s;
      double pos[3], vel[3], lat, lon, h, up[3], rho;
      if (!bmd_traj_state_at(&r, t, &j, pos, vel)) break;
      bmd_physics_from_ecef(&o.phys, pos, &lat, &lon, &h);
      if (h < alt0 - 1.0 && i > 0) break;
      /* downrange: the geodesic distance every RATIO_EVERY samples, and in between the
         great-circle distance times the last geodesic/great-circle ratio, which varies
         by < 1e-5 over that stretch (a few metres of downrange; the geodesic costs ~1 us,
         the great circle ~0.1 us) */
      {
        double sg = great_circle_m(lat0 * BMD_DEG, lon0 * BMD_DEG, lat, lon);
        if (i % RATIO_EVERY == 0 || ratio == 0.0) {
          bmd_geodesic_inverse(o.phys.earth, lat0, lon0, lat / BMD_DEG, lon / BMD_DEG, &rho, NULL, NULL);
          ratio = sg > 1e3 ? rho / sg : 0.0;
        } else {
          rho = sg * ratio;
        }
      }
      bmd_physics_height(&o.phys, pos, up);
      size_t cell = (size_t)k * (size_t)f->nt + (size_t)i;
      double sp = bmd_vec3_norm(vel);
      /* downrange never decreases: guard against geodesic round-off at the start */
      if (i > 0 && rho < f->rho_m[cell - 1]) rho = f->rho_m[cell - 1];
      f->rho_m[cell] = rho;
      f->h_m[cell] = h;
      f->speed_mps[cell] = sp;
      f->gamma_rad[cell] = sp > 0.0 ? asin(fmax(-1.0, fmin(1.0, bmd_vec3_dot(vel, up) / sp))) : BMD_PI / 2;
      if (sp > f->max_speed_mps) f->max_speed_mps = sp;
      {
        double d[3] = {pos[0] - r0[0], pos[1] - r0[1], pos[2] - r0[2]};
        if (bmd_vec3_norm(d) > f->reach_m) f->reach_m = bmd_vec3_norm(d);
      }
      f->len[k] = i + 1;
    }
    bmd_traj_result_release(&r);
  }
  if (st != BMD_OK) bmd_fan_release(f);
  return st;
}

/* altitude, time, speed and angle of trajectory k at downrange rho; 0 if it never gets there */
static int along(const struct bmd_fan *f, int k, double rho, double *h, double *t, double *sp,
                 double *g) {
  const double *R = f->rho_m + (size_t)k * (size_t)f->nt;
  int n = f->len[k], lo = 0, hi;
  if (n < 2 || rho > R[n - 1] || rho < R[0]) return 0;
  hi = n - 1;
  while (hi - lo > 1) {
    int mid = (lo + hi) / 2;
    if (R[mid] < rho) lo = mid; else hi = mid;
  }
  double s = R[hi] > R[lo] ? (rho - R[lo]) / (R[hi] - R[lo]) : 0.0;
  size_t c0 = (size_t)k * (size_t)f->nt + (size_t)lo, c1 = c0 + (size_t)(hi - lo);
  *h = f->h_m[c0] + s * (f->h_m[c1] - f->h_m[c0]);
  *t = (lo + s * (hi - lo)) * f->dt_s;
  *sp = f->speed_mps[c0] + s * (f->speed_mps[c1] - f->speed_mps[c0]);
  *g = f->gamma_rad[c0] + s * (f->gamma_rad[c1] - f->gamma_rad[c0]);
  return 1;
}

int bmd_fan_reach(const struct bmd_fan *f, double rho, double h, struct bmd_fan_point *p) {
  int found = 0, have_prev = 0;
  double hp = 0, tp = 0, sp_p = 0, gp = 0, best = HUGE_VAL;
  for (int k = 0; k < f->nk; k++) {
    double hk, tk, sk, gk;
    if (!along(f, k, rho, &hk, &tk, &sk, &gk)) {
      have_prev = 0;
      continue;
    }
    if (have_prev && (hp - h) * (hk - h) <= 0.0 && hp != hk) {
      /* the trajectory through the point lies between angles k-1 and k */
      double s = (hp - h) / (hp - hk);
      double t = tp + s * (tk - tp);
      if (t < best) {
        best = t;
        p->tof_s = t;
        p->kick_deg = f->kick_deg[k - 1] + s * (f->kick_deg[k] - f->kick_deg[k - 1]);
        p->speed_mps = sp_p + s * (sk - sp_p);
        p->gamma_rad = gp + s * (gk - gp);
        found = 1;
      }
    }
    hp = hk;
    tp = tk;
    sp_p = sk;
    gp = gk;
    have_prev = 1;
  }
  return found;
}
