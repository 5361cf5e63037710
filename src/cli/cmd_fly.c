/* cmd_fly.c - bmdsim fly: aim and fly one missile, report, optionally write CSV/GeoJSON/KML. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/aim.h>
#include <bmd/complexout.h>
#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/latlon.h>
#include <bmd/names.h>
#include <bmd/shape.h>
#include <bmd/status.h>
#include <bmd/trajout.h>

#include "cli.h"

static const struct cli_opt fly_opts[] = {
    {"missile", 'm', "NAME", CLI_OPT_REQUIRED, "a missile or interceptor slug (bmdsim catalog)"},
    {"from", 'f', "SITE|LAT,LON", CLI_OPT_REQUIRED, "launch point (site slug, or decimal degrees)"},
    {"to", 't', "SITE|LAT,LON", CLI_OPT_REQUIRED, "target"},
    {"trajectory", 'T', "T", 0, "min-energy, lofted:APOGEE_KM, depressed:APOGEE_KM or quasi:APOGEE_KM\n(default: the missile's default flight, bmdsim catalog --name; an\napogee beyond what reaches the target is refused with the highest or\nlowest apogee that does)"},
    {"payload", 'P', "NAME", 0, "fly the payload option NAME of the missile (bmdsim catalog --name\nMISSILE): every object it releases, each to its end, with the altitudes\nat which its drag deceleration reaches 0.1 g and 1 g (every RV aimed\nat the target)"},
    {"out", 'o', "DIR", 0, "write trajectory.csv, trajectory.geojson, trajectory.kml (and, with\n--payload, objects.csv)"},
    {"earth", 'E', "wgs84-j2|sphere", 0, "Earth model (default wgs84-j2)"},
    {"rotation", 'R', "on|off", 0, "Earth rotation (default on)"},
    {"drag", 'D', "on|off", 0, "aerodynamic drag (default on)"},
    {"data", 'd', "DIR", 0, "read missiles.yaml, sites.yaml and sensors.yaml from DIR"},
    {"json", 'j', NULL, 0, "machine-readable result on stdout"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command fly_cmd = {
    "fly", NULL, 0, 0, fly_opts,
    "Aim a missile from a launch point at a target over the rotating Earth, fly it from\n"
    "lift-off to impact, and report range, time of flight, burnout, apogee, re-entry speed,\n"
    "impact point and miss distance.\n",
    NULL,
    "exit status: 0 hit; 1 physically impossible (target out of range, or no trajectory\n"
    "of that apogee reaches it: the message and --json give the bound); 2 bad input;\n"
    "3 solver failure (a bug in bmdsim: please report it)\n",
    NULL};

struct fly_out {
  const struct bmd_physics *phys;
  const struct bmd_traj_result *r;
  const struct bmd_trajout_meta *m;
  const struct bmd_complex_spec *cs;   /* --payload, else NULL */
  const struct bmd_complex_object *ob;
};

static int write_one(FILE *fp, int k, void *ctx) {
  const struct fly_out *f = ctx;
  if (k == 3) return bmd_complexout_csv(fp, f->cs, f->ob);
  if (k == 0) return bmd_trajout_csv(fp, f->phys, f->r);
  if (k == 1) return bmd_trajout_geojson(fp, f->phys, f->r, f->m);
  return bmd_trajout_kml(fp, f->phys, f->r, f->m);
}

/* --json for an aim that did not solve: which answer, and the bound that binds */
static void print_failure(const char *missile, const char *from, const char *to,
                          const char *traj, int st, const struct bmd_aim_result *ar) {
  cJSON *j = cJSON_CreateObject();
  char *s;
  cJSON_AddStringToObject(j, "missile", missile);
  cJSON_AddStringToObject(j, "from", from);
  cJSON_AddStringToObject(j, "to", to);
  cJSON_AddStringToObject(j, "trajectory", traj);
  cli_aim_json(j, st, ar);
  s = cJSON_Print(j);
  if (s) cli_print_json(s);
  free(s);
  cJSON_Delete(j);
}

/* an altitude of a deceleration threshold: km, ">=86.0" when reached at the top of the model
   atmosphere, "-" never */
