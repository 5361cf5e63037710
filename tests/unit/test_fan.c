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
  for (int n = 0; n < 3; n++) {
    const struct bmd_missile *m = bmd_catalog_missile(&cat, names[n]);
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
        struct bmd_traj_control ctl = {AZ0 + OFF_AZ * rot, p.kick_deg, 1e30};
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
    printf("%-16s fan vs direct: %.3f%% (fan azimuth), %.3f%% (30 deg off it)\n", names[n], 100 * worst, 100 * worst_rot);
    CHECK(worst < 0.02);
    CHECK(worst_rot < 0.05);
    /* a point far beyond reach is not reachable */
    struct bmd_fan_point p;
    CHECK(bmd_fan_reach(&fan, 3.0e7, 100e3, &p) == 0);
    bmd_fan_release(&fan);
  }
  bmd_catalog_release(&cat);
  return check_report("test_fan");
}
