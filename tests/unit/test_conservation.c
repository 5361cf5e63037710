/*
 * test_conservation.c - invariants of drag-free flight: in the Earth-fixed frame the Jacobi
 * integral C = v^2/2 + U(r) - w^2 (x^2 + y^2)/2 is constant (the Jacobi integral of motion
 * in a uniformly rotating frame; Szebehely, Theory of Orbits (1967), ch. 1), and the inertial angular
 * momentum about z is constant because J2 is axisymmetric. Without rotation and J2 the
 * whole angular momentum vector is constant.
 */
#include <string.h>

#include <bmd/ballistic.h>
#include <bmd/const.h>

#include "check.h"

struct rec {
  const struct bmd_physics *ph;
  double W;
  double c0, h0[3];
  double dc_max, dh_max;
  int n;
};

static void obs(void *ctx, double t, const double *y) {
  struct rec *r = ctx;
  double W = r->W, vin[3], h[3];
  (void)t;
  double C = 0.5 * (y[3] * y[3] + y[4] * y[4] + y[5] * y[5]) + bmd_physics_potential(r->ph, y) -
             0.5 * W * W * (y[0] * y[0] + y[1] * y[1]);
  vin[0] = y[3] - W * y[1];
  vin[1] = y[4] + W * y[0];
  vin[2] = y[5];
  h[0] = y[1] * vin[2] - y[2] * vin[1];
  h[1] = y[2] * vin[0] - y[0] * vin[2];
  h[2] = y[0] * vin[1] - y[1] * vin[0];
  if (r->n++ == 0) {
    r->c0 = C;
    memcpy(r->h0, h, sizeof h);
    return;
  }
  if (fabs(C - r->c0) / fabs(r->c0) > r->dc_max) r->dc_max = fabs(C - r->c0) / fabs(r->c0);
  /* z component always; x, y only when gravity is central (checked by the caller) */
  if (fabs(h[2] - r->h0[2]) / fabs(r->h0[2]) > r->dh_max) r->dh_max = fabs(h[2] - r->h0[2]) / fabs(r->h0[2]);
}

static void run(struct bmd_physics ph, double *dc, double *dh) {
  struct bmd_ballistic_params p = {ph, bmd_physics_omega(&ph), 0.0, 7};
  struct bmd_integrate_problem pb = {6, bmd_ballistic_rhs, &p, NULL, &ph};
  struct bmd_integrate_opts o;
  struct bmd_integrate_result res;
  struct bmd_ballistic_in in = {0, 38.3, 53.9, 150e3, 4200.0, 3100.0, 2500.0, 1000.0};
  double y[6];
  struct rec r;
  memset(&r, 0, sizeof r);
  r.ph = &ph;
  r.W = p.omega_radps;
  bmd_integrate_opts_default(&o);
  bmd_ballistic_state(&ph, &in, y);
  bmd_integrate_run(&pb, &o, 0.0, y, HUGE_VAL, 1, 0.0, obs, &r, &res);
  CHECK(res.hit_ground);
  CHECK(r.n > 3);
  *dc = r.dc_max;
  *dh = r.dh_max;
}

int main(void) {
  double dc, dh;
  /* tolerances: the position tolerance is 1e-2 m per step, g * 1e-2 m ~ 0.1 J/kg against
     |C| ~ 5e7 J/kg gives ~2e-9 per step; 1e-8 over a flight */
  run((struct bmd_physics){BMD_EARTH_WGS84_J2, 1, 0}, &dc, &dh);
  CHECK(dc < 1e-8);
  CHECK(dh < 1e-8);
  printf("wgs84-j2, rotating: Jacobi %.2e, h_z %.2e\n", dc, dh);
  run((struct bmd_physics){BMD_EARTH_WGS84_J2, 0, 0}, &dc, &dh);
  CHECK(dc < 1e-8);
  CHECK(dh < 1e-8);
  run((struct bmd_physics){BMD_EARTH_SPHERE, 0, 0}, &dc, &dh);
  CHECK(dc < 1e-8);
  CHECK(dh < 1e-8);
  /* and drag does remove energy: a sanity check that the invariant test can fail */
  {
    struct bmd_physics ph = {BMD_EARTH_SPHERE, 0, 1};
    struct bmd_ballistic_params p = {ph, 0.0, 1.0 / 500.0, 7};
    struct bmd_integrate_problem pb = {6, bmd_ballistic_rhs, &p, &p.layer, &ph};
    struct bmd_integrate_opts o;
    struct bmd_integrate_result res;
    struct bmd_ballistic_in in = {0, 10.0, 10.0, 120e3, 3000.0, 0.0, 500.0, 500.0};
    double y[6];
    struct rec r;
    memset(&r, 0, sizeof r);
    r.ph = &ph;
    bmd_integrate_opts_default(&o);
    bmd_ballistic_state(&ph, &in, y);
    bmd_integrate_run(&pb, &o, 0.0, y, HUGE_VAL, 1, 0.0, obs, &r, &res);
    CHECK(r.dc_max > 1e-3);
  }
  return check_report("test_conservation");
}
