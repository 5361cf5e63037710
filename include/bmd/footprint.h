/*
 * footprint.h - what an architecture defends: for every cell of a latitude/longitude grid,
 * a threat missile is aimed from a launch point at the cell's centre (minimum-energy
 * trajectory, aim.h), flown, and evaluated against the scenario's sensors and interceptor
 * sites (reach.h): how many sequential engagement opportunities the defence has (0: the
 * cell is not defended against this launch), whether shoot-look-shoot is possible (2 or
 * more), the earliest intercept's altitude and time, and which sites contribute; the same
 * for kinematic reach alone. Several launch points give one layer each; a cell is
 * defended against all of them when every launch that can reach it is engageable.
 *
 * Trajectories (default): each launch point's minimum-energy trajectories are solved and
 * flown once on a polar grid (family.h: azimuth nodes 5 deg apart over the region's
 * azimuths, 16 ranges along each, the members aimed to 1% of the cell size, at most
 * 1 km), and every cell's trajectory is interpolated from the 8 members around it. Cells
 * the family does not cover (beyond 0.98 of the maximum range, where the aim switches to
 * the held-pitch-over shape; closer than the first member; next to a member that failed)
 * are aimed, from the nearest member, and flown. Cells are independent and shared out in
 * fixed chunks, so results do not depend on the thread count. Against aimed and flown
 * trajectories (opts.exact, test_footprint, docs/analysis.md): the same statuses and
 * defended counts, times of flight within about 1 s.
 * Exact mode (opts.exact): every cell aimed and flown. Cells are grouped in azimuth bins
 * (1 deg) around the launch point and solved in order of range, each aim started from the
 * previous cell's solution (bmd_aim_refine); bins are spread over threads. The first cell
 * of every bin starts from a table of solutions along one azimuth per launch, computed
 * before the bins are shared out, so results do not depend on the thread count. The
 * threat is aimed at a cell's centre to 1% of the cell's size (at most 1 km; 555 m at
 * 0.5 deg) rather than the 5 m of single aims.
 * Fans (fancache.h) are shared per site and 20-deg sector, as in the engine; in family
 * mode they are flown only as long as the longest threat flight (an intercept comes
 * before the impact). Family mode computes the launch points one after another: a launch
 * point's family tables are made before its cells and freed after them (memory,
 * BENCHMARKS.md); the fans serve every launch point.
 */
#ifndef BMD_FOOTPRINT_H
#define BMD_FOOTPRINT_H

#include <stdint.h>

#include "reach.h"
#include "scenario.h"

#define BMD_FOOTPRINT_MAX_LAUNCHES 16

struct bmd_footprint_launch {
  char name[BMD_NAME_MAX];            /* site slug or "lat,lon" */
  double lat_deg, lon_deg, alt_m;
};

struct bmd_footprint_opts {
  const struct bmd_missile *missile;  /* the threat */
  double rcs_dbsm;                    /* its radar cross section */
  int nlaunch;
  struct bmd_footprint_launch launch[BMD_FOOTPRINT_MAX_LAUNCHES];
  double lat_min_deg, lat_max_deg;    /* region (cell centres inside) */
  double lon_min_deg, lon_max_deg;
  double grid_deg;                    /* cell size */
  double dt_s;                        /* intercept scan step (2 s) */
  int threads;                        /* >= 1 */
  int exact;                          /* 1: aim and fly every cell (no trajectory family) */
};

enum bmd_footprint_status {
  BMD_FOOTPRINT_OK = 0,               /* the threat reaches the cell; results valid */
  BMD_FOOTPRINT_BEYOND_RANGE,         /* beyond the missile's maximum range */
  BMD_FOOTPRINT_TOO_CLOSE,            /* within 1 km of the launch point, or no trajectory
                                         of the missile's shape lands there */
  BMD_FOOTPRINT_FAILED                /* the targeting solver failed (BMD_ESOLVER, aim.h): a
                                         bug to report, never a physical limit */
};

