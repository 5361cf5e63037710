/*
 * catalog.h - the missile, interceptor, site and sensor catalog: data/missiles.yaml,
 * data/sites.yaml and data/sensors.yaml, compiled into the binary and replaceable with
 * --data DIR.
 *
 * Every entry keeps its source text so that users can see where each number comes from.
 * The format is documented in docs/data.md. Parse errors name file:line:column.
 */
#ifndef BMD_CATALOG_H
#define BMD_CATALOG_H

#include <math.h>

#include "diag.h"
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
  char source[BMD_TEXT_MAX];
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
  struct bmd_vehicle vehicle;
  struct bmd_kill_vehicle kv;            /* interceptors only */
  char source[BMD_TEXT_MAX];             /* general description */
  char published_source[BMD_TEXT_MAX];
  char payload_source[BMD_TEXT_MAX];
  char stage_source[BMD_VEHICLE_MAX_STAGES][BMD_TEXT_MAX];
  char ascent_source[BMD_TEXT_MAX];
  char fit[BMD_TEXT_MAX];                /* how stage values were fitted, "" if not */
};

struct bmd_site {
  char name[BMD_NAME_MAX];
  char title[160];
  char kind[16];          /* defence | radar | launch | field | base | city */
  char country[48];
  double lat_deg, lon_deg, alt_m;
  char source[BMD_TEXT_MAX];
};

/* space-based early warning: reports a launch after a delay, with stated errors */
struct bmd_early_warning {
  char name[BMD_NAME_MAX];
  char title[160];
  double detect_delay_s;          /* launch to usable report (s) */
  double launch_point_error_km;   /* 1-sigma */
  double azimuth_error_deg;       /* 1-sigma */
  char source[BMD_TEXT_MAX];
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

/* bmd_catalog_load_dir - DIR/missiles.yaml, DIR/sites.yaml and DIR/sensors.yaml. */
int bmd_catalog_load_dir(struct bmd_catalog *cat, const char *dir, struct bmd_diag *d);

/* One YAML document in memory, with the name used in diagnostics. */
struct bmd_catalog_doc {
  const char *text;
  size_t len;
  const char *name;
};

/* bmd_catalog_load_buffers - parse the three documents from memory. Returns BMD_OK, or
   BMD_EPARSE with d filled, or BMD_ENOMEM. On failure cat is empty. */
int bmd_catalog_load_buffers(struct bmd_catalog *cat, const struct bmd_catalog_doc *missiles,
                             const struct bmd_catalog_doc *sites,
                             const struct bmd_catalog_doc *sensors, struct bmd_diag *d);

/* bmd_catalog_release - free the contents; accepts an empty or zeroed catalog. */
void bmd_catalog_release(struct bmd_catalog *cat);

/* Look-ups by slug; NULL when absent. */
const struct bmd_missile *bmd_catalog_missile(const struct bmd_catalog *cat, const char *name);
const struct bmd_site *bmd_catalog_site(const struct bmd_catalog *cat, const char *name);
const struct bmd_early_warning *bmd_catalog_early_warning(const struct bmd_catalog *cat,
                                                          const char *name);
const struct bmd_radar_type *bmd_catalog_radar(const struct bmd_catalog *cat, const char *name);

#endif
