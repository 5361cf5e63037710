/* track.c - extended Kalman filter on ballistic motion in the Earth-fixed frame (track.h).
 *
 * Predict: the state by RK4 in equal sub-steps of at most STEP_MAX_S; the covariance per
 * sub-step by P <- Phi P Phi^T + Q(h), Phi = I + F h + F^2 h^2 / 2, F = df/dx averaged
 * over the sub-step's two ends. Update: position measurement, H = [I 0], Joseph form.
 * Derivations, references and measured consistency figures: docs/models/tracking.md.
 */
#include <bmd/track.h>

#include <float.h>
#include <math.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/gravity.h>
#include <bmd/physics.h>

/* Largest sub-step (s), fixed by track.h. The gravity-gradient rate sqrt(GM / r^3) is
   <= 1.25e-3 rad/s, so h = 1 s resolves the motion with a wide margin: measured over 600 s
   of a 5 km/s arc, 7e-8 m of state error and 4.6e-7 relative error in P
   (docs/models/tracking.md, sec. 3). */
#define STEP_MAX_S 1.0

/* Right-hand side x' = f(x), x = (r_ecef_m, v_ecef_mps), Earth turning at W (rad/s) about
   +z: r' = v, v' = g_J2(r) - 2 w x v - w x (w x r) (the propagate model without drag,
   ballistic.h; Vallado (2013) ch. 3 for the rotating frame, eq. 8-30 for g_J2). */
static void deriv(const double x[6], double W, double dx[6]) {
  double a[3];
  bmd_gravity_j2(BMD_WGS84_GM_M3PS2, BMD_WGS84_J2, BMD_WGS84_A_M, x, a);
  bmd_physics_frame_accel(W, x, x + 3, a);
  dx[0] = x[3];
  dx[1] = x[4];
  dx[2] = x[5];
  dx[3] = a[0];
  dx[4] = a[1];
  dx[5] = a[2];
}

/* One classical RK4 step of size h (Hairer, Norsett & Wanner, Solving Ordinary
   Differential Equations I, 2nd ed. (1993), sec. II.1). */
static void rk4_step(double x[6], double W, double h) {
  double k1[6], k2[6], k3[6], k4[6], y[6];
  int i;
  deriv(x, W, k1);
  for (i = 0; i < 6; i++) y[i] = x[i] + 0.5 * h * k1[i];
  deriv(y, W, k2);
  for (i = 0; i < 6; i++) y[i] = x[i] + 0.5 * h * k2[i];
  deriv(y, W, k3);
  for (i = 0; i < 6; i++) y[i] = x[i] + h * k3[i];
  deriv(y, W, k4);
  for (i = 0; i < 6; i++) x[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
}

/*
 * Jacobian F = df/dx (6x6, row-major) of deriv():
 *   F = [0 I; G + Wc  Wv],  Wc = diag(W^2, W^2, 0),  Wv = [0 2W 0; -2W 0 0; 0 0 0],
 * G = dg/dr the analytic gradient of the point-mass + J2 field, obtained by differentiating
 * Vallado (2013) eq. 8-30 (the form of gravity.c). With m = GM/r^3, k = 3/2 J2 (Re/r)^2,
 * s = z^2/r^2, w_i = (1, 1, 3) and d_i = -m (1 + w_i k - 5 k s) (the field g_i = d_i r_i):
 *   G_ij = delta_ij d_i + (m / r^2) r_i [r_j (3 + 5 w_i k - 35 k s) + 10 k z delta_jz],
 * which is symmetric, as a gradient of a potential must be; k = 0 leaves the point-mass
 * gradient -m (I - 3 r r^T / r^2) (Montenbruck & Gill, Satellite Orbits (2000), ch. 7,
 * partial derivatives of the acceleration). Derivation: docs/models/tracking.md, sec. 2.
 */
static void jacobian(const double r[3], double W, double F[36]) {
  double r2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
  double inv_r2 = 1.0 / r2;
  double m = BMD_WGS84_GM_M3PS2 * inv_r2 * sqrt(inv_r2);
  double k = 1.5 * BMD_WGS84_J2 * BMD_WGS84_A_M * BMD_WGS84_A_M * inv_r2;
  double s = r[2] * r[2] * inv_r2;
  memset(F, 0, 36 * sizeof *F);
  for (int i = 0; i < 3; i++) {
    double w = i == 2 ? 3.0 : 1.0;
    double d = -m * (1.0 + w * k - 5.0 * k * s);
    double c = 3.0 + 5.0 * w * k - 35.0 * k * s;
    F[6 * i + 3 + i] = 1.0;
    for (int j = 0; j < 3; j++) {
      double gij = m * inv_r2 * r[i] * (r[j] * c + (j == 2 ? 10.0 * k * r[2] : 0.0));
      if (i == j) gij += d;
      F[6 * (3 + i) + j] = gij;
    }
  }
  /* centrifugal -w x (w x r) and Coriolis -2 w x v, w = (0, 0, W) */
  F[6 * 3 + 0] += W * W;
  F[6 * 4 + 1] += W * W;
  F[6 * 3 + 4] = 2.0 * W;
  F[6 * 4 + 3] = -2.0 * W;
}

/* C = A B for 6x6 row-major matrices (C must not alias A or B). */
static void mul66(const double A[36], const double B[36], double C[36]) {
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < 6; j++) {
      double s = 0.0;
      for (int k = 0; k < 6; k++) s += A[6 * i + k] * B[6 * k + j];
      C[6 * i + j] = s;
    }
}

