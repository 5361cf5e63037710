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

#include "diag.h"
#include "radar.h"
#include "vehicle.h"

#define BMD_NAME_MAX 48
#define BMD_TEXT_MAX 1024

struct bmd_kill_vehicle {
  double mass_kg;
  double divert_mps;    /* divert delta-v (m/s) */
  double min_closing_mps; /* slowest closing speed that still allows a hit (m/s) */
  double min_alt_km;    /* lowest intercept altitude */
  double max_alt_km;    /* highest intercept altitude */
  double max_range_km;  /* published maximum reach, 0 if none */
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

#endif
