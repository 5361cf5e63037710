/*
 * test_intercept.c - geometry truths of the intercept solver:
 *  - a threat flying straight over a site is engageable by a fast interceptor launched at
 *    the threat's launch (kinematics alone), at altitudes inside the kill vehicle's band;
 *  - a pure tail chase by a slower interceptor from behind the launch point is not;
 *  - with the cue late enough the same overflight is "not tracked in time", and the latest
 *    launch that would still have worked is earlier than the cue;
 *  - intercept points lie on the threat trajectory, and launch + fly-out = intercept time;
 *  - the kill vehicle's limits bind where they should: a fly-out longer than its endurance
 *    is refused as "beyond kill-vehicle endurance" (an SM-3 with the catalog's limits, and
 *    any limit below the shortest fly-out of a window), a limit inside a window keeps
 *    exactly the points within it, and every point kept lies in the altitude band.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/aim.h>
#include <bmd/catalog.h>
#include <bmd/const.h>
#include <bmd/fan.h>
#include <bmd/geodesic.h>
#include <bmd/intercept.h>
#include <bmd/status.h>

#include "check.h"

static void threat(const struct bmd_missile *m, struct bmd_aim_request *rq, struct bmd_traj_result *tr) {
  struct bmd_traj_opts o;
  struct bmd_aim_result ar;
  bmd_traj_opts_default(&o);
  CHECK_INT_EQ(bmd_aim_solve(&m->vehicle, &o, rq, &ar), BMD_OK);
  o.record = 1;
  o.io.h_max_s = 2.0;
  CHECK_INT_EQ(bmd_traj_fly(&m->vehicle, &o, rq->lat_deg, rq->lon_deg, 0.0, &ar.control, tr), BMD_OK);
}

/* a scan of every point with none of the solver's shortcuts (no skipping ahead, exact
   geodetic conversion and geodesic): the points inside the fan within the altitude band
   and the published range, and the first and last of their times */
static long brute_band(const struct bmd_fan *fan, const struct bmd_traj_result *tr,
                       const struct bmd_physics *ph, const struct bmd_engage_params *p,
                       double *t_first, double *t_last) {
  long n = 0;
  *t_first = *t_last = -1.0;
  for (long i = 0; i * p->dt_s <= tr->samples[tr->nsamples - 1].t_s; i++) {
    double r[3], la, lo, h, s;
    struct bmd_fan_point fp;
    if (!bmd_traj_state_at(tr, i * p->dt_s, NULL, r, NULL)) break;
    bmd_physics_from_ecef(ph, r, &la, &lo, &h);
    if (h < p->min_alt_m || h > p->max_alt_m) continue;
    bmd_geodesic_inverse(ph->earth, p->site_lat_deg, p->site_lon_deg, la / BMD_DEG, lo / BMD_DEG, &s, NULL, NULL);
    if (p->max_range_m > 0.0 && s > p->max_range_m) continue;
    if (!bmd_fan_reach(fan, s, h - p->site_alt_m, &fp)) continue;
    if (n++ == 0) *t_first = i * p->dt_s;
    *t_last = i * p->dt_s;
  }
  return n;
}

static void engage(const struct bmd_missile *ic, const struct bmd_traj_result *tr, double slat,
                   double slon, double ready, struct bmd_engage_result *er) {
  struct bmd_physics ph;
  struct bmd_fan fan;
  struct bmd_engage_params p;
  memset(&p, 0, sizeof p);
  p.site_lat_deg = slat;
  p.site_lon_deg = slon;
  p.ready_t_s = ready;
  bmd_kill_vehicle_limits(&ic->kv, &p);
  p.max_range_m = 0.0;
  p.dt_s = 1.0;
  bmd_physics_default(&ph);
  double az = bmd_engage_fan_azimuth(tr, &ph, slat, slon);
  CHECK_INT_EQ(bmd_fan_build(&fan, &ic->vehicle, &ph, slat, slon, 0.0, az, tr->impact_t_s, 1.0), BMD_OK);
  CHECK_INT_EQ(bmd_engage_solve(&fan, tr, &ph, &p, er), BMD_OK);
  bmd_fan_release(&fan);
}

/* bmd_engage_fan_azimuth_approx against bmd_engage_fan_azimuth: sites at random latitudes
   to +-80 deg, threat points 50 km to 10,000 km away at heights to 1,500 km, on the WGS84
   physics; within BMD_FAN_AZ_APPROX_DEG (the flattening's order: 0.15 deg measured) */
