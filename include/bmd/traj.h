/*
 * traj.h - one missile's flight from launch to impact: vertical rise, pitch-over,
 * gravity-turn ascent through each stage (with coasts between stages), thrust termination,
 * payload separation, ballistic free flight with drag, re-entry and impact.
 *
 * Frames and units: state in the Earth-fixed frame (r_ecef_m, v_ecef_mps = Earth-relative
 * velocity, mass_kg); Coriolis and centrifugal terms in the right-hand side.
 * Guidance (the usual open-literature model, e.g. Wright & Kadyshev, Science & Global
 * Security 4 (1994) 129-160; Forden, S&GS 15 (2007)):
 *   0 .. vertical_s           thrust along the local vertical (ellipsoid normal)
 *   .. + kick_s               thrust tilted linearly from vertical to kick_deg toward the
 *                             launch azimuth (kick_s = the vehicle's pitch_over_s: for
 *                             threats 10% of the first stage's burn, for interceptors the
 *                             whole powered flight, a commanded pitch program)
 *   .. burnout / cutoff_s     thrust along the Earth-relative velocity (gravity turn), or,
 *                             for vehicles with pitch_hold (interceptors), held at
 *                             kick_deg from the local vertical in the launch plane
 * Thrust is vacuum thrust mdot Isp g0; drag 0.5 rho v^2 Cd(M) A of the burning stage.
 * Range control: thrust termination at cutoff_s (documented in docs/models/vehicle.md).
 */
#ifndef BMD_TRAJ_H
#define BMD_TRAJ_H

#include "integrate.h"
#include "physics.h"
#include "vehicle.h"

enum bmd_phase {
  BMD_PHASE_VERTICAL = 0,
  BMD_PHASE_PITCH,
  BMD_PHASE_BOOST,
  BMD_PHASE_COAST,      /* between stages */
  BMD_PHASE_MIDCOURSE,  /* free flight above 100 km */
  BMD_PHASE_REENTRY,    /* free flight below 100 km on the way down */
  BMD_PHASE_GLIDE       /* a glider's flight below 100 km: pull-up, glide and dive */
};

/* bmd_phase_name - "vertical", "pitch", "boost", "coast", "midcourse", "reentry", "glide". */
const char *bmd_phase_name(enum bmd_phase p);

/* the guidance of a glider's free flight (glide.h); ignored for a ballistic payload */
struct bmd_glide_guide {
  int to_target;        /* 1: steer to (tgt_lat_deg, tgt_lon_deg) and dive on it; 0: glide
                           at the fixed bank angle bank_deg until the glider lands */
  double tgt_lat_deg, tgt_lon_deg;
  double bank_deg;      /* to_target = 0: bank angle, positive turns right (deg) */
};

struct bmd_traj_control {
  double azimuth_deg;   /* launch azimuth, clockwise from north (deg) */
  double kick_deg;      /* pitch-over angle from the vertical (deg), 0 < kick < 90 */
  double cutoff_s;      /* thrust termination (s after launch); >= total burn = full burn */
  struct bmd_glide_guide glide;  /* a glider's guidance ({0}: none, a fixed bank of 0) */
};

struct bmd_traj_sample {
  double t_s;
  double r_ecef_m[3];
  double v_ecef_mps[3];
  double mass_kg;
  int phase;            /* enum bmd_phase */
};

struct bmd_traj_result {
  int status;                       /* BMD_OK, or the integrator's error */
  double burnout_t_s;               /* thrust termination or last burnout (s) */
  double burnout_speed_mps;         /* Earth-relative speed at burnout */
  double burnout_speed_inertial_mps;
  double burnout_alt_m;
  double burnout_gamma_deg;         /* flight-path angle above the local horizontal */
  double burnout_r_ecef_m[3], burnout_v_ecef_mps[3];
  double apogee_alt_m, apogee_t_s;
  double reentry_speed_mps;         /* speed at 100 km on the way down (impact speed if the
                                       apogee is lower) */
  double impact_t_s;                /* time of flight */
  double impact_speed_mps;
  double impact_lat_deg, impact_lon_deg;
  double range_m;                   /* geodesic distance launch -> impact */
  double downrange_rad;             /* geocentric angle from the launch point to the impact,
                                       measured in the launch plane (the plane through the
                                       Earth's centre, the launch point and the launch
                                       azimuth) and unwrapped along the flight: past pi when
                                       the flight passes the antipode of the launch point,
                                       negative when it lands behind the launch point; NAN
                                       when the flight did not land (stopped, orbital) */
  int past_antipode;                /* 1: downrange_rad > pi (range_m is then the short way
                                       back, not the distance flown) */
  int orbital;                      /* 1: the osculating perigee at burnout lies above the
                                       100 km entry interface (BMD_TRAJ_ORBIT_PERIGEE_M):
                                       the payload orbits instead of landing. Returned as
                                       BMD_ERANGE at burnout, without the free flight, when
                                       flying to impact (opts t_stop_s = 0) */
  double perigee_alt_m;             /* osculating Keplerian perigee at burnout (inertial
                                       state, point-mass gravity), as a height above the
                                       Earth's equatorial radius (m); negative: the conic
                                       dips below it */
  long nfev;
  int stopped;                      /* 1: ended at opts t_stop_s before impact: the impact
                                       fields (time, speed, point, range) are NAN */
  /* where an integrator error (status != BMD_OK) happened, e.g. BMD_ENONFINITE: the stage
     (0-based; -1 = the payload's free flight) and the time of the last good state (s) */
  int fail_stage;
  double fail_t_s;
  /* trajectory samples (only if requested): every accepted integrator step */
  struct bmd_traj_sample *samples;
  long nsamples, cap;
};

