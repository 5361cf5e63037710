/*
 * test_rocket.c - powered flight: (1) the Tsiolkovsky ideal velocity (closed form);
 * (2) a drag-free vertical burn over a non-rotating sphere against an independent 1-D
 * integration of dv/dt = T/m - mu/r^2 (classical RK4, 1 ms steps: its error is < 1e-9 m/s);
 * (3) staging bookkeeping: mass drops by each stage's dry mass at its burnout;
 * (4) a flight stopped at t_stop_s keeps the full flight's samples up to the stop, bit for bit;
 * (5) the downrange angle and the orbit test (issue 25: maximum range short of orbit): on a
 *     non-rotating sphere without drag a flight stays in its launch plane, so the unwrapped
 *     downrange angle times the radius is the great-circle range, and past the antipode the
 *     range is the short way back, R (2 pi - angle); a two-stage flight whose second stage
 *     burns at the top of a coast ends in orbit, and its Kepler perigee matches the one
 *     computed here from the eccentricity vector (Bate, Mueller & White (1971), eq. 1.5-10).
 */
#include <math.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/status.h>
#include <bmd/traj.h>
#include <bmd/vehicle.h>

#include "check.h"

static void one_d(double m0, double mdot, double ve, double tb, double *v_out, double *h_out) {
  double r = BMD_SPHERE_R_M, v = 0.0, m = m0, dt = 1e-3;
  long n = (long)(tb / dt + 0.5);
  for (long i = 0; i < n; i++) {
    double t = i * dt;
#define ACC(rr, mm) (ve * mdot / (mm) - BMD_WGS84_GM_M3PS2 / ((rr) * (rr)))
    double k1r = v, k1v = ACC(r, m0 - mdot * t);
    double k2r = v + 0.5 * dt * k1v, k2v = ACC(r + 0.5 * dt * k1r, m0 - mdot * (t + 0.5 * dt));
    double k3r = v + 0.5 * dt * k2v, k3v = ACC(r + 0.5 * dt * k2r, m0 - mdot * (t + 0.5 * dt));
    double k4r = v + dt * k3v, k4v = ACC(r + dt * k3r, m0 - mdot * (t + dt));
#undef ACC
    r += dt / 6.0 * (k1r + 2 * k2r + 2 * k3r + k4r);
    v += dt / 6.0 * (k1v + 2 * k2v + 2 * k3v + k4v);
  }
  (void)m;
  *v_out = v;
  *h_out = r - BMD_SPHERE_R_M;
}

