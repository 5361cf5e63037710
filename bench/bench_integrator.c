/*
 * bench_integrator.c - why libbmd has its own DOP853 driver instead of GSL odeiv2: both
 * integrate the same right-hand side (bmd_ballistic_rhs) for the same states, one thread,
 * and report trajectories per second and the largest impact error against a truth file.
 *
 * GSL: gsl_odeiv2_evolve_apply with rk8pd and the standard y_new error control, impact
 * located by bisection on re-steps (gsl_odeiv2_step_apply from the step start); no layer
 * handling, since GSL's driver cannot end steps on atmosphere boundaries.
 * bmdsim: bmd_ballistic_impact (DOP853, layer-aware steps, Newton impact location).
 *
 * usage: bench_integrator STATES.csv TRUTH.csv [N]
 * prints: NAME VALUE UNIT lines (bench/run collects them into BENCHMARKS.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>

#include <bmd/atmos.h>
#include <bmd/ballistic.h>
#include <bmd/const.h>
#include <bmd/states.h>
#include <bmd/status.h>
#include <bmd/wgs84.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* GSL wants int (*)(double, const double[], double[], void *) */
static int gsl_rhs(double t, const double y[], double f[], void *p) {
  struct bmd_ballistic_params *bp = p;
  /* the layer follows the actual altitude: GSL cannot keep it fixed over a step */
  bp->layer = bmd_atmos_layer(bmd_wgs84_height_fast(y, NULL));
  if (bp->layer < 0) bp->layer = 0;
  bmd_ballistic_rhs(t, y, f, p);
  return GSL_SUCCESS;
}

static int gsl_impact(const struct bmd_physics *phys, const struct bmd_ballistic_in *in,
                      double eps, struct bmd_ballistic_out *out) {
  struct bmd_ballistic_params bp = {*phys, bmd_physics_omega(phys), 1.0 / in->beta_kgm2, 0};
  gsl_odeiv2_system sys = {gsl_rhs, NULL, 6, &bp};
  gsl_odeiv2_step *s = gsl_odeiv2_step_alloc(gsl_odeiv2_step_rk8pd, 6);
  gsl_odeiv2_control *c = gsl_odeiv2_control_y_new(eps, eps);
  gsl_odeiv2_evolve *e = gsl_odeiv2_evolve_alloc(6);
  double y[6], t = 0.0, h = 1.0, yprev[6], tprev, lat, lon;
  bmd_ballistic_state(phys, in, y);
  for (int it = 0; it < 1000000; it++) {
    memcpy(yprev, y, sizeof y);
    tprev = t;
    if (gsl_odeiv2_evolve_apply(e, c, s, &sys, &t, 1e6, &h, y) != GSL_SUCCESS) break;
    if (bmd_wgs84_height_fast(y, NULL) <= 0.0) {
      /* bisection on the step size from the previous state */
      double a = 0.0, b = t - tprev, ye[6], yerr[6];
      for (int k = 0; k < 60 && b - a > 1e-7; k++) {
        double m = 0.5 * (a + b);
        memcpy(ye, yprev, sizeof ye);
        gsl_odeiv2_step_reset(s);
        gsl_odeiv2_step_apply(s, tprev, m, ye, yerr, NULL, NULL, &sys);
        if (bmd_wgs84_height_fast(ye, NULL) > 0.0) a = m; else b = m;
      }
      memcpy(y, ye, sizeof y);
      t = tprev + b;
      break;
    }
  }
  bmd_physics_from_ecef(phys, y, &lat, &lon, NULL);
  out->id = in->id;
  out->impact_lat_deg = lat / BMD_DEG;
  out->impact_lon_deg = lon / BMD_DEG;
  out->time_of_flight_s = t;
  out->status = BMD_OK;
  gsl_odeiv2_evolve_free(e);
  gsl_odeiv2_control_free(c);
  gsl_odeiv2_step_free(s);
  return 0;
}

/* chord distance between two surface points (as ../shared/bench-ref/compare.py) */
static double dist_m(double la1, double lo1, double la2, double lo2) {
  double a[3], b[3];
  bmd_wgs84_to_ecef(la1 * BMD_DEG, lo1 * BMD_DEG, 0.0, a);
  bmd_wgs84_to_ecef(la2 * BMD_DEG, lo2 * BMD_DEG, 0.0, b);
  return sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
              (a[2] - b[2]) * (a[2] - b[2]));
}

static int read_truth(const char *path, long n, double (*tr)[2]) {
  FILE *fp = fopen(path, "r");
  char line[512];
  long i = 0;
  if (!fp || !fgets(line, sizeof line, fp)) return -1;
  while (i < n && fgets(line, sizeof line, fp)) {
    long id;
    double la, lo;
    if (sscanf(line, "%ld,%lf,%lf", &id, &la, &lo) != 3 || id != i) return -1;
    tr[i][0] = la;
    tr[i][1] = lo;
    i++;
  }
  fclose(fp);
  return i == n ? 0 : -1;
}

int main(int argc, char **argv) {
  struct bmd_ballistic_in *in;
  struct bmd_ballistic_out *out;
  struct bmd_physics phys;
  struct bmd_integrate_opts o;
  struct bmd_diag d;
  double (*truth)[2], t0, t1, emax;
  long n;
  FILE *fp;
  if (argc < 3) {
    fprintf(stderr, "usage: bench_integrator STATES.csv TRUTH.csv [N]\n");
    return 2;
  }
  fp = fopen(argv[1], "r");
  if (!fp || bmd_states_read(fp, argv[1], &in, &n, &d) != BMD_OK) {
    fprintf(stderr, "bench_integrator: cannot read %s\n", argv[1]);
    return 2;
  }
  fclose(fp);
  if (argc > 3) n = atol(argv[3]) < n ? atol(argv[3]) : n;
  out = calloc((size_t)n, sizeof *out);
  truth = calloc((size_t)n, sizeof *truth);
  if (!out || !truth || read_truth(argv[2], n, truth) != 0) {
    fprintf(stderr, "bench_integrator: cannot read %s\n", argv[2]);
    return 2;
  }
  bmd_physics_default(&phys);
  gsl_set_error_handler_off();

  bmd_integrate_opts_default(&o);
  t0 = now();
  for (long i = 0; i < n; i++) bmd_ballistic_impact(&phys, &o, &in[i], &out[i]);
  t1 = now();
  emax = 0.0;
  for (long i = 0; i < n; i++)
    emax = fmax(emax, dist_m(truth[i][0], truth[i][1], out[i].impact_lat_deg, out[i].impact_lon_deg));
  printf("integrator_dop853_1thread %.0f traj/s\n", (double)n / (t1 - t0));
  printf("integrator_dop853_max_impact_error %.3f m\n", emax);

  static const double eps[] = {1e-9, 1e-10, 1e-11};
  for (int k = 0; k < 3; k++) {
    t0 = now();
    for (long i = 0; i < n; i++) gsl_impact(&phys, &in[i], eps[k], &out[i]);
    t1 = now();
    emax = 0.0;
    for (long i = 0; i < n; i++)
      emax = fmax(emax, dist_m(truth[i][0], truth[i][1], out[i].impact_lat_deg, out[i].impact_lon_deg));
    printf("integrator_gsl_rk8pd_eps%.0e_1thread %.0f traj/s\n", eps[k], (double)n / (t1 - t0));
    printf("integrator_gsl_rk8pd_eps%.0e_max_impact_error %.3f m\n", eps[k], emax);
  }
  free(in);
  free(out);
  free(truth);
  return 0;
}