struct bmd_footprint_cell {
  /* 80 bytes: a Europe footprint at 0.1 deg holds 220,400 cells per launch point. Times and
     altitudes are results, written out to 0.1 s and 0.1 km at the finest, and are kept as
     float (24 bits: 1e-4 s at 1,800 s, 0.125 m at 1,500 km); range and azimuth, which the
     trajectory interpolation reads, stay double */
  double range_m, az_deg;             /* from the launch point */
  uint64_t sites, kin_sites;          /* bit s: site s can engage / reach (sites < 64) */
  float tof_s, apogee_alt_m;
  float cue_t_s, firm_t_s;            /* s after launch; firm NAN when never */
  float first_alt_m, first_t_s;       /* earliest engageable intercept (NAN if none) */
  float kin_first_alt_m;
  int status;                         /* enum bmd_footprint_status */
  int opportunities;                  /* sequential engageable engagements */
  int kin_opportunities;              /* kinematic reach alone */
  int first_site, kin_first_site;     /* site of the earliest intercept, -1 */
};

struct bmd_footprint {
  int nlat, nlon, nlaunch;
  double lat0_deg, lon0_deg, grid_deg;        /* centre of cell (0, 0) */
  struct bmd_footprint_cell *cell;            /* [launch][ilat][ilon] */
  long cells_solved, aims_full, fans_built;
  long cells_flown;                           /* cells aimed and flown (the rest interpolated) */
  long family_members, family_failed;         /* trajectory families: members, unsolved */
  double seconds;
};

/* Progress: cells done of total. Called from one thread at a time. */
typedef void (*bmd_footprint_progress)(void *ctx, long done, long total);

/* bmd_footprint_compute - the footprint of scenario sc's sensors and sites. Returns
   BMD_OK, BMD_EINVAL (bad options: empty region, grid_deg <= 0, > 64 sites, no launch) or
   BMD_ENOMEM. */
int bmd_footprint_compute(const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                          struct bmd_footprint *fp, bmd_footprint_progress progress, void *ctx);

/* bmd_footprint_at - cell (ilat, ilon) of launch k. */
const struct bmd_footprint_cell *bmd_footprint_at(const struct bmd_footprint *fp, int k, int ilat,
                                                  int ilon);

/* bmd_footprint_combined - over all launches: the fewest engageable opportunities among the
   launches that reach the cell (-1 when none reaches it), and likewise for kinematic reach. */
void bmd_footprint_combined(const struct bmd_footprint *fp, int ilat, int ilon, int *opportunities,
                            int *kin_opportunities);

/* bmd_footprint_cell_area_m2 - area of grid cell (ilat, *) on the sphere of radius
   BMD_SPHERE_R_M: R^2 dlon (sin lat1 - sin lat0) (Snyder, Map Projections: A Working
   Manual, USGS PP 1395 (1987), area of a latitude-longitude quadrangle). */
double bmd_footprint_cell_area_m2(const struct bmd_footprint *fp, int ilat);

/* bmd_footprint_release - free the cells; accepts a zeroed fp. */
void bmd_footprint_release(struct bmd_footprint *fp);

/*
 * Cell classes: the one classification of a cell, combined over the launch points, that the
 * map's colours, the GeoTIFF's class band and the GeoJSON's merged areas all use
 * (docs/outcomes.md, "Footprint cell classes"). From bmd_footprint_combined's fewest
 * engageable opportunities opp and fewest kinematic opportunities kin:
 *   BMD_FOOTPRINT_CLASS_NONE (-1)  no launch point's threat reaches the cell (opp < 0)
 *   0 not-defended     opp == 0 and kin == 0
 *   1 kinematic-only   opp == 0 and kin > 0: within kinematic reach, but not engageable
 *   2 .. 5             opp == 1 .. 4 (3: "2", shoot-look-shoot possible)
 *   6                  opp >= 5
 */
#define BMD_FOOTPRINT_CLASS_NONE (-1)
#define BMD_FOOTPRINT_NCLASS 7

