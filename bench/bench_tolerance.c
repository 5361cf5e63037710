/*
 * bench_tolerance.c - what a looser integrator tolerance costs in accuracy and saves in
 * right-hand sides, for the flights the footprint repeats by the thousand: interceptor fan
 * flights (full burn over pitch-over angles) and threat flights (full burn, iran-irbm).
 * Each flight is flown at traj.h's tolerances (1e-5 m, 1e-8 m/s per step) and at looser
 * ones (ATOL m, ATOL * 1e-3 m/s); the difference is the impact point's displacement plus
 * 3 km/s times the difference of the impact times (a timing error seen as a position).
 * usage: bench_tolerance [MISSILE]...   prints NAME VALUE UNIT lines
 */
#include <math.h>
#include <stdio.h>

#include <bmd/catalog.h>
#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>
#include <bmd/traj.h>

static int one(const struct bmd_missile *m, double atol_m) {
  double worst_m = 0.0;
  long nfev_ref = 0, nfev = 0;
  /* from Redzikowo toward the south-east, pitch-over 2 .. 79 deg */
  for (double kick = 2.0; kick < 80.0; kick += 7.0) {
    struct bmd_traj_opts o, lo;
    struct bmd_traj_result a, b;
    struct bmd_traj_control c = {135.0, kick, 1e30, {0}};
    double d_m;
    bmd_traj_opts_default(&o);
    lo = o;
    bmd_traj_opts_atol(&lo, atol_m);
    if (bmd_traj_fly(&m->vehicle, &o, 54.48, 17.1, 0.0, &c, &a) != BMD_OK ||
        bmd_traj_fly(&m->vehicle, &lo, 54.48, 17.1, 0.0, &c, &b) != BMD_OK) {
      bmd_traj_result_release(&a);
      bmd_traj_result_release(&b);
      continue;   /* e.g. a kill vehicle in orbit: no impact to compare */
    }
    bmd_geodesic_inverse(o.phys.earth, a.impact_lat_deg, a.impact_lon_deg, b.impact_lat_deg,
                         b.impact_lon_deg, &d_m, NULL, NULL);
    d_m += 3000.0 * fabs(a.impact_t_s - b.impact_t_s);
    if (d_m > worst_m) worst_m = d_m;
    nfev_ref += a.nfev;
    nfev += b.nfev;
    bmd_traj_result_release(&a);
    bmd_traj_result_release(&b);
  }
  if (nfev_ref == 0) return 1;
  printf("tolerance_%s_atol_%g_worst_impact_shift %.2f m\n", m->name, atol_m, worst_m);
  printf("tolerance_%s_atol_%g_rhs_ratio %.3f x\n", m->name, atol_m, (double)nfev / (double)nfev_ref);
  return 0;
}

int main(int argc, char **argv) {
  static const char *dflt[] = {"sm-3-iia", "sm-3-ib", "iran-irbm"};
  static const double atol[] = {1e-4, 1e-3, 1e-2, 1e-1, 1.0};
  struct bmd_catalog cat;
  struct bmd_diag d;
  int n = argc > 1 ? argc - 1 : 3, bad = 0;
  if (bmd_catalog_load_embedded(&cat, &d) != BMD_OK) return 2;
  for (int k = 0; k < n; k++) {
    const char *name = argc > 1 ? argv[k + 1] : dflt[k];
    const struct bmd_missile *m = bmd_catalog_missile(&cat, name);
    if (!m) {
      fprintf(stderr, "bench_tolerance: no missile '%s' in the catalog\n", name);
      return 2;
    }
    for (int i = 0; i < 5; i++) bad |= one(m, atol[i]);
  }
  return bad;
}
