/*
 * complex.h - a threat complex: the objects a missile's payload releases along its flight
 * (re-entry vehicles of a MIRV bus, decoys, the spent upper stage, tank fragments, chaff),
 * each flown from its release state to its end by the flight core's free flight (ballistic.h:
 * gravity, the rotating Earth and drag rho v^2 / (2 beta) with the object's own beta), and
 * what its flight shows of atmospheric filtering (docs/models/countermeasures.md).
 *
 * The bus. The missile's aimed flight (traj.h) is the bus's nominal path. Object k leaves
 * it release_s after burnout, at the bus's nominal state then (read on the recorded flight
 * by cubic Hermite interpolation, bmd_traj_state_hermite) plus a velocity change:
 *  - a re-entry vehicle (rv, rv-in-balloon) gets the bus's velocity offset that puts it on
 *    its own aim point: the bus changes its velocity by dv_k - dv_(k-1) before releasing RV
 *    k (RVs in release order, dv_0 = 0), solved by Gauss-Newton steps of least norm from
 *    dv_(k-1) (the change the bus pays is the least it can be, to first order); the changes
 *    add up to at most the bus's budget bus_dv_mps. The bus is taken to be on its nominal
 *    path at each release: its position offset from earlier changes (dv x the time between
 *    releases, about 3 km for 100 m/s over 30 s) is left out, its velocity offset kept;
 *  - every other object gets its separation speed sep_mps along a direction of a
 *    golden-angle spiral over the sphere (object j of n of its group: cos theta = 1 -
 *    (2j + 1)/n from the bus's velocity, azimuth j x 137.5 deg from the cross-track axis):
 *    deterministic, so that one scenario always flies the same complex.
 *
 * The end of a flight. A re-entry vehicle flies to the ground. Any other object flies to
 * the ground or, if sooner, until its speed has fallen below BMD_COMPLEX_FILTER_FRACTION of
 * its speed where the model atmosphere begins (86 km): it is then taken to be filtered out
 * (a balloon burnt or torn, debris slowed far behind the warhead) and leaves the scene.
 *
 * Deceleration altitudes. Along the flight, the drag deceleration rho v^2 / (2 beta) (the
 * model atmosphere, US76: atmos.h) is followed from the top of the atmosphere down; the
 * altitudes at which it first reaches 0.1 g and 1 g (g = 9.80665 m/s^2) are found by
 * interpolating its logarithm linearly in height between integrator steps (exact for an
 * exponential atmosphere at constant speed). The model atmosphere ends at 86 km
 * (atmos.h: density 0 above): an object light enough to reach a threshold higher up is
 * reported at 86 km with at_top set, which is a limit of the model, not the altitude.
 */
#ifndef BMD_COMPLEX_H
#define BMD_COMPLEX_H

#include <stddef.h>

#include "physics.h"
#include "traj.h"

#define BMD_COMPLEX_OBJECT_KINDS(X)                                                   \
  X(RV, "rv")                     /* re-entry vehicle (the warhead) */               \
  X(RV_BALLOON, "rv-in-balloon")  /* RV inside an enclosing balloon: flies as the RV,  \
                                     shows the balloon's cross-section */             \
  X(REPLICA, "replica")           /* heavy decoy: an RV-like shape, lighter than it */ \
  X(BALLOON, "balloon")           /* light decoy: an inflated metallised balloon */   \
  X(STAGE, "stage")               /* the spent upper stage (or the bus) */            \
  X(FRAGMENT, "fragment")         /* a tank or structure fragment */                  \
  X(CHAFF, "chaff")               /* a chaff cloud, flown as one object */

enum bmd_object_kind {
#define BMD_X_(name, word) BMD_OBJ_##name,
  BMD_COMPLEX_OBJECT_KINDS(BMD_X_)
#undef BMD_X_
  BMD_OBJ_N
};

/* bmd_object_kind_name - "rv", ..., "chaff"; "" out of range. */
const char *bmd_object_kind_name(int kind);

/* bmd_object_kind_parse - the kind named s, or -1. */
int bmd_object_kind_parse(const char *s);

/* bmd_object_is_rv - 1 for the kinds that carry a warhead (rv, rv-in-balloon). */
int bmd_object_is_rv(int kind);

/* Radar bands of the objects' cross-sections: UHF (also taken for VHF radars), S (also
   for L) and X (docs/models/countermeasures.md). */
enum bmd_band { BMD_BAND_UHF = 0, BMD_BAND_S, BMD_BAND_X, BMD_BAND_N };

/* bmd_band_name - "uhf", "s", "x"; "" out of range. */
const char *bmd_band_name(int band);

