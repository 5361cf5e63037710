/* cmd_engage.c - bmdsim engage: one threat against one interceptor site, answered for every
   cue source the site's sensors could give, with the assumed cue and decision delay stated. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/outcome.h>
#include <bmd/aim.h>
#include <bmd/const.h>
#include <bmd/fan.h>
#include <bmd/geodesic.h>
#include <bmd/intercept.h>
#include <bmd/latlon.h>
#include <bmd/names.h>
#include <bmd/reach.h>
#include <bmd/refperf.h>
#include <bmd/scenario.h>
#include <bmd/shape.h>
#include <bmd/status.h>

#include "cli.h"

/* Without an architecture (no scenario places this interceptor at this site): the values of
   the built-in scenarios' command and control (scenarios/epaa-phase3.yaml, c2: both are
   chosen or assumed there, no public figures) and their default radar cross section. */
#define DEFAULT_DECISION_S 30.0
#define DEFAULT_FIRM_UPDATES 3
#define DEFAULT_RCS_DBSM -10.0
#define MAX_RADARS 32
#define MAX_PHYS 8
#define SAME_SITE_M 1000.0   /* a scenario's site this close to --site is the same site */
#define FLYOUT_CONDITIONS                                                                       \
  "full burn from the site along the intercept's launch azimuth, with the pitch-over of the fly-out "   \
  "trajectory through the intercept point, under this command's physics; speed relative to the Earth " \
  "at the last burnout"