static void test_fan_azimuth_approx(void) {
  struct bmd_physics ph;
  struct bmd_traj_sample smp;
  struct bmd_traj_result tr;
  unsigned long x = 2463534242UL;
  double worst = 0.0;
  bmd_physics_default(&ph);
  memset(&tr, 0, sizeof tr);
  memset(&smp, 0, sizeof smp);
  tr.samples = &smp;
  tr.nsamples = 1;
  for (int q = 0; q < 20000; q++) {
    double u[5], slat, slon, lat, lon, a, e;
    for (int i = 0; i < 5; i++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;   /* xorshift64 (Marsaglia 2003) */
      u[i] = (double)(x >> 11) / 9007199254740992.0;
    }
    slat = 160.0 * u[0] - 80.0;
    slon = 360.0 * u[1] - 180.0;
    bmd_geodesic_direct(ph.earth, slat, slon, 360.0 * u[2], 50e3 + 9950e3 * u[3], &lat, &lon);
    bmd_physics_to_ecef(&ph, lat * BMD_DEG, lon * BMD_DEG, 1500e3 * u[4], smp.r_ecef_m);
    a = bmd_engage_fan_azimuth(&tr, &ph, slat, slon);
    e = fabs(fmod(bmd_engage_fan_azimuth_approx(&tr, &ph, slat, slon) - a + 540.0, 360.0) - 180.0);
    worst = fmax(worst, e);
  }
  printf("fan azimuth on the sphere against the ellipsoid's geodesic: within %.3f deg\n", worst);
  CHECK(worst < BMD_FAN_AZ_APPROX_DEG);
  CHECK(worst > 0.01);   /* it is an approximation */
}

