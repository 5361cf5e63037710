/*
 * bench_aim_shape.c - the lofted and depressed aims over the whole catalog (issue 25): for
 * every missile, 9 launch points and bearings (the Korean peninsula east and south, Russia
 * north-west, Iran north-west, Kaliningrad west, the South Pacific south-east, the Arctic
 * north, the equator east and west) and 4 ranges (5, 30, 60 and 95% of the published lower
 * range), the apogee bounds at the target (bmd_aim_apogee_bounds), then 5 apogees between
 * them (0.1% and 99.9% of the span, a quarter, half, three quarters), each aimed
 * (bmd_aim_solve) and checked: solved, the flown apogee within 0.11 km, the miss below
 * 100 m; and the bounds' tightness: 1 km above the highest and below the lowest are
 * impossible, with the same bound. The property test_aim_shape checks on one geometry per
 * missile, here on 36.
 * usage: bench_aim_shape [MISSILE]   prints one line per geometry, failures, then a summary
 * (solves, failures, mean time per solve, mean flights per solve); exit 1 on any failure
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <bmd/aim.h>
#include <bmd/catalog.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv) {
  static const double L[][3] = {{39.0, 125.7, 80.0}, {56.85, 40.53, 310.0}, {35.2, 53.9, 300.0},
                                {54.6, 21.8, 267.0}, {-30.0, 170.0, 135.0}, {75.0, 100.0, 0.0},
                                {0.0, 0.0, 90.0},     {0.0, 0.0, 270.0},    {39.0, 125.7, 180.0}};
  static const double frac[] = {0.05, 0.3, 0.6, 0.95};
  static const double where[] = {0.001, 0.25, 0.5, 0.75, 0.999};
  struct bmd_catalog cat;
  struct bmd_diag d;
  struct bmd_traj_opts o;
  long nsolve = 0, nbad = 0, ngeom = 0, nimpossible = 0, flights = 0;
  double t_solve = 0.0;
  if (bmd_catalog_load_embedded(&cat, &d) != BMD_OK) return 2;
  bmd_traj_opts_default(&o);
  for (int i = 0; i < cat.nmissiles; i++) {
    const struct bmd_missile *m = &cat.missiles[i];
    if (m->interceptor || m->vehicle.glide.have || (argc > 1 && strcmp(argv[1], m->name) != 0)) continue;
    for (int li = 0; li < 9; li++)
      for (int k = 0; k < 4; k++) {
        struct bmd_aim_request rq;
        struct bmd_aim_result b, r;
        double R = frac[k] * m->range_lo_km * 1e3, lo, hi;
        int st, bad = 0;
        memset(&rq, 0, sizeof rq);
        rq.lat_deg = L[li][0];
        rq.lon_deg = L[li][1];
        bmd_geodesic_direct(o.phys.earth, rq.lat_deg, rq.lon_deg, L[li][2], R, &rq.tgt_lat_deg,
                            &rq.tgt_lon_deg);
        st = bmd_aim_apogee_bounds(&m->vehicle, &o, &rq, &b);
        if (st == BMD_ERANGE) {
          nimpossible++;   /* beyond the maximum range along this bearing */
          continue;
        }
        ngeom++;
        if (st != BMD_OK) {
          printf("%-12s L%d %7.0f km: bounds %s\n", m->name, li, R / 1e3, bmd_errname(st));
          nbad++;
          continue;
        }
        lo = b.apogee_lo.apogee_km;
        hi = b.apogee_hi.apogee_km;
        for (int j = 0; j < 5; j++) {
          struct bmd_traj_result tr;
          double h = lo + (hi - lo) * where[j], t0 = now_s(), miss;
          rq.kind = h < b.min_energy_apogee_km ? BMD_AIM_DEPRESSED : BMD_AIM_LOFTED;
          rq.apogee_km = h;
          st = bmd_aim_solve(&m->vehicle, &o, &rq, &r);
          t_solve += now_s() - t0;
          flights += r.flights;
          nsolve++;
          if (st == BMD_OK && bmd_traj_fly(&m->vehicle, &o, rq.lat_deg, rq.lon_deg, 0.0, &r.control, &tr) == BMD_OK) {
            bmd_geodesic_inverse(o.phys.earth, tr.impact_lat_deg, tr.impact_lon_deg, rq.tgt_lat_deg,
                                 rq.tgt_lon_deg, &miss, NULL, NULL);
            if (fabs(tr.apogee_alt_m / 1e3 - h) <= 0.11 && miss < 100.0) continue;
            printf("%-12s L%d %7.0f km: apogee %.1f km flown %.2f km, miss %.1f m\n", m->name, li,
                   R / 1e3, h, tr.apogee_alt_m / 1e3, miss);
          } else {
            printf("%-12s L%d %7.0f km: apogee %.1f km: %s\n", m->name, li, R / 1e3, h, bmd_errname(st));
          }
          bad++;
        }
        rq.kind = BMD_AIM_LOFTED;
        rq.apogee_km = hi + 1.0;
        st = bmd_aim_solve(&m->vehicle, &o, &rq, &r);
        if (st != BMD_ERANGE || fabs(r.apogee_hi.apogee_km - hi) > 0.01) {
          printf("%-12s L%d %7.0f km: 1 km above the highest (%.1f km): %s\n", m->name, li, R / 1e3, hi,
                 bmd_errname(st));
          bad++;
        }
        if (lo > 2.0) {
          rq.kind = BMD_AIM_DEPRESSED;
          rq.apogee_km = lo - 1.0;
          st = bmd_aim_solve(&m->vehicle, &o, &rq, &r);
          if (st != BMD_ERANGE || fabs(r.apogee_lo.apogee_km - lo) > 0.01) {
            printf("%-12s L%d %7.0f km: 1 km below the lowest (%.1f km): %s\n", m->name, li, R / 1e3,
                   lo, bmd_errname(st));
            bad++;
          }
        }
        nbad += bad;
        printf("%-12s L%d %7.0f km: apogees %7.1f (%s) .. %7.1f (%s) km%s\n", m->name, li, R / 1e3, lo,
               bmd_aim_bound_name(b.apogee_lo.by), hi, bmd_aim_bound_name(b.apogee_hi.by),
               bad ? "  FAILED" : "");
        fflush(stdout);
      }
  }
  printf("geometries %ld (%ld beyond the maximum range), solves %ld, failures %ld, "
         "%.3f s and %.0f flights per solve\n", ngeom, nimpossible, nsolve, nbad,
         nsolve ? t_solve / (double)nsolve : 0.0, nsolve ? (double)flights / (double)nsolve : 0.0);
  bmd_catalog_release(&cat);
  return nbad ? 1 : 0;
}