static const struct cli_opt engage_opts[] = {
    {"interceptor", 'i', "NAME", CLI_OPT_REQUIRED, "interceptor slug (bmdsim catalog --interceptors)"},
    {"site", 's', "SITE|LAT,LON", CLI_OPT_REQUIRED, "interceptor launch site"},
    {"threat", 'm', "MISSILE", CLI_OPT_REQUIRED, "threat missile slug (bmdsim catalog --missiles)"},
    {"from", 'f', "SITE|LAT,LON", CLI_OPT_REQUIRED, "threat launch point, as for bmdsim fly"},
    {"to", 't', "SITE|LAT,LON", CLI_OPT_REQUIRED, "threat target, as for bmdsim fly"},
    {"trajectory", 'T', "T", 0, "threat trajectory: min-energy, lofted:KM, depressed:KM, quasi:KM\n(default: the threat's default flight, bmdsim catalog --name)"},
    {"scenario", 'S', "NAME|FILE|none", 0, "take the sensors (early warning, radars), the firm-track rule\n"
                                           "and the decision latency (and the physics) from this\n"
                                           "scenario, a built-in name or a YAML file; 'none' for no\n"
                                           "architecture"},
    {"radar", 'r', "TYPE@SITE[:AZ]", CLI_OPT_REPEAT, "add a radar (repeatable, at most 32): a radar type of\n"
                                                     "data/sensors.yaml at SITE or LAT,LON, boresight AZ deg\n"
                                                     "(default: toward the threat's launch point)"},
    {"cue", 'c', "C", 0, "the cue of the headline answer: fire-control-track (default:\n"
                         "the architecture's fire-control-quality track, as bmdsim run\n"
                         "and coverage fire on), first-detection, early-warning[:NAME]\n"
                         "(NAME: a catalog early-warning sensor instead of the\n"
                         "architecture's), launch (at threat launch), or radar:NAME (the\n"
                         "track of that radar of the architecture alone) or\n"
                         "radar:TYPE[@SITE] (a radar added as --radar, default at the\n"
                         "interceptor site)"},
    {"delay-s", 'y', "S", 0, "decision delay after the cue, 0 to 86400 (default: the\n"
                             "architecture's c2.decision_latency_s; 30 s without one)"},
    {"rcs-dbsm", 'x', "X", 0, "the threat's radar cross section, -60 to 40 (default -10 dBsm,\n"
                              "as in scenarios)"},
    {"earth", 'E', "wgs84-j2|sphere", 0, "Earth model (default wgs84-j2, or the scenario's)"},
    {"rotation", 'R', "on|off", 0, "Earth rotation (default on, or the scenario's)"},
    {"drag", 'D', "on|off", 0, "aerodynamic drag (default on, or the scenario's)"},
    {"data", 'd', "DIR", 0, "catalog files from DIR"},
    {"json", 'j', NULL, 0, "machine-readable result"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command engage_cmd = {
    "engage", NULL, 0, 0, engage_opts,
    "Fly the threat on its aimed trajectory and find every point where the interceptor,\n"
    "launched from the site, can meet it: inside the kill vehicle's altitude band, within\n"
    "its endurance (longest fly-out) and published reach, at a closing speed it can use,\n"
    "launched no earlier than the cue and the decision delay allow. Prints the assumed\n"
    "cue and decision delay, the engagement window with the earliest and latest intercept\n"
    "or the reason there is none, and the same answer for every cue source: the threat's\n"
    "launch, the early-warning report, the first radar detection, the architecture's\n"
    "fire-control track and each fire-control radar's own track.\n"
    "\n"
    "The sensors and command and control are those of an architecture: --scenario's, or\n"
    "else the first built-in scenario that has this interceptor at this site (say which),\n"
    "or else none (early warning only; add radars with --radar).\n",
    NULL,
    "Why a fire-control track by default: an interceptor is committed on a track good\n"
    "enough to aim it (docs/models/intercept.md, \"Cue and decision delay\"); an answer\n"
    "that needs launch on the early-warning report alone says so in words.\n"
    "\n"
    "exit status: 0 with a result (feasible or not), 1 if the threat cannot reach its\n"
    "target (out of range, or no trajectory of that apogee), 2 bad input, 3 solver\n"
    "failure (a bug in bmdsim: please report it)\n"
    "\noutcomes and reason codes: " BMD_OUTCOME_DOC "\n",
    NULL};

/* The sensors and command and control of the answer. */
struct arch {
  char name[BMD_NAME_MAX];          /* the scenario's, "" for none */
  char how[256];                    /* how it was chosen, for the reader */
  const struct bmd_early_warning *ew;
  int nradars;
  struct bmd_scen_radar radars[MAX_RADARS];
  int firm_updates;
  double decision_s;
  char decision_from[160];          /* where the decision delay comes from */
};

/* One cue source and the answer when the launch may follow it. */
struct row {
  char name[96];                    /* launch, early-warning, first-detection,
                                       fire-control-track, radar:NAME */
  char by[BMD_NAME_MAX];            /* the sensor that gives it, "" */
  int radar_track;                  /* 1: a radar's track (detection or fire control) */
  double cue_s;                     /* NAN: this cue never comes */
  struct bmd_engage_result er;
};

/* the architecture of a loaded scenario */
static void arch_from(struct arch *a, const struct bmd_scenario *sc) {
  snprintf(a->name, sizeof a->name, "%s", sc->name);
  a->ew = sc->ew;
  a->nradars = 0;
  for (int k = 0; k < sc->nradars && a->nradars < MAX_RADARS; k++) a->radars[a->nradars++] = sc->radars[k];
  a->firm_updates = sc->c2.firm_track_updates;
  a->decision_s = sc->c2.decision_latency_s;
  snprintf(a->decision_from, sizeof a->decision_from, "c2.decision_latency_s of %s", sc->name);
}

/* the first built-in scenario with interceptor ic at (lat, lon); 1 if found (a->... set) */
static int arch_builtin(struct arch *a, const struct bmd_catalog *cat, const struct bmd_missile *ic,
                        double lat, double lon, const char *site_label) {
  const char *const *names = bmd_scenario_builtin_names();
  for (int i = 0; names[i]; i++) {
    struct bmd_scenario sc;
    struct bmd_diag d;
    int found = 0;
    /* a scenario that does not parse against this catalog (a --data catalog without its
       missiles) cannot be the site's architecture */
    if (bmd_scenario_load_builtin(&sc, names[i], cat, &d) != BMD_OK) continue;
    for (int s = 0; s < sc.nsites && !found; s++) {
      double dist;
      if (sc.sites[s].interceptor != ic) continue;
      bmd_geodesic_inverse(BMD_EARTH_WGS84_J2, lat, lon, sc.sites[s].lat_deg, sc.sites[s].lon_deg, &dist, NULL, NULL);
      found = dist < SAME_SITE_M;
    }
    if (found) {
      arch_from(a, &sc);
      snprintf(a->how, sizeof a->how,
               "%s, the first built-in scenario with %s at %s (--scenario to choose another)", sc.name,
               ic->name, site_label);
    }
    bmd_scenario_release(&sc);
    if (found) return 1;
  }
  return 0;
}

/* --radar TYPE@SITE[:AZ] (or radar:TYPE[@SITE] of --cue, at the interceptor site by default)
   appended to a; the boresight NAN when not given. Prints the error and returns -1. */
static int add_radar(struct arch *a, const struct bmd_catalog *cat, const char *what, const char *spec,
                     double slat, double slon, double salt, const char *site_label) {
  char type[96], *at, *colon = NULL;
  const struct bmd_radar_type *t;
  struct bmd_scen_radar *r;
  double az = nan("");
  snprintf(type, sizeof type, "%s", spec);
  at = strchr(type, '@');
  if (at) {
    *at = '\0';
    colon = strchr(at + 1, ':');
    if (colon) {
      *colon = '\0';
      if (cli_parse_double(colon + 1, &az) != 0 || az < -360.0 || az > 360.0) {
        cli_error("%s: '%s' is not a boresight azimuth in degrees", what, colon + 1);
        return -1;
      }
    }
  }
  t = bmd_catalog_radar(cat, type);
  if (!t) {
    char h[96];
    cli_error("%s: unknown radar type '%s'%s (see bmdsim catalog --sensors)", what, type,
              bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(cat, BMD_CATALOG_RADAR, type)));
    return -1;
  }
  if (a->nradars >= MAX_RADARS) {
    cli_error("%s: at most %d radars", what, MAX_RADARS);
    return -1;
  }
  r = &a->radars[a->nradars];
  memset(r, 0, sizeof *r);
  r->type = t;
  r->lat_deg = slat;
  r->lon_deg = slon;
  r->alt_m = salt;
  if (at) {
    const char *name = NULL;
    if (cli_resolve_point(cat, what, at + 1, &r->lat_deg, &r->lon_deg, &r->alt_m, &name) != 0) return -1;
    snprintf(r->name, sizeof r->name, "%.20s@%.26s", t->name, name ? name : at + 1);
  } else {
    snprintf(r->name, sizeof r->name, "%.20s@%.26s", t->name, site_label);
  }
  r->boresight_az_deg = az;
  a->nradars++;
  return 0;
}

/* the sensing timeline of threat tr under the architecture, with only radar k when k >= 0
   (reach.h: the engine's sensing without noise) */
static int sense(struct arch *a, int k, const struct bmd_physics *phys,
                 const struct bmd_traj_result *tr, double rcs, struct bmd_reach_cue *cue) {
  struct bmd_scenario v;
  struct bmd_reach_ws *ws;
  memset(&v, 0, sizeof v);
  v.phys = *phys;
  v.ew = a->ew;
  v.radars = k >= 0 ? &a->radars[k] : a->radars;
  v.nradars = k >= 0 ? 1 : a->nradars;
  v.c2.firm_track_updates = a->firm_updates;
  ws = bmd_reach_ws_alloc(&v);
  if (!ws) return BMD_ENOMEM;
  bmd_reach_cue(ws, tr, rcs, cue);
  bmd_reach_ws_free(ws);
  return BMD_OK;
}

/* the answer when the launch may follow cue time t (NAN: never) + the decision delay, in
   r->er; all: the answer at any launch time */
static void answer(struct row *r, const struct bmd_engage_table *tab, const struct bmd_engage_result *all,
                   double delay) {
  if (isnan(r->cue_s)) {
    memset(&r->er, 0, sizeof r->er);
    r->er.latest_launch_s = all->latest_launch_s;
    /* as coverage: the reason of the geometry if it fails, else no cue in time */
    r->er.reason = all->feasible ? BMD_ENGAGE_NOT_TRACKED : all->reason;
    return;
  }
  bmd_engage_table_solve(tab, r->cue_s + delay, &r->er);
}

/* the burnout speed of the fly-out an intercept uses: from the site, along its launch
   azimuth, with the pitch-over of the fan trajectory through the point, full burn, under
   the command's physics (NAN if the flight fails) */
static double flyout_vbo(const struct bmd_missile *ic, const struct bmd_physics *phys, double lat, double lon,
                         double alt, const struct bmd_intercept *p) {
  struct bmd_traj_opts o;
  struct bmd_traj_control c = {p->launch_az_deg, p->kick_deg, 1e30, {0}};
  struct bmd_traj_result r;
  int st;
  double v;
  memset(&r, 0, sizeof r);
  bmd_traj_opts_default(&o);
  o.phys = *phys;
  st = bmd_traj_fly(&ic->vehicle, &o, lat, lon, alt, &c, &r);
  v = st == BMD_OK || st == BMD_ERANGE ? r.burnout_speed_mps : nan("");
  bmd_traj_result_release(&r);
  return v;
}

static void add_num_or_null(cJSON *o, const char *key, double v);

/* an intercept point; vbo: the burnout speed of its fly-out (flyout_vbo) */
static cJSON *point_json(const struct bmd_intercept *ic, double vbo) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "t_s", ic->t_s);
  cJSON_AddNumberToObject(o, "launch_t_s", ic->launch_t_s);
  cJSON_AddNumberToObject(o, "time_of_flight_s", ic->tof_s);
  cJSON_AddNumberToObject(o, "alt_km", ic->alt_m / 1e3);
  cJSON_AddNumberToObject(o, "lat_deg", ic->lat_deg);
  cJSON_AddNumberToObject(o, "lon_deg", ic->lon_deg);
  cJSON_AddNumberToObject(o, "ground_range_km", ic->ground_range_m / 1e3);
  cJSON_AddNumberToObject(o, "closing_speed_mps", ic->closing_mps);
  cJSON_AddNumberToObject(o, "crossing_angle_deg", ic->crossing_deg);
  cJSON_AddNumberToObject(o, "launch_azimuth_deg", ic->launch_az_deg);
  cJSON_AddNumberToObject(o, "pitch_over_deg", ic->kick_deg);
  add_num_or_null(o, "interceptor_burnout_speed_mps", vbo);
  return o;
}

