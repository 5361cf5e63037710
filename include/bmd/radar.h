/*
 * radar.h - ground and ship radars: where they can see, how far, how often, how well.
 *
 * Geometry: a radar at a site (geodetic lat, lon, alt) with one or more fixed phased-array
 * faces (boresight azimuth and elevation, half-widths of the field of view in azimuth and
 * elevation about the boresight), or a mechanically steered / rotating antenna
 * (steerable = 1: any azimuth). A target is visible when the line of sight clears the
 * WGS84 ellipsoid (Earth occlusion, exact segment-ellipsoid test), its elevation is within
 * [min_el, max_el], it lies inside a face's field of view, and its range is within the
 * detection range for its radar cross section.
 * Detection range: the radar range equation at fixed power, aperture and integration gives
 * R proportional to RCS^(1/4) (Skolnik, Introduction to Radar Systems, 3rd ed. (2001),
 * eq. 1.1/2.1): R(rcs) = ref_range * 10^((rcs_dbsm - ref_rcs_dbsm) / 40).
 * Measurements: range, azimuth, elevation with Gaussian errors (sigma_range_m,
 * sigma_angle_mrad), converted to an ECEF position with its covariance for the tracker.
 * Left out: clutter, multipath, atmospheric refraction and loss, resource (time/energy)
 * limits beyond the update interval, discrimination of the warhead from decoys.
 */
#ifndef BMD_RADAR_H
#define BMD_RADAR_H

#include <gsl/gsl_rng.h>

#include "diag.h"
#include "damage.h"

#define BMD_RADAR_MAX_FACES 4

struct bmd_radar_face {
  double az_offset_deg;   /* boresight azimuth relative to the instance's boresight */
  double el_deg;          /* boresight elevation above the horizontal */
  double half_az_deg;     /* half-width of the field of view in azimuth (from boresight) */
  double half_el_deg;     /* half-width in elevation */
};

/* A radar type, from data/sensors.yaml (the evidence of every value is in the catalog's
   records, evidence.h). */
struct bmd_radar_type {
  char name[48];
  char title[160];
  int steerable;                 /* 1: mechanically steered / rotating, any azimuth */
  int nfaces;                    /* fixed faces when not steerable */
  struct bmd_radar_face face[BMD_RADAR_MAX_FACES];
  double min_el_deg, max_el_deg; /* elevation limits of the coverage */
  double ref_range_km;           /* detection range at the reference RCS */
  double ref_rcs_dbsm;
  double update_s;               /* revisit interval on a tracked target */
  double sigma_range_m;          /* 1-sigma range error */
  double sigma_angle_mrad;       /* 1-sigma angle error (each of azimuth and elevation) */
  int fire_control;              /* 1: can support an interceptor launch (fire-control track) */
  int needs_cue;                 /* 1: narrow-beam radar that must be cued to find a target */
  struct bmd_hardness hardness;  /* blast hardness ('hardness:', damage.h); 0s if none stated */
};

/* A radar placed at a site, pointed along a boresight azimuth. Plain data. */
struct bmd_radar {
  const struct bmd_radar_type *type;
  double lat_deg, lon_deg, alt_m;
  double boresight_az_deg;
  double r_ecef_m[3];            /* antenna position */
  double e[3], n[3], u[3];       /* local East, North, Up unit vectors (ECEF) */
};

/* Why a target is or is not seen. */
enum bmd_radar_view {
  BMD_RADAR_SEEN = 0,
  BMD_RADAR_OCCLUDED,     /* line of sight hits the Earth */
  BMD_RADAR_ELEVATION,    /* outside [min_el, max_el] */
  BMD_RADAR_FOV,          /* outside every face's field of view */
  BMD_RADAR_RANGE         /* beyond the detection range for its RCS */
};

/* bmd_radar_init - place type t at (lat, lon, alt) with boresight azimuth az (deg). */
void bmd_radar_init(struct bmd_radar *r, const struct bmd_radar_type *t, double lat_deg,
                    double lon_deg, double alt_m, double boresight_az_deg);

