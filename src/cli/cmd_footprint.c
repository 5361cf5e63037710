/* cmd_footprint.c - bmdsim footprint: the area an architecture defends. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include <bmd/assumptions.h>
#include <bmd/footprint.h>
#include <bmd/footprintgis.h>
#include <bmd/footprintout.h>
#include <bmd/names.h>
#include <bmd/outfile.h>
#include <bmd/plot.h>
#include <bmd/plot_analysis.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include "cli.h"

#define DEFAULT_SCENARIO "epaa-phase3"
/* Europe, from Portugal to the Urals' foothills and from Crete to North Cape:
   LAT0,LON0,LAT1,LON1, the default --region (parsed as the option is) */
#define EUROPE_REGION "34,-12,72,46"

static const struct cli_opt footprint_opts[] = {
    {"launch", 'l', "P", CLI_OPT_REPEAT, "launch point: a site slug or LAT,LON (repeatable; default: the\n"
                                         "launch points of the scenario's threats)"},
    {"missile", 'm', "M", 0, "threat missile (default: the scenario's longest-range threat)"},
    {"grid-deg", 'g', "D", 0, "cell size in degrees, 0.05 to 10 (default 0.5)"},
    {"region", 'r', "R", 0, "LAT0,LON0,LAT1,LON1 (default Europe: " EUROPE_REGION ")"},
    {"rcs-dbsm", 'x', "X", 0, "threat radar cross section, -60 to 60 (default: that threat's)"},
    {"threads", 'T', "N", 0, "worker threads (default: all cores)"},
    {"exact", 'E', NULL, 0, "aim and fly the threat at every cell instead of interpolating\n"
                            "its trajectory from a family solved once per launch point\n"
                            "(about 30 times slower; docs/analysis.md compares the two)"},
    {"out", 'o', "DIR", 0, "write footprint.csv (per cell and launch point), footprint.tif\n"
                           "(GeoTIFF: the same per-cell values, one band each),\n"
                           "footprint.geojson (the cells of one class merged into areas),\n"
                           "footprint.json (summary) and the map footprint.png/.svg\n"
                           "(default out/<scenario>-footprint)"},
    {"format", 'F', "F", 0, "map formats: png, svg or png,svg (default)"},
    {"report", 'R', "DIR", 0, "also write DIR/report.html (tables, map, assumptions and sources)"},
    {"json", 'j', NULL, 0, "the summary as JSON on stdout"},
    {"data", 'd', "DIR", 0, "catalog files from DIR"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command footprint_cmd = {
    "footprint", "[SCENARIO]", 0, 1, footprint_opts,
    "What does the architecture defend? For every cell of a grid, aim the threat missile\n"
    "from the launch point at the cell (minimum-energy trajectory), fly it, and find what\n"
    "the scenario's sensors and interceptor sites can do: the number of sequential\n"
    "engagement opportunities (shoot-look-shoot possible when 2 or more), the earliest\n"
    "intercept altitude, which sites contribute; and the same for kinematic reach alone\n"
    "(launch on the first cue, no fire-control track needed). Several --launch options\n"
    "combine into the area defended against all of them. The defended fraction is\n"
    "area-weighted (defended km2 / threatened km2); each site's cells are per launch point\n"
    "(docs/analysis.md). SCENARIO defaults to " DEFAULT_SCENARIO ".\n",
    cli_builtin_list, NULL, NULL};

struct fp_out {
  const struct bmd_scenario *sc;
  const struct bmd_footprint_opts *o;
  const struct bmd_footprint *f;
  const struct bmd_footprint_summary *sm;
  const char *summary;
};

static int write_one(FILE *fp, int k, void *ctx) {
  const struct fp_out *w = ctx;
  switch (k) {
  case 0: return bmd_footprintout_csv(fp, w->sc, w->o, w->f);
  case 1: return bmd_footprintgis_geojson(fp, w->sc, w->o, w->f, w->sm);
  default: return fputs(w->summary, fp) < 0 || fputc('\n', fp) < 0 ? -1 : 0;
  }
}

/* footprint.tif: GDAL writes the temporary file of bmd_outfile (same folder, renamed over
   the final name when complete), so the GeoTIFF follows the rules of every other output
   (outfile.h: regular files only, whole or not at all) */
static int write_geotiff(struct cli_out *dir, const struct fp_out *w) {
  char path[4096 + 320], why[512];
  struct bmd_outfile of;
  int st;
  snprintf(path, sizeof path, "%s/footprint.tif", dir->dir);
  if (bmd_outfile_open(&of, path) != BMD_OK) {
    cli_out_fail(dir, "footprint.tif", errno);
    return -1;
  }
  errno = 0;
  st = bmd_footprintgis_geotiff(of.tmp, w->sc, w->o, w->f, why, sizeof why);
  if (st != BMD_OK) {
    /* the system's reason when a write failed (a full disk: "no space left on device"),
       else GDAL's */
    int e = st == BMD_ENOMEM ? ENOMEM : errno;
    bmd_outfile_fail(&of, e);
    if (e) cli_out_fail(dir, "footprint.tif", e);
    else if (!__atomic_exchange_n(&dir->reported, 1, __ATOMIC_SEQ_CST))   /* one line (cli_out_fail) */
      cli_error("%s/footprint.tif: %s", cli_safe(dir->final), cli_safe(why));
    return -1;
  }
  if (bmd_outfile_commit(&of) != BMD_OK) {
    cli_out_fail(dir, "footprint.tif", errno);
    return -1;
  }
  return 0;
}

/* the data files (CSV, GeoJSON, JSON summary, GeoTIFF), written on a thread of their own
   while the map is drawn and written: neither touches the other's files or objects */
struct data_job {
  struct cli_out *dir;
  struct fp_out *w;
  int rc;   /* cli_write_dir's */
};

static void *data_thread(void *pv) {
  static const char *const names[] = {"footprint.csv", "footprint.geojson", "footprint.json"};
  struct data_job *J = pv;
  J->rc = cli_write_dir(J->dir, 3, names, write_one, J->w);
  if (J->rc == 0) J->rc = write_geotiff(J->dir, J->w);
  return NULL;
}

static int parse_region(const char *s, struct bmd_footprint_opts *o) {
  double v[4];
  char buf[256], *p = buf;
  snprintf(buf, sizeof buf, "%s", s);
  for (int k = 0; k < 4; k++) {
    char *comma = strchr(p, ',');
    if ((k < 3) != (comma != NULL)) goto bad;
    if (comma) *comma = 0;
    if (cli_parse_double(p, &v[k]) != 0) goto bad;
    p = comma ? comma + 1 : p;
  }
  if (fabs(v[0]) > 90.0 || fabs(v[2]) > 90.0 || v[2] <= v[0] || fabs(v[1]) > 180.0 || fabs(v[3]) > 180.0) {
    cli_error("--region: '%s' must be LAT0,LON0,LAT1,LON1 with -90 <= LAT0 < LAT1 <= 90 and |LON| <= 180", s);
    return -1;
  }
  o->lat_min_deg = v[0];
  o->lon_min_deg = v[1];
  o->lat_max_deg = v[2];
  o->lon_max_deg = v[3];
  return 0;
bad:
  cli_error("--region: '%s' is not LAT0,LON0,LAT1,LON1 in decimal degrees", s);
  return -1;
}

/* a layer's tallies under the keys of footprint.json (docs/analysis.md) */
static void layer_json(cJSON *l, const struct bmd_footprint_layer *y) {
  cJSON_AddNumberToObject(l, "cells_threatened", (double)y->threatened.cells);
  cJSON_AddNumberToObject(l, "cells_defended", (double)y->defended.cells);
  cJSON_AddNumberToObject(l, "cells_shoot_look_shoot", (double)y->shoot_look_shoot.cells);
  cJSON_AddNumberToObject(l, "cells_kinematic_reach", (double)y->kinematic.cells);
  cJSON_AddNumberToObject(l, "cells_failed", (double)y->failed);
  cJSON_AddNumberToObject(l, "area_threatened_km2", round(y->threatened.area_km2));
  cJSON_AddNumberToObject(l, "area_defended_km2", round(y->defended.area_km2));
  cJSON_AddNumberToObject(l, "area_shoot_look_shoot_km2", round(y->shoot_look_shoot.area_km2));
  cJSON_AddNumberToObject(l, "area_kinematic_reach_km2", round(y->kinematic.area_km2));
  cJSON_AddNumberToObject(l, "defended_fraction", y->defended_fraction);
}

/* summary: counts and areas per launch point (with each site's, against that launch) and
   combined; one computation (bmd_footprint_summarize) for every output */
static cJSON *summary_json(const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                           const struct bmd_footprint *f, const struct bmd_footprint_summary *sm) {
  cJSON *j = cJSON_CreateObject(), *ls = cJSON_CreateArray(), *comb = cJSON_CreateObject();
  cJSON_AddStringToObject(j, "scenario", sc->name);
  cJSON_AddStringToObject(j, "missile", o->missile->name);
  cJSON_AddNumberToObject(j, "grid_deg", o->grid_deg);
  {
    cJSON *r = cJSON_CreateArray();
    cJSON_AddItemToArray(r, cJSON_CreateNumber(o->lat_min_deg));
    cJSON_AddItemToArray(r, cJSON_CreateNumber(o->lon_min_deg));
    cJSON_AddItemToArray(r, cJSON_CreateNumber(o->lat_max_deg));
    cJSON_AddItemToArray(r, cJSON_CreateNumber(o->lon_max_deg));
    cJSON_AddItemToObject(j, "region", r);
  }
  cJSON_AddNumberToObject(j, "cells", (double)f->nlat * f->nlon);
  cJSON_AddStringToObject(j, "defended_fraction_basis",
                          "area: area_defended_km2 / area_threatened_km2 (cells weighted by their area)");
  for (int k = 0; k < f->nlaunch; k++) {
    cJSON *l = cJSON_CreateObject(), *by = cJSON_CreateObject();
    cJSON_AddStringToObject(l, "launch", o->launch[k].name);
    cJSON_AddNumberToObject(l, "lat_deg", o->launch[k].lat_deg);
    cJSON_AddNumberToObject(l, "lon_deg", o->launch[k].lon_deg);
    layer_json(l, &sm->launch[k]);
    /* per site, against this launch point's threat (never summed over launch points) */
    for (int s = 0; s < sm->nsites; s++) {
      const struct bmd_footprint_tally *e = &sm->site_engage[(size_t)k * (size_t)sm->nsites + (size_t)s];
      const struct bmd_footprint_tally *r = &sm->site_reach[(size_t)k * (size_t)sm->nsites + (size_t)s];
      cJSON *x = cJSON_CreateObject();
      cJSON_AddNumberToObject(x, "cells_engageable", (double)e->cells);
      cJSON_AddNumberToObject(x, "area_engageable_km2", round(e->area_km2));
      cJSON_AddNumberToObject(x, "cells_kinematic_reach", (double)r->cells);
      cJSON_AddNumberToObject(x, "area_kinematic_reach_km2", round(r->area_km2));
      cJSON_AddItemToObject(by, sc->sites[s].name, x);
    }
    cJSON_AddItemToObject(l, "by_site", by);
    cJSON_AddItemToArray(ls, l);
  }
  cJSON_AddItemToObject(j, "launches", ls);
  layer_json(comb, &sm->combined);
  cJSON_AddItemToObject(j, "combined", comb);
  cJSON_AddNumberToObject(j, "fans_built", (double)f->fans_built);
  cJSON_AddNumberToObject(j, "aims_full", (double)f->aims_full);
  cJSON_AddStringToObject(j, "trajectories", o->exact ? "aimed and flown per cell" : "interpolated from a family");
  cJSON_AddNumberToObject(j, "family_members", (double)f->family_members);
  cJSON_AddNumberToObject(j, "family_members_failed", (double)f->family_failed);
  cJSON_AddNumberToObject(j, "cells_aimed_and_flown", (double)f->cells_flown);
  cJSON_AddNumberToObject(j, "threads", o->threads);
  cJSON_AddNumberToObject(j, "seconds", f->seconds);
  /* what the answer rests on (assumptions.h) */
  if (cli_json_assumptions(j, sc, 0, o) != 0) {
    cJSON_Delete(j);
    return NULL;
  }
  return j;
}

int cmd_footprint(int argc, char **argv) {
  struct cli_args args;
  const char *out = NULL, *data = NULL, *missile = NULL, *report = NULL;
  int formats = CLI_FMT_PNG | CLI_FMT_SVG;
  const char *launch_arg[BMD_FOOTPRINT_MAX_LAUNCHES];
  int nlaunch_arg = 0, json = 0, c, rc = CLI_FAIL, have_rcs = 0;
  double rcs = 0.0;
  struct bmd_footprint_opts o;
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_footprint f;
  struct bmd_footprint_summary sm;
  char outbuf[512];

  memset(&o, 0, sizeof o);
  memset(&sm, 0, sizeof sm);
  o.grid_deg = 0.5;
  o.dt_s = 2.0;
  if (parse_region(EUROPE_REGION, &o) != 0) return CLI_FAIL; /* NEVER */
  o.threads = cli_default_threads();
  cli_args_init(&args, &footprint_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    double v;
    switch (c) {
    case 'l':
      if (nlaunch_arg == BMD_FOOTPRINT_MAX_LAUNCHES) {
        cli_error("--launch: at most %d launch points", BMD_FOOTPRINT_MAX_LAUNCHES);
        return CLI_USAGE;
      }
      launch_arg[nlaunch_arg++] = args.value;
      break;
    case 'm': missile = args.value; break;
    case 'g':
      if (cli_parse_double(args.value, &v) != 0 || v < 0.05 || v > 10.0) {
        cli_error("--grid-deg: '%s' must be a number from 0.05 to 10", args.value);
        return CLI_USAGE;
      }
      o.grid_deg = v;
      break;
    case 'r':
      if (parse_region(args.value, &o) != 0) return CLI_USAGE;
      break;
    case 'x':
      if (cli_parse_double(args.value, &rcs) != 0 || rcs < -60.0 || rcs > 60.0) {
        cli_error("--rcs-dbsm: '%s' must be a number from -60 to 60", args.value);
        return CLI_USAGE;
      }
      have_rcs = 1;
      break;
    case 'T':
      if (cli_parse_threads(args.value, &o.threads) != 0) return CLI_USAGE;
      break;
    case 'o': out = args.value; break;
    case 'F':
      if (cli_parse_formats(args.value, &formats) != 0) return CLI_USAGE;
      break;
    case 'R': report = args.value; break;
    case 'E': o.exact = 1; break;
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  const char *scen = args.nops > 0 ? args.ops[0] : DEFAULT_SCENARIO; /* as the user named it */
  if (cli_open_scenario(&args, DEFAULT_SCENARIO, data, &cat, &sc) != 0) return CLI_USAGE;
  rc = CLI_USAGE;
  if (missile) {
    o.missile = bmd_catalog_missile(&cat, missile);
    if (!o.missile || o.missile->interceptor) {
      char h[96];
      cli_error("--missile: unknown threat missile '%s'%s (see bmdsim catalog --missiles)", missile,
                bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(&cat, BMD_CATALOG_THREAT, missile)));
      goto done;
    }
  } else if (sc.nthreats > 0) {
    int best = 0;   /* the longest-reaching threat of the scenario */
    for (int i = 1; i < sc.nthreats; i++)
      if (sc.threats[i].missile->range_hi_km > sc.threats[best].missile->range_hi_km) best = i;
    o.missile = sc.threats[best].missile;
    if (!have_rcs) rcs = sc.threats[best].rcs_dbsm, have_rcs = 1;
  } else {
    cli_error("footprint: the scenario has no threats; give --missile and --launch");
    goto done;
  }
  if (o.missile->vehicle.glide.have) {
    /* the footprint's cells are aimed on the minimum-energy family, which a glider does not
       fly (docs/models/glide.md section 7) */
    cli_error("%s%s: a boost-glide vehicle flies its glide only, and footprint aims the "
              "minimum-energy shape; use run, engage or coverage for it", missile ? "--missile: " : "footprint: ",
              o.missile->name);
    goto done;
  }
  o.rcs_dbsm = have_rcs ? rcs : (sc.nthreats > 0 ? sc.threats[0].rcs_dbsm : 0.0);
  if (sc.nsites > 64) {
    cli_error("footprint: at most 64 interceptor sites (the scenario has %d)", sc.nsites);
    goto done;
  }
  for (int k = 0; k < nlaunch_arg; k++) {
    struct bmd_footprint_launch *L = &o.launch[o.nlaunch++];
    const char *name = NULL;
    if (cli_resolve_point(&cat, "--launch", launch_arg[k], &L->lat_deg, &L->lon_deg, &L->alt_m, &name) != 0)
      goto done;
    snprintf(L->name, sizeof L->name, "%s", name ? name : launch_arg[k]);
  }
  if (o.nlaunch == 0)
    for (int i = 0; i < sc.nthreats && o.nlaunch < BMD_FOOTPRINT_MAX_LAUNCHES; i++) {
      int dup = 0;
      for (int k = 0; k < o.nlaunch; k++)
        dup |= o.launch[k].lat_deg == sc.threats[i].from_lat_deg && o.launch[k].lon_deg == sc.threats[i].from_lon_deg;
      if (dup) continue;
      struct bmd_footprint_launch *L = &o.launch[o.nlaunch++];
      snprintf(L->name, sizeof L->name, "%s", sc.threats[i].from);
      L->lat_deg = sc.threats[i].from_lat_deg;
      L->lon_deg = sc.threats[i].from_lon_deg;
      L->alt_m = sc.threats[i].from_alt_m;
    }
  if (o.nlaunch == 0) {
    cli_error("footprint: no launch point (give --launch)");
    goto done;
  }
  if (!out) {
    cli_default_out(scen, &sc, "-footprint", outbuf, sizeof outbuf);
    out = outbuf;
  }
  /* before the work, not after it: an unusable --out is bad input */
  if (cli_out_check(out) != 0 || (report && cli_out_check(report) != 0)) {
    rc = CLI_USAGE;
    goto done;
  }
  {
    struct cli_progress prog;
    double t0 = cli_now();
    int st;
    cli_progress_init(&prog, "footprint");
    st = bmd_footprint_compute(&sc, &o, &f, cli_progress_update, &prog);
    cli_progress_done(&prog);
    if (st != BMD_OK) {
      cli_error("footprint: %s", st == BMD_EINVAL ? "the region holds no whole cell at this grid size" : bmd_strerror(st));
      rc = st == BMD_EINVAL ? CLI_USAGE : CLI_FAIL;
      goto done;
    }
    f.seconds = cli_now() - t0;
  }
  rc = CLI_FAIL;
  if (bmd_footprint_summarize(&f, sc.nsites, &sm) != BMD_OK) {
    cli_error("out of memory");
    bmd_footprint_release(&f);
    goto done;
  }
  {
    cJSON *j = summary_json(&sc, &o, &f, &sm);
    char *s = cJSON_Print(j), *cmdline = NULL;
    struct fp_out w = {&sc, &o, &f, &sm, s};
    struct cli_out oo, ro, *pr = NULL;
    struct data_job dj = {&oo, &w, -1};
    pthread_t th;
    int threaded, c1 = 0, c2 = 0;
    cJSON_Delete(j);
    if (!s || cli_out_open(&oo, out) != 0) {
      if (!s) cli_error("out of memory");
      free(s);
      bmd_footprint_release(&f);
      goto done;
    }
    if (report) {
      if (cli_out_same(out, report)) pr = &oo;
      else if (cli_out_open(&ro, report) == 0) pr = &ro;
      else {
        cli_out_abort(&oo);
        free(s);
        bmd_footprint_release(&f);
        goto done;
      }
    }
    /* the data files on a thread of their own while the map is drawn and written (in
       line if no thread can be had) */
    threaded = pthread_create(&th, NULL, data_thread, &dj) == 0;
    if (!threaded) data_thread(&dj);
    {
      struct bmd_plot *map = NULL;
      int frc = bmd_plot_analysis_footprint(&sc, &o, &f, &map), mrc;
      cmdline = cli_command_line();
      mrc = frc == BMD_OK ? cli_write_plot(map, &oo, "footprint", formats) : -1;
      if (threaded) pthread_join(th, NULL);
      if (frc != BMD_OK || mrc != 0 || dj.rc != 0 ||
          (report && cli_report_footprint(pr, cmdline ? cmdline : "", &sc, &cat, &o, &f, &sm, map) != 0) ||
          (c1 = cli_out_commit(&oo)) != 0 || (pr && pr != &oo && (c2 = cli_out_commit(pr)) != 0)) {
        if (frc != BMD_OK) cli_error("footprint map: %s", bmd_strerror(frc));
        if (c1 == -2 || c2 == -2) rc = CLI_USAGE;
        cli_out_abort(&oo);
        if (pr && pr != &oo) cli_out_abort(pr);
        bmd_plot_free(map);
        free(cmdline);
        free(s);
        bmd_footprint_release(&f);
        goto done;
      }
      bmd_plot_free(map);
      free(cmdline);
    }
    if (json) {
      cli_print_json(s);
    } else {
      cJSON *p = cJSON_Parse(s), *cb = cJSON_GetObjectItem(p, "combined");
      printf("%s: %s from", sc.name, o.missile->name);
      for (int k = 0; k < o.nlaunch; k++) printf(" %s", cli_safe(o.launch[k].name));
      printf(", %d x %d cells of %g deg, %.1f s on %d threads\n", f.nlat, f.nlon, o.grid_deg, f.seconds, o.threads);
      printf("threatened  %8.0f cells  %12.0f km2\n", cJSON_GetObjectItem(cb, "cells_threatened")->valuedouble,
             cJSON_GetObjectItem(cb, "area_threatened_km2")->valuedouble);
      printf("defended    %8.0f cells  %12.0f km2  (engageable: fire-control track in time)\n",
             cJSON_GetObjectItem(cb, "cells_defended")->valuedouble, cJSON_GetObjectItem(cb, "area_defended_km2")->valuedouble);
      printf("shoot-look-shoot %3.0f cells  %12.0f km2\n", cJSON_GetObjectItem(cb, "cells_shoot_look_shoot")->valuedouble,
             cJSON_GetObjectItem(cb, "area_shoot_look_shoot_km2")->valuedouble);
      printf("kinematic   %8.0f cells  %12.0f km2  (interceptor could reach, launched on the first cue)\n",
             cJSON_GetObjectItem(cb, "cells_kinematic_reach")->valuedouble,
             cJSON_GetObjectItem(cb, "area_kinematic_reach_km2")->valuedouble);
      printf("defended fraction %.1f%% of the threatened area (area-weighted%s)\n", 100.0 * sm.combined.defended_fraction,
             o.nlaunch > 1 ? "; a cell is defended when every launch that reaches it can be engaged" : "");
      /* each site's part, per launch point */
      for (int k = 0; k < o.nlaunch; k++) {
        printf("from %s, cells (km2) each site can engage:", cli_safe(o.launch[k].name));
        for (int q = 0; q < sc.nsites; q++) {
          const struct bmd_footprint_tally *e = &sm.site_engage[(size_t)k * (size_t)sc.nsites + (size_t)q];
          printf(" %s %ld (%.0f)%s", sc.sites[q].name, e->cells, e->area_km2, q + 1 < sc.nsites ? ";" : "");
        }
        printf("\n");
      }
      printf("wrote %s/{footprint.csv,footprint.tif,footprint.geojson,footprint.json} and the map%s%s\n", cli_safe(out),
             report ? "; report " : "", report ? cli_safe(report) : "");
      cJSON_Delete(p);
    }
    free(s);
  }
  bmd_footprint_release(&f);
  rc = CLI_OK;
done:
  bmd_footprint_summary_release(&sm);
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return rc;
}
