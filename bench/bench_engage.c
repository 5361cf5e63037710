/*
 * bench_engage.c - one engagement with a cached fan: an Iranian IRBM (Semnan -> Warsaw,
 * aimed and flown once, recorded) against an SM-3 IIA fan at Redzikowo (built once), per
 * second: the full scan (bmd_engage_solve), the scan kept as a table
 * (bmd_engage_table_build) and the answer for another ready time from the table
 * (bmd_engage_table_solve), as the engine and the analyses use them. The full scan is timed
 * in 7 batches and the median batch reported. Also the fan's look-ups at random points of
 * its box (downrange to its reach, altitudes from the bottom to half its top): the grid's
 * (bmd_fan_reach) and the exact one (bmd_fan_reach_exact, which the grid's falls back to
 * in cells near the fan's edges and branch changes).
 * usage: bench_engage [N]      prints NAME VALUE UNIT lines
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bmd/aim.h>
#include <bmd/catalog.h>
#include <bmd/fan.h>
#include <bmd/intercept.h>
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
  struct bmd_traj_result tr;
  struct bmd_fan fan;
  struct bmd_engage_params p;
  struct bmd_engage_result er;
  long n = argc > 1 ? atol(argv[1]) : 2000;
  double t0, t1, t2, t3, sink = 0.0;
  if (bmd_catalog_load_embedded(&cat, &d) != BMD_OK) return 2;
  const struct bmd_missile *m = bmd_catalog_missile(&cat, "iran-irbm");
  const struct bmd_missile *ic = bmd_catalog_missile(&cat, "sm-3-iia");
  const struct bmd_site *sem = bmd_catalog_site(&cat, "semnan"), *war = bmd_catalog_site(&cat, "warsaw"),
                        *rdz = bmd_catalog_site(&cat, "redzikowo");
  if (!m || !ic || !sem || !war || !rdz) return 2;
  struct bmd_aim_request rq = {BMD_AIM_MIN_ENERGY, 0.0, sem->lat_deg, sem->lon_deg, 0.0, war->lat_deg, war->lon_deg, 0.0, 0, 0.0, 0};
  bmd_traj_opts_default(&o);
  if (bmd_aim_solve(&m->vehicle, &o, &rq, &ar) != BMD_OK) return 2;
  o.record = 1;
  o.io.h_max_s = 2.0;
  if (bmd_traj_fly(&m->vehicle, &o, rq.lat_deg, rq.lon_deg, 0.0, &ar.control, &tr) != BMD_OK) return 2;
  double az = bmd_engage_fan_azimuth(&tr, &o.phys, rdz->lat_deg, rdz->lon_deg);
  t0 = now();
  if (bmd_fan_build(&fan, &ic->vehicle, &o.phys, rdz->lat_deg, rdz->lon_deg, rdz->alt_m, az, 1800.0, 2.0) != BMD_OK)
    return 2;
  t1 = now();
  memset(&p, 0, sizeof p);
  p.site_lat_deg = rdz->lat_deg;
  p.site_lon_deg = rdz->lon_deg;
  p.site_alt_m = rdz->alt_m;
  p.ready_t_s = 200.0;
  bmd_kill_vehicle_limits(&ic->kv, &p);
  p.dt_s = 1.0;
  /* the scan in 7 batches: the median batch (the VM's neighbours make single runs vary by
     ~10%) */
  double per[7];
  for (int b = 0; b < 7; b++) {
    double tb = now();
    for (long i = 0; i < (n + 6) / 7; i++) {
      bmd_engage_solve(&fan, &tr, &o.phys, &p, &er);
      sink += er.window_s;
    }
    per[b] = (now() - tb) / (double)((n + 6) / 7);
  }
  for (int a = 1; a < 7; a++)
    for (int b = a; b > 0 && per[b] < per[b - 1]; b--) {
      double x = per[b];
      per[b] = per[b - 1];
      per[b - 1] = x;
    }
  t2 = now();
  {
    struct bmd_engage_table tab;
    for (long i = 0; i < n; i++) {
      bmd_engage_table_build(&tab, &fan, &tr, &o.phys, &p);
      bmd_engage_table_release(&tab);
    }
    t3 = now();
    bmd_engage_table_build(&tab, &fan, &tr, &o.phys, &p);
    double t4 = now();
    for (long i = 0; i < n * 100; i++) {
      bmd_engage_table_solve(&tab, 100.0 + (double)(i % 300), &er);
      sink += er.window_s;
    }
    double t5 = now();
    bmd_engage_table_release(&tab);
    /* look-ups: xorshift64 (Marsaglia 2003) points, the same for both */
    enum { NQ = 1 << 16 };
    static double qr[NQ], qh[NQ];
    unsigned long x = 88172645463325252UL;
    double rho_hi = fan.g_drho_m * 255.0, h_hi = fan.g_h0_m + 0.5 * fan.g_dh_m * 255.0;
    for (int q = 0; q < NQ; q++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      qr[q] = rho_hi * (double)(x >> 11) / 9007199254740992.0;
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      qh[q] = fan.g_h0_m + (h_hi - fan.g_h0_m) * (double)(x >> 11) / 9007199254740992.0;
    }
    double tl[3];
    for (int kind = 0; kind < 2; kind++) {
      tl[kind] = now();
      for (long r = 0; r < n / 50 + 1; r++)
        for (int q = 0; q < NQ; q++) {
          struct bmd_fan_point fp;
          if (kind ? bmd_fan_reach_exact(&fan, qr[q], qh[q], &fp) : bmd_fan_reach(&fan, qr[q], qh[q], &fp))
            sink += fp.tof_s;
        }
      tl[kind] = (now() - tl[kind]) / ((double)(n / 50 + 1) * NQ);
    }
    printf("fan_build_sm3iia_1800s %.1f ms\n", 1e3 * (t1 - t0));
    printf("fan_reach_grid %.1f ns\n", 1e9 * tl[0]);
    printf("fan_reach_exact %.1f ns\n", 1e9 * tl[1]);
    printf("engage_solve_cached_fan %.4f ms\n", 1e3 * per[3]);
    printf("engage_table_build_cached_fan %.4f ms\n", 1e3 * (t3 - t2) / (double)n);
    printf("engage_table_solve %.5f ms\n", 1e3 * (t5 - t4) / (double)(n * 100));
    printf("engage_solve_per_s %.0f engagements/s\n", 1.0 / per[3]);
  }
  if (sink == 12345.678) printf("#\n");
  bmd_fan_release(&fan);
  bmd_traj_result_release(&tr);
  bmd_catalog_release(&cat);
  return 0;
}