/* bmd_radar_detection_range_m - R(rcs) = ref_range 10^((rcs - ref_rcs)/40), in m. */
double bmd_radar_detection_range_m(const struct bmd_radar_type *t, double rcs_dbsm);

/* bmd_radar_look - range (m), azimuth and elevation (deg) of an ECEF point, and whether
   it is seen (enum bmd_radar_view). Outputs may be NULL. */
enum bmd_radar_view bmd_radar_look(const struct bmd_radar *r, const double tgt_ecef_m[3],
                                   double rcs_dbsm, double *range_m, double *az_deg,
                                   double *el_deg);

/* bmd_radar_sees - 1 when bmd_radar_look would answer BMD_RADAR_SEEN for a target whose
   detection range (bmd_radar_detection_range_m of its RCS) is rdet_m, else 0: the same
   tests on the same arithmetic, the range and the Earth's occlusion first, so that a
   target out of range or below the horizon costs no trigonometry (the footprint's sensing
   timeline, reach.c). */
int bmd_radar_sees(const struct bmd_radar *r, const double tgt_ecef_m[3], double rdet_m);

/* bmd_radar_line_of_sight - 1 if the segment from a to b (ECEF, m) clears the WGS84
   ellipsoid, 0 if it touches or crosses it. */
int bmd_radar_line_of_sight(const double a_ecef_m[3], const double b_ecef_m[3]);

/* bmd_radar_measure - a noisy measurement of the true position tgt (ECEF): the measured
   position z_ecef_m and its 3x3 covariance R (row-major, m^2), from Gaussian range and
   angle errors drawn from rng. */
void bmd_radar_measure(const struct bmd_radar *r, const double tgt_ecef_m[3], gsl_rng *rng,
                       double z_ecef_m[3], double R_m2[9]);

/* bmd_radar_covariance - the covariance R (3x3, row-major, m^2) that bmd_radar_measure
   gives a measurement of tgt_ecef_m, taken at the true range, azimuth and elevation
   instead of the measured ones (the covariance analysis of track.h). */
void bmd_radar_covariance(const struct bmd_radar *r, const double tgt_ecef_m[3], double R_m2[9]);

/* One ground sector of a radar's coverage: the area within range_m of the radar between
   azimuths az_from_deg and az_to_deg (clockwise from north; az_to_deg > az_from_deg), or
   the full circle of that radius when full is 1. */
struct bmd_radar_sector {
  double range_m;
  double az_from_deg, az_to_deg;
  int full;
};

/* bmd_radar_coverage_sectors - the ground coverage of radar type t pointed along
   boresight_az_deg against a target of rcs_dbsm: one full circle for a steerable radar (or
   one with no faces) or for a face that sees all round, else one sector per face (its
   boresight +- half-width in azimuth), each out to the detection range at rcs_dbsm. Fills
   out[0..n) and returns n (0 when the detection range is not positive). Elevation limits
   and Earth occlusion are left out: this is the map's footprint, as drawn on the run map
   (plot_scenario.h) and served as GeoJSON by bmdsim serve. */
int bmd_radar_coverage_sectors(const struct bmd_radar_type *t, double boresight_az_deg,
                               double rcs_dbsm, struct bmd_radar_sector out[BMD_RADAR_MAX_FACES]);

struct bmd_traj_result;

/* bmd_radar_first_track - scan a recorded trajectory (traj.h samples, times relative to its
   launch) at the radar's update interval from t0_s on: the time of the first detection and
   of the n_firm-th detection (a firm track), s after launch. Returns 1 if a firm track
   forms, 0 if not (*t_detect_s is NAN when the radar never sees it). */
int bmd_radar_first_track(const struct bmd_radar *r, const struct bmd_traj_result *traj,
                          double rcs_dbsm, double t0_s, int n_firm, double *t_detect_s,
                          double *t_firm_s);

#endif
