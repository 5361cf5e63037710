/* cmd_engage.c - bmdsim engage: one threat against one interceptor site. */
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
#include <bmd/refperf.h>
#include <bmd/latlon.h>
#include <bmd/names.h>
#include <bmd/status.h>

#include "cli.h"

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
    {"trajectory", 'T', "T", 0, "threat trajectory: min-energy (default), lofted:KM, depressed:KM"},
    {"cue", 'c', "C", 0, "when the defence may start: launch (at threat launch);\n"
                         "early-warning[:NAME] (default: the catalog's early-warning\n"
                         "report delay; see bmdsim catalog --name sbirs); or\n"
                         "radar:TYPE[@SITE] (a firm track, 3 updates, from a radar of\n"
                         "that type at SITE, default the interceptor site, pointed at\n"
                         "the threat's launch point; early warning cues it first)"},
    {"delay-s", 'y', "S", 0, "decision delay added after the cue, 0 to 86400 (default 0)"},
    {"earth", 'E', "wgs84-j2|sphere", 0, "Earth model (default wgs84-j2)"},
    {"rotation", 'R', "on|off", 0, "Earth rotation (default on)"},
    {"drag", 'D', "on|off", 0, "aerodynamic drag (default on)"},
    {"data", 'd', "DIR", 0, "catalog files from DIR"},
    {"json", 'j', NULL, 0, "machine-readable result"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command engage_cmd = {
    "engage", NULL, 0, 0, engage_opts,
    "Fly the threat on its aimed trajectory and find every point where the interceptor,\n"
    "launched from the site, can meet it: inside the kill vehicle's altitude band, at a\n"
    "closing speed it can use, launched no earlier than the cue and decision delay allow.\n"
    "Prints the engagement window with the earliest and latest intercept, or the reason\n"
    "there is none (out of range, too low, too high, tail chase, not tracked in time,\n"
    "launch window closed).\n",
    NULL, "exit status: 0 with a result (feasible or not), 1 if the threat cannot reach its\n"
          "target, 2 bad input\n"
          "\noutcomes and reason codes: " BMD_OUTCOME_DOC "\n", NULL};

/* the burnout speed of the fly-out an intercept uses: from the site, along its launch
   azimuth, with the pitch-over of the fan trajectory through the point, full burn, under
   the command's physics (NAN if the flight fails) */
static double flyout_vbo(const struct bmd_missile *ic, const struct bmd_physics *phys, double lat, double lon,
                         double alt, const struct bmd_intercept *p) {
  struct bmd_traj_opts o;
  struct bmd_traj_control c = {p->launch_az_deg, p->kick_deg, 1e30};
  struct bmd_traj_result r;
  int st;
  memset(&r, 0, sizeof r);
  bmd_traj_opts_default(&o);
  o.phys = *phys;
  double v;
  st = bmd_traj_fly(&ic->vehicle, &o, lat, lon, alt, &c, &r);
  v = st == BMD_OK || st == BMD_ERANGE ? r.burnout_speed_mps : nan("");
  bmd_traj_result_release(&r);
  return v;
}

static void num_or_null(cJSON *o, const char *key, double v) {
  if (isnan(v)) cJSON_AddNullToObject(o, key);
  else cJSON_AddNumberToObject(o, key, v);
}

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
  num_or_null(o, "interceptor_burnout_speed_mps", vbo);
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
             *traj = "min-energy", *cue = "early-warning", *data = NULL, *site_name, *from_name,
             *to_name;
  struct bmd_traj_opts o;
  struct bmd_catalog cat;
  struct bmd_aim_request rq;
  struct bmd_aim_result ar;
  struct bmd_traj_result tr;
  struct bmd_fan fan;
  struct bmd_engage_params ep;
  struct bmd_engage_result er;
  const struct bmd_missile *ms, *ic;
  double delay = 0.0, cue_s = 0.0, slat, slon, salt, talt, rlat = 0, rlon = 0, ralt = 0;
  const struct bmd_radar_type *radar_type = NULL;
  int radar_never = 0;
  double vbo_first = nan(""), vbo_last = nan("");
  char stated[48];
  struct bmd_refperf ref;
  int json = 0, c, st, rc = CLI_FAIL;
  char cue_label[80];

  bmd_traj_opts_default(&o);
  memset(&rq, 0, sizeof rq);
  memset(&tr, 0, sizeof tr);
  memset(&fan, 0, sizeof fan);
  cli_args_init(&args, &engage_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'i': iname = args.value; break;
    case 's': site = args.value; break;
    case 'm': mname = args.value; break;
    case 'f': from = args.value; break;
    case 't': to = args.value; break;
    case 'T': traj = args.value; break;
    case 'c': cue = args.value; break;
    case 'y':
      if (cli_parse_double(args.value, &delay) != 0 || delay < 0.0 || delay > 86400.0) {
        cli_error("--delay-s: '%s' is not a number of seconds in [0, 86400]", args.value);
        return CLI_USAGE;
      }
      break;
    case 'E': if (cli_physics_option(&o.phys, "earth", args.value) < 0) return CLI_USAGE; break;
    case 'R': if (cli_physics_option(&o.phys, "rotation", args.value) < 0) return CLI_USAGE; break;
    case 'D': if (cli_physics_option(&o.phys, "drag", args.value) < 0) return CLI_USAGE; break;
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
  if (strcmp(cue, "launch") == 0) {
    cue_s = 0.0;
    snprintf(cue_label, sizeof cue_label, "launch");
  } else if (strncmp(cue, "early-warning", 13) == 0 && (cue[13] == '\0' || cue[13] == ':')) {
    const struct bmd_early_warning *ew = cue[13] == ':' ? bmd_catalog_early_warning(&cat, cue + 14)
                                                        : (cat.nearly_warning > 0 ? &cat.ews[0] : NULL);
    if (!ew) {
      char h[96];
      cli_error("--cue: no early-warning sensor '%s' in the catalog%s", cue[13] == ':' ? cue + 14 : "(none)",
                bmd_name_hint_text(h, sizeof h, cue[13] == ':' ? bmd_catalog_hint(&cat, BMD_CATALOG_EW, cue + 14) : NULL));
      goto done;
    }
    cue_s = ew->detect_delay_s;
    snprintf(cue_label, sizeof cue_label, "early-warning:%s", ew->name);
  } else if (strncmp(cue, "radar:", 6) == 0) {
    /* resolved after the threat is flown */
    char type[64], *at;
    snprintf(type, sizeof type, "%s", cue + 6);
    at = strchr(type, '@');
    if (at) *at = '\0';
    radar_type = bmd_catalog_radar(&cat, type);
    if (!radar_type) {
      char h[96];
      cli_error("--cue: unknown radar type '%s'%s (see bmdsim catalog --sensors)", type,
                bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(&cat, BMD_CATALOG_RADAR, type)));
      goto done;
    }
    rlat = slat;
    rlon = slon;
    ralt = salt;
    if (at && cli_resolve_point(&cat, "--cue", strchr(cue, '@') + 1, &rlat, &rlon, &ralt, NULL)) goto done;
    snprintf(cue_label, sizeof cue_label, "%.70s", cue);
  } else {
    cli_error("--cue: '%s' is not launch, early-warning[:NAME] or radar:TYPE[@SITE]", cue);
    goto done;
  }

  rc = CLI_FAIL;
  st = bmd_aim_solve(&ms->vehicle, &o, &rq, &ar);
  if (st != BMD_OK) {
    if (st == BMD_ERANGE)
      cli_error("%s: target %s is out of range: %.0f km away, maximum range %.0f km toward it",
                ms->name, to_name ? to_name : to, ar.target_range_m / 1e3, ar.max_range_m / 1e3);
    else
      cli_error("%s: no trajectory to %s (%s)", ms->name, to_name ? to_name : to, bmd_strerror(st));
    goto done;
  }
  o.record = 1;
  o.io.h_max_s = 2.0;
  st = bmd_traj_fly(&ms->vehicle, &o, rq.lat_deg, rq.lon_deg, rq.alt_m, &ar.control, &tr);
  if (st != BMD_OK) {
    cli_error("%s: flight failed: %s", ms->name, bmd_strerror(st));
    goto done;
  }
  if (radar_type) {
    /* the radar looks toward the launch point; early warning (if any) cues it */
    struct bmd_radar rd;
    double az, td, tf, t0 = cat.nearly_warning > 0 && radar_type->needs_cue ? cat.ews[0].detect_delay_s : 0.0;
    bmd_geodesic_inverse(o.phys.earth, rlat, rlon, rq.lat_deg, rq.lon_deg, NULL, &az, NULL);
    bmd_radar_init(&rd, radar_type, rlat, rlon, ralt, az);
    if (bmd_radar_first_track(&rd, &tr, -10.0, t0, 3, &td, &tf)) cue_s = tf;
    else {
      radar_never = 1;
      cue_s = tr.impact_t_s;
    }
  }
  {
    double az = bmd_engage_fan_azimuth(&tr, &o.phys, slat, slon);
    double tmax = fmin(tr.impact_t_s, 3600.0);
    st = bmd_fan_build(&fan, &ic->vehicle, &o.phys, slat, slon, salt, az, tmax, 1.0);
    if (st != BMD_OK) {
      cli_error("%s: fly-out fan failed: %s", ic->name, bmd_strerror(st));
      goto done;
    }
  }
  ep.site_lat_deg = slat;
  ep.site_lon_deg = slon;
  ep.site_alt_m = salt;
  ep.ready_t_s = cue_s + delay;
  ep.min_alt_m = ic->kv.min_alt_km * 1e3;
  ep.max_alt_m = ic->kv.max_alt_km * 1e3;
  ep.min_closing_mps = ic->kv.min_closing_mps;
  ep.max_range_m = ic->kv.max_range_km * 1e3;
  ep.dt_s = 1.0;
  bmd_engage_solve(&fan, &tr, &o.phys, &ep, &er);
  if (ic->vbo_hi_mps > ic->vbo_lo_mps) snprintf(stated, sizeof stated, "%.0f-%.0f", ic->vbo_lo_mps, ic->vbo_hi_mps);
  else snprintf(stated, sizeof stated, "%.0f", ic->vbo_lo_mps);
  /* one burnout speed per interceptor, with its conditions: the fly-outs used here, the
     reference one of bmdsim catalog (refperf.h) and the stated one */
  if (er.feasible) {
    vbo_first = flyout_vbo(ic, &o.phys, slat, slon, salt, &er.earliest);
    vbo_last = flyout_vbo(ic, &o.phys, slat, slon, salt, &er.latest);
  }
  if (bmd_refperf_compute(&ic->vehicle, 1, &ref) != BMD_OK) ref.value = nan("");

  if (json) {
    cJSON *j = cJSON_CreateObject();
    char *s;
    cJSON_AddStringToObject(j, "interceptor", ic->name);
    cJSON_AddStringToObject(j, "site", site_name ? site_name : site);
    cJSON_AddStringToObject(j, "threat", ms->name);
    cJSON_AddStringToObject(j, "from", from_name ? from_name : from);
    cJSON_AddStringToObject(j, "to", to_name ? to_name : to);
    cJSON_AddStringToObject(j, "cue", cue_label);
    cJSON_AddNumberToObject(j, "cue_s", cue_s);
    cJSON_AddNumberToObject(j, "decision_delay_s", delay);
    cJSON_AddNumberToObject(j, "ready_t_s", ep.ready_t_s);
    cJSON_AddNumberToObject(j, "threat_time_of_flight_s", tr.impact_t_s);
    {
      cJSON *b = cJSON_CreateObject();
      cJSON_AddNumberToObject(b, "stated_low_mps", ic->vbo_lo_mps);
      cJSON_AddNumberToObject(b, "stated_high_mps", ic->vbo_hi_mps);
      cJSON_AddStringToObject(b, "stated_evidence", bmd_evidence_class_word(ic->perf_class));
      num_or_null(b, "reference_mps", ref.value);
      cJSON_AddStringToObject(b, "reference_conditions", bmd_refperf_conditions(1));
      num_or_null(b, "earliest_flyout_mps", vbo_first);
      num_or_null(b, "latest_flyout_mps", vbo_last);
      cJSON_AddStringToObject(b, "flyout_conditions", FLYOUT_CONDITIONS);
      cJSON_AddItemToObject(j, "interceptor_burnout_speed", b);
    }
    if (radar_type) cJSON_AddBoolToObject(j, "radar_tracks_threat", !radar_never);
    cJSON_AddBoolToObject(j, "feasible", er.feasible);
    if (!er.feasible) {
      cJSON_AddStringToObject(j, "reason", bmd_engage_reason_word(er.reason));
      cJSON_AddStringToObject(j, "reason_text", bmd_engage_reason_text(er.reason));
    }
    cJSON_AddNumberToObject(j, "window_s", er.window_s);
    if (isnan(er.latest_launch_s)) cJSON_AddNullToObject(j, "latest_launch_s");
    else cJSON_AddNumberToObject(j, "latest_launch_s", er.latest_launch_s);
    if (er.feasible) {
      cJSON_AddItemToObject(j, "earliest", point_json(&er.earliest, vbo_first));
      cJSON_AddItemToObject(j, "latest", point_json(&er.latest, vbo_last));
    } else {
      cJSON_AddNullToObject(j, "earliest");
      cJSON_AddNullToObject(j, "latest");
    }
    s = cJSON_Print(j);
    if (s) cli_print_json(s);
    free(s);
    cJSON_Delete(j);
  } else {
    printf("%s from %s against %s (%s -> %s, %.0f s flight)\n", ic->name,
           cli_safe(site_name ? site_name : site), ms->name, cli_safe(from_name ? from_name : from),
           cli_safe(to_name ? to_name : to), tr.impact_t_s);
    if (radar_never)
      printf("  the radar of the cue never forms a track on this threat (RCS -10 dBsm)\n");
    printf("  ready to launch at %.0f s after threat launch (cue %s at %.0f s + decision %.0f s)\n",
           ep.ready_t_s, cue_label, cue_s, delay);
    if (er.feasible) {
      printf("  engagement window %.0f s\n", er.window_s);
      print_point("earliest", &er.earliest);
      print_point("latest", &er.latest);
      printf("  %s burnout speed on these fly-outs: %.0f m/s (earliest), %.0f m/s (latest), full burn from the\n"
             "  site along the launch azimuth with the pitch-over of each; %.0f m/s at the reference conditions\n"
             "  (bmdsim catalog --name %s); stated %s m/s (%s)\n",
             ic->name, vbo_first, vbo_last, ref.value, ic->name, stated, bmd_evidence_class_word(ic->perf_class));
    } else {
      printf("  no intercept: %s -- %s\n", bmd_engage_reason_word(er.reason),
             bmd_engage_reason_text(er.reason));
      if (!isnan(er.latest_launch_s))
        printf("  (the latest launch that would still meet it: %.0f s after threat launch)\n",
               er.latest_launch_s);
      printf("  %s burnout speed: %.0f m/s at the reference conditions (bmdsim catalog --name %s); stated %s m/s (%s)\n",
             ic->name, ref.value, ic->name, stated, bmd_evidence_class_word(ic->perf_class));
    }
  }
  rc = CLI_OK;
done:
  bmd_fan_release(&fan);
  bmd_traj_result_release(&tr);
  bmd_catalog_release(&cat);
  return rc;
}
