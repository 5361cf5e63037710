/* cmd_catalog.c - bmdsim catalog: missiles, interceptors and sites with their sources. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/catalog.h>
#include <bmd/const.h>
#include <bmd/latlon.h>
#include <bmd/names.h>

#include "cli.h"

static const struct cli_opt catalog_opts[] = {
    {"missiles", 'm', NULL, 0, "list the threat missiles"},
    {"interceptors", 'i', NULL, 0, "list the interceptors"},
    {"sites", 's', NULL, 0, "list the sites"},
    {"sensors", 'S', NULL, 0, "list the radars and early-warning sensors\n"
                              "(several of these combine; none: all four)"},
    {"name", 'n', "SLUG", 0, "one entry with all its sources"},
    {"json", 'j', NULL, 0, "the entries as JSON on stdout"},
    {"data", 'd', "DIR", 0, "read missiles.yaml, sites.yaml and sensors.yaml from DIR"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command catalog_cmd = {
    "catalog", NULL, 0, 0, catalog_opts,
    "List the missiles, interceptors, sites and sensors bmdsim knows, with their parameters\n"
    "and the public source of every number (data/missiles.yaml, data/sites.yaml,\n"
    "data/sensors.yaml; --data DIR reads those files from DIR instead of the copies built\n"
    "into bmdsim). Names match in any case.\n",
    NULL, NULL, NULL};

static cJSON *missile_json(const struct bmd_missile *m) {
  cJSON *o = cJSON_CreateObject(), *st = cJSON_CreateArray();
  const struct bmd_vehicle *v = &m->vehicle;
  cJSON_AddStringToObject(o, "name", m->name);
  cJSON_AddStringToObject(o, "title", m->title);
  cJSON_AddStringToObject(o, "country", m->country);
  cJSON_AddStringToObject(o, "class", m->klass);
  cJSON_AddStringToObject(o, "propellant", m->propellant);
  cJSON_AddBoolToObject(o, "interceptor", m->interceptor);
  if (m->interceptor) {
    cJSON_AddNumberToObject(o, "published_burnout_speed_lo_mps", m->vbo_lo_mps);
    cJSON_AddNumberToObject(o, "published_burnout_speed_hi_mps", m->vbo_hi_mps);
  } else {
    cJSON_AddNumberToObject(o, "published_range_lo_km", m->range_lo_km);
    cJSON_AddNumberToObject(o, "published_range_hi_km", m->range_hi_km);
  }
  cJSON_AddStringToObject(o, "published_source", m->published_source);
  cJSON_AddNumberToObject(o, "liftoff_mass_kg", bmd_vehicle_liftoff_kg(v));
  cJSON_AddNumberToObject(o, "ideal_delta_v_mps", bmd_vehicle_ideal_dv(v));
  cJSON_AddNumberToObject(o, "payload_kg", v->payload_kg);
  cJSON_AddNumberToObject(o, "payload_beta_kgm2", v->rv_beta_kgm2);
  cJSON_AddStringToObject(o, "payload_source", m->payload_source);
  for (int i = 0; i < v->nstages; i++) {
    cJSON *s = cJSON_CreateObject();
    cJSON_AddNumberToObject(s, "propellant_kg", v->stage[i].propellant_kg);
    cJSON_AddNumberToObject(s, "dry_kg", v->stage[i].dry_kg);
    cJSON_AddNumberToObject(s, "isp_s", v->stage[i].isp_s);
    cJSON_AddNumberToObject(s, "burn_time_s", v->stage[i].burn_time_s);
    cJSON_AddNumberToObject(s, "area_m2", v->stage[i].area_m2);
    cJSON_AddNumberToObject(s, "coast_s", v->stage[i].coast_s);
    cJSON_AddStringToObject(s, "source", m->stage_source[i]);
    cJSON_AddItemToArray(st, s);
  }
  cJSON_AddItemToObject(o, "stages", st);
  cJSON_AddNumberToObject(o, "vertical_s", v->vertical_s);
  if (m->interceptor) {
    cJSON *k = cJSON_CreateObject();
    cJSON_AddNumberToObject(k, "mass_kg", m->kv.mass_kg);
    cJSON_AddNumberToObject(k, "divert_mps", m->kv.divert_mps);
    cJSON_AddNumberToObject(k, "min_alt_km", m->kv.min_alt_km);
    cJSON_AddNumberToObject(k, "max_alt_km", m->kv.max_alt_km);
    cJSON_AddStringToObject(k, "source", m->kv.source);
    cJSON_AddItemToObject(o, "kill_vehicle", k);
  }
  cJSON_AddStringToObject(o, "source", m->source);
  if (m->fit[0]) cJSON_AddStringToObject(o, "fit", m->fit);
  return o;
}

static cJSON *site_json(const struct bmd_site *s) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", s->name);
  cJSON_AddStringToObject(o, "title", s->title);
  cJSON_AddStringToObject(o, "kind", s->kind);
  cJSON_AddStringToObject(o, "country", s->country);
  cJSON_AddNumberToObject(o, "lat_deg", s->lat_deg);
  cJSON_AddNumberToObject(o, "lon_deg", s->lon_deg);
  cJSON_AddNumberToObject(o, "alt_m", s->alt_m);
  cJSON_AddStringToObject(o, "source", s->source);
  return o;
}

int cmd_catalog(int argc, char **argv) {
  struct cli_args args;
  int want = 15, json = 0, c;
  const char *data = NULL, *name = NULL;
  struct bmd_catalog cat;

  cli_args_init(&args, &catalog_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'm': want = (want == 15 ? 0 : want) | 1; break;
    case 'i': want = (want == 15 ? 0 : want) | 2; break;
    case 's': want = (want == 15 ? 0 : want) | 4; break;
    case 'S': want = (want == 15 ? 0 : want) | 8; break;
    case 'n': name = args.value; break;
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  if (cli_load_catalog(data, &cat) != 0) return CLI_USAGE;
  if (name) {
    const struct bmd_missile *nm = bmd_catalog_missile(&cat, name);
    const struct bmd_site *ns = bmd_catalog_site(&cat, name);
    const struct bmd_radar_type *nr = bmd_catalog_radar(&cat, name);
    const struct bmd_early_warning *ne = bmd_catalog_early_warning(&cat, name);
    if (!nm && !ns && !nr && !ne) {
      char h[96];
      cli_error("catalog: no missile, interceptor, site or sensor named '%s'%s", name,
                bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(&cat, ~0u, name)));
      bmd_catalog_release(&cat);
      return CLI_USAGE;
    }
    /* the name as the catalog spells it (it was matched in any case) */
    name = nm ? nm->name : ns ? ns->name : nr ? nr->name : ne->name;
    /* show only the section that holds the name */
    want = nm ? (nm->interceptor ? 2 : 1) : (ns ? 4 : 8);
  }
  if (json) {
    cJSON *root = cJSON_CreateObject(), *ms = cJSON_CreateArray(), *is = cJSON_CreateArray(),
          *ss = cJSON_CreateArray();
    char *s;
    for (int i = 0; i < cat.nmissiles; i++) {
      const struct bmd_missile *m = &cat.missiles[i];
      if (name && strcmp(name, m->name)) continue;
      if (!(want & (m->interceptor ? 2 : 1))) continue;
      cJSON_AddItemToArray(m->interceptor ? is : ms, missile_json(m));
    }
    for (int i = 0; i < cat.nsites && (want & 4); i++) {
      if (name && strcmp(name, cat.sites[i].name)) continue;
      cJSON_AddItemToArray(ss, site_json(&cat.sites[i]));
    }
    {
      cJSON *rs = cJSON_CreateArray(), *es = cJSON_CreateArray();
      for (int i = 0; i < cat.nradars && (want & 8); i++) {
        const struct bmd_radar_type *t = &cat.radars[i];
        cJSON *o = cJSON_CreateObject();
        if (name && strcmp(name, t->name)) {
          cJSON_Delete(o);
          continue;
        }
        cJSON_AddStringToObject(o, "name", t->name);
        cJSON_AddStringToObject(o, "title", t->title);
        cJSON_AddBoolToObject(o, "steerable", t->steerable);
        cJSON_AddNumberToObject(o, "faces", t->nfaces);
        cJSON_AddNumberToObject(o, "min_el_deg", t->min_el_deg);
        cJSON_AddNumberToObject(o, "max_el_deg", t->max_el_deg);
        cJSON_AddNumberToObject(o, "ref_range_km", t->ref_range_km);
        cJSON_AddNumberToObject(o, "ref_rcs_dbsm", t->ref_rcs_dbsm);
        cJSON_AddNumberToObject(o, "update_s", t->update_s);
        cJSON_AddNumberToObject(o, "sigma_range_m", t->sigma_range_m);
        cJSON_AddNumberToObject(o, "sigma_angle_mrad", t->sigma_angle_mrad);
        cJSON_AddBoolToObject(o, "fire_control", t->fire_control);
        cJSON_AddBoolToObject(o, "needs_cue", t->needs_cue);
        cJSON_AddStringToObject(o, "source", t->source);
        cJSON_AddItemToArray(rs, o);
      }
      for (int i = 0; i < cat.nearly_warning && (want & 8); i++) {
        const struct bmd_early_warning *w = &cat.ews[i];
        cJSON *o;
        if (name && strcmp(name, w->name)) continue;
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", w->name);
        cJSON_AddStringToObject(o, "title", w->title);
        cJSON_AddNumberToObject(o, "detect_delay_s", w->detect_delay_s);
        cJSON_AddNumberToObject(o, "launch_point_error_km", w->launch_point_error_km);
        cJSON_AddNumberToObject(o, "azimuth_error_deg", w->azimuth_error_deg);
        cJSON_AddStringToObject(o, "source", w->source);
        cJSON_AddItemToArray(es, o);
      }
      cJSON_AddItemToObject(root, "radars", rs);
      cJSON_AddItemToObject(root, "early_warning", es);
    }
    cJSON_AddItemToObject(root, "missiles", ms);
    cJSON_AddItemToObject(root, "interceptors", is);
    cJSON_AddItemToObject(root, "sites", ss);
    s = cJSON_Print(root);
    if (s) puts(s);
    free(s);
    cJSON_Delete(root);
  } else {
    for (int pass = 0; pass < 2; pass++) {
      if (!(want & (pass ? 2 : 1))) continue;
      printf("%s\n%-16s %-9s %-7s %9s %16s %9s  %s\n", pass ? "INTERCEPTORS" : "MISSILES", "name",
             "class", "stages", "mass_t", pass ? "burnout_mps" : "range_km", "ideal_dv", "title");
      for (int i = 0; i < cat.nmissiles; i++) {
        const struct bmd_missile *m = &cat.missiles[i];
        char band[40];
        if (m->interceptor != pass || (name && strcmp(name, m->name))) continue;
        if (pass) snprintf(band, sizeof band, "%.0f-%.0f", m->vbo_lo_mps, m->vbo_hi_mps);
        else snprintf(band, sizeof band, "%.0f-%.0f", m->range_lo_km, m->range_hi_km);
        printf("%-16s %-9s %-7d %9.1f %16s %9.0f  %s\n", m->name, m->klass, m->vehicle.nstages,
               bmd_vehicle_liftoff_kg(&m->vehicle) / 1e3, band, bmd_vehicle_ideal_dv(&m->vehicle), m->title);
        if (name) {
          printf("  source: %s\n  published: %s\n  payload: %s\n", m->source, m->published_source, m->payload_source);
          for (int k = 0; k < m->vehicle.nstages; k++) printf("  stage %d: %s\n", k + 1, m->stage_source[k]);
          if (m->fit[0]) printf("  fit: %s\n", m->fit);
        }
      }
      printf("\n");
    }
    if (want & 4) {
      printf("SITES\n%-20s %-8s %-24s %7s  %s\n", "name", "kind", "position", "alt_m", "title");
      for (int i = 0; i < cat.nsites; i++) {
        const struct bmd_site *s = &cat.sites[i];
        char pos[64];
        if (name && strcmp(name, s->name)) continue;
        printf("%-20s %-8s %-24s %7.0f  %s\n", s->name, s->kind, bmd_latlon_text(pos, sizeof pos, s->lat_deg, s->lon_deg, 5),
               s->alt_m, s->title);
        if (name) printf("  source: %s\n", s->source);
      }
      printf("\n");
    }
    if (want & 8) {
      printf("RADARS\n%-12s %-9s %-6s %12s %10s %8s  %s\n", "name", "coverage", "fc", "range_km", "at_dbsm",
             "update_s", "title");
      for (int i = 0; i < cat.nradars; i++) {
        const struct bmd_radar_type *t = &cat.radars[i];
        char cov[16];
        if (name && strcmp(name, t->name)) continue;
        if (t->steerable) snprintf(cov, sizeof cov, "steered");
        else snprintf(cov, sizeof cov, "%d face%s", t->nfaces, t->nfaces > 1 ? "s" : "");
        printf("%-12s %-9s %-6s %12.0f %10.0f %8.1f  %s\n", t->name, cov, t->fire_control ? "yes" : "no",
               t->ref_range_km, t->ref_rcs_dbsm, t->update_s, t->title);
        if (name) printf("  source: %s\n", t->source);
      }
      printf("\nEARLY WARNING\n");
      for (int i = 0; i < cat.nearly_warning; i++) {
        const struct bmd_early_warning *w = &cat.ews[i];
        if (name && strcmp(name, w->name)) continue;
        printf("%-12s report after %.0f s, launch point +-%.0f km, azimuth +-%.1f deg  %s\n", w->name,
               w->detect_delay_s, w->launch_point_error_km, w->azimuth_error_deg, w->title);
        if (name) printf("  source: %s\n", w->source);
      }
    }
    if (!name) printf("\nEvery number's source: bmdsim catalog --name SLUG, or --json.\n");
  }
  bmd_catalog_release(&cat);
  return CLI_OK;
}