/* P <- A P A^T for 6x6 A, then symmetrised (rounding makes the halves drift apart). */
static void congruence66(const double A[36], double P[36]) {
  double AP[36];
  mul66(A, P, AP);
  for (int i = 0; i < 6; i++)
    for (int j = i; j < 6; j++) {
      double s = 0.0;
      for (int k = 0; k < 6; k++) s += AP[6 * i + k] * A[6 * j + k];
      P[6 * i + j] = s;
      P[6 * j + i] = s;
    }
}

/* mul66 and congruence66 for the covariance analysis: the same sums, each over k in
   order, but row by row with six accumulators, which the compiler keeps in vector
   registers (about 1.8x fewer instructions under callgrind). The filter keeps the loops
   above, so that the reference engine (sim.h) runs as it did. */
static void mul66_rows(const double A[36], const double B[36], double C[36]) {
  for (int i = 0; i < 6; i++) {
    double c0 = 0.0, c1 = 0.0, c2 = 0.0, c3 = 0.0, c4 = 0.0, c5 = 0.0;
    for (int k = 0; k < 6; k++) {
      const double a = A[6 * i + k], *b = &B[6 * k];
      c0 += a * b[0];
      c1 += a * b[1];
      c2 += a * b[2];
      c3 += a * b[3];
      c4 += a * b[4];
      c5 += a * b[5];
    }
    C[6 * i] = c0;
    C[6 * i + 1] = c1;
    C[6 * i + 2] = c2;
    C[6 * i + 3] = c3;
    C[6 * i + 4] = c4;
    C[6 * i + 5] = c5;
  }
}

static void congruence66_rows(const double A[36], double P[36]) {
  double AP[36], At[36], C[36];
  mul66_rows(A, P, AP);
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < 6; j++) At[6 * j + i] = A[6 * i + j];
  mul66_rows(AP, At, C);
  for (int i = 0; i < 6; i++)
    for (int j = i; j < 6; j++) {
      P[6 * i + j] = C[6 * i + j];
      P[6 * j + i] = C[6 * i + j];
    }
}

/* Inverse of a symmetric positive definite 3x3 matrix A by cofactors, Ai = adj(A) / det.
   Returns 0, leaving Ai untouched, when A is not positive definite to working precision:
   a diagonal entry <= 0, or det <= DBL_EPSILON A00 A11 A22. For positive definite A,
   det / (A00 A11 A22) is the determinant of the correlation matrix, in (0, 1] (Hadamard's
   inequality); below DBL_EPSILON the inverse has no correct digit. NaN fails every test. */