static const char *decel_text(char *b, size_t n, double alt_m, int at_top) {
  if (isnan(alt_m)) snprintf(b, n, "-");
  else snprintf(b, n, "%s%.1f", at_top ? ">=" : "", alt_m / 1e3);
  return b;
}

/* the objects of a flown payload, one line each */
static void print_objects(const struct bmd_payload *pl, const struct bmd_complex_object *ob) {
  printf("\npayload %s: %s\n", pl->name, pl->title);
  printf("  %-12s %-13s %8s %10s %6s %6s %6s %8s %7s %-8s %8s %8s %9s %9s %8s\n", "object", "kind", "mass_kg",
         "beta_kgm2", "rcsUHF", "rcsS", "rcsX", "release", "dv_mps", "end", "end_s", "end_km", "0.1g_km", "1g_km",
         "peak_g");
  for (int k = 0; k < pl->spec.nobj; k++) {
    const struct bmd_object_spec *s = &pl->spec.obj[k];
    const struct bmd_complex_object *o = &ob[k];
    char a[24], b[24];
    printf("  %-12s %-13s %8.2f %10.2f %6.1f %6.1f %6.1f %8.1f %7.1f %-8s %8.1f %8.1f %9s %9s %8.1f\n", s->name,
           bmd_object_kind_name(s->kind), s->mass_kg, s->beta_kgm2, s->rcs_dbsm[BMD_BAND_UHF], s->rcs_dbsm[BMD_BAND_S],
           s->rcs_dbsm[BMD_BAND_X], o->release_t_s, o->dv_norm_mps, o->end == BMD_OBJ_END_FILTERED ? "filtered" : "impact",
           o->traj.impact_t_s, o->end_alt_m / 1e3, decel_text(a, sizeof a, o->decel_alt_m[0], o->decel_at_top[0]),
           decel_text(b, sizeof b, o->decel_alt_m[1], o->decel_at_top[1]), o->peak_decel_g);
  }
  printf("  release: s after launch; rcs: mean dBsm by band; end: impact, or filtered (slowed below %.0f%% of\n"
         "  its speed at 86 km); 0.1g_km, 1g_km: altitude where drag deceleration first reaches it (\">=86\": at the\n"
         "  top of the model atmosphere, which ends at 86 km: the object would reach it higher)\n",
         100.0 * BMD_COMPLEX_FILTER_FRACTION);
}