struct bmd_traj_opts {
  struct bmd_physics phys;
  struct bmd_integrate_opts io;
  int record;                       /* 1: fill samples */
  double t_stop_s;                  /* > 0: end the payload's free flight at its first
                                       integrator step ending at or past this time, if it
                                       has not landed (the steps and samples before it are
                                       those of the full flight; the result then has
                                       stopped = 1 and no impact); 0: fly to impact */
};

/* the perigee height (over the equatorial radius) above which a burnt-out payload is
   taken to orbit: the conventional 100 km entry interface, where re-entry speed is also
   measured (Kepler conic at burnout; J2 moves an osculating perigee by a few km and drag
   above 100 km acts over days, not within one revolution) */
#define BMD_TRAJ_ORBIT_PERIGEE_M 100000.0

/* bmd_traj_opts_default - default physics, tolerances for 0.1 m repeatability, no record. */
void bmd_traj_opts_default(struct bmd_traj_opts *o);

/* bmd_traj_fly - fly vehicle v from (lat_deg, lon_deg, alt_m) under control c.
   Returns BMD_OK (res filled), BMD_EINVAL (bad control), BMD_ENOMEM (samples),
   BMD_ERANGE (the payload does not land: orbital at burnout, res->orbital = 1, burnout
   fields filled; or still in flight a day after burnout), or an integrator error. res->samples must be released with bmd_traj_result_release. */
int bmd_traj_fly(const struct bmd_vehicle *v, const struct bmd_traj_opts *o, double lat_deg,
                 double lon_deg, double alt_m, const struct bmd_traj_control *c,
                 struct bmd_traj_result *res);

/* bmd_traj_opts_atol - set the integrator's absolute tolerances per step: atol_m on
   position (m), atol_m * 1e-3 on velocity (m/s) and atol_m on mass (kg), the ratios of
   bmd_traj_opts_default (atol_m = 1e-5). Looser values for surveys read coarser than their
   error: bench_tolerance measures what they cost. */
void bmd_traj_opts_atol(struct bmd_traj_opts *o, double atol_m);

/* bmd_traj_speed_bound - an upper bound (m/s) on the speed of a recorded trajectory read
   linearly between its samples: 5% over the largest sampled speed, plus 1 m/s. A scan can
   skip the time a point needs to close a distance at this speed. */
double bmd_traj_speed_bound(const struct bmd_traj_result *res);

/* bmd_traj_state_at - position (and velocity, if vel_ecef_mps is not NULL) at time t_s of a
   recorded trajectory, linear between samples. hint, if not NULL, is a sample index kept
   by the caller between calls with increasing t (start it at 0); without it the sample is
   found by bisection. Returns 0 if t_s lies outside the recorded times. */
int bmd_traj_state_at(const struct bmd_traj_result *res, double t_s, long *hint,
                      double r_ecef_m[3], double v_ecef_mps[3]);

/* bmd_traj_state_hermite - as bmd_traj_state_at (hint required, start it at 0), but on the
   cubic Hermite polynomial through the two samples' positions and velocities: error
   O(h^4) in position and O(h^3) in velocity for steps h, where the linear read errs by
   a h^2 / 8 (a: the acceleration), so a trajectory recorded at long steps can be read at
   any time. */
int bmd_traj_state_hermite(const struct bmd_traj_result *res, double t_s, long *hint,
                           double r_ecef_m[3], double v_ecef_mps[3]);

/* bmd_traj_densify - a copy of the recorded trajectory in (scalars and samples) with
   samples at most dt_s apart: the recorded ones, and between them points of the cubic
   Hermite polynomial of bmd_traj_state_hermite (mass and phase of the step's start), so
   that a flight recorded at long steps can be read linearly (bmd_traj_state_at) with
   the error of a short one. out->samples is new (release it); BMD_OK, BMD_EINVAL (no
   samples, dt_s <= 0) or BMD_ENOMEM. */
int bmd_traj_densify(const struct bmd_traj_result *in, double dt_s, struct bmd_traj_result *out);

/* bmd_traj_result_release - free the samples; accepts a zeroed result. */
void bmd_traj_result_release(struct bmd_traj_result *res);

#endif