static int inv3_spd(const double A[9], double Ai[9]) {
  double adj[9], det, scale = A[0] * A[4] * A[8];
  adj[0] = A[4] * A[8] - A[5] * A[7];
  adj[1] = A[2] * A[7] - A[1] * A[8];
  adj[2] = A[1] * A[5] - A[2] * A[4];
  adj[3] = A[5] * A[6] - A[3] * A[8];
  adj[4] = A[0] * A[8] - A[2] * A[6];
  adj[5] = A[2] * A[3] - A[0] * A[5];
  adj[6] = A[3] * A[7] - A[4] * A[6];
  adj[7] = A[1] * A[6] - A[0] * A[7];
  adj[8] = A[0] * A[4] - A[1] * A[3];
  det = A[0] * adj[0] + A[1] * adj[3] + A[2] * adj[6];
  if (!(A[0] > 0.0 && A[4] > 0.0 && A[8] > 0.0)) return 0;
  if (!(det > DBL_EPSILON * scale) || !isfinite(det)) return 0;
  for (int i = 0; i < 9; i++) Ai[i] = adj[i] / det;
  return 1;
}

void bmd_track_init(struct bmd_track *tk, double t_s, const double z[3], const double R[9],
                    const double v0_guess_mps[3], double sigma_v0_mps, double q_m2ps3,
                    int rotation) {
  memset(tk, 0, sizeof *tk);
  tk->t_s = t_s;
  for (int i = 0; i < 3; i++) {
    tk->x[i] = z[i];
    tk->x[3 + i] = v0_guess_mps[i];
    for (int j = 0; j < 3; j++) tk->P[6 * i + j] = R[3 * i + j];
    tk->P[6 * (3 + i) + 3 + i] = sigma_v0_mps * sigma_v0_mps;
  }
  tk->q_m2ps3 = q_m2ps3;
  tk->nupdates = 1;
  tk->rotation = rotation;
}

/* One covariance sub-step of size h: P <- Phi P Phi^T + Q(h) with Phi from the mean of
   the Jacobians F0 and F1 at the sub-step's two ends. */
static void cov_substep(double P[36], const double F0[36], const double F1[36], double h, double q) {
  double F[36], F2[36], Phi[36];
  /* Phi = I + F h + F^2 h^2 / 2, the matrix exponential exp(F h) to second order: the
     EKF's linearised transition (Bar-Shalom et al. (2001) ch. 10). F is the mean of the
     Jacobians at the sub-step's two ends (trapezoid rule for the integral of F in the
     Magnus series): with F at the start alone, Phi's error per step is F' h^2 / 2 and
     P's error grows like h, 3e-4 of P after 600 s with h = 1 s; the mean makes it
     O(h^2) (docs/models/tracking.md, sec. 3). */
  for (int i = 0; i < 36; i++) F[i] = 0.5 * (F0[i] + F1[i]);
  mul66(F, F, F2);
  for (int i = 0; i < 36; i++) Phi[i] = F[i] * h + F2[i] * (0.5 * h * h);
  for (int i = 0; i < 6; i++) Phi[7 * i] += 1.0;
  congruence66(Phi, P);
  /* continuous white-noise acceleration, Bar-Shalom et al. (2001) sec. 6.2.2:
     Q = q [h^3/3 I, h^2/2 I; h^2/2 I, h I] */
  for (int i = 0; i < 3; i++) {
    P[6 * i + i] += q * h * h * h / 3.0;
    P[6 * i + 3 + i] += q * h * h / 2.0;
    P[6 * (3 + i) + i] += q * h * h / 2.0;
    P[6 * (3 + i) + 3 + i] += q * h;
  }
}

