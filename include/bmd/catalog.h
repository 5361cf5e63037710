/*
 * catalog.h - the missile, interceptor, site and sensor catalog: data/missiles.yaml,
 * data/sites.yaml and data/sensors.yaml, with the bibliography data/sources.yaml that
 * they cite, compiled into the binary and replaceable with --data DIR.
 *
 * Every value of every entry cites the bibliography and says what kind of evidence it is
 * (evidence.h): the catalog keeps those records (cat->ev) so that users can see where each
 * number comes from. The format is documented in docs/data.md. Parse errors, and citations
 * of a source that is not in the bibliography, name file:line:column.
 */
#ifndef BMD_CATALOG_H
#define BMD_CATALOG_H

#include <math.h>

#include "aim.h"
#include "damage.h"
#include "diag.h"
#include "evidence.h"
#include "flighttest.h"
#include "intercept.h"
#include "radar.h"
#include "vehicle.h"

#define BMD_NAME_MAX 48
#define BMD_TEXT_MAX 1024

/* The kill vehicle and the limits of an interceptor's engagements (docs/models/intercept.md,
   "Interceptor limits"): every engagement, map and run applies them through
   bmd_kill_vehicle_limits. */
struct bmd_kill_vehicle {
  double mass_kg;
  double divert_mps;    /* divert delta-v (m/s) */
  double min_closing_mps; /* slowest closing speed that still allows a hit (m/s) */
  double min_alt_km;    /* lowest intercept altitude */
  double max_alt_km;    /* highest intercept altitude, 0 if none is published */
  double max_range_km;  /* published maximum reach, 0 if none */
  double max_flyout_s;  /* endurance: the longest time from launch to intercept (s) */
};

/* The record of a fit of the stages to the stated performance (the entry's 'fit:' map):
   every stage's isp_s is its literature estimate times isp_factor (tools/fit_catalog.c,
   refperf.h), checked at load. at_load: bmdsim may refit the stages when they miss the
   stated performance (a --data catalog; docs/data.md section 6). */
struct bmd_fit_record {
  int have;                                 /* isp_factor and literature_isp_s given */
  double isp_factor;
  double literature_isp_s[BMD_VEHICLE_MAX_STAGES];
  char date[16];                            /* when the factor was fitted */
  int at_load;
  double load_factor;                       /* factor applied to isp_s at load; 1 if none */
};

/* The published lofted flight test a threat's stages are calibrated to ('performance:
   test:', docs/data.md section 2.3): the stages' Isp factor makes the full-burn flight to
   the test's range peak at its apogee (flighttest.h), and the published flight time is
   compared, not fitted. The entry's stated range band is then an analysts' estimate set
   beside the simulated one, not a figure the stages are fitted to. */
struct bmd_lofted_test {
  int have;
  char date[16];                        /* of the test, YYYY-MM-DD */
  char site[BMD_NAME_MAX];              /* launch site (a slug of sites.yaml) */
  struct bmd_flighttest t;              /* launch point (from the site), azimuth, range,
                                           apogee */
  double time_s;                        /* published flight time, launch to impact */
  int line, col;                        /* where 'apogee_km' is, for diagnostics */
  int site_line, site_col;              /* where 'site' is */
};

struct bmd_missile {
  char name[BMD_NAME_MAX];    /* slug used on the command line */
  char title[160];
  char country[48];
  char klass[24];             /* SRBM..ICBM, or midcourse / upper-tier / terminal */
  char propellant[16];        /* liquid | solid */
  int interceptor;            /* 1 for interceptors */
  double range_lo_km, range_hi_km;       /* published maximum range band (threats) */
  double vbo_lo_mps, vbo_hi_mps;         /* published burnout speed band (interceptors) */
  double published_payload_kg;           /* payload at the published range, 0 if unstated */
  enum bmd_evidence_class perf_class;    /* evidence of the stated range or burnout speed
                                            ('performance:'): published, or chosen /
                                            estimated / assumed where none is published */
  struct bmd_vehicle vehicle;
  struct bmd_kill_vehicle kv;            /* interceptors only */
  char drag_table[BMD_VEHICLE_MAX_STAGES][BMD_NAME_MAX];  /* each stage's drag table */
  struct bmd_fit_record fit;
  struct bmd_lofted_test test;           /* threats only; have = 0 if none */
  enum bmd_aim_kind traj_kind;           /* threats: the default flight ('trajectory:'), */
  double traj_apogee_km;                 /* min-energy unless the entry gives one */
  struct bmd_warhead warhead;            /* threats: for battle damage ('warhead:'); kind
                                            BMD_WARHEAD_NONE if the entry states none */
  struct bmd_hardness launcher_hardness; /* interceptors: the blast hardness of a site that
                                            fires them ('launcher:'); 0s if none stated */
  int line, col;                         /* where the entry's stated performance is
                                            (cat->missiles_file), for diagnostics */
};

struct bmd_site {
  char name[BMD_NAME_MAX];
  char title[160];
  char kind[16];          /* defence | radar | launch | field | base | city */
  char country[48];
  double lat_deg, lon_deg, alt_m;
};

