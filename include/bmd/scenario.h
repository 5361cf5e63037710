/*
 * scenario.h - a defence architecture and a raid, from a scenario YAML file
 * (the scenarios folder; format in docs/scenario.md): physics switches, sensors, interceptor
 * sites, command and control, threats and the random seed.
 *
 * Parsing is strict (unknown keys, wrong types, missing fields, out-of-range values and
 * unknown names are errors with file:line:col), and names are resolved against the
 * catalog (catalog.h) at parse time, so a parsed scenario is ready to run. Any mapping may
 * carry a 'cite:' list (evidence.h): its source keys must resolve in the catalog's
 * bibliography. Unlike data files, a scenario may leave values uncited (they are reported
 * as 'unstated') and may describe itself in free text ('source:').
 */
#ifndef BMD_SCENARIO_H
#define BMD_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "diag.h"
#include "evidence.h"
#include "physics.h"
#include "radar.h"

#define BMD_SCEN_TEXT 1024

/* Scale limits of one scenario (docs/scenario.md): beyond them the parser refuses the file
   with one located line rather than run for hours or exhaust memory. 10,000 threats hold
   every deployed nuclear warhead in the world twice over (around 3,900 in January 2024:
   SIPRI Yearbook 2024, nuclear forces chapter, as summarised by E. Johns, FAS, 17 June
   2024; docs/scenario.md); 100 interceptor sites and 100 radars hold every battery of a
   continental architecture. The engine's work grows with threats x sites. */
#define BMD_SCEN_MAX_THREATS 10000
#define BMD_SCEN_MAX_SITES 100
#define BMD_SCEN_MAX_RADARS 100

/* Random seeds: every whole number from 0 to 2^64 - 1, the same range for a scenario's
   'seed', --seed of every command, a sweep's seed and serve's restart?seed= . */
#define BMD_SEED_MAX UINT64_MAX

struct bmd_scen_radar {
  char name[BMD_NAME_MAX];
  const struct bmd_radar_type *type;
  double lat_deg, lon_deg, alt_m;
  double boresight_az_deg;
  char site[BMD_NAME_MAX];              /* catalog site, "" if given by coordinates */
};

struct bmd_scen_site {
  char name[BMD_NAME_MAX];
  char kind[8];                         /* land | ship */
  double lat_deg, lon_deg, alt_m;
  const struct bmd_missile *interceptor;
  int inventory;
  int launchers;
  double reload_s;                      /* a launcher fires again after this (s) */
};

struct bmd_scen_sspk {                  /* override for one interceptor/threat pair */
  const struct bmd_missile *interceptor;
  const struct bmd_missile *threat;
  double sspk;
};

enum bmd_doctrine { BMD_DOCTRINE_SLS = 0, BMD_DOCTRINE_SALVO };
enum bmd_priority { BMD_PRIORITY_TIME_TO_IMPACT = 0, BMD_PRIORITY_TARGET_VALUE };

struct bmd_scen_c2 {
  double decision_latency_s;            /* firm track (or cue) to launch order */
  enum bmd_doctrine doctrine;           /* shoot-look-shoot where the window allows, else salvo */
  int salvo;                            /* interceptors per salvo */
  double kill_assessment_s;             /* intercept to kill assessment */
  enum bmd_priority priority;
  double sspk;                          /* default single-shot kill probability */
  double reliability;                   /* interceptor launches and flies as intended */
  int firm_track_updates;               /* measurements for a firm track */
  double kv_homing_s;                   /* kill vehicle's terminal homing time: a shot needs
                                           divert >= 3 sigma(track now) / kv_homing_s */
  double track_q_m2ps3;                 /* tracker process noise */
  int nsspk;
  struct bmd_scen_sspk *sspk_pairs;
};

/* Uncertainties for Monte Carlo (bmdsim mc; docs/models/montecarlo.md). All 0 by default:
   the scenario as written, where only the per-shot hit draws, the radar noise and the
   early-warning report errors are random. `bmdsim run` ignores this section. */
struct bmd_scen_uncertainty {
  double launch_time_sigma_s;           /* each threat's launch time: Gaussian, this sd (s) */
  double ew_delay_sigma_s;              /* each threat's early-warning report delay: Gaussian
                                           around the sensor's, delay kept >= 0 (s) */
  double decision_latency_sigma_s;      /* per trial: Gaussian around c2.decision_latency_s,
                                           kept >= 0 (s) */
  double sspk_sigma;                    /* per trial, per interceptor/threat-missile pair: Beta
                                           with the scenario's SSPK as mean and this sd */
  double reliability_sigma;             /* per trial, per interceptor type: Beta with
                                           c2.reliability as mean and this sd */
};

struct bmd_scen_threat {
  char id[BMD_NAME_MAX];
  const struct bmd_missile *missile;
  char from[BMD_NAME_MAX], to[BMD_NAME_MAX];   /* labels (site slugs or "lat,lon") */
  double from_lat_deg, from_lon_deg, from_alt_m;
  double to_lat_deg, to_lon_deg;
  double launch_s;                      /* launch time, s after the scenario epoch */
  int traj_kind;                        /* enum bmd_aim_kind */
  double apogee_km;                     /* lofted / depressed / quasi (the missile's default
                                           flight unless the threat gives one) */
  double rcs_dbsm;                      /* radar cross section of the threat object (with a
                                           payload: the object's X-band mean; radars read
                                           their own band, bmd_scenario_threat_rcs) */
  double value;                         /* target value (priority by value) */
  /* Threat complexes (docs/scenario.md 'payload:', complex.h). A threat entry with a
     payload becomes one threat per object of the payload, in payload order, each with the
     id "<entry id>.<object name>" and the entry's other fields; without one these are
     NULL, 0, its own index and its target. */
  const struct bmd_payload *payload;
  int object;                           /* index of this object in payload->spec.obj */
  int entry;                            /* index of the first object of its entry (itself
                                           without a payload) */
  double aim_lat_deg, aim_lon_deg;      /* an RV's own aim point ('rv_targets:'; else the
                                           entry's 'to'); other objects: the entry's 'to' */
  int aims_of;                          /* the entry (index of its first object) of the first
                                           threat with the same payload and the same RV aim
                                           points: a complex flies as one, its RVs' aims
                                           sharing the bus's budget (same_shot compares it) */
};