void bmd_track_predict(struct bmd_track *tk, double t_s) {
  const double W = tk->rotation ? BMD_WGS84_OMEGA_RADPS : 0.0;
  double dt = t_s - tk->t_s, h, F0[36], F1[36];
  long n;
  /* not later, NaN or infinite: nothing to do; the filter never runs backwards */
  if (!(dt > 0.0) || !isfinite(dt)) return;
  n = (long)ceil(dt / STEP_MAX_S);
  if (n < 1) n = 1;
  h = dt / (double)n;
  jacobian(tk->x, W, F0);
  for (long step = 0; step < n; step++) {
    rk4_step(tk->x, W, h);
    jacobian(tk->x, W, F1);
    cov_substep(tk->P, F0, F1, h, tk->q_m2ps3);
    memcpy(F0, F1, sizeof F0);
  }
  tk->t_s = t_s;
}

/* gain K = P H^T S^-1 (6x3) for H = [I 0] (Bar-Shalom et al. (2001) sec. 5.2.3) */
static void gain(const double P[36], const double Si[9], double K[18]) {
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < 3; j++) {
      double s = 0.0;
      for (int k = 0; k < 3; k++) s += P[6 * i + k] * Si[3 * k + j];
      K[3 * i + j] = s;
    }
}

/* Joseph form P = (I - K H) P (I - K H)^T + K R K^T (ibid.): stays symmetric and
   positive semi-definite for any gain, unlike (I - K H) P */
static void joseph(double P[36], const double K[18], const double R[9]) {
  double A[36];
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < 6; j++)
      A[6 * i + j] = (i == j ? 1.0 : 0.0) - (j < 3 ? K[3 * i + j] : 0.0);
  congruence66(A, P);
  for (int i = 0; i < 6; i++)
    for (int j = i; j < 6; j++) {
      double s = 0.0;
      for (int k = 0; k < 3; k++)
        for (int l = 0; l < 3; l++) s += K[3 * i + k] * R[3 * k + l] * K[3 * j + l];
      P[6 * i + j] += s;
      if (j != i) P[6 * j + i] += s;
    }
}

double bmd_track_update(struct bmd_track *tk, const double z[3], const double R[9]) {
  double S[9], Si[9], nu[3], K[18], x[6], P[36], nis = 0.0;
  /* innovation nu = z - H x and its covariance S = H P H^T + R
     (Bar-Shalom et al. (2001) sec. 5.2.3) */
  for (int i = 0; i < 3; i++) {
    nu[i] = z[i] - tk->x[i];
    for (int j = 0; j < 3; j++) S[3 * i + j] = tk->P[6 * i + j] + R[3 * i + j];
  }
  if (!inv3_spd(S, Si)) return HUGE_VAL; /* R not a covariance, or NaN: track untouched */
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) nis += nu[i] * Si[3 * i + j] * nu[j];
  if (!isfinite(nis)) return HUGE_VAL;
  /* state x + K nu (ibid.) */
  gain(tk->P, Si, K);
  for (int i = 0; i < 6; i++)
    x[i] = tk->x[i] + K[3 * i] * nu[0] + K[3 * i + 1] * nu[1] + K[3 * i + 2] * nu[2];
  memcpy(P, tk->P, sizeof P);
  joseph(P, K, R);
  memcpy(tk->x, x, sizeof x);
  memcpy(tk->P, P, sizeof P);
  tk->nupdates++;
  return nis;
}

double bmd_track_position_sigma_m(const struct bmd_track *tk) {
  return sqrt(tk->P[0] + tk->P[7] + tk->P[14]);
}

double bmd_track_predicted_sigma_m(const struct bmd_track *tk, double t_s) {
  struct bmd_track c = *tk;
  bmd_track_predict(&c, t_s);
  return bmd_track_position_sigma_m(&c);
}

void bmd_track_jacobian(const double r_ecef_m[3], int rotation, double F[36]) {
  jacobian(r_ecef_m, rotation ? BMD_WGS84_OMEGA_RADPS : 0.0, F);
}