static void add_num_or_null(cJSON *o, const char *key, double v) {
  if (isnan(v)) cJSON_AddNullToObject(o, key);
  else cJSON_AddNumberToObject(o, key, v);
}

static cJSON *row_json(const struct row *r, double delay, int assumed, double vbo) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "cue", r->name);
  if (r->by[0]) cJSON_AddStringToObject(o, "sensor", r->by);
  else cJSON_AddNullToObject(o, "sensor");
  add_num_or_null(o, "cue_s", r->cue_s);
  add_num_or_null(o, "ready_t_s", isnan(r->cue_s) ? r->cue_s : r->cue_s + delay);
  cJSON_AddBoolToObject(o, "assumed", assumed);
  cJSON_AddBoolToObject(o, "feasible", r->er.feasible);
  if (r->er.feasible) cJSON_AddNullToObject(o, "reason");
  else cJSON_AddStringToObject(o, "reason", bmd_engage_reason_word(r->er.reason));
  cJSON_AddNumberToObject(o, "window_s", r->er.feasible ? r->er.window_s : 0.0);
  if (r->er.feasible) cJSON_AddItemToObject(o, "earliest", point_json(&r->er.earliest, vbo));
  else cJSON_AddNullToObject(o, "earliest");
  return o;
}

static void print_point(const char *label, const struct bmd_intercept *ic) {
  char pos[64];
  printf("  %-9s t %7.1f s  launch %7.1f s (fly-out %5.1f s)  alt %7.1f km  %s\n"
         "            ground range %.0f km from the site, closing %.0f m/s, crossing %.0f deg\n",
         label, ic->t_s, ic->launch_t_s, ic->tof_s, ic->alt_m / 1e3,
         bmd_latlon_text(pos, sizeof pos, ic->lat_deg, ic->lon_deg, 3), ic->ground_range_m / 1e3, ic->closing_mps,
         ic->crossing_deg);
}