/* space-based early warning: reports a launch after a delay, with stated errors */
struct bmd_early_warning {
  char name[BMD_NAME_MAX];
  char title[160];
  double detect_delay_s;          /* launch to usable report (s) */
  double launch_point_error_km;   /* 1-sigma */
  double azimuth_error_deg;       /* 1-sigma */
};

struct bmd_catalog {
  int nmissiles;
  struct bmd_missile *missiles;   /* threats and interceptors */
  int nsites;
  struct bmd_site *sites;
  int nearly_warning;
  struct bmd_early_warning *ews;
  int nradars;                    /* radar types (sensors.yaml 'radars:', optional there) */
  struct bmd_radar_type *radars;
  int ntables;                    /* drag table names, in file order */
  char (*tables)[BMD_NAME_MAX];
  struct bmd_bib bib;             /* the bibliography (sources.yaml) */
  struct bmd_evidence ev;         /* the evidence of every value (evidence.h); ev.bib = &bib
                                     (set again by bmd_catalog_fix_pointers after a move) */
  char missiles_file[256];        /* the name missiles.yaml was read under */
};

/* bmd_kill_vehicle_limits - the kill vehicle's limits as the intercept scan takes them
   (altitude band, closing speed, published reach, endurance), in SI units; the other fields
   of p are left as they are. The one place where catalog limits become engagement limits:
   engage, coverage, footprint, run and mc all go through it. */
static inline void bmd_kill_vehicle_limits(const struct bmd_kill_vehicle *kv,
                                           struct bmd_engage_params *p) {
  p->min_alt_m = kv->min_alt_km * 1e3;
  p->max_alt_m = kv->max_alt_km > 0.0 ? kv->max_alt_km * 1e3 : HUGE_VAL;
  p->min_closing_mps = kv->min_closing_mps;
  p->max_range_m = kv->max_range_km * 1e3;
  p->max_tof_s = kv->max_flyout_s;
}

/* bmd_catalog_load_embedded - the catalog compiled into the binary. */
int bmd_catalog_load_embedded(struct bmd_catalog *cat, struct bmd_diag *d);

/* bmd_catalog_load_dir - DIR/missiles.yaml, DIR/sites.yaml and DIR/sensors.yaml, citing
   the built-in bibliography and, if DIR/sources.yaml exists, its entries too (an entry of
   DIR/sources.yaml replaces a built-in one with the same key: a copy of data/ loads
   unchanged). */
int bmd_catalog_load_dir(struct bmd_catalog *cat, const char *dir, struct bmd_diag *d);

/* One YAML document in memory, with the name used in diagnostics. */
struct bmd_catalog_doc {
  const char *text;
  size_t len;
  const char *name;
};

/* bmd_catalog_load_buffers - parse the three documents from memory against the built-in
   bibliography, and sources (may be NULL, or have text NULL) read over it. Returns BMD_OK,
   or BMD_EPARSE with d filled, or BMD_ENOMEM. On failure cat is empty. */
int bmd_catalog_load_buffers(struct bmd_catalog *cat, const struct bmd_catalog_doc *missiles,
                             const struct bmd_catalog_doc *sites,
                             const struct bmd_catalog_doc *sensors,
                             const struct bmd_catalog_doc *sources, struct bmd_diag *d);

/* bmd_catalog_fix_pointers - point cat->ev at cat->bib again (after a struct copy). */
void bmd_catalog_fix_pointers(struct bmd_catalog *cat);

/* bmd_catalog_release - free the contents; accepts an empty or zeroed catalog. */
void bmd_catalog_release(struct bmd_catalog *cat);

/* Look-ups by slug, in any case ("Redzikowo" finds redzikowo: names.h); NULL when
   absent. */
const struct bmd_missile *bmd_catalog_missile(const struct bmd_catalog *cat, const char *name);
const struct bmd_site *bmd_catalog_site(const struct bmd_catalog *cat, const char *name);
const struct bmd_early_warning *bmd_catalog_early_warning(const struct bmd_catalog *cat,
                                                          const char *name);
const struct bmd_radar_type *bmd_catalog_radar(const struct bmd_catalog *cat, const char *name);

/* What bmd_catalog_hint searches (bits). */
enum {
  BMD_CATALOG_THREAT = 1,         /* missiles that are not interceptors */
  BMD_CATALOG_INTERCEPTOR = 2,
  BMD_CATALOG_MISSILE = 3,        /* both */
  BMD_CATALOG_SITE = 4,
  BMD_CATALOG_EW = 8,             /* early-warning sensors */
  BMD_CATALOG_RADAR = 16          /* radar types */
};

/* bmd_catalog_hint - the name among the kinds asked for that is closest to word, for a
   "did you mean" after an unknown name (names.h rules), or NULL. */
const char *bmd_catalog_hint(const struct bmd_catalog *cat, unsigned kinds, const char *word);

/* bmd_catalog_section - the evidence section of a missile entry (missile or interceptor). */
enum bmd_evidence_section bmd_catalog_section(const struct bmd_missile *m);

#endif
