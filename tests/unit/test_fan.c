/*
 * test_fan.c - fan look-ups against direct simulation: for points the fan says an
 * interceptor reaches at time T, flying that interceptor from the same site along the
 * fan's azimuth at the interpolated pitch-over must pass within 2% of the point at T
 * (position error over max(downrange, altitude, 50 km); linear interpolation between
 * neighbouring pitch-over angles). Used off its azimuth the fan is an approximation (Earth
 * rotation and oblateness differ by direction): 30 deg off it must still hold to 5%.
 */
#include <bmd/catalog.h>
#include <bmd/const.h>
#include <bmd/fan.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>
#include <bmd/traj.h>

#include <stdlib.h>

#include "check.h"

#define LAT0 54.47
#define LON0 17.12
#define AZ0 63.0
#define OFF_AZ 30.0

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  struct bmd_physics ph;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  bmd_physics_default(&ph);
  static const char *const names[] = {"sm-3-iia", "gbi-2stage-mda", "thaad"};
  for (int n_ = 0; n_ < 3; n_++) {
    const struct bmd_missile *m = bmd_catalog_missile(&cat, names[n_]);
    struct bmd_fan fan;
    CHECK_INT_EQ(bmd_fan_build(&fan, &m->vehicle, &ph, LAT0, LON0, 0.0, AZ0, 1200.0, 1.0), BMD_OK);
    CHECK(fan.max_speed_mps > 0.9 * m->vbo_lo_mps);
    /* sample points: fractions of the fan's reach */
    double worst = 0.0, worst_rot = 0.0;
    for (int i = 1; i <= 6; i++) {
      int k = fan.nk / 3 + i * 2;
      if (k >= fan.nk) k = fan.nk - 1;
      int j = fan.len[k] * i / 8;
      size_t c = (size_t)k * (size_t)fan.nt + (size_t)j;
      double rho = fan.rho_m[c], h = fan.h_m[c];
      struct bmd_fan_point p;
      if (h < 1000.0) continue;
      CHECK(bmd_fan_reach(&fan, rho, h, &p) == 1);
      for (int rot = 0; rot < 2; rot++) {
        struct bmd_traj_opts o;
        /* rot 0: along the fan's azimuth; rot 1: 90 deg to the side */
        struct bmd_traj_control ctl = {AZ0 + OFF_AZ * rot, p.kick_deg, 1e30, {0}};
        struct bmd_traj_result r;
        bmd_traj_opts_default(&o);
        o.record = 1;
        o.io.h_max_s = 1.0;
        CHECK_INT_EQ(bmd_traj_fly(&m->vehicle, &o, LAT0, LON0, 0.0, &ctl, &r) == BMD_OK || r.status == BMD_ERANGE, 1);
        /* where is it at p.tof_s? */
        double best_dr = HUGE_VAL;
        for (long q = 0; q + 1 < r.nsamples; q++) {
          if (r.samples[q].t_s <= p.tof_s && r.samples[q + 1].t_s >= p.tof_s) {
            double la, lo, hh, s;
            bmd_physics_from_ecef(&o.phys, r.samples[q].r_ecef_m, &la, &lo, &hh);
            bmd_geodesic_inverse(o.phys.earth, LAT0, LON0, la / BMD_DEG, lo / BMD_DEG, &s, NULL, NULL);
            best_dr = fabs(s - rho) / fmax(rho, 50e3) + fabs(hh - h) / fmax(h, 50e3);
            break;
          }
        }
        if (rot == 0 && best_dr > worst) worst = best_dr;
        if (rot == 1 && best_dr > worst_rot) worst_rot = best_dr;
        bmd_traj_result_release(&r);
      }
    }
    printf("%-16s fan vs direct: %.3f%% (fan azimuth), %.3f%% (30 deg off it)\n", names[n_], 100 * worst, 100 * worst_rot);
    CHECK(worst < 0.02);
    CHECK(worst_rot < 0.05);
    /* the exact look-up against a brute-force one written here from fan.h's tables (each
       trajectory at rho by a linear search of its downrange, every neighbouring pair that
       brackets h, the earliest crossing): the same answer at random points of the fan's box
       and on its node rows (fan.c tests only the pairs whose altitude bounds in the cell
       column hold h) */
    {
      unsigned long x = 0x9e3779b97f4a7c15UL;
      long n = 0, same = 0, found = 0;
      double rho_hi = fan.g_drho_m * 255.0, h_lo = fan.g_h0_m, h_hi = fan.g_h0_m + fan.g_dh_m * 255.0;
      for (int q = 0; q < 60000; q++) {
        struct bmd_fan_point pe, pb = {0.0, 0.0, 0.0, 0.0};
        int fb = 0;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;   /* xorshift64 (Marsaglia 2003) */
        double u = (double)(x >> 11) / 9007199254740992.0;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double w = (double)(x >> 11) / 9007199254740992.0;
        double rho = u * rho_hi, h = h_lo + w * (h_hi - h_lo);
        if (q % 4 == 0) h = h_lo + fan.g_dh_m * (double)(q % 256);   /* on a node row */
        int fe = bmd_fan_reach_exact(&fan, rho, h, &pe);
        double hk[256], tk[256], vhk[256], vuk[256];
        int okk[256];
        for (int k = 0; k < fan.nk; k++) {
          const double *R = fan.rho_m + (size_t)k * (size_t)fan.nt;
          int len = fan.len[k], lo = 0;
          okk[k] = len >= 2 && rho >= R[0] && rho <= R[len - 1];
          if (!okk[k]) continue;
          while (lo + 2 < len && R[lo + 1] < rho) lo++;
          double sr = R[lo + 1] > R[lo] ? (rho - R[lo]) / (R[lo + 1] - R[lo]) : 0.0;
          size_t c0 = (size_t)k * (size_t)fan.nt + (size_t)lo;
          hk[k] = fan.h_m[c0] + sr * (fan.h_m[c0 + 1] - fan.h_m[c0]);
          tk[k] = (lo + sr) * fan.dt_s;
          vhk[k] = fan.vh_mps[c0] + sr * (fan.vh_mps[c0 + 1] - fan.vh_mps[c0]);
          vuk[k] = fan.vu_mps[c0] + sr * (fan.vu_mps[c0 + 1] - fan.vu_mps[c0]);
        }
        for (int k = 1; k < fan.nk; k++) {
          if (!okk[k] || !okk[k - 1] || hk[k] == hk[k - 1] || (hk[k - 1] - h) * (hk[k] - h) > 0.0) continue;
          double a = (hk[k - 1] - h) / (hk[k - 1] - hk[k]), t = tk[k - 1] + a * (tk[k] - tk[k - 1]);
          if (fb && !(t < pb.tof_s)) continue;
          fb = 1;
          pb.tof_s = t;
          pb.kick_deg = fan.kick_deg[k - 1] + a * (fan.kick_deg[k] - fan.kick_deg[k - 1]);
          pb.vh_mps = vhk[k - 1] + a * (vhk[k] - vhk[k - 1]);
          pb.vu_mps = vuk[k - 1] + a * (vuk[k] - vuk[k - 1]);
        }
        n++;
        found += fb;
#define NEAR_(A, B) (fabs((A) - (B)) <= 1e-9 * fabs(B) + 1e-9)
        same += fe == fb && (!fb || (NEAR_(pe.tof_s, pb.tof_s) && NEAR_(pe.kick_deg, pb.kick_deg) &&
                                     NEAR_(pe.vh_mps, pb.vh_mps) && NEAR_(pe.vu_mps, pb.vu_mps)));
#undef NEAR_
      }
      printf("%-16s exact look-up vs brute force: %ld of %ld the same (%ld inside)\n", names[n_], same, n, found);
      CHECK_INT_EQ(same, n);
      CHECK(found > n / 4);
    }
    /* the look-up grid against the exact look-up at random points of the fan's box: the same
       inside/outside answer but at <= 0.2% of points (the fan's thin edges), and the time of
       flight within 0.5 s at >= 99.8% of the points both find, within 10 s at all (the worst
       are near the apogees of near-vertical trajectories; fan.h) */
    {
      unsigned long x = 88172645463325252UL;
      long n = 0, disagree = 0, over = 0;
      double worst_t = 0.0;
      double rho_hi = fan.g_drho_m * 255.0, h_lo = fan.g_h0_m, h_hi = fan.g_h0_m + fan.g_dh_m * 255.0;
      for (int q = 0; q < 200000; q++) {
        struct bmd_fan_point pe, pg;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;   /* xorshift64 (Marsaglia 2003) */
        double u = (double)(x >> 11) / 9007199254740992.0;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double w = (double)(x >> 11) / 9007199254740992.0;
        double rho = u * rho_hi, h = h_lo + w * (h_hi - h_lo);
        int fe = bmd_fan_reach_exact(&fan, rho, h, &pe), fg = bmd_fan_reach(&fan, rho, h, &pg);
        n++;
        if (fe != fg) {
          disagree++;
          continue;
        }
        if (!fe) continue;
        double dt = fabs(pe.tof_s - pg.tof_s);
        if (dt > worst_t) { worst_t = dt; if (getenv("FANDBG")) printf("  worst at rho %.1f km h %.1f km: exact %.2f grid %.2f kick %.2f/%.2f\n", rho / 1e3, h / 1e3, pe.tof_s, pg.tof_s, pe.kick_deg, pg.kick_deg); }
        if (dt > 0.5) over++;
      }
      /* the bisections narrowed by the grid's columns give the same answers as full ones */
      {
        struct bmd_fan full = fan;
        long same = 0;
        full.g_idx = NULL;
        for (int q = 0; q < 5000; q++) {
          struct bmd_fan_point pa, pb;
          double rho = rho_hi * (q + 0.5) / 5000.0, h = h_lo + (h_hi - h_lo) * ((q * 7919) % 5000) / 5000.0;
          int fa = bmd_fan_reach_exact(&fan, rho, h, &pa), fb = bmd_fan_reach_exact(&full, rho, h, &pb);
          same += fa == fb && (!fa || (pa.tof_s == pb.tof_s && pa.kick_deg == pb.kick_deg &&
                                       pa.vh_mps == pb.vh_mps && pa.vu_mps == pb.vu_mps));
        }
        CHECK_INT_EQ(same, 5000);
      }
      /* the nodes are the exact look-up (rounded to float) */
      for (int q = 0; q < 2000; q++) {
        struct bmd_fan_point pe;
        int gi = (q * 37) % 256, gj = (q * 101 + q / 7) % 256;
        float gt = fan.g_tof[gi * 256 + gj];
        int fe = bmd_fan_reach_exact(&fan, fan.g_rho0_m + gi * fan.g_drho_m, fan.g_h0_m + gj * fan.g_dh_m, &pe);
        CHECK_INT_EQ(fe, gt >= 0.0f);
        if (fe && gt >= 0.0f) CHECK_NEAR((double)gt, pe.tof_s, 1e-4 * pe.tof_s + 1e-3);
      }
      printf("%-16s grid vs exact: %ld of %ld disagree on reach, tof worst %.3f s, %ld over 0.5 s\n",
             names[n_], disagree, n, worst_t, over);
      CHECK(disagree <= n / 500);
      CHECK(over <= n / 500);
      CHECK(worst_t <= 10.0);
    }
    /* bmd_fan_outside_run: for points outside, every point a run of k lets a scan pass
       over (downrange lower bound at most k drho shorter, height at most k dh off) is
       outside too (the corners and random points of each box), and the runs are not all
       zero */
    {
      unsigned long seed = 99;
      long total = 0, tested = 0, bad = 0;
      const double drho = 12e3, dh = 12e3;
      double rho_top = fan.g_rho0_m + (256 - 1) * fan.g_drho_m, h_top = fan.g_h0_m + 255 * fan.g_dh_m;
      for (int q = 0; q < 20000; q++) {
        double rho, h;
        long run;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        rho = 1.3 * rho_top * (double)(seed >> 11) / 9007199254740992.0;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        h = fan.g_h0_m - 50e3 + (h_top + 100e3 - fan.g_h0_m) * (double)(seed >> 11) / 9007199254740992.0;
        if (!bmd_fan_outside(&fan, rho, h)) continue;
        tested++;
        run = bmd_fan_outside_run(&fan, rho, h, drho, dh, 50);
        total += run;
        for (long k = 1; k <= run; k++)
          for (int c = 0; c < 6; c++) {
            double u = c < 4 ? (double)(c & 1) : 0.5 + 0.4 * sin(q + c * k),
                   w = c < 4 ? (double)(c >> 1) : 0.5 + 0.4 * cos(q * 3 + c * k);
            double rr = rho - k * drho * u, hh = h - k * dh + 2.0 * k * dh * w;
            bad += !bmd_fan_outside(&fan, rr, hh);
          }
      }
      printf("%-16s outside runs: %ld points outside, %.1f points passed over on average, %ld broken\n",
             names[n_], tested, tested ? (double)total / tested : 0.0, bad);
      CHECK(tested > 1000);
      CHECK(total > 2 * tested);
      CHECK_INT_EQ(bad, 0);
    }
    /* the angles interpolated near the vertical (fan.h) against flying them: every row
       above 50 km within 0.3 km in downrange and height of a flight at traj.h's default
       tolerance, read as the fan reads its own (Hermite at the row's time). For scale, the
       flown angles' rows, at the fan's looser 1 m tolerance (measured: SM-3 IIA 212 m,
       flown 94 m, both at the end of a descent after 1,200 s; GBI and THAAD 54 m and 35 m,
       as their flown ones). Some angles are
       interpolated, and each interpolated one has a flown angle on either side. */
    {
      double worst_i = 0.0, worst_f = 0.0;
      int ninterp = 0;
      for (int k = 0; k < fan.nk && fan.kick_deg[k] < 10.0; k++) {
        struct bmd_traj_opts o;
        struct bmd_traj_control ctl = {AZ0, fan.kick_deg[k], 1e30, {0}};
        struct bmd_traj_result r;
        long hint = 0;
        double e = 0.0;
        if (!fan.flown[k]) {
          int below = 0, above = 0;
          for (int q = 0; q < k; q++) below |= fan.flown[q];
          for (int q = k + 1; q < fan.nk; q++) above |= fan.flown[q];
          CHECK(below && above);
          ninterp++;
        }
        bmd_traj_opts_default(&o);
        o.record = 1;
        CHECK_INT_EQ(bmd_traj_fly(&m->vehicle, &o, LAT0, LON0, 0.0, &ctl, &r) == BMD_OK || r.status == BMD_ERANGE, 1);
        for (int i = 0; i < fan.len[k]; i += 5) {
          size_t c = (size_t)k * (size_t)fan.nt + (size_t)i;
          double pos[3], vel[3], la, lo, hh, s;
          if (fan.h_m[c] < 50e3 || !bmd_traj_state_hermite(&r, i * fan.dt_s, &hint, pos, vel)) continue;
          bmd_physics_from_ecef(&ph, pos, &la, &lo, &hh);
          bmd_geodesic_inverse(ph.earth, LAT0, LON0, la / BMD_DEG, lo / BMD_DEG, &s, NULL, NULL);
          e = fmax(e, fmax(fabs(s - fan.rho_m[c]), fabs(hh - fan.h_m[c])));
        }
        bmd_traj_result_release(&r);
        if (fan.flown[k]) worst_f = fmax(worst_f, e); else worst_i = fmax(worst_i, e);
      }
      printf("%-16s %d angles below 10 deg interpolated: rows within %.0f m of flights (flown ones: %.0f m)\n",
             names[n_], ninterp, worst_i, worst_f);
      CHECK(ninterp > 20);
      CHECK(worst_i < 300.0);
    }
    /* a point far beyond reach is not reachable */
    struct bmd_fan_point p;
    CHECK(bmd_fan_reach(&fan, 3.0e7, 100e3, &p) == 0);
    bmd_fan_release(&fan);
  }
  bmd_catalog_release(&cat);
  return check_report("test_fan");
}
