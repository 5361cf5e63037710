/*
 * refperf.h - the reference performance of a missile or interceptor: the one simulated
 * figure that bmdsim sets beside the figure a catalog entry states (published, or
 * estimated or chosen where none is published), that the fitter matches, and that a --data
 * catalog is checked against at load. One definition, used by `bmdsim catalog`,
 * tools/fit_catalog.c, the load-time check (catfit.h) and docs/data.md section 6.
 *
 * Reference conditions:
 *   - launch from 45 N 0 E at sea level, due north;
 *   - bmdsim's default physics: WGS-84 ellipsoid with point-mass + J2 gravity, rotating
 *     Earth, drag in the US 1976 standard atmosphere;
 *   - every stage burnt to the end, the pitch-over angle chosen to maximise the figure
 *     (aim.h: a scan of 23 angles from 0.3 to 89 deg, then Brent's method; a flight
 *     past the antipode counts as the antipode's distance);
 *   - threats: the maximum range (geodesic, launch point to impact);
 *     interceptors: the speed relative to the rotating Earth at the last stage's burnout.
 *
 * Other conditions give other speeds: from another latitude or azimuth the Earth's rotation
 * (Coriolis) and oblateness move an interceptor's burnout speed by a few m/s, a steeper or
 * flatter fly-out than the best one loses tens to hundreds of m/s to gravity and drag, and
 * a kill vehicle's speed after burnout changes as it climbs or falls. engage and coverage
 * report the burnout speed of the fly-outs they use, with their conditions.
 */
#ifndef BMD_REFPERF_H
#define BMD_REFPERF_H

#include "vehicle.h"

#define BMD_REFPERF_LAT_DEG 45.0
#define BMD_REFPERF_LON_DEG 0.0
#define BMD_REFPERF_AZ_DEG 0.0
/* the stages reproduce a stated figure when the reference performance lies inside the
   stated band widened by this fraction on each side */
#define BMD_REFPERF_TOL 0.01
/* the fitter stops when the reference performance is within this fraction of its target */
#define BMD_REFPERF_FIT_TOL 0.002

struct bmd_refperf {
  double value;             /* interceptors: m/s; threats: km */
  double kick_deg;          /* the pitch-over angle that gives it */
  double burnout_t_s;       /* of that flight: time, altitude and flight-path angle of the */
  double burnout_alt_m;     /* last burnout */
  double burnout_gamma_deg;
};

/* bmd_refperf_conditions - the reference conditions in one sentence (for an interceptor's
   burnout speed, or a threat's maximum range). */
const char *bmd_refperf_conditions(int interceptor);

/* bmd_refperf_compute - the reference performance of v. Returns BMD_OK, or BMD_ENOCONV
   when no pitch-over gives a flight (e.g. a vehicle too weak to climb), or an integrator
   error. */
int bmd_refperf_compute(const struct bmd_vehicle *v, int interceptor, struct bmd_refperf *out);

/* bmd_refperf_within - 1 if value lies in [lo (1 - BMD_REFPERF_TOL), hi (1 + BMD_REFPERF_TOL)]. */
int bmd_refperf_within(double value, double lo, double hi);

/* bmd_refperf_fit - the common factor k on every stage's Isp (the exhaust speed) that puts
   the reference performance within BMD_REFPERF_FIT_TOL of target (bisection on k in
   [0.4, 1.6]), and the performance reached. k0 (> 0) is a first guess tried before the
   bisection (a cached factor; 0 for none). Returns BMD_OK, or BMD_ENOCONV when no k in the
   bracket reaches the target (the stated figure is out of reach of these stages). */
int bmd_refperf_fit(const struct bmd_vehicle *v, int interceptor, double target, double k0,
                    double *k, struct bmd_refperf *got);

#endif