int cmd_fly(int argc, char **argv) {
  struct cli_args args;
  const char *mname = NULL, *from = NULL, *to = NULL, *traj = "min-energy", *out = NULL,
             *data = NULL, *from_name, *to_name, *pname = NULL;
  char traj_buf[64];
  int traj_given = 0;
  struct bmd_traj_opts o;
  struct bmd_catalog cat;
  struct bmd_aim_request rq;
  struct bmd_aim_result ar;
  struct bmd_traj_result tr;
  const struct bmd_missile *ms;
  const struct bmd_payload *pl = NULL;
  struct bmd_complex_object *ob = NULL;
  int json = 0, c, rc = CLI_FAIL, st, held;
  double talt;
  char from_label[64], to_label[64], expl[512];

  bmd_traj_opts_default(&o);
  memset(&rq, 0, sizeof rq);
  memset(&tr, 0, sizeof tr);
  cli_args_init(&args, &fly_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'm': mname = args.value; break;
    case 'f': from = args.value; break;
    case 't': to = args.value; break;
    case 'T': traj = args.value; traj_given = 1; break;
    case 'P': pname = args.value; break;
    case 'o': out = args.value; break;
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
  if (out && cli_out_check(out) != 0) return CLI_USAGE;
  if (cli_load_catalog(data, &cat) != 0) return CLI_USAGE;
  ms = bmd_catalog_missile(&cat, mname);
  if (!ms) {
    char h[96];
    cli_error("--missile: unknown missile '%s'%s (see bmdsim catalog)", mname,
              bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(&cat, BMD_CATALOG_MISSILE, mname)));
    rc = CLI_USAGE;
    goto done;
  }
  if (pname) {
    pl = bmd_catalog_payload(&cat, pname);
    if (!pl) {
      char h[96];
      cli_error("--payload: unknown payload '%s'%s (see bmdsim catalog --name %s)", pname,
                bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(&cat, BMD_CATALOG_PAYLOAD, pname)), ms->name);
      rc = CLI_USAGE;
      goto done;
    }
    if (pl->missile != ms) {
      cli_error("--payload: '%s' is a payload of %s, not of %s", pl->name, pl->missile->name, ms->name);
      rc = CLI_USAGE;
      goto done;
    }
  }
  if (!traj_given) {
    /* the missile's default flight (data/missiles.yaml 'trajectory') */
    rq.kind = ms->traj_kind;
    rq.apogee_km = ms->traj_apogee_km;
    bmd_shape_format(rq.kind, rq.apogee_km, traj_buf, sizeof traj_buf);
    traj = traj_buf;
  }
  if (cli_resolve_point(&cat, "--from", from, &rq.lat_deg, &rq.lon_deg, &rq.alt_m, &from_name) ||
      cli_resolve_point(&cat, "--to", to, &rq.tgt_lat_deg, &rq.tgt_lon_deg, &talt, &to_name)) {
    rc = CLI_USAGE;
    goto done;
  }
  snprintf(from_label, sizeof from_label, "%s", from_name ? from_name : from);
  snprintf(to_label, sizeof to_label, "%s", to_name ? to_name : to);

  st = bmd_aim_solve(&ms->vehicle, &o, &rq, &ar);
  if (st == BMD_EINVAL) {
    if (ar.limit == BMD_AIM_LIMIT_SHAPE)
      cli_error("--trajectory: %s: target %s %s", ms->name, to_label, bmd_aim_explain(st, &rq, &ar, expl, sizeof expl));
    else if (ar.target_range_m < BMD_AIM_MIN_RANGE_M)
      cli_error("--to: the target is at the launch point (%.0f m away)", ar.target_range_m);
    else
      cli_error("--trajectory: a %s apogee must be %s the minimum-energy apogee (%.0f km here)",
                rq.kind == BMD_AIM_LOFTED ? "lofted" : "depressed",
                rq.kind == BMD_AIM_LOFTED ? "above" : "below", ar.min_energy_apogee_km);
    rc = CLI_USAGE;
    goto done;
  }
  if (st != BMD_OK) {
    /* physically impossible (1), or the solver's failure (3): never one for the other */
    if (st == BMD_ENOMEM) {
      cli_error("%s: %s", ms->name, bmd_strerror(st));
      goto done;
    }
    cli_error("%s: target %s %s", ms->name, to_label,
              bmd_aim_explain(st, &rq, &ar, expl, sizeof expl));
    if (json) print_failure(ms->name, from_label, to_label, traj, st, &ar);
    rc = st == BMD_ERANGE ? CLI_FAIL : CLI_SOLVER;
    goto done;
  }
  o.record = out != NULL || pl;
  if (out) o.io.h_max_s = 5.0; /* samples every <= 5 s so that maps and Google Earth show a smooth arc */
  if (pl) o.io.h_max_s = 2.0;  /* as the engine's flights (sim.h) */
  st = bmd_traj_fly(&ms->vehicle, &o, rq.lat_deg, rq.lon_deg, rq.alt_m, &ar.control, &tr);
  if (st != BMD_OK) {
    if (tr.fail_stage >= 0)
      cli_error("%s: flight failed in stage %d at t_s = %.3f: %s", ms->name, tr.fail_stage + 1,
                tr.fail_t_s, bmd_strerror(st));
    else
      cli_error("%s: flight failed in free flight at t_s = %.3f: %s", ms->name, tr.fail_t_s,
                bmd_strerror(st));
    goto done;
  }
  if (pl) {
    char why[256];
    ob = calloc((size_t)pl->spec.nobj, sizeof *ob);
    if (!ob) {
      cli_error("%s: %s", pl->name, bmd_strerror(BMD_ENOMEM));
      goto done;
    }
    st = bmd_complex_fly(&pl->spec, &tr, &o, NULL, ob, why, sizeof why);
    if (st != BMD_OK) {
      cli_error("%s: %s", pl->name, why[0] ? why : bmd_strerror(st));
      free(ob);
      ob = NULL;
      rc = st == BMD_ERANGE || st == BMD_EINVAL ? CLI_FAIL : CLI_SOLVER;
      goto done;
    }
  }
  /* a shaped flight's pitch-over is its own; only a minimum-energy one can be held */
  held = rq.kind == BMD_AIM_MIN_ENERGY && ar.shape_fixed;
  /* the miss of the trajectory reported (and written), not of the solver's last iterate */
  bmd_geodesic_inverse(o.phys.earth, tr.impact_lat_deg, tr.impact_lon_deg, rq.tgt_lat_deg,
                       rq.tgt_lon_deg, &ar.miss_m, NULL, NULL);
  if (out) {
    struct bmd_trajout_meta m = {ms->name, from_label, to_label, rq.lat_deg, rq.lon_deg,
                                 rq.tgt_lat_deg, rq.tgt_lon_deg, 1230768000.0 /* 2009-01-01 */};
    static const char *const names[4] = {"trajectory.csv", "trajectory.geojson", "trajectory.kml", "objects.csv"};
    struct fly_out fo = {&o.phys, &tr, &m, pl ? &pl->spec : NULL, ob};
    char why[256];
    if (bmd_trajout_check(&o.phys, &tr, why, sizeof why) != BMD_OK) {
      cli_error("%s: trajectory not written: %s", ms->name, why);
      goto done;
    }
    struct cli_out oo;
    int cr = 0;
    if (cli_out_open(&oo, out) != 0) goto done;
    if (cli_write_dir(&oo, pl ? 4 : 3, names, write_one, &fo) != 0 || (cr = cli_out_commit(&oo)) != 0) {
      cli_out_abort(&oo);
      if (cr == -2) rc = CLI_USAGE;
      goto done;
    }
  }
  if (json) {
    cJSON *j = cJSON_CreateObject();
    char phys_s[64], *s;
    bmd_physics_describe(&o.phys, phys_s, sizeof phys_s);
    cJSON_AddStringToObject(j, "missile", ms->name);
    cJSON_AddStringToObject(j, "from", from_label);
    cJSON_AddStringToObject(j, "to", to_label);
    cJSON_AddStringToObject(j, "trajectory", traj);
    cJSON_AddStringToObject(j, "physics", phys_s);
    cJSON_AddNumberToObject(j, "range_km", tr.range_m / 1e3);
    cJSON_AddNumberToObject(j, "time_of_flight_s", tr.impact_t_s);
    cJSON_AddNumberToObject(j, "burnout_time_s", tr.burnout_t_s);
    cJSON_AddNumberToObject(j, "burnout_speed_mps", tr.burnout_speed_mps);
    cJSON_AddNumberToObject(j, "burnout_speed_inertial_mps", tr.burnout_speed_inertial_mps);
    cJSON_AddNumberToObject(j, "burnout_alt_km", tr.burnout_alt_m / 1e3);
    cJSON_AddNumberToObject(j, "burnout_flight_path_deg", tr.burnout_gamma_deg);
    cJSON_AddNumberToObject(j, "apogee_km", tr.apogee_alt_m / 1e3);
    cJSON_AddNumberToObject(j, "apogee_time_s", tr.apogee_t_s);
    cJSON_AddNumberToObject(j, "reentry_speed_mps", tr.reentry_speed_mps);
    cJSON_AddNumberToObject(j, "impact_speed_mps", tr.impact_speed_mps);
    cJSON_AddNumberToObject(j, "impact_lat_deg", tr.impact_lat_deg);
    cJSON_AddNumberToObject(j, "impact_lon_deg", tr.impact_lon_deg);
    cJSON_AddNumberToObject(j, "miss_m", ar.miss_m);
    cJSON_AddNumberToObject(j, "launch_azimuth_deg", ar.control.azimuth_deg);
    cJSON_AddNumberToObject(j, "pitch_over_deg", ar.control.kick_deg);
    cJSON_AddNumberToObject(j, "thrust_cutoff_s", ar.control.cutoff_s);
    cJSON_AddBoolToObject(j, "pitch_over_held_at_max_range", held);
    cli_aim_json(j, BMD_OK, &ar);
    if (rq.kind == BMD_AIM_QUASI)
      cJSON_AddStringToObject(j, "apogee_held", ar.shape_fixed == 1 ? "flattest" : ar.shape_fixed == 2 ? "min-energy" : "no");
    if (pl) {
      cJSON_AddStringToObject(j, "payload", pl->name);
      cJSON_AddItemToObject(j, "objects", bmd_complexout_json(&pl->spec, ob));
    }
    if (out) cJSON_AddStringToObject(j, "out", out);
    s = cJSON_Print(j);
    if (s) cli_print_json(s);
    free(s);
    cJSON_Delete(j);
  } else {
    printf("%s from %s to %s (%s, physics %s)\n", ms->name, cli_safe(from_label), cli_safe(to_label), traj,
           o.phys.earth == BMD_EARTH_SPHERE ? "sphere" : "wgs84-j2");
    printf("  range               %10.1f km   (maximum toward target %.0f km%s)\n", tr.range_m / 1e3,
           ar.max_range_m / 1e3, ar.can_reach_orbit ? ": the antipode; it can reach orbit"
                                 : ar.reaches_antipode ? ": the antipode" : "");
    printf("  time of flight      %10.1f s    (%.1f min)\n", tr.impact_t_s, tr.impact_t_s / 60.0);
    printf("  burnout             %10.1f s    %.0f m/s (inertial %.0f m/s) at %.1f km, flight-path %.1f deg\n",
           tr.burnout_t_s, tr.burnout_speed_mps, tr.burnout_speed_inertial_mps, tr.burnout_alt_m / 1e3, tr.burnout_gamma_deg);
    printf("  apogee              %10.1f km   at %.0f s\n", tr.apogee_alt_m / 1e3, tr.apogee_t_s);
    printf("  re-entry speed      %10.0f m/s  (at 100 km; impact %.0f m/s)\n", tr.reentry_speed_mps, tr.impact_speed_mps);
    char pos[64];
    printf("  impact              %s, miss %.1f m\n",
           bmd_latlon_text(pos, sizeof pos, tr.impact_lat_deg, tr.impact_lon_deg, 5), ar.miss_m);
    printf("  aim                 azimuth %.3f deg, pitch-over %.3f deg, thrust cut-off %.1f s\n",
           ar.control.azimuth_deg, ar.control.kick_deg, ar.control.cutoff_s);
    if (isfinite(ar.apogee_hi.apogee_km))
      printf("  apogee bound        %10.1f km   the highest at this range (%s)\n", ar.apogee_hi.apogee_km,
             bmd_aim_bound_name(ar.apogee_hi.by));
    if (isfinite(ar.apogee_lo.apogee_km))
      printf("  apogee bound        %10.1f km   the lowest at this range (%s)\n", ar.apogee_lo.apogee_km,
             bmd_aim_bound_name(ar.apogee_lo.by));
    if (ar.shape_fixed == 1 && rq.kind == BMD_AIM_QUASI)
      printf("  note                apogee %.0f km is below this missile's reach here; the\n"
             "                      flattest flight it can fly (full burn, lowest apogee)\n", rq.apogee_km);
    else if (ar.shape_fixed == 2 && rq.kind == BMD_AIM_QUASI)
      printf("  note                apogee %.0f km is above the minimum-energy flight's to this\n"
             "                      target: that flight (a quasi-ballistic flight is never higher)\n", rq.apogee_km);
    else if (held)
      printf("  note                the minimum-energy flight-path angle is out of this missile's\n"
             "                      reach here; pitch-over held at its maximum-range value\n");
    if (pl) print_objects(pl, ob);
    if (out) printf("  wrote %s/trajectory.{csv,geojson,kml}%s\n", cli_safe(out), pl ? " and objects.csv" : "");
  }
  rc = CLI_OK;
done:
  if (ob) bmd_complex_release(ob, pl->spec.nobj);
  free(ob);
  bmd_traj_result_release(&tr);
  bmd_catalog_release(&cat);
  return rc;
}