void bmd_track_cov_init(double P[36], const double R[9], double sigma_v0_mps) {
  /* bmd_track_init's covariance */
  memset(P, 0, 36 * sizeof *P);
  for (int i = 0; i < 3; i++) {
    for (int j = 0; j < 3; j++) P[6 * i + j] = R[3 * i + j];
    P[6 * (3 + i) + 3 + i] = sigma_v0_mps * sigma_v0_mps;
  }
}

void bmd_track_cov_phi(const double F0[36], const double F1[36], double h_s, double Phi[36]) {
  double A[9], B[9], BA[9], BB[9];
  /* F = [0 I; A B], the mean of F0 and F1; F^2 = [A B; B A, A + B^2] */
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      A[3 * i + j] = 0.5 * (F0[6 * (3 + i) + j] + F1[6 * (3 + i) + j]);
      B[3 * i + j] = 0.5 * (F0[6 * (3 + i) + 3 + j] + F1[6 * (3 + i) + 3 + j]);
    }
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      double x = 0.0, y = 0.0;
      for (int k = 0; k < 3; k++) {
        x += B[3 * i + k] * A[3 * k + j];
        y += B[3 * i + k] * B[3 * k + j];
      }
      BA[3 * i + j] = x;
      BB[3 * i + j] = y;
    }
  /* Phi = I + F h + F^2 h^2 / 2, block by block (cov_substep's Phi) */
  {
    const double h = h_s, g = 0.5 * h_s * h_s;
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        const double id = i == j ? 1.0 : 0.0;
        Phi[6 * i + j] = id + A[3 * i + j] * g;
        Phi[6 * i + 3 + j] = id * h + B[3 * i + j] * g;
        Phi[6 * (3 + i) + j] = A[3 * i + j] * h + BA[3 * i + j] * g;
        Phi[6 * (3 + i) + 3 + j] = id + B[3 * i + j] * h + (A[3 * i + j] + BB[3 * i + j]) * g;
      }
  }
}

void bmd_track_cov_predict(double P[36], const double Phi[36], double h_s, double q_m2ps3) {
  const double h = h_s, q = q_m2ps3;
  if (!(h > 0.0) || !isfinite(h)) return;
  congruence66_rows(Phi, P);
  for (int i = 0; i < 3; i++) {
    P[6 * i + i] += q * h * h * h / 3.0;
    P[6 * i + 3 + i] += q * h * h / 2.0;
    P[6 * (3 + i) + i] += q * h * h / 2.0;
    P[6 * (3 + i) + 3 + i] += q * h;
  }
}

int bmd_track_cov_update(double P[36], const double R[9]) {
  double S[9], Si[9], K[18], Y[36], KR[18];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) S[3 * i + j] = P[6 * i + j] + R[3 * i + j];
  if (!inv3_spd(S, Si)) return 0;
  gain(P, Si, K);
  /* the Joseph form (joseph()) with H = [I 0] written out: Y = (I - K H) P = P - K P_r,
     P_r the first three rows of P; P <- Y - Y_c K^T + K R K^T, Y_c the first three columns
     of Y, upper triangle mirrored */
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < 6; j++)
      Y[6 * i + j] = P[6 * i + j] - (K[3 * i] * P[j] + K[3 * i + 1] * P[6 + j] + K[3 * i + 2] * P[12 + j]);
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < 3; j++)
      KR[3 * i + j] = K[3 * i] * R[j] + K[3 * i + 1] * R[3 + j] + K[3 * i + 2] * R[6 + j];
  for (int i = 0; i < 6; i++)
    for (int j = i; j < 6; j++) {
      double s = Y[6 * i + j];
      for (int k = 0; k < 3; k++) s += -Y[6 * i + k] * K[3 * j + k] + KR[3 * i + k] * K[3 * j + k];
      P[6 * i + j] = s;
      P[6 * j + i] = s;
    }
  return 1;
}

double bmd_track_cov_sigma_m(const double P[36]) { return sqrt(P[0] + P[7] + P[14]); }
