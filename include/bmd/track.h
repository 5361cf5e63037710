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

/*
 * Covariance analysis: the filter's covariance P alone, propagated and updated along a
 * known trajectory (the Jacobians taken on it, each measurement's covariance R from the
 * true geometry) instead of along the filter's own estimate. Linearised about the truth,
 * the Kalman covariance equations do not involve the measurements' values, so P is fixed
 * by the measurement schedule and the geometry and can be computed before any measurement
 * is made (Gelb (ed.), Applied Optimal Estimation (1974), ch. 4, and ch. 7 on covariance
 * analysis; Bar-Shalom et al. (2001) sec. 5.2). The equations are those of bmd_track_predict
 * and bmd_track_update: the same sub-step, the same Joseph form, written out for the
 * structure of F and H (so the last bits differ). docs/models/tracking.md, sec. 8.
 */

/* bmd_track_jacobian - F = df/dx (6x6, row-major) of the drag-free dynamics at position
   r_ecef_m (the Jacobian depends on the position only), Earth turning when rotation is 1. */
void bmd_track_jacobian(const double r_ecef_m[3], int rotation, double F[36]);

/* bmd_track_cov_init - P of a track started from a measurement with covariance R (3x3,
   m^2) and an unknown velocity of 1-sigma sigma_v0_mps per axis (bmd_track_init's P). */
void bmd_track_cov_init(double P[36], const double R[9], double sigma_v0_mps);

/* bmd_track_cov_phi - the transition matrix of one sub-step of h_s (s, <= 1 s for the
   accuracy of track.h) between the Jacobians F0 and F1 (bmd_track_jacobian) at its two
   ends: Phi = I + F h + F^2 h^2 / 2, F their mean, as bmd_track_predict takes it. */
void bmd_track_cov_phi(const double F0[36], const double F1[36], double h_s, double Phi[36]);

/* bmd_track_cov_predict - P <- Phi P Phi^T + Q(h_s) for a sub-step of h_s with transition
   Phi (bmd_track_cov_phi). A step that is not positive and finite leaves P unchanged. */
void bmd_track_cov_predict(double P[36], const double Phi[36], double h_s, double q_m2ps3);

/* bmd_track_cov_update - absorb a position measurement of covariance R (Joseph form).
   Returns 1, or 0 with P unchanged when the innovation covariance is singular or R is
   not finite. */
int bmd_track_cov_update(double P[36], const double R[9]);

/* bmd_track_cov_sigma_m - sqrt(trace of the position block of P), m. */
double bmd_track_cov_sigma_m(const double P[36]);

#endif
