/*
 * test_family.c - interpolated minimum-energy trajectories (family.h) against trajectories
 * aimed (bmd_aim_refine to 5 m) and flown at the same targets, independently: the Iranian
 * IRBM from Tabriz, azimuths 270-350 deg at the footprint's node spacing, 60 targets at
 * pseudo-random azimuths and ranges between 1/nu and 0.999 of the maximum range.
 *  - impact point within 2 km of the target, time of flight within 3 s, apogee within 3 km;
 *  - position at every second of flight within 3 km of the flown trajectory, and the
 *    median of the worst differences within 1 km;
 *  - the maximum range: beyond it BMD_ERANGE, closer than the first member BMD_EINVAL;
 *  - members solved: none failed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/aim.h>
#include <bmd/catalog.h>
#include <bmd/family.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>
#include <bmd/vec3.h>

#include "check.h"

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  struct bmd_traj_opts o;
  struct bmd_family_opts fo;
  struct bmd_family *f = NULL;
  const struct bmd_site *L;
  const struct bmd_missile *mi;
  long members, failed, cold;
  double max_tof, worst[60], worst_all = 0.0, worst_miss = 0.0, worst_tof = 0.0, worst_apo = 0.0;
  unsigned long seed = 12345;
  int n = 0;
  long sparse = 0;   /* strided coast samples seen */

  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  L = bmd_catalog_site(&cat, "tabriz");
  mi = bmd_catalog_missile(&cat, "iran-irbm");
  CHECK(L && mi);
  if (!L || !mi) return 1;
  bmd_traj_opts_default(&o);
  memset(&fo, 0, sizeof fo);
  fo.az0_deg = 270.0;
  fo.az_step_deg = 5.0;
  fo.naz = 17;
  fo.nu = 16;
  fo.tol_m = 100.0;
  fo.threads = 2;
  CHECK_INT_EQ(bmd_family_build(&f, &mi->vehicle, &o, L->lat_deg, L->lon_deg, L->alt_m, &fo), BMD_OK);
  if (!f) return 1;
  bmd_family_count(f, &members, &failed, &cold, &max_tof);
  printf("family: %ld members, %ld failed, %ld cold aims, longest flight %.1f s\n", members, failed,
         cold, max_tof);
  CHECK_INT_EQ(members, 17 * 16);
  CHECK_INT_EQ(failed, 0);

  {
    struct bmd_traj_result tr;
    double rmax;
    memset(&tr, 0, sizeof tr);
    CHECK(bmd_family_max_range(f, 300.0, &rmax, NULL));
    CHECK_INT_EQ(bmd_family_traj(f, 300.0, rmax * 1.001, &tr), BMD_ERANGE);
    CHECK_INT_EQ(bmd_family_traj(f, 300.0, rmax * 0.5 * 0.98 * pow(1.0 / fo.nu, 2.0), &tr), BMD_EINVAL);
    CHECK_INT_EQ(bmd_family_traj(f, 300.0, rmax * 0.985, &tr), BMD_EINVAL);
    CHECK_INT_EQ(bmd_family_traj(f, 200.0, rmax * 0.5, &tr), BMD_EINVAL);
    bmd_traj_result_release(&tr);
  }

  for (int k = 0; k < 60; k++) {
    struct bmd_traj_result ti, tf;
    struct bmd_aim_request rq;
    struct bmd_aim_result ar;
    struct bmd_traj_control g;
    struct bmd_traj_opts ro = o;
    double az, u, rmax, kmax, r, miss, dmax = 0.0, tmax = 0.0;
    long hi = 0, hf = 0;
    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
    az = 276.0 + 68.0 * (double)(seed >> 11) / 9007199254740992.0;
    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
    u = 0.98 * pow(1.0 / fo.nu, 2.0) + (0.98 - 0.98 * pow(1.0 / fo.nu, 2.0)) * (double)(seed >> 11) / 9007199254740992.0;
    CHECK(bmd_family_max_range(f, az, &rmax, &kmax));
    r = u * rmax;
    memset(&ti, 0, sizeof ti);
    memset(&tf, 0, sizeof tf);
    CHECK_INT_EQ(bmd_family_traj(f, az, r, &ti), BMD_OK);
    /* samples at most 1.5 s apart but above the atmosphere (both ends beyond 100 km
       of the equator's radius), where they are 6 s apart; the comparison with the flown
       trajectory below reads them linearly */
    for (long i = 0; i + 1 < ti.nsamples; i++) {
      double gap = ti.samples[i + 1].t_s - ti.samples[i].t_s;
      int exo = bmd_vec3_norm(ti.samples[i].r_ecef_m) > 6478137.0 &&
                bmd_vec3_norm(ti.samples[i + 1].r_ecef_m) > 6478137.0;
      CHECK(gap > 0.0 && gap <= (exo ? 6.0 : 1.5) + 1e-9);
      sparse += exo && gap > 3.0;
    }
    memset(&rq, 0, sizeof rq);
    rq.kind = BMD_AIM_MIN_ENERGY;
    rq.lat_deg = L->lat_deg;
    rq.lon_deg = L->lon_deg;
    rq.alt_m = L->alt_m;
    bmd_geodesic_direct(o.phys.earth, L->lat_deg, L->lon_deg, az, r, &rq.tgt_lat_deg, &rq.tgt_lon_deg);
    CHECK(bmd_family_guess(f, az, r, &g, NULL));
    {
      double rm2, km2;
      CHECK_INT_EQ(bmd_aim_max_range(&mi->vehicle, &o, L->lat_deg, L->lon_deg, L->alt_m, az, &rm2, &km2), BMD_OK);
      if (r > rm2) continue;   /* the nodes' linear maximum range is a little long here */
      CHECK_INT_EQ(bmd_aim_refine(&mi->vehicle, &o, &rq, &g, rm2, km2, NULL, &ar), BMD_OK);
    }
    ro.record = 1;
    ro.io.h_max_s = 1.0;
    CHECK_INT_EQ(bmd_traj_fly(&mi->vehicle, &ro, L->lat_deg, L->lon_deg, L->alt_m, &ar.control, &tf), BMD_OK);
    bmd_geodesic_inverse(o.phys.earth, ti.impact_lat_deg, ti.impact_lon_deg, rq.tgt_lat_deg, rq.tgt_lon_deg,
                         &miss, NULL, NULL);
    for (double t = 0.0; t < fmin(ti.impact_t_s, tf.impact_t_s); t += 1.0) {
      double pi[3], pf[3], dd[3];
      CHECK(bmd_traj_state_at(&ti, t, &hi, pi, NULL));
      CHECK(bmd_traj_state_at(&tf, t, &hf, pf, NULL));
      for (int c = 0; c < 3; c++) dd[c] = pi[c] - pf[c];
      if (bmd_vec3_norm(dd) > dmax) tmax = t;
      dmax = fmax(dmax, bmd_vec3_norm(dd));
    }
    if (dmax > 1500.0 || miss > 1000.0)
      printf("az %.2f u %.3f: miss %.0f m, tof %+.2f s, apogee %+.0f m, worst position %.0f m at %.0f s of %.0f, burnout %.1f / %.1f s (shape %s)\n", az, u,
             miss, ti.impact_t_s - tf.impact_t_s, ti.apogee_alt_m - tf.apogee_alt_m, dmax, tmax, tf.impact_t_s, ti.burnout_t_s, tf.burnout_t_s,
             ar.shape_fixed ? "fixed" : "min-energy");
    worst[n++] = dmax;
    worst_all = fmax(worst_all, dmax);
    worst_miss = fmax(worst_miss, miss);
    worst_tof = fmax(worst_tof, fabs(ti.impact_t_s - tf.impact_t_s));
    worst_apo = fmax(worst_apo, fabs(ti.apogee_alt_m - tf.apogee_alt_m));
    CHECK(miss < 2000.0);
    CHECK(fabs(ti.impact_t_s - tf.impact_t_s) < 3.0);
    CHECK(fabs(ti.apogee_alt_m - tf.apogee_alt_m) < 3000.0);
    CHECK(dmax < 3000.0);
    bmd_traj_result_release(&ti);
    bmd_traj_result_release(&tf);
  }
  qsort(worst, (size_t)n, sizeof *worst, cmp_double);
  printf("%d targets: impact miss <= %.0f m, time of flight within %.2f s, apogee within %.0f m, "
         "position: median of worst %.0f m, worst %.0f m\n",
         n, worst_miss, worst_tof, worst_apo, n ? worst[n / 2] : 0.0, worst_all);
  CHECK(n >= 50);
  CHECK(n && worst[n / 2] < 1000.0);
  CHECK(sparse > 1000);   /* the coasts were strided */
  bmd_family_free(f);
  /* bmd_traj_densify (the footprint's reading of flights recorded at long steps): a flight
     recorded at <= 30 s steps, filled in to <= 1.5 s, against the same flight recorded at
     <= 0.25 s (read linearly, which errs by a h^2 / 8: ~2 m at the peak of re-entry
     deceleration): the recorded samples kept, no gap over 1.5 s, every sample within 5 m */
  {
    struct bmd_traj_opts lo = o, so = o;
    struct bmd_traj_result coarse, fine, dense;
    struct bmd_traj_control c = {310.0, 20.0, 1e30};
    long hint = 0, kept = 0;
    double worst_m = 0.0, gap = 0.0;
    lo.record = so.record = 1;
    lo.io.h_max_s = 30.0;
    so.io.h_max_s = 0.25;
    CHECK_INT_EQ(bmd_traj_fly(&mi->vehicle, &lo, L->lat_deg, L->lon_deg, L->alt_m, &c, &coarse), BMD_OK);
    CHECK_INT_EQ(bmd_traj_fly(&mi->vehicle, &so, L->lat_deg, L->lon_deg, L->alt_m, &c, &fine), BMD_OK);
    CHECK_INT_EQ(bmd_traj_densify(&coarse, 1.5, &dense), BMD_OK);
    CHECK_INT_EQ(bmd_traj_densify(&coarse, 0.0, &fine), BMD_EINVAL);
    for (long i = 0, k = 0; i < dense.nsamples; i++) {
      if (k < coarse.nsamples && dense.samples[i].t_s == coarse.samples[k].t_s &&
          !memcmp(dense.samples[i].r_ecef_m, coarse.samples[k].r_ecef_m, sizeof(double[3]))) {
        kept++;
        k++;
      }
      if (i > 0) gap = fmax(gap, dense.samples[i].t_s - dense.samples[i - 1].t_s);
    }
    for (long i = 0; i < dense.nsamples; i++) {
      double b[3];
      const double *a = dense.samples[i].r_ecef_m;
      /* the two impact times differ by the integrators' rounding: the impact instant
         itself is compared as a time (below) */
      if (i + 1 == dense.nsamples) break;
      CHECK(bmd_traj_state_at(&fine, dense.samples[i].t_s, &hint, b, NULL));
      worst_m = fmax(worst_m, hypot(hypot(a[0] - b[0], a[1] - b[1]), a[2] - b[2]));
    }
    printf("densify: %ld samples recorded, %ld after, largest gap %.2f s, worst %.3f m\n",
           coarse.nsamples, dense.nsamples, gap, worst_m);
    CHECK_INT_EQ(kept, coarse.nsamples);
    CHECK(gap <= 1.5 + 1e-9);
    CHECK(worst_m < 5.0);
    CHECK_NEAR(dense.samples[dense.nsamples - 1].t_s, fine.impact_t_s, 1e-3);
    CHECK_NEAR(dense.impact_t_s, coarse.impact_t_s, 0.0);
    bmd_traj_result_release(&coarse);
    bmd_traj_result_release(&fine);
    bmd_traj_result_release(&dense);
  }

  /* two families built together (bmd_family_build_set) are the
     families built one at a time: the same interpolated trajectories, bit for bit, and the
     same counts; a small family of 5 x 6 members each, the first of them the one above */
  {
    const struct bmd_site *L2 = bmd_catalog_site(&cat, "semnan");
    struct bmd_family_spec sp[2];
    struct bmd_family *one[2] = {NULL, NULL}, *set[2] = {NULL, NULL}, *late[2] = {NULL, NULL};
    int fst[2] = {-1, -1}, lst[2] = {-1, -1};
    long diff = 0, ntraj = 0;
    CHECK(L2 != NULL);
    if (!L2) return check_report("test_family");
    sp[0].lat_deg = L->lat_deg, sp[0].lon_deg = L->lon_deg, sp[0].alt_m = L->alt_m;
    sp[1].lat_deg = L2->lat_deg, sp[1].lon_deg = L2->lon_deg, sp[1].alt_m = L2->alt_m;
    sp[0].fo = sp[1].fo = fo;
    sp[0].fo.naz = sp[1].fo.naz = 5;
    sp[0].fo.nu = sp[1].fo.nu = 6;
    sp[1].fo.az0_deg = 285.0;
    for (int k = 0; k < 2; k++)
      CHECK_INT_EQ(bmd_family_build(&one[k], &mi->vehicle, &o, sp[k].lat_deg, sp[k].lon_deg, sp[k].alt_m, &sp[k].fo), BMD_OK);
    CHECK_INT_EQ(bmd_family_build_set(set, fst, 2, &mi->vehicle, &o, sp, 2), BMD_OK);
    /* and solved together, resampled one at a time later (bmd_family_solve_set, as the
       footprint does to hold one launch point's tables at a time): the same counts before
       the resampling, no trajectory before it, the same trajectories after it */
    CHECK_INT_EQ(bmd_family_solve_set(late, lst, 2, &mi->vehicle, &o, sp, 2), BMD_OK);
    for (int k = 0; k < 2; k++) {
      long c1[3], c2[3], c3[3];
      double t1, t2, t3;
      CHECK_INT_EQ(fst[k], BMD_OK);
      CHECK_INT_EQ(lst[k], BMD_OK);
      if (!one[k] || !set[k] || !late[k]) continue;
      bmd_family_count(one[k], &c1[0], &c1[1], &c1[2], &t1);
      bmd_family_count(set[k], &c2[0], &c2[1], &c2[2], &t2);
      bmd_family_count(late[k], &c3[0], &c3[1], &c3[2], &t3);
      CHECK(c1[0] == c2[0] && c1[1] == c2[1] && c1[2] == c2[2] && t1 == t2);
      CHECK(c1[0] == c3[0] && c1[1] == c3[1] && c1[2] == c3[2] && t1 == t3);
      {
        struct bmd_traj_result e;
        memset(&e, 0, sizeof e);
        CHECK_INT_EQ(bmd_family_traj(late[k], sp[k].fo.az0_deg + 4.7, 900e3, &e), BMD_EINVAL);
        bmd_traj_result_release(&e);
      }
      CHECK_INT_EQ(bmd_family_resample(late[k]), BMD_OK);
      for (double az = sp[k].fo.az0_deg + 1.0; az < sp[k].fo.az0_deg + 20.0; az += 3.7)
        for (double r = 300e3; r < 2500e3; r += 173e3) {
          struct bmd_traj_result a, b;
          int sa, sb;
          memset(&a, 0, sizeof a);
          memset(&b, 0, sizeof b);
          sa = bmd_family_traj(one[k], az, r, &a);
          for (int v = 0; v < 2; v++) {
            memset(&b, 0, sizeof b);
            sb = bmd_family_traj(v ? late[k] : set[k], az, r, &b);
            CHECK_INT_EQ(sa, sb);
            if (sa == BMD_OK && sb == BMD_OK) {
              ntraj++;
              int same = a.nsamples == b.nsamples && a.impact_t_s == b.impact_t_s;
              for (long i = 0; same && i < a.nsamples; i++)   /* field by field: padding */
                same = a.samples[i].t_s == b.samples[i].t_s &&
                       memcmp(a.samples[i].r_ecef_m, b.samples[i].r_ecef_m, sizeof a.samples[i].r_ecef_m) == 0 &&
                       memcmp(a.samples[i].v_ecef_mps, b.samples[i].v_ecef_mps, sizeof a.samples[i].v_ecef_mps) == 0;
              diff += !same;
            }
            if (v == 0) bmd_traj_result_release(&b);
          }
          bmd_traj_result_release(&a);
          bmd_traj_result_release(&b);
        }
    }
    printf("family set: %ld trajectories compared, %ld differ\n", ntraj, diff);
    CHECK(ntraj > 100);
    CHECK_INT_EQ(diff, 0);
    for (int k = 0; k < 2; k++) {
      bmd_family_free(one[k]);
      bmd_family_free(set[k]);
      bmd_family_free(late[k]);
    }
  }
  bmd_catalog_release(&cat);
  return check_report("test_family");
}