/* bmd_footprint_class - the class (0 .. BMD_FOOTPRINT_NCLASS - 1, or
   BMD_FOOTPRINT_CLASS_NONE) of a cell with combined opportunities opp and kinematic
   opportunities kin (bmd_footprint_combined). */
int bmd_footprint_class(int opp, int kin);

/* bmd_footprint_class_name - class cls as a word for data files ("not-defended",
   "kinematic-only", "1", "2", "3", "4", "5-or-more"); "none" for BMD_FOOTPRINT_CLASS_NONE. */
const char *bmd_footprint_class_name(int cls);

/* bmd_footprint_class_label - class cls as the map's legend writes it ("not defended",
   "kinematic reach only", "1 opportunity", "2 (shoot-look-shoot)", "3", "4", "5 or more"). */
const char *bmd_footprint_class_label(int cls);

/* bmd_footprint_class_meaning - one sentence saying what class cls means (docs/outcomes.md). */
const char *bmd_footprint_class_meaning(int cls);

/* bmd_footprint_class_opportunities - the fewest engageable opportunities of class cls's
   cells (0 for not-defended and kinematic-only; 5 for "5-or-more"), -1 for none. */
int bmd_footprint_class_opportunities(int cls);

/*
 * The summary every footprint output reports (the JSON summary, the text, the map's
 * subtitle, the HTML report, sweep metrics): one computation, so that each number means
 * one thing everywhere (docs/analysis.md, "What the footprint's numbers mean").
 *   - A tally counts grid cells and adds up their areas (bmd_footprint_cell_area_m2: cells
 *     are not equal in area, a 1-degree cell at 60 N holds half the area of one at the
 *     equator). Cells that the missile does not reach are not counted.
 *   - Per launch point: the cells the threat from that point reaches (threatened), those
 *     where it can be engaged (defended: opportunities > 0), with 2 or more opportunities
 *     (shoot-look-shoot), within kinematic reach; and per site, the cells where that site
 *     can engage it, or reach it kinematically. Per-site tallies are per launch point,
 *     never summed over launch points (a cell would count once per launch).
 *   - Combined over the launch points: a cell is threatened when some launch reaches it
 *     and defended when every launch that reaches it can be engaged
 *     (bmd_footprint_combined).
 *   - defended_fraction = defended area / threatened area: AREA-WEIGHTED, combined (and
 *     per launch point in each layer). The cell-count ratio differs from it on a
 *     latitude-longitude grid and is not reported as a fraction.
 */
struct bmd_footprint_tally {
  long cells;
  double area_km2;                    /* sum of the cells' areas */
};

struct bmd_footprint_layer {
  struct bmd_footprint_tally threatened, defended, shoot_look_shoot, kinematic;
  long failed;                        /* cells whose targeting failed (not threatened; combined:
                                         for some launch point) */
  double defended_fraction;           /* defended.area_km2 / threatened.area_km2, 0 if none */
};

struct bmd_footprint_summary {
  int nlaunch, nsites;
  struct bmd_footprint_layer launch[BMD_FOOTPRINT_MAX_LAUNCHES];  /* per launch point */
  struct bmd_footprint_layer combined;                            /* over the launches */
  struct bmd_footprint_tally *site_engage;  /* [launch * nsites + site]: cells that site can
                                               engage against that launch point's threat */
  struct bmd_footprint_tally *site_reach;   /* [launch * nsites + site]: kinematic reach */
};

/* bmd_footprint_summarize - the summary of fp for nsites sites (<= 64; the scenario's).
   Release with bmd_footprint_summary_release. Returns BMD_OK, BMD_EINVAL (nsites out of
   range) or BMD_ENOMEM. */
int bmd_footprint_summarize(const struct bmd_footprint *fp, int nsites, struct bmd_footprint_summary *s);

/* bmd_footprint_summary_release - free the per-site tallies; accepts a zeroed summary. */
void bmd_footprint_summary_release(struct bmd_footprint_summary *s);

#endif