/* bmd_band_parse - the band named s ("uhf", "s", "x"), or -1. */
int bmd_band_parse(const char *s);

#define BMD_COMPLEX_MAX_OBJECTS 64
#define BMD_OBJECT_NAME_MAX 32
/* a non-RV object is filtered out below this fraction of its speed at the top of the
   model atmosphere */
#define BMD_COMPLEX_FILTER_FRACTION 0.5
/* an RV is on its aim point when it lands this close to it (m) */
#define BMD_COMPLEX_AIM_TOL_M 10.0

/* One object of a payload (plain data: the catalog's, catalog.h). */
struct bmd_object_spec {
  char name[BMD_OBJECT_NAME_MAX];   /* "rv1", "balloon3": unique in its payload */
  int kind;                         /* enum bmd_object_kind */
  double mass_kg;
  double beta_kgm2;                 /* m / (Cd A) at high Mach */
  double rcs_dbsm[BMD_BAND_N];      /* mean radar cross-section by band (dBsm) */
  int swerling[BMD_BAND_N];         /* fluctuation model by band: Swerling case 0..4
                                       (0: steady) */
  double release_s;                 /* release, s after the bus's burnout (>= 0) */
  double sep_mps;                   /* separation speed (non-RVs) */
  int group_k, group_n;             /* its place in its group (the spiral of directions) */
};

/* A payload: its objects in catalog order, and the bus's velocity budget. */
struct bmd_complex_spec {
  int nobj;
  struct bmd_object_spec obj[BMD_COMPLEX_MAX_OBJECTS];
  double bus_dv_mps;                /* the bus's delta-v for the RVs' aim (m/s) */
};

/* bmd_complex_nrv - the number of re-entry vehicles in cs. */
int bmd_complex_nrv(const struct bmd_complex_spec *cs);

enum bmd_object_end { BMD_OBJ_END_IMPACT = 0, BMD_OBJ_END_FILTERED };

/* One flown object. */
struct bmd_complex_object {
  double release_t_s;               /* s after launch */
  double dv_mps[3];                 /* velocity change at release (ECEF, m/s) */
  double dv_norm_mps;               /* its size */
  double bus_dv_used_mps;           /* RVs: the bus's budget spent up to this release */
  double aim_lat_deg, aim_lon_deg;  /* RVs: the aim point; else the impact or end point */
  double miss_m;                    /* RVs: impact to aim point; else 0 */
  int end;                          /* enum bmd_object_end */
  double end_alt_m;                 /* height at the end (0 at impact) */
  double entry_speed_mps;           /* at the top of the model atmosphere (86 km) */
  double entry_gamma_deg;           /* flight-path angle below the horizontal there */
  double decel_alt_m[2];            /* 0.1 g, 1 g: altitude where drag deceleration first
                                       reaches it (m); NAN if never */
  int decel_at_top[2];              /* 1: reached at the model atmosphere's top (above) */
  double peak_decel_g;              /* largest drag deceleration along the flight (g), on the
                                       integrator's samples; NAN when 0.1 g is reached at the
                                       atmosphere's top (the peak is then the model's
                                       density jump there) */
  double peak_decel_alt_m;          /* where (m); NAN as peak_decel_g, or without drag */
  struct bmd_traj_result traj;      /* the whole flight from launch (the bus's samples up to
                                       release, then the object's), times after launch */
};

/* bmd_complex_fly - fly the complex cs released from the bus flight bus (recorded: o->record
   was set; launched from bus->samples[0]) under options o (physics, tolerances; o->record
   is taken as 1). aim: [2 * nrv] the RVs' aim points (lat, lon in deg, in RV order), or
   NULL for every RV to the bus's impact point. out[cs->nobj] is filled; release with
   bmd_complex_release. Returns BMD_OK; BMD_ERANGE when an aim point is out of the bus's
   reach (why: which, and what it would cost); BMD_EINVAL (a bus without samples, a release
   after the bus lands); BMD_ENOMEM; or an integrator error (why says which object). */
int bmd_complex_fly(const struct bmd_complex_spec *cs, const struct bmd_traj_result *bus,
                    const struct bmd_traj_opts *o, const double *aim, struct bmd_complex_object *out,
                    char *why, size_t nwhy);

/* bmd_complex_release - free the objects' samples (n objects); accepts zeroed ones. */
void bmd_complex_release(struct bmd_complex_object *out, int n);

/* bmd_complex_decel_mps2 - the thresholds of decel_alt_m: 0.1 g and 1 g (m/s^2). */
double bmd_complex_decel_mps2(int i);

#endif
