/*
 * dop853.h - one step of the explicit Runge-Kutta pair of order 8(5,3) of Dormand & Prince
 * ("DOP853"), with Hairer's combined 5th/3rd-order error estimate.
 *
 * Reference: E. Hairer, S. P. Norsett, G. Wanner, Solving Ordinary Differential Equations I,
 * 2nd ed., Springer (1993), sec. II.10 and the code DOP853 (coefficients from there).
 * Why not GSL odeiv2: bench/bench_integrator.c runs GSL's rk8pd driver and this stepper on
 * the same right-hand side; see BENCHMARKS.md. The step controller and event handling that
 * use this stepper live in integrate.c.
 */
#ifndef BMD_DOP853_H
#define BMD_DOP853_H

#define BMD_DOP853_NMAX 8 /* largest state dimension (trajectory: r, v, mass) */

/* Right-hand side dy/dt = f(t, y); params is passed through unchanged. */
typedef void (*bmd_dop853_rhs)(double t, const double *y, double *dydt, void *params);

/* Caller-owned workspace; holds no pointers, may live on the stack. */
struct bmd_dop853 {
  int n;                                /* state dimension, 1..BMD_DOP853_NMAX */
  double k[11][BMD_DOP853_NMAX];        /* stage derivatives k2..k12 */
  double ytmp[BMD_DOP853_NMAX];
};

/* bmd_dop853_step - trial step of size h from (t, y) with f0 = f(t, y).
   Given:    f, params, t, y[n], f0[n], h (s), atol[n] (absolute tolerance per component),
             rtol (relative tolerance).
   Returned: y1[n] the 8th-order solution at t + h (y1 may not alias y).
   Returns the scaled error norm: the step meets the tolerance when it is <= 1.
   Cost: 11 evaluations of f. After accepting, the caller evaluates f(t + h, y1). */
double bmd_dop853_step(struct bmd_dop853 *w, bmd_dop853_rhs f, void *params, double t,
                       const double *y, const double *f0, double h, const double *atol,
                       double rtol, double *y1);

/* bmd_dop853_next_h - Hairer's step-size controller: the next step size after a step of
   size h with scaled error err (safety 0.9, factor limits 1/3 .. 6, exponent 1/8). */
double bmd_dop853_next_h(double h, double err);

#endif
