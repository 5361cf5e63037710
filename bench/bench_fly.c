/*
 * bench_fly.c - one full missile trajectory (bmd_traj_fly: boost, staging, free flight,
 * re-entry to impact) and one targeting solution (bmd_aim_solve) per second.
 * usage: bench_fly [N]      prints NAME VALUE UNIT lines
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <bmd/aim.h>
#include <bmd/catalog.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  struct bmd_traj_opts o;
  struct bmd_aim_result ar;
  long n = argc > 1 ? atol(argv[1]) : 2000;
  if (bmd_catalog_load_embedded(&cat, &d) != BMD_OK) return 2;
  /* PROJ is opened on the first geodesic (geodesic.h): once per process, as bmdsim's
     commands do before they start, not inside the first timed aim */
  if (bmd_geodesic_load(NULL) != BMD_OK) return 2;
  const struct bmd_missile *m = bmd_catalog_missile(&cat, "ss-25");
  struct bmd_aim_request rq = {BMD_AIM_MIN_ENERGY, 0.0, 56.85, 40.533, 0.0, 40.7128, -74.0060, 0.0, 0, 0.0, 0};
  bmd_traj_opts_default(&o);
  double t0 = now();
  long na = n / 50 > 0 ? n / 50 : 1;
  for (long i = 0; i < na; i++) bmd_aim_solve(&m->vehicle, &o, &rq, &ar);
  double t1 = now();
  double sink = 0.0;
  for (long i = 0; i < n; i++) {
    struct bmd_traj_result r;
    struct bmd_traj_control c = ar.control;
    c.azimuth_deg += 1e-6 * (double)(i % 7);
    bmd_traj_fly(&m->vehicle, &o, rq.lat_deg, rq.lon_deg, 0.0, &c, &r);
    sink += r.range_m;
  }
  double t2 = now();
  printf("fly_icbm_trajectory %.3f ms\n", 1e3 * (t2 - t1) / (double)n);
  printf("fly_icbm_trajectories_per_s %.0f traj/s\n", (double)n / (t2 - t1));
  printf("aim_icbm_min_energy %.2f ms\n", 1e3 * (t1 - t0) / (double)na);
  if (sink < 0) printf("%g\n", sink);
  bmd_catalog_release(&cat);
  return 0;
}