/* The kill vehicle's endurance and altitude band (intercept.h, catalog.h). */
static void endurance(const struct bmd_catalog *cat, const struct bmd_traj_result *tr,
                      const struct bmd_missile *gbi, double slat, double slon) {
  struct bmd_physics ph;
  struct bmd_fan fan;
  struct bmd_engage_params p;
  struct bmd_engage_table all, cut;
  struct bmd_engage_result er;
  double tmin = HUGE_VAL, tmax = 0.0, lim;
  long nin = 0;
  bmd_physics_default(&ph);
  memset(&p, 0, sizeof p);
  p.site_lat_deg = slat;
  p.site_lon_deg = slon;
  bmd_kill_vehicle_limits(&gbi->kv, &p);
  p.dt_s = 1.0;
  p.max_tof_s = 0.0;   /* none */
  CHECK_INT_EQ(bmd_fan_build(&fan, &gbi->vehicle, &ph, slat, slon, 0.0,
                             bmd_engage_fan_azimuth(tr, &ph, slat, slon), tr->impact_t_s, 1.0), BMD_OK);
  CHECK_INT_EQ(bmd_engage_table_build(&all, &fan, tr, &ph, &p), BMD_OK);
  CHECK(all.n > 50);
  for (long i = 0; i < all.n; i++) {
    tmin = fmin(tmin, all.pts[i].tof_s);
    tmax = fmax(tmax, all.pts[i].tof_s);
  }
  /* a limit just below the shortest fly-out: in reach and in the band, but not in time */
  p.max_tof_s = tmin - 1.0;
  CHECK_INT_EQ(bmd_engage_table_build(&cut, &fan, tr, &ph, &p), BMD_OK);
  bmd_engage_table_solve(&cut, -HUGE_VAL, &er);
  CHECK(!er.feasible);
  CHECK_INT_EQ(er.reason, BMD_ENGAGE_ENDURANCE);
  CHECK(isnan(er.latest_launch_s));
  bmd_engage_table_release(&cut);
  /* a limit inside the window keeps exactly the points within it (the same scan otherwise) */
  lim = 0.5 * (tmin + tmax);
  for (long i = 0; i < all.n; i++) nin += all.pts[i].tof_s <= lim;
  p.max_tof_s = lim;
  CHECK_INT_EQ(bmd_engage_table_build(&cut, &fan, tr, &ph, &p), BMD_OK);
  CHECK_INT_EQ(cut.n, nin);
  CHECK(nin > 0 && nin < all.n);
  for (long i = 0; i < cut.n; i++)
    CHECK(cut.pts[i].tof_s <= lim && cut.pts[i].alt_m >= p.min_alt_m && cut.pts[i].alt_m <= p.max_alt_m);
  printf("endurance: fly-outs %.0f-%.0f s in the window; %ld of %ld points within %.0f s\n", tmin, tmax,
         nin, all.n, lim);
  bmd_engage_table_release(&cut);
  bmd_engage_table_release(&all);
  bmd_fan_release(&fan);

  /* an SM-3 with the catalog's limits: a site 3,600 km to the side of the threat's path at
     80% of its flight reaches it in the kill vehicle's band only after a fly-out longer
     than the catalog's endurance; without the limit it would intercept */
  {
    const struct bmd_missile *sm3 = bmd_catalog_missile(cat, "sm-3-iib");
    double la, lo, la0, lo0, az, blat, blon;
    long k = tr->nsamples * 4 / 5;
    struct bmd_engage_result e0;
    bmd_physics_from_ecef(&ph, tr->samples[0].r_ecef_m, &la0, &lo0, NULL);
    bmd_physics_from_ecef(&ph, tr->samples[k].r_ecef_m, &la, &lo, NULL);
    /* the path's heading there: the geodesic's azimuth at its end */
    bmd_geodesic_inverse(ph.earth, la0 / BMD_DEG, lo0 / BMD_DEG, la / BMD_DEG, lo / BMD_DEG, NULL, NULL, &az);
    bmd_geodesic_direct(ph.earth, la / BMD_DEG, lo / BMD_DEG, az + 90.0, 3600e3, &blat, &blon);
    memset(&p, 0, sizeof p);
    p.site_lat_deg = blat;
    p.site_lon_deg = blon;
    bmd_kill_vehicle_limits(&sm3->kv, &p);
    p.dt_s = 1.0;
    CHECK(p.max_tof_s == sm3->kv.max_flyout_s && p.max_tof_s > 0.0);
    CHECK_INT_EQ(bmd_fan_build(&fan, &sm3->vehicle, &ph, blat, blon, 0.0,
                               bmd_engage_fan_azimuth(tr, &ph, blat, blon), tr->impact_t_s, 1.0), BMD_OK);
    CHECK_INT_EQ(bmd_engage_solve(&fan, tr, &ph, &p, &er), BMD_OK);
    CHECK(!er.feasible);
    CHECK_INT_EQ(er.reason, BMD_ENGAGE_ENDURANCE);
    p.max_tof_s = 0.0;
    CHECK_INT_EQ(bmd_engage_solve(&fan, tr, &ph, &p, &e0), BMD_OK);
    CHECK(e0.feasible && e0.earliest.tof_s > sm3->kv.max_flyout_s);
    printf("sm-3-iib 3,600 km off the path: %s with its %.0f s endurance; %.0f s fly-out without it\n",
           bmd_engage_reason_word(er.reason), sm3->kv.max_flyout_s, e0.earliest.tof_s);
    bmd_fan_release(&fan);
  }
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  struct bmd_traj_result tr;
  struct bmd_engage_result er;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  const struct bmd_missile *ss25 = bmd_catalog_missile(&cat, "ss-25");
  const struct bmd_missile *gbi = bmd_catalog_missile(&cat, "gbi-3stage");
  const struct bmd_missile *sm3 = bmd_catalog_missile(&cat, "sm-3-ia");
  struct bmd_aim_request rq = {BMD_AIM_MIN_ENERGY, 0.0, 56.85, 40.533, 0.0, 40.7128, -74.0060, 0.0, 0, 0.0, 0};
  threat(ss25, &rq, &tr);

  /* the ground point under the threat at 40% of its flight */
  double slat = 0.0, slon = 0.0;
  {
    struct bmd_physics ph;
    bmd_physics_default(&ph);
    long k = tr.nsamples * 2 / 5;
    double la, lo;
    bmd_physics_from_ecef(&ph, tr.samples[k].r_ecef_m, &la, &lo, NULL);
    slat = la / BMD_DEG;
    slon = lo / BMD_DEG;
  }
  engage(gbi, &tr, slat, slon, 0.0, &er);
  CHECK(er.feasible);
  CHECK(er.window_s > 60.0);
  CHECK(er.earliest.alt_m >= gbi->kv.min_alt_km * 1e3 &&
        (gbi->kv.max_alt_km <= 0.0 || er.latest.alt_m <= gbi->kv.max_alt_km * 1e3));
  CHECK(er.earliest.tof_s <= gbi->kv.max_flyout_s && er.latest.tof_s <= gbi->kv.max_flyout_s);
  CHECK_NEAR(er.earliest.launch_t_s + er.earliest.tof_s, er.earliest.t_s, 1e-9);
  CHECK(er.earliest.launch_t_s >= 0.0);
  CHECK(er.earliest.closing_mps >= gbi->kv.min_closing_mps);
  printf("overflight: window %.0f s, earliest %.0f s at %.0f km, latest %.0f s at %.0f km\n",
         er.window_s, er.earliest.t_s, er.earliest.alt_m / 1e3, er.latest.t_s, er.latest.alt_m / 1e3);
  double latest_launch = er.latest_launch_s;
  CHECK(latest_launch >= er.latest.launch_t_s - 1e-9);

  /* the same, cued too late: not tracked in time */
  engage(gbi, &tr, slat, slon, latest_launch + 10.0, &er);
  CHECK(!er.feasible);
  CHECK_INT_EQ(er.reason, BMD_ENGAGE_NOT_TRACKED);

  /* tail chase: a 3 km/s SM-3 IA 300 km behind the launch point, on the track extended back */
  {
    double s, az, blat, blon;
    bmd_geodesic_inverse(BMD_EARTH_WGS84_J2, rq.lat_deg, rq.lon_deg, rq.tgt_lat_deg, rq.tgt_lon_deg, &s, &az, NULL);
    bmd_geodesic_direct(BMD_EARTH_WGS84_J2, rq.lat_deg, rq.lon_deg, az + 180.0, 300e3, &blat, &blon);
    engage(sm3, &tr, blat, blon, 0.0, &er);
    CHECK(!er.feasible);
    CHECK_INT_EQ(er.reason, BMD_ENGAGE_TAIL_CHASE);
    printf("tail chase: %s\n", bmd_engage_reason_word(er.reason));
  }

  endurance(&cat, &tr, gbi, slat, slon);

  /* one scan track shared by three sites (reach.c) gives each site the table a scan of
     its own gives, bit for bit, and the table solved at a ready time gives
     bmd_engage_solve's result */
  {
    struct bmd_physics ph;
    struct bmd_scan_track trk;
    const double site[3][2] = {{slat, slon}, {slat + 3.0, slon - 4.0}, {slat - 2.0, slon + 5.0}};
    long npts = 0;
    bmd_physics_default(&ph);
    memset(&trk, 0, sizeof trk);
    CHECK_INT_EQ(bmd_scan_track_set(&trk, &tr, &ph, 2.0), BMD_OK);
    for (int k = 0; k < 3; k++) {
      struct bmd_fan fan;
      struct bmd_engage_table a, b;
      struct bmd_engage_result e1, e2;
      struct bmd_engage_params p;
      memset(&p, 0, sizeof p);
      p.site_lat_deg = site[k][0];
      p.site_lon_deg = site[k][1];
      bmd_kill_vehicle_limits(&gbi->kv, &p);
      p.max_range_m = 0.0;
      p.dt_s = 2.0;
      double az = bmd_engage_fan_azimuth(&tr, &ph, site[k][0], site[k][1]);
      CHECK_INT_EQ(bmd_fan_build(&fan, &gbi->vehicle, &ph, site[k][0], site[k][1], 0.0, az, tr.impact_t_s, 4.0), BMD_OK);
      CHECK_INT_EQ(bmd_engage_table_build_track(&a, &fan, &trk, &p), BMD_OK);
      CHECK_INT_EQ(bmd_engage_table_build(&b, &fan, &tr, &ph, &p), BMD_OK);
      CHECK_INT_EQ(a.n, b.n);
      CHECK(a.n == b.n && (a.n == 0 || memcmp(a.pts, b.pts, (size_t)a.n * sizeof *a.pts) == 0));
      CHECK(a.n_reach == b.n_reach && a.n_band == b.n_band && a.n_close == b.n_close);
      npts += a.n;
      /* the scan's shortcuts (skipping ahead while out of reach, out of range, or out of
         the band once it has been found) lose no point: a scan of every point finds the
         same in-band points, to the few the fast geodesy puts on the other side of an
         edge, with and without a published range that cuts the trajectory, and with a
         band the threat leaves and re-enters */
      for (int m = 0; m < 3; m++) {
        struct bmd_engage_params q = p;
        struct bmd_engage_table c;
        double t0, t1;
        long nb;
        q.max_range_m = m == 1 ? 1500e3 : 0.0;
        if (m == 2) q.max_alt_m = 800e3;   /* the band left in midcourse and re-entered */
        CHECK_INT_EQ(bmd_engage_table_build_track(&c, &fan, &trk, &q), BMD_OK);
        nb = brute_band(&fan, &tr, &ph, &q, &t0, &t1);
        CHECK(nb > 20);
        CHECK(labs(c.n_band - nb) <= 2);
        if (c.n > 0) {
          CHECK(fabs(c.pts[0].t_s - t0) <= 2.0 * q.dt_s || c.pts[0].t_s > t0);
          CHECK(c.pts[c.n - 1].t_s <= t1 + 2.0 * q.dt_s);
        }
        printf("site %d, %s: %ld in-band points in the scan, %ld in a scan of every point\n", k,
               m == 0 ? "any range" : m == 1 ? "range 1500 km" : "band to 800 km", c.n_band, nb);
        bmd_engage_table_release(&c);
      }
      /* the strided scan (bmd_engage_table_build_coarse): stride 1 is the table bit for
         bit; stride 4 finds the same points at the same times (no gap in these windows is
         shorter than 4 points) and the same earliest intercept at every ready time. Its
         interpolated points are within 0.5 s of launch time (the fan grid's own accuracy,
         fan.h) and 10 m/s of closing speed of the full scan's at >= 99% of them; the rest
         are where the threat passes nearly over site 0, the pitch-over goes through the
         vertical and the full scan's own look-ups jump by up to seconds (fan.h): within
         2 s and 50 m/s. Altitudes within 100 m (a quadratic over 8 s: a t^2 / 8 = 80 m at
         10 m/s^2). */
      for (int m = 0; m < 3; m++) {
        struct bmd_engage_params q = p;
        struct bmd_engage_table full, s1, s4;
        double dl = 0.0, dh = 0.0, dv = 0.0;
        long nbad = 0;
        q.max_range_m = m == 1 ? 1500e3 : 0.0;
        if (m == 2) q.max_alt_m = 800e3;
        CHECK_INT_EQ(bmd_engage_table_build_track(&full, &fan, &trk, &q), BMD_OK);
        CHECK_INT_EQ(bmd_engage_table_build_coarse(&s1, &fan, &trk, &q, 1), BMD_OK);
        CHECK_INT_EQ(bmd_engage_table_build_coarse(&s4, &fan, &trk, &q, 4), BMD_OK);
        CHECK(s1.n == full.n && (s1.n == 0 || memcmp(s1.pts, full.pts, (size_t)s1.n * sizeof *s1.pts) == 0));
        CHECK_INT_EQ(s4.n, full.n);
        CHECK(s4.n_close == full.n_close && (s4.n_band > 0) == (full.n_band > 0));
        for (long i = 0; i < s4.n && i < full.n; i++) {
          double e = fabs(s4.pts[i].launch_t_s - full.pts[i].launch_t_s);
          double v = fabs(s4.pts[i].closing_mps - full.pts[i].closing_mps);
          CHECK(s4.pts[i].t_s == full.pts[i].t_s);
          nbad += e > 0.5 || v > 10.0;
          dl = fmax(dl, e);
          dv = fmax(dv, v);
          dh = fmax(dh, fabs(s4.pts[i].alt_m - full.pts[i].alt_m));
        }
        CHECK(nbad <= s4.n / 100);
        CHECK(dl < 2.0 && dh < 100.0 && dv < 50.0);
        CHECK(dl > 0.0);   /* points were interpolated, not all scanned */
        for (double ready = -100.0; ready < 1500.0; ready += 50.0) {
          struct bmd_engage_result ra, rb;
          bmd_engage_table_solve(&full, ready, &ra);
          bmd_engage_table_solve(&s4, ready, &rb);
          CHECK(ra.feasible == rb.feasible && ra.reason == rb.reason);
          CHECK(!ra.feasible || fabs(ra.earliest.t_s - rb.earliest.t_s) <= 4.0 * q.dt_s);
        }
        printf("site %d, %s: stride 4 against every point: %ld points, %ld beyond 0.5 s or 10 m/s; "
               "launch times within %.3f s, altitudes within %.1f m, closing speeds within %.2f m/s\n", k,
               m == 0 ? "any range" : m == 1 ? "range 1500 km" : "band to 800 km", s4.n, nbad, dl, dh, dv);
        bmd_engage_table_release(&full);
        bmd_engage_table_release(&s1);
        bmd_engage_table_release(&s4);
      }
      p.ready_t_s = 300.0;
      CHECK_INT_EQ(bmd_engage_solve(&fan, &tr, &ph, &p, &e1), BMD_OK);
      bmd_engage_table_solve(&a, 300.0, &e2);
      CHECK(e1.feasible == e2.feasible && e1.npoints == e2.npoints && e1.reason == e2.reason);
      CHECK(!e1.feasible || (e1.earliest.t_s == e2.earliest.t_s && e1.latest.t_s == e2.latest.t_s));
      bmd_engage_table_release(&a);
      bmd_engage_table_release(&b);
      bmd_fan_release(&fan);
    }
    CHECK(npts > 100);   /* the sites do engage: the comparison is not of empty tables */
    printf("shared scan track: %ld points over 3 sites\n", npts);
    bmd_scan_track_release(&trk);
  }

  bmd_traj_result_release(&tr);
  bmd_catalog_release(&cat);
  test_fan_azimuth_approx();
  return check_report("test_intercept");
}
