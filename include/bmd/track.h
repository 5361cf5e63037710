/*
 * track.h - a target track: an extended Kalman filter on ballistic motion in the
 * Earth-fixed frame, fed with position measurements (radar.h) and predicting where the
 * target will be, with the uncertainty that grows with time since the last measurement
 * and shrinks with each new one.
 *
 * State x = (r_ecef_m, v_ecef_mps), covariance P (6x6). Dynamics: drag-free flight under
 * point-mass + J2 gravity with Coriolis and centrifugal terms (the propagate model without
 * drag), integrated with RK4 in steps <= 1 s; the transition matrix is the linearisation
 * Phi = I + F dt + F^2 dt^2 / 2 with F the Jacobian of the dynamics (gravity gradient,
 * rotation terms). Process noise: white acceleration of spectral density q (m^2/s^3),
 * Q = q [dt^3/3 I, dt^2/2 I; dt^2/2 I, dt I] (Bar-Shalom, Li & Kirubarajan, Estimation with
 * Applications to Tracking and Navigation (2001), sec. 6.2.2). Update: the standard
 * Kalman equations in Joseph form (ibid., sec. 5.2.3). Firmness: a track is firm after
 * n_firm updates (scenario's choice).
 * Reference for consistency testing (NEES): ibid., sec. 5.4.2.
 */
#ifndef BMD_TRACK_H
#define BMD_TRACK_H

struct bmd_track {
  double t_s;          /* time of the state */
  double x[6];         /* r_ecef_m, v_ecef_mps */
  double P[36];        /* covariance, row-major */
  double q_m2ps3;      /* process-noise spectral density */
  int nupdates;        /* measurements absorbed */
  int rotation;        /* 1: Earth-fixed frame turns (Coriolis, centrifugal) */
};

/* bmd_track_init - start a track from a first position measurement z (ECEF, m) with
   covariance R (3x3, m^2), at time t_s; the velocity is unknown: taken as v0_guess_mps
   with 1-sigma sigma_v0_mps in each axis. */
void bmd_track_init(struct bmd_track *tk, double t_s, const double z[3], const double R[9],
                    const double v0_guess_mps[3], double sigma_v0_mps, double q_m2ps3,
                    int rotation);

/* bmd_track_predict - advance state and covariance to time t_s; a time that is earlier
   than tk->t_s or not finite leaves the track unchanged. The transition matrix of each
   sub-step uses the mean of the Jacobians at its two ends (second-order accurate). */
void bmd_track_predict(struct bmd_track *tk, double t_s);

/* bmd_track_update - absorb a position measurement z with covariance R taken at tk->t_s
   (predict first). Returns the normalised innovation squared (chi-square, 3 dof); if the
   innovation covariance is singular or z or R is not finite, returns HUGE_VAL and leaves the
   track unchanged. nupdates counts the measurement of bmd_track_init as the first. */
double bmd_track_update(struct bmd_track *tk, const double z[3], const double R[9]);

/* bmd_track_position_sigma_m - sqrt(trace of the position covariance): the 3-D 1-sigma
   position uncertainty, in m. */
double bmd_track_position_sigma_m(const struct bmd_track *tk);

/* bmd_track_predicted_sigma_m - the same, predicted to time t_s without changing tk. */
double bmd_track_predicted_sigma_m(const struct bmd_track *tk, double t_s);

#endif