int main(void) {
  struct bmd_vehicle v;
  memset(&v, 0, sizeof v);
  v.nstages = 1;
  v.stage[0].propellant_kg = 6000.0;
  v.stage[0].dry_kg = 800.0;
  v.stage[0].isp_s = 280.0;
  v.stage[0].burn_time_s = 60.0;
  v.stage[0].area_m2 = 1.0;
  v.stage[0].cd.n = 1;
  v.stage[0].cd.cd[0] = 0.3;
  v.payload_kg = 200.0;
  v.rv_beta_kgm2 = 1000.0;
  v.vertical_s = 1e6; /* vertical for the whole burn */

  /* (1) Tsiolkovsky: dv = Isp g0 ln(7000/1000) = 280 * 9.80665 * 1.945910149 = 5343.23 m/s */
  CHECK_NEAR(bmd_vehicle_ideal_dv(&v), 280.0 * 9.80665 * log(7000.0 / 1000.0), 1e-9);
  CHECK_NEAR(bmd_vehicle_liftoff_kg(&v), 7000.0, 1e-12);

  /* (2) vertical burn, sphere, no rotation, no drag */
  {
    struct bmd_traj_opts o;
    struct bmd_traj_result r;
    struct bmd_traj_control c = {0.0, 1.0, 1e9, {0}};
    double vt, ht;
    bmd_traj_opts_default(&o);
    o.phys.earth = BMD_EARTH_SPHERE;
    o.phys.rotation = 0;
    o.phys.drag = 0;
    CHECK_INT_EQ(bmd_traj_fly(&v, &o, 10.0, 20.0, 0.0, &c, &r), 0);
    one_d(7000.0, 100.0, 280.0 * 9.80665, 60.0, &vt, &ht);
    /* integrator tolerances 1e-6 m/s and 1e-3 m per step */
    CHECK_NEAR(r.burnout_speed_mps, vt, 1e-4);
    CHECK_NEAR(r.burnout_alt_m, ht, 1e-2);
    CHECK_NEAR(r.burnout_t_s, 60.0, 1e-12);
    CHECK_NEAR(r.burnout_gamma_deg, 90.0, 1e-6);
    /* gravity loss makes it well short of the ideal 5343 m/s (~ g t = 589 m/s) */
    CHECK(vt < 5343.23 - 550.0 && vt > 5343.23 - 600.0);
    /* vertical up and straight down again: lands where it started */
    CHECK_NEAR(r.impact_lat_deg, 10.0, 1e-6);
    CHECK_NEAR(r.impact_lon_deg, 20.0, 1e-6);
    printf("vertical burn: %.4f m/s at %.2f m (1-D truth %.4f m/s at %.2f m)\n",
           r.burnout_speed_mps, r.burnout_alt_m, vt, ht);
  }

  /* (3) two stages: mass at the start of stage 2 = liftoff - stage 1 propellant - dry */
  {
    struct bmd_traj_opts o;
    struct bmd_traj_result r;
    struct bmd_traj_control c = {90.0, 5.0, 1e9, {0}};
    v.nstages = 2;
    v.stage[1] = v.stage[0];
    v.stage[1].propellant_kg = 1500.0;
    v.stage[1].dry_kg = 200.0;
    v.stage[0].coast_s = 5.0;
    v.vertical_s = 5.0;
    bmd_traj_opts_default(&o);
    o.record = 1;
    CHECK_INT_EQ(bmd_traj_fly(&v, &o, 0.0, 0.0, 0.0, &c, &r), 0);
    double m_coast = -1.0;
    for (long i = 0; i < r.nsamples; i++)
      if (r.samples[i].phase == BMD_PHASE_COAST) m_coast = r.samples[i].mass_kg;
    CHECK_NEAR(m_coast, 7000.0 + 1700.0 - 6000.0 - 800.0, 1e-9);
    CHECK_NEAR(r.burnout_t_s, 60.0 + 5.0 + 60.0, 1e-9);
    CHECK(r.nsamples > 10);
    CHECK_INT_EQ(r.stopped, 0);

    /* (4) t_stop_s: the free flight ends at its first step at or past the stop, and every
       sample up to it is the full flight's, bit for bit (the fan's tables rely on it) */
    {
      struct bmd_traj_opts os = o;
      struct bmd_traj_result rs;
      double stop = 0.5 * (r.burnout_t_s + r.impact_t_s);
      long same = 0;
      os.t_stop_s = stop;
      CHECK_INT_EQ(bmd_traj_fly(&v, &os, 0.0, 0.0, 0.0, &c, &rs), 0);
      CHECK_INT_EQ(rs.stopped, 1);
      CHECK(isnan(rs.impact_t_s) && isnan(rs.range_m));
      CHECK(rs.nsamples > 2 && rs.nsamples < r.nsamples);
      CHECK(rs.samples[rs.nsamples - 1].t_s >= stop && rs.samples[rs.nsamples - 2].t_s < stop);
      for (long i = 0; i < rs.nsamples && i < r.nsamples; i++)
        same += memcmp(&rs.samples[i].t_s, &r.samples[i].t_s, sizeof(double)) == 0 &&
                memcmp(rs.samples[i].r_ecef_m, r.samples[i].r_ecef_m, sizeof rs.samples[i].r_ecef_m) == 0 &&
                memcmp(rs.samples[i].v_ecef_mps, r.samples[i].v_ecef_mps, sizeof rs.samples[i].v_ecef_mps) == 0;
      CHECK_INT_EQ(same, rs.nsamples);
      CHECK_NEAR(rs.burnout_t_s, r.burnout_t_s, 0.0);
      bmd_traj_result_release(&rs);
      /* a stop after the impact changes nothing */
      os.t_stop_s = r.impact_t_s + 100.0;
      CHECK_INT_EQ(bmd_traj_fly(&v, &os, 0.0, 0.0, 0.0, &c, &rs), 0);
      CHECK_INT_EQ(rs.stopped, 0);
      CHECK_NEAR(rs.impact_t_s, r.impact_t_s, 0.0);
      bmd_traj_result_release(&rs);
    }
    bmd_traj_result_release(&r);
  }

  /* (5) downrange, the antipode and orbit: sphere, no rotation, no drag */
  {
    struct bmd_traj_opts o;
    struct bmd_traj_result r;
    const double R = BMD_SPHERE_R_M;
    bmd_traj_opts_default(&o);
    o.phys.earth = BMD_EARTH_SPHERE;
    o.phys.rotation = 0;
    o.phys.drag = 0;
    v.nstages = 1;
    v.stage[0].coast_s = 0.0;
    v.stage[0].burn_time_s = 150.0;   /* thrust/weight 2.3: a gravity turn that bends */
    v.stage[0].isp_s = 500.0;
    {
      struct bmd_traj_control c = {90.0, 25.0, 1e9, {0}};
      CHECK_INT_EQ(bmd_traj_fly(&v, &o, 0.0, 0.0, 0.0, &c, &r), BMD_OK);
      /* both ranges are the same great-circle arc: the geodesic's error is nanometres, the
         launch plane's unit vectors agree with the ground track to rounding */
      CHECK_NEAR(r.downrange_rad * R, r.range_m, 1.0);
      CHECK_INT_EQ(r.past_antipode, 0);
      CHECK(r.range_m > 5e6 && r.range_m < 1e7);
    }
    {
      struct bmd_traj_control c = {90.0, 65.0, 1e9, {0}};   /* flies about 22,500 km */
      CHECK_INT_EQ(bmd_traj_fly(&v, &o, 0.0, 0.0, 0.0, &c, &r), BMD_OK);
      CHECK_INT_EQ(r.past_antipode, 1);
      CHECK(r.downrange_rad > BMD_PI && r.downrange_rad < 2.0 * BMD_PI);
      CHECK_NEAR(r.range_m, R * (2.0 * BMD_PI - r.downrange_rad), 1.0);
      printf("past the antipode: downrange %.5f rad (%.1f km flown), range %.1f km\n",
             r.downrange_rad, r.downrange_rad * R / 1e3, r.range_m / 1e3);
    }
    {
      /* stage 1 lofts, a 250 s coast to near its apogee, stage 2 burns along the
         (horizontal) velocity: orbit with its perigee near 160 km */
      struct bmd_traj_control c = {90.0, 40.0, 1e9, {0}};
      const double mu = BMD_WGS84_GM_M3PS2;
      double rv, vv, rdv, h[3], e[3], hh, en;
      const double *rb = r.burnout_r_ecef_m, *vb = r.burnout_v_ecef_mps;
      v.nstages = 2;
      v.stage[0].burn_time_s = 60.0;
      v.stage[0].isp_s = 280.0;
      v.stage[0].coast_s = 250.0;
      v.stage[1] = v.stage[0];
      v.stage[1].propellant_kg = 1500.0;
      v.stage[1].dry_kg = 100.0;
      v.stage[1].isp_s = 300.0;
      v.stage[1].coast_s = 0.0;
      v.payload_kg = 50.0;
      CHECK_INT_EQ(bmd_traj_fly(&v, &o, 0.0, 0.0, 0.0, &c, &r), BMD_ERANGE);
      CHECK_INT_EQ(r.orbital, 1);
      CHECK(isnan(r.downrange_rad));
      /* stopped at burnout: a day of orbit would take some 10^4 evaluations more */
      CHECK(r.nfev < 2000);
      rv = sqrt(rb[0] * rb[0] + rb[1] * rb[1] + rb[2] * rb[2]);
      vv = vb[0] * vb[0] + vb[1] * vb[1] + vb[2] * vb[2];
      rdv = rb[0] * vb[0] + rb[1] * vb[1] + rb[2] * vb[2];
      h[0] = rb[1] * vb[2] - rb[2] * vb[1];
      h[1] = rb[2] * vb[0] - rb[0] * vb[2];
      h[2] = rb[0] * vb[1] - rb[1] * vb[0];
      hh = h[0] * h[0] + h[1] * h[1] + h[2] * h[2];
      for (int i = 0; i < 3; i++) e[i] = ((vv - mu / rv) * rb[i] - rdv * vb[i]) / mu;
      en = sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
      /* r_p = h^2 / (mu (1 + e)) against traj.c's a (1 - e): the same conic to rounding */
      CHECK_NEAR(r.perigee_alt_m, hh / (mu * (1.0 + en)) - R, 1e-3);
      CHECK(r.perigee_alt_m > BMD_TRAJ_ORBIT_PERIGEE_M);
      printf("orbit: perigee %.1f km, %ld evaluations\n", r.perigee_alt_m / 1e3, r.nfev);
    }
  }
  return check_report("test_rocket");
}