int cmd_engage(int argc, char **argv) {
  struct cli_args args;
  const char *iname = NULL, *site = NULL, *mname = NULL, *from = NULL, *to = NULL,
             *traj = "min-energy", *cue = "fire-control-track", *data = NULL, *scen = NULL,
             *site_name = NULL, *from_name = NULL, *to_name = NULL, *site_label;
  const char *radar_args[MAX_RADARS], *phys_opt[MAX_PHYS], *phys_val[MAX_PHYS];
  int nradar_args = 0, nphys = 0;
  char traj_buf[64];
  int traj_given = 0;
  struct bmd_traj_opts o;
  struct bmd_catalog cat;
  struct bmd_aim_request rq;
  struct bmd_aim_result ar;
  struct bmd_traj_result tr;
  struct bmd_fan fan;
  struct bmd_engage_params ep;
  struct bmd_engage_table tab;
  struct bmd_engage_result all;
  struct bmd_reach_cue cues;
  struct bmd_scenario sc;
  struct arch a;
  struct row rows[4 + MAX_RADARS];
  const struct bmd_missile *ms, *ic;
  double delay = nan(""), rcs = DEFAULT_RCS_DBSM, slat, slon, salt, talt;
  int json = 0, c, st, rc = CLI_FAIL, nrows = 0, pick = -1, sc_loaded = 0;
  int only_without_track = 0, before_burnout = 0, feasible_track = 0, feasible_early = -1;
  double vbo_first = nan(""), vbo_last = nan("");
  char stated[48];
  struct bmd_refperf ref;

  bmd_traj_opts_default(&o);
  memset(&rq, 0, sizeof rq);
  memset(&tr, 0, sizeof tr);
  memset(&fan, 0, sizeof fan);
  memset(&tab, 0, sizeof tab);
  memset(&sc, 0, sizeof sc);
  memset(&a, 0, sizeof a);
  cli_args_init(&args, &engage_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'i': iname = args.value; break;
    case 's': site = args.value; break;
    case 'm': mname = args.value; break;
    case 'f': from = args.value; break;
    case 't': to = args.value; break;
    case 'T': traj = args.value; traj_given = 1; break;
    case 'c': cue = args.value; break;
    case 'S': scen = args.value; break;
    case 'r':
      if (nradar_args >= MAX_RADARS) {
        cli_error("--radar: at most %d", MAX_RADARS);
        return CLI_USAGE;
      }
      radar_args[nradar_args++] = args.value;
      break;
    case 'y':
      if (cli_parse_double(args.value, &delay) != 0 || delay < 0.0 || delay > 86400.0) {
        cli_error("--delay-s: '%s' is not a number of seconds in [0, 86400]", args.value);
        return CLI_USAGE;
      }
      break;
    case 'x':
      if (cli_parse_double(args.value, &rcs) != 0 || rcs < -60.0 || rcs > 40.0) {
        cli_error("--rcs-dbsm: '%s' is not a radar cross section in [-60, 40] dBsm", args.value);
        return CLI_USAGE;
      }
      break;
    case 'E': case 'R': case 'D': {
      /* checked now, applied after the scenario's physics */
      struct bmd_physics probe;
      const char *name = c == 'E' ? "earth" : c == 'R' ? "rotation" : "drag";
      bmd_physics_default(&probe);
      if (cli_physics_option(&probe, name, args.value) < 0) return CLI_USAGE;
      if (nphys < MAX_PHYS) {
        phys_opt[nphys] = name;
        phys_val[nphys++] = args.value;
      }
      break;
    }
    case 'd': data = args.value; break;
    case 'j': json = 1; break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  if (cli_parse_trajectory(traj, &rq) != 0) return CLI_USAGE;
  if (cli_load_catalog(data, &cat) != 0) return CLI_USAGE;
  rc = CLI_USAGE;
  ms = bmd_catalog_missile(&cat, mname);
  ic = bmd_catalog_missile(&cat, iname);
  if (!ms || ms->interceptor) {
    char h[96];
    cli_error("--threat: unknown missile '%s'%s (see bmdsim catalog --missiles)", mname,
              bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(&cat, BMD_CATALOG_THREAT, mname)));
    goto done;
  }
  if (!traj_given) {
    /* the threat's default flight (data/missiles.yaml 'trajectory') */
    rq.kind = ms->traj_kind;
    rq.apogee_km = ms->traj_apogee_km;
    bmd_shape_format(rq.kind, rq.apogee_km, traj_buf, sizeof traj_buf);
    traj = traj_buf;
  }
  if (!ic || !ic->interceptor) {
    char h[96];
    cli_error("--interceptor: unknown interceptor '%s'%s (see bmdsim catalog --interceptors)", iname,
              bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(&cat, BMD_CATALOG_INTERCEPTOR, iname)));
    goto done;
  }
  if (cli_resolve_point(&cat, "--site", site, &slat, &slon, &salt, &site_name) ||
      cli_resolve_point(&cat, "--from", from, &rq.lat_deg, &rq.lon_deg, &rq.alt_m, &from_name) ||
      cli_resolve_point(&cat, "--to", to, &rq.tgt_lat_deg, &rq.tgt_lon_deg, &talt, &to_name))
    goto done;
  site_label = site_name ? site_name : site;

  /* the architecture: --scenario, else the first built-in scenario with this interceptor
     at this site, else none */
  if (scen && strcmp(scen, "none") == 0) {
    snprintf(a.how, sizeof a.how, "none (--scenario none)");
  } else if (scen) {
    if (cli_load_scenario(scen, &cat, &sc) != 0) goto done;
    sc_loaded = 1;
    arch_from(&a, &sc);
    o.phys = sc.phys;
    snprintf(a.how, sizeof a.how, "%s (--scenario)", sc.name);
  } else if (!arch_builtin(&a, &cat, ic, slat, slon, site_label)) {
    snprintf(a.how, sizeof a.how, "none: no built-in scenario has %s at %s (--scenario or --radar to give sensors)",
             ic->name, site_label);
  }
  if (!a.name[0]) {
    a.ew = cat.nearly_warning > 0 ? &cat.ews[0] : NULL;
    a.firm_updates = DEFAULT_FIRM_UPDATES;
    a.decision_s = DEFAULT_DECISION_S;
    snprintf(a.decision_from, sizeof a.decision_from, "no architecture: the built-in scenarios' assumed value");
  }
  for (int k = 0; k < nphys; k++) cli_physics_option(&o.phys, phys_opt[k], phys_val[k]);
  for (int k = 0; k < nradar_args; k++)
    if (add_radar(&a, &cat, "--radar", radar_args[k], slat, slon, salt, site_label) != 0) goto done;
  if (isnan(delay)) {
    delay = a.decision_s;
  } else {
    snprintf(a.decision_from, sizeof a.decision_from, "--delay-s");
  }

  /* the cue of the headline answer */
  if (strncmp(cue, "early-warning:", 14) == 0) {
    a.ew = bmd_catalog_early_warning(&cat, cue + 14);
    if (!a.ew) {
      char h[96];
      cli_error("--cue: no early-warning sensor '%s' in the catalog%s", cue + 14,
                bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(&cat, BMD_CATALOG_EW, cue + 14)));
      goto done;
    }
    cue = "early-warning";
  } else if (strncmp(cue, "radar:", 6) == 0) {
    int k;
    for (k = 0; k < a.nradars && strcmp(a.radars[k].name, cue + 6) != 0; k++) {}
    if (k == a.nradars && add_radar(&a, &cat, "--cue", cue + 6, slat, slon, salt, site_label) != 0) goto done;
  } else if (strcmp(cue, "launch") && strcmp(cue, "early-warning") && strcmp(cue, "first-detection") &&
             strcmp(cue, "fire-control-track")) {
    cli_error("--cue: '%s' is not fire-control-track, first-detection, early-warning[:NAME], launch or "
              "radar:NAME", cue);
    goto done;
  }

  rc = CLI_FAIL;
  st = bmd_aim_solve(&ms->vehicle, &o, &rq, &ar);
  if (st != BMD_OK) {
    /* physically impossible (1), a shape that contradicts itself (2), the solver's
       failure (3): never one for another */
    char why[512];
    cli_error("%s: target %s %s", ms->name, to_name ? to_name : to,
              bmd_aim_explain(st, &rq, &ar, why, sizeof why));
    if (json && st != BMD_EINVAL && st != BMD_ENOMEM) {
      cJSON *j = cJSON_CreateObject();
      char *s;
      cJSON_AddStringToObject(j, "threat", ms->name);
      cJSON_AddStringToObject(j, "from", from_name ? from_name : from);
      cJSON_AddStringToObject(j, "to", to_name ? to_name : to);
      cli_aim_json(j, st, &ar);
      s = cJSON_Print(j);
      if (s) cli_print_json(s);
      free(s);
      cJSON_Delete(j);
    }
    rc = st == BMD_ERANGE || st == BMD_ENOMEM ? CLI_FAIL : st == BMD_EINVAL ? CLI_USAGE : CLI_SOLVER;
    goto done;
  }
  o.record = 1;
  o.io.h_max_s = 2.0;
  st = bmd_traj_fly(&ms->vehicle, &o, rq.lat_deg, rq.lon_deg, rq.alt_m, &ar.control, &tr);
  if (st != BMD_OK) {
    cli_error("%s: flight failed: %s", ms->name, bmd_strerror(st));
    goto done;
  }
  /* radars added here look toward the threat's launch point unless told otherwise */
  for (int k = 0; k < a.nradars; k++)
    if (isnan(a.radars[k].boresight_az_deg))
      bmd_geodesic_inverse(o.phys.earth, a.radars[k].lat_deg, a.radars[k].lon_deg, rq.lat_deg, rq.lon_deg,
                           NULL, &a.radars[k].boresight_az_deg, NULL);

  /* the engagement table: every intercept opportunity, whatever the ready time */
  {
    double az = bmd_engage_fan_azimuth(&tr, &o.phys, slat, slon);
    double tmax = fmin(tr.impact_t_s, 3600.0);
    st = bmd_fan_build(&fan, &ic->vehicle, &o.phys, slat, slon, salt, az, tmax, 1.0);
    if (st != BMD_OK) {
      cli_error("%s: fly-out fan failed: %s", ic->name, bmd_strerror(st));
      goto done;
    }
  }
  memset(&ep, 0, sizeof ep);
  ep.site_lat_deg = slat;
  ep.site_lon_deg = slon;
  ep.site_alt_m = salt;
  bmd_kill_vehicle_limits(&ic->kv, &ep);
  ep.dt_s = 1.0;
  st = bmd_engage_table_build(&tab, &fan, &tr, &o.phys, &ep);
  if (st == BMD_OK) st = sense(&a, -1, &o.phys, &tr, rcs, &cues);
  if (st != BMD_OK) {
    cli_error("engage: %s", bmd_strerror(st));
    goto done;
  }
  bmd_engage_table_solve(&tab, -HUGE_VAL, &all);

  /* one row per cue source, in the order their cues can come */
  {
    struct row *r;
    r = &rows[nrows++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "launch");
    r->cue_s = 0.0;
    r = &rows[nrows++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "early-warning");
    if (a.ew) snprintf(r->by, sizeof r->by, "%s", a.ew->name);
    r->cue_s = cues.ew_t_s;
    r = &rows[nrows++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "first-detection");
    if (cues.detect_radar >= 0) snprintf(r->by, sizeof r->by, "%s", a.radars[cues.detect_radar].name);
    r->radar_track = 1;
    r->cue_s = cues.detect_t_s;
    r = &rows[nrows++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "fire-control-track");
    if (cues.firm_radar >= 0) snprintf(r->by, sizeof r->by, "%s", a.radars[cues.firm_radar].name);
    r->radar_track = 1;
    r->cue_s = cues.firm_t_s;
    for (int k = 0; k < a.nradars; k++) {
      struct bmd_reach_cue one;
      if (!a.radars[k].type->fire_control) continue;   /* cannot give a fire-control track */
      if (sense(&a, k, &o.phys, &tr, rcs, &one) != BMD_OK) {
        cli_error("engage: %s", bmd_strerror(BMD_ENOMEM));
        goto done;
      }
      r = &rows[nrows++];
      memset(r, 0, sizeof *r);
      snprintf(r->name, sizeof r->name, "radar:%s", a.radars[k].name);
      snprintf(r->by, sizeof r->by, "%s", a.radars[k].name);
      r->radar_track = 1;
      r->cue_s = one.firm_t_s;
    }
    for (int k = 0; k < nrows; k++) {
      answer(&rows[k], &tab, &all, delay);
      if (strcmp(rows[k].name, cue) == 0) pick = k;
      if (rows[k].radar_track && rows[k].er.feasible) feasible_track = 1;
      if (!rows[k].radar_track && rows[k].er.feasible) feasible_early = k;   /* the latest such cue */
    }
    if (pick < 0) {   /* radar:TYPE[@SITE] of --cue: the radar added last */
      for (int k = nrows - 1; k >= 0 && pick < 0; k--)
        if (strncmp(rows[k].name, "radar:", 6) == 0) pick = k;
    }
    if (pick < 0) {
      cli_error("--cue: '%s' names no fire-control radar of the architecture", cue);
      rc = CLI_USAGE;
      goto done;
    }
  }
  /* an intercept that only a launch without a radar track allows (on the early-warning
     report, or with the threat's launch), and whether even the latest launch that meets the
     threat leaves before its boost ends */
  only_without_track = !feasible_track && feasible_early >= 0;
  if (only_without_track) before_burnout = all.latest_launch_s < tr.burnout_t_s;

  {
    const struct row *p = &rows[pick];
    const struct bmd_engage_result *er = &p->er;
    if (ic->vbo_hi_mps > ic->vbo_lo_mps) snprintf(stated, sizeof stated, "%.0f-%.0f", ic->vbo_lo_mps, ic->vbo_hi_mps);
    else snprintf(stated, sizeof stated, "%.0f", ic->vbo_lo_mps);
    if (er->feasible) {
      vbo_first = flyout_vbo(ic, &o.phys, slat, slon, salt, &er->earliest);
      vbo_last = flyout_vbo(ic, &o.phys, slat, slon, salt, &er->latest);
    }
    if (bmd_refperf_compute(&ic->vehicle, 1, &ref) != BMD_OK) ref.value = nan("");
    if (json) {
      cJSON *j = cJSON_CreateObject(), *ar_ = cJSON_CreateObject(), *rs = cJSON_CreateArray(),
            *bc = cJSON_CreateArray(), *lim = cJSON_CreateObject();
      char *s;
      cJSON_AddStringToObject(j, "interceptor", ic->name);
      cJSON_AddStringToObject(j, "site", site_label);
      cJSON_AddStringToObject(j, "threat", ms->name);
      cJSON_AddStringToObject(j, "from", from_name ? from_name : from);
      cJSON_AddStringToObject(j, "to", to_name ? to_name : to);
      cJSON_AddStringToObject(j, "threat_aim", bmd_aim_answer(BMD_OK));
      if (a.name[0]) cJSON_AddStringToObject(ar_, "scenario", a.name);
      else cJSON_AddNullToObject(ar_, "scenario");
      cJSON_AddStringToObject(ar_, "chosen", a.how);
      if (a.ew) cJSON_AddStringToObject(ar_, "early_warning", a.ew->name);
      else cJSON_AddNullToObject(ar_, "early_warning");
      for (int k = 0; k < a.nradars; k++) {
        cJSON *q = cJSON_CreateObject();
        cJSON_AddStringToObject(q, "name", a.radars[k].name);
        cJSON_AddStringToObject(q, "type", a.radars[k].type->name);
        cJSON_AddNumberToObject(q, "lat_deg", a.radars[k].lat_deg);
        cJSON_AddNumberToObject(q, "lon_deg", a.radars[k].lon_deg);
        cJSON_AddNumberToObject(q, "boresight_az_deg", a.radars[k].boresight_az_deg);
        cJSON_AddBoolToObject(q, "fire_control", a.radars[k].type->fire_control);
        cJSON_AddItemToArray(rs, q);
      }
      cJSON_AddItemToObject(ar_, "radars", rs);
      cJSON_AddNumberToObject(ar_, "firm_track_updates", a.firm_updates);
      cJSON_AddItemToObject(j, "architecture", ar_);
      cJSON_AddNumberToObject(j, "rcs_dbsm", rcs);
      cJSON_AddStringToObject(j, "cue", p->name);
      if (p->by[0]) cJSON_AddStringToObject(j, "cue_sensor", p->by);
      else cJSON_AddNullToObject(j, "cue_sensor");
      add_num_or_null(j, "cue_s", p->cue_s);
      cJSON_AddNumberToObject(j, "decision_delay_s", delay);
      cJSON_AddStringToObject(j, "decision_delay_from", a.decision_from);
      add_num_or_null(j, "ready_t_s", isnan(p->cue_s) ? p->cue_s : p->cue_s + delay);
      cJSON_AddNumberToObject(j, "threat_time_of_flight_s", tr.impact_t_s);
      cJSON_AddNumberToObject(j, "threat_burnout_t_s", tr.burnout_t_s);
      {
        /* one burnout speed per interceptor, with its conditions: the fly-outs used here,
           the reference one of bmdsim catalog (refperf.h) and the stated one */
        cJSON *b = cJSON_CreateObject();
        cJSON_AddNumberToObject(b, "stated_low_mps", ic->vbo_lo_mps);
        cJSON_AddNumberToObject(b, "stated_high_mps", ic->vbo_hi_mps);
        cJSON_AddStringToObject(b, "stated_evidence", bmd_evidence_class_word(ic->perf_class));
        add_num_or_null(b, "reference_mps", ref.value);
        cJSON_AddStringToObject(b, "reference_conditions", bmd_refperf_conditions(1));
        add_num_or_null(b, "earliest_flyout_mps", vbo_first);
        add_num_or_null(b, "latest_flyout_mps", vbo_last);
        cJSON_AddStringToObject(b, "flyout_conditions", FLYOUT_CONDITIONS);
        cJSON_AddItemToObject(j, "interceptor_burnout_speed", b);
      }
      cJSON_AddNumberToObject(lim, "max_flyout_s", ic->kv.max_flyout_s);
      cJSON_AddNumberToObject(lim, "min_intercept_alt_km", ic->kv.min_alt_km);
      add_num_or_null(lim, "max_intercept_alt_km", ic->kv.max_alt_km > 0.0 ? ic->kv.max_alt_km : nan(""));
      add_num_or_null(lim, "max_intercept_range_km", ic->kv.max_range_km > 0.0 ? ic->kv.max_range_km : nan(""));
      cJSON_AddNumberToObject(lim, "min_closing_speed_mps", ic->kv.min_closing_mps);
      cJSON_AddItemToObject(j, "interceptor_limits", lim);
      if (strncmp(p->name, "radar:", 6) == 0) cJSON_AddBoolToObject(j, "radar_tracks_threat", !isnan(p->cue_s));
      cJSON_AddBoolToObject(j, "feasible", er->feasible);
      if (!er->feasible) {
        cJSON_AddStringToObject(j, "reason", bmd_engage_reason_word(er->reason));
        cJSON_AddStringToObject(j, "reason_text", bmd_engage_reason_text(er->reason));
      }
      cJSON_AddNumberToObject(j, "window_s", er->feasible ? er->window_s : 0.0);
      add_num_or_null(j, "latest_launch_s", er->latest_launch_s);
      if (er->feasible) {
        cJSON_AddItemToObject(j, "earliest", point_json(&er->earliest, vbo_first));
        cJSON_AddItemToObject(j, "latest", point_json(&er->latest, vbo_last));
      } else {
        cJSON_AddNullToObject(j, "earliest");
        cJSON_AddNullToObject(j, "latest");
      }
      for (int k = 0; k < nrows; k++)
        cJSON_AddItemToArray(bc, row_json(&rows[k], delay, k == pick,
                                          rows[k].er.feasible ? flyout_vbo(ic, &o.phys, slat, slon, salt, &rows[k].er.earliest)
                                                              : nan("")));
      cJSON_AddItemToObject(j, "by_cue", bc);
      cJSON_AddBoolToObject(j, "only_without_radar_track", only_without_track);
      cJSON_AddBoolToObject(j, "launch_before_threat_burnout", before_burnout);
      s = cJSON_Print(j);
      if (s) cli_print_json(s);
      free(s);
      cJSON_Delete(j);
    } else {
      /* names that come from the command line or a scenario file are escaped for the
         terminal (cli_safe) */
      printf("%s from %s against %s (%s -> %s, %.0f s flight, boost to %.0f s)\n", ic->name,
             cli_safe(site_label), ms->name, cli_safe(from_name ? from_name : from),
             cli_safe(to_name ? to_name : to), tr.impact_t_s, tr.burnout_t_s);
      printf("  architecture: %s\n", cli_safe(a.how));
      printf("  sensors: early warning %s", a.ew ? a.ew->name : "none");
      if (a.ew) printf(" (report after %.0f s)", a.ew->detect_delay_s);
      printf("; radars:");
      if (a.nradars == 0) printf(" none");
      for (int k = 0; k < a.nradars; k++)
        printf("%s %s (%s%s)", k ? "," : "", cli_safe(a.radars[k].name), a.radars[k].type->name,
               a.radars[k].type->fire_control ? ", fire control" : "");
      printf("; firm track after %d updates, one by a fire-control radar; threat RCS %.0f dBsm\n",
             a.firm_updates, rcs);
      if (a.nradars == 0)
        printf("  no radar in the architecture, so no radar track can come: add radars with --radar "
               "TYPE@SITE or choose one with --scenario\n");
      printf("  interceptor limits: fly-out <= %.0f s, intercept altitude >= %.0f km", ic->kv.max_flyout_s,
             ic->kv.min_alt_km);
      if (ic->kv.max_alt_km > 0.0) printf(" and <= %.0f km", ic->kv.max_alt_km);
      if (ic->kv.max_range_km > 0.0) printf(", reach <= %.0f km", ic->kv.max_range_km);
      printf(", closing >= %.0f m/s\n", ic->kv.min_closing_mps);
      if (isnan(p->cue_s))
        printf("assumed: cue %s, which never comes%s%s%s; decision delay %.0f s (%s)\n", cli_safe(p->name),
               p->by[0] ? " (" : "", cli_safe(p->by), p->by[0] ? ")" : "", delay, cli_safe(a.decision_from));
      else
        printf("assumed: cue %s at %.0f s%s%s%s + decision delay %.0f s (%s) = ready to launch at %.0f s\n",
               cli_safe(p->name), p->cue_s, p->by[0] ? " (" : "", cli_safe(p->by), p->by[0] ? ")" : "", delay,
               cli_safe(a.decision_from), p->cue_s + delay);
      if (!p->radar_track)
        printf("  NOTE: this answer assumes a launch without any radar track, %s\n",
               strcmp(p->name, "launch") == 0 ? "at the threat's own launch" : "on the early-warning report alone");
      if (er->feasible) {
        printf("  engagement window %.0f s\n", er->window_s);
        print_point("earliest", &er->earliest);
        print_point("latest", &er->latest);
        printf("  %s burnout speed on these fly-outs: %.0f m/s (earliest), %.0f m/s (latest), full burn from the\n"
               "  site along the launch azimuth with the pitch-over of each; %.0f m/s at the reference conditions\n"
               "  (bmdsim catalog --name %s); stated %s m/s (%s)\n",
               ic->name, vbo_first, vbo_last, ref.value, ic->name, stated, bmd_evidence_class_word(ic->perf_class));
      } else {
        printf("  no intercept: %s -- %s\n", bmd_engage_reason_word(er->reason),
               bmd_engage_reason_text(er->reason));
        if (!isnan(er->latest_launch_s))
          printf("  (the latest launch that would still meet it: %.0f s after threat launch)\n",
                 er->latest_launch_s);
        printf("  %s burnout speed: %.0f m/s at the reference conditions (bmdsim catalog --name %s); stated %s m/s "
               "(%s)\n", ic->name, ref.value, ic->name, stated, bmd_evidence_class_word(ic->perf_class));
      }
      printf("\nby cue source (each + decision delay %.0f s):\n", delay);
      printf("  %-34s %7s %7s  %-30s %8s  %s\n", "cue", "cue_s", "ready_s", "answer", "window_s",
             "earliest intercept");
      for (int k = 0; k < nrows; k++) {
        const struct row *r = &rows[k];
        char cs[16], rs[16], ans[64], ei[80];
        if (isnan(r->cue_s)) {
          snprintf(cs, sizeof cs, "never");
          snprintf(rs, sizeof rs, "-");
        } else {
          snprintf(cs, sizeof cs, "%.0f", r->cue_s);
          snprintf(rs, sizeof rs, "%.0f", r->cue_s + delay);
        }
        if (r->er.feasible) {
          snprintf(ans, sizeof ans, "intercept");
          snprintf(ei, sizeof ei, "%.0f s at %.0f km, fly-out %.0f s", r->er.earliest.t_s,
                   r->er.earliest.alt_m / 1e3, r->er.earliest.tof_s);
        } else {
          snprintf(ans, sizeof ans, "no: %s", bmd_engage_reason_word(r->er.reason));
          snprintf(ei, sizeof ei, "-");
        }
        printf("  %-34.34s %7s %7s  %-30.30s %8.0f  %s%s\n", cli_safe(r->name), cs, rs, ans,
               r->er.feasible ? r->er.window_s : 0.0, ei, k == pick ? "   <- assumed" : "");
      }
      if (only_without_track) {
        const struct row *e = &rows[feasible_early];
        printf("\nOnly without a radar track: an intercept exists only if the interceptor is launched on %s "
               "(ready at %.0f s); no radar track comes in time.\n",
               strcmp(e->name, "launch") == 0 ? "the threat's launch itself" : "the early-warning report alone",
               e->cue_s + delay);
        if (before_burnout)
          printf("The last useful launch is at %.0f s, before the threat's boost ends at %.0f s: the defence "
                 "would fire while the threat is still under thrust and its target cannot yet be known.\n",
                 all.latest_launch_s, tr.burnout_t_s);
      } else if (!feasible_track) {
        printf("\nNo cue source gives an intercept.\n");
      }
    }
  }
  rc = CLI_OK;
done:
  bmd_engage_table_release(&tab);
  bmd_fan_release(&fan);
  bmd_traj_result_release(&tr);
  if (sc_loaded) bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return rc;
}