struct bmd_scenario {
  char name[BMD_NAME_MAX];
  char title[160];
  char source[BMD_SCEN_TEXT];           /* free-text 'source:', "" if none */
  char file[256];
  char architecture[BMD_NAME_MAX];      /* the architecture's slug when the scenario names
                                           one or is composed (arch.h), "" when inline */
  char arch_title[160];                 /* its title, "" when inline */
  char arch_date[32];                   /* its 'date' (the time it describes), "" if none */
  char attack[BMD_NAME_MAX];            /* the attack's slug, "" when inline */
  char attack_title[160];
  const struct bmd_catalog *cat;        /* the catalog it was parsed against */
  struct bmd_evidence *ev;              /* the evidence of its values: its 'cite:' items
                                           (sources resolved in cat's bibliography), every
                                           number it sets, cited or not, and the defaults
                                           bmdsim applied (evidence.h); NULL only for a
                                           scenario built in code */
  uint64_t seed;
  struct bmd_physics phys;
  const struct bmd_early_warning *ew;   /* NULL: no space-based early warning */
  int nradars;
  struct bmd_scen_radar *radars;
  int nsites;
  struct bmd_scen_site *sites;
  struct bmd_scen_c2 c2;
  struct bmd_scen_uncertainty unc;
  int nthreats;
  struct bmd_scen_threat *threats;
};

/* bmd_scenario_parse - parse text[0..len) named name against catalog cat (which must
   outlive the scenario). Returns BMD_OK, BMD_EPARSE (d: file:line:col and message) or
   BMD_ENOMEM. On failure sc is empty. */
int bmd_scenario_parse(struct bmd_scenario *sc, const char *text, size_t len, const char *name,
                       const struct bmd_catalog *cat, struct bmd_diag *d);

/* bmd_scenario_load_file - read and parse a file (a regular file: infile.h). */
int bmd_scenario_load_file(struct bmd_scenario *sc, const char *path,
                           const struct bmd_catalog *cat, struct bmd_diag *d);

/* bmd_scenario_load_builtin - a scenario compiled into the binary, by name in any case
   ("epaa-phase3", ...; diagnostics name it so); BMD_ENOTFOUND if there is none (d: the
   closest name as a hint). */
int bmd_scenario_load_builtin(struct bmd_scenario *sc, const char *name,
                              const struct bmd_catalog *cat, struct bmd_diag *d);

/* bmd_scenario_builtin_names - NULL-terminated list of the built-in scenarios. */
const char *const *bmd_scenario_builtin_names(void);

/* bmd_scenario_builtin_find - the built-in scenario called name in any case (its
   canonical name), or NULL. */
const char *bmd_scenario_builtin_find(const char *name);

/* bmd_scenario_builtin_text - the YAML text of the built-in scenario name exactly as
   shipped (scenarios/NAME.yaml; *len bytes, NUL-terminated), or NULL. */
const char *bmd_scenario_builtin_text(const char *name, size_t *len);

/* bmd_scenario_beta_ok - 1 if a Beta distribution with this mean and standard deviation
   exists (sd = 0: the value itself; else 0 < mean < 1 and sd^2 < mean (1 - mean)), the
   condition on the uncertainty section's sspk_sigma and reliability_sigma against every
   SSPK and reliability they spread (docs/models/montecarlo.md). */
int bmd_scenario_beta_ok(double mean, double sd);

/* bmd_scenario_same_shot - 1 if threats a and b are the same shot: the same missile,
   launch point, target and trajectory shaping (so the same flight, shifted in time). */
int bmd_scenario_same_shot(const struct bmd_scen_threat *a, const struct bmd_scen_threat *b);

/* bmd_scenario_shots - the distinct shots of sc's threats: first[i] (first[nthreats]) is
   the index of the first threat that is the same shot as threat i (i itself for the
   first). Returns the number of distinct shots, or -1 when out of memory. Linear time, so
   a raid of 10,000 copies of one shot is one flight to aim and fly, for validate and the
   engine alike. */
int bmd_scenario_shots(const struct bmd_scenario *sc, int *first);

/* bmd_scenario_threat_rcs - the mean radar cross-section (dBsm) of threat th as a radar of
   type rt sees it: the object's value in the radar's band for an object of a payload (a
   radar type without a band sees the X-band value), else th->rcs_dbsm. */
double bmd_scenario_threat_rcs(const struct bmd_scen_threat *th, const struct bmd_radar_type *rt);

/* bmd_scenario_has_payloads - 1 if any threat of sc is an object of a payload. */
int bmd_scenario_has_payloads(const struct bmd_scenario *sc);

/* bmd_scenario_sspk - the kill probability of one interceptor against one threat. */
double bmd_scenario_sspk(const struct bmd_scenario *sc, const struct bmd_missile *interceptor,
                         const struct bmd_missile *threat);

/* bmd_scenario_release - free the contents; accepts an empty scenario. */
void bmd_scenario_release(struct bmd_scenario *sc);

#endif
