/*
 * fan.h - interceptor fly-out fans: for one interceptor type, the family of its full-burn
 * trajectories over pitch-over angles, tabulated as downrange distance and altitude against
 * time of flight, so that "when can this interceptor be at (downrange, altitude)?" is a
 * table look-up (about 1 us) instead of a trajectory integration (about 0.3 ms).
 *
 * Model: the trajectories of traj.h (vertical rise, pitch-over, gravity turn, staging, free
 * flight of the kill vehicle), flown from the site along one azimuth under the given
 * physics, sampled every dt. Near the vertical (pitch-over below 10 deg), where the
 * trajectories change almost linearly with the angle, one angle in six is flown and the
 * states of the others are interpolated from them (cubic in the angle, row by row; within
 * about 0.2 km of flying them, 212 m at worst in test_fan). The fan is then used for
 * points in any direction from that site: the approximation is that reach depends on
 * direction only through Earth rotation and oblateness, a few per cent at most (measured in tests/unit/test_fan.c and
 * docs/models/intercept.md); build the fan along the threat corridor's azimuth to make it
 * small. Full burn only: interceptors do not throttle, so the arrival time at a point is
 * fixed by the point (the launch time is what the defence chooses). Interpolation between
 * neighbouring pitch-over angles is linear; the angles are dense enough that a direct
 * flight at the interpolated angle passes within 0.5% of the point (test_fan).
 */
#ifndef BMD_FAN_H
#define BMD_FAN_H

#include "physics.h"
#include "vehicle.h"

struct bmd_fan {
  int nk;             /* pitch-over angles */
  int nt;             /* time samples per angle (rows of the tables) */
  double dt_s;        /* time step of the tables */
  double *kick_deg;   /* [nk] increasing */
  unsigned char *flown; /* [nk] 1: flown; 0: interpolated between flown neighbours (fan.c:
                         only near the vertical, where that errs by ~0.2 km at most; test_fan) */
  int *len;           /* [nk] valid samples of each trajectory (stops at impact) */
  double *rho_m;      /* [nk * nt] downrange ground distance from the launch point */
  double *h_m;        /* [nk * nt] altitude */
  double *vh_mps;     /* [nk * nt] horizontal speed (along the downrange direction) */
  double *vu_mps;     /* [nk * nt] vertical speed (up the local vertical) */
  double burnout_s;   /* time of the last burnout */
  double max_speed_mps;
  double reach_m;     /* largest straight-line distance from the launch point (m): a point
                         farther than this (plus a margin for direction) is out of reach */
  /* look-up grid over (downrange, altitude), built with the fan: every node solved exactly
     (bmd_fan_reach_exact); time of flight < 0 where no trajectory passes */
  double g_rho0_m, g_drho_m, g_h0_m, g_dh_m;
  float *g_tof, *g_kick, *g_vh, *g_vu;   /* [i_rho * NH + i_h] */
  unsigned char *g_exact;   /* [i_rho * (NH - 1) + i_h]: 1 = this cell is always solved exactly */
  double *g_rho_out_m;      /* [i_h]: beyond this downrange the row of cells is outside */
  unsigned short *g_idx;    /* [i_rho * nk + k]: trajectory k's last sample before node
                               column i_rho (narrows exact look-ups) */
  short *g_pair_h;          /* [i_rho * (nk - 1) + k - 1][2]: the altitudes between which
                               trajectories k - 1 and k can pass in cell column i_rho, in
                               32nds of g_dh_m above g_h0_m (exact look-ups test only the
                               pairs that can bracket) */
};

struct bmd_fan_point {
  double tof_s;       /* time of flight from launch to the point */
  double kick_deg;    /* pitch-over angle of the trajectory through it */
  double vh_mps;      /* interceptor velocity there: horizontal (away from the site) */
  double vu_mps;      /* and vertical (components, not speed and angle, so that the
                         look-ups interpolate them linearly and callers need no sine or
                         cosine) */
};

/* bmd_fan_build - fly the fan of vehicle v from (lat_deg, lon_deg, alt_m) along az_deg,
   out to t_max_s with table step dt_s, under physics phys. Returns BMD_OK, BMD_ENOMEM, or
   an integrator error. */
int bmd_fan_build(struct bmd_fan *f, const struct bmd_vehicle *v, const struct bmd_physics *phys,
                  double lat_deg, double lon_deg, double alt_m, double az_deg, double t_max_s,
                  double dt_s);

/* bmd_fan_release - free the tables; accepts a zeroed or released fan. */
void bmd_fan_release(struct bmd_fan *f);

/* bmd_fan_reach_exact - the earliest time of flight at which the interceptor passes the
   point (rho_m downrange, h_m altitude), from the fan's trajectories (one bisection per
   pitch-over angle, ~1 us). Returns 1 and fills p if the point is inside the fan, 0 if no
   trajectory of the fan passes it. */
int bmd_fan_reach_exact(const struct bmd_fan *f, double rho_m, double h_m,
                        struct bmd_fan_point *p);

/* bmd_fan_reach - the same from the fan's look-up grid (256 x 256 nodes, ~0.03 us): bilinear
   between the four surrounding nodes when all are inside the fan and the cell passed its
   build-time check (the exact look-up at its centre and the middles of its edges within
   0.1 s); exact otherwise (the fan's edge, changes of branch, slivers); 0 when no node
   around the point is inside. Measured against bmd_fan_reach_exact at 200,000 random
   points per fan (tests/unit/test_fan.c; SM-3 IIA, GBI, THAAD): inside/outside differs at
   <= 0.1% (thin edges), time of flight within 0.5 s at >= 99.9%, worst 6.8 s (GBI, near
   the apogees of near-vertical trajectories, where time changes fastest with altitude). */
int bmd_fan_reach(const struct bmd_fan *f, double rho_m, double h_m, struct bmd_fan_point *p);

/* bmd_fan_ground_reach - the interceptor's reach over the ground at kill-vehicle altitudes:
   the farthest downrange distance (m) at which a trajectory of the fan is at an altitude in
   [min_alt_m, max_alt_m] (max_alt_m <= 0: no ceiling) no later than max_tof_s after launch
   (<= 0: the tables' end), read at the tables' rows. 0 when no row qualifies. The same
   limits as the intercept scan's (intercept.h), so the reach drawn on a map is the reach an
   engagement can use. */
double bmd_fan_ground_reach(const struct bmd_fan *f, double min_alt_m, double max_alt_m,
                            double max_tof_s);

/* bmd_fan_outside - 1 if bmd_fan_reach answers 0 at altitude h_m for every downrange
   distance >= rho_lb_m (a lower bound of the point's downrange, e.g. a chord), so that the
   point's geodesic need not be computed; 0 if it may be inside. */
int bmd_fan_outside(const struct bmd_fan *f, double rho_lb_m, double h_m);

/* bmd_fan_outside_run - for a point that bmd_fan_outside finds outside, how many of the
   points after it (at most nmax) are outside too when each next one's downrange lower
   bound is at most drho_m shorter and its height at most dh_m different (per point: a
   scan's step times the threat's top speed): those a scan can pass over. */
long bmd_fan_outside_run(const struct bmd_fan *f, double rho_lb_m, double h_m, double drho_m,
                         double dh_m, long nmax);

#endif
