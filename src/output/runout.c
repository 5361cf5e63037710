/* runout.c - scenario-run writers (runout.h): CSV through csv.h, GeoJSON through cJSON
   (geojson.h), KML through libxml2 (kml.h); interceptors drawn along their flown path
   (flyout.h). */
#include <bmd/runout.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/csv.h>
#include <bmd/flyout.h>
#include <bmd/geojson.h>
#include <bmd/kml.h>
#include <bmd/status.h>
#include <bmd/traj.h>

/* points of a drawn interceptor path: at most this far apart in time (s) */
#define FLYOUT_DT_S 5.0

int bmd_runout_events_csv(FILE *fp, const struct bmd_scenario *sc, const struct bmd_sim_result *r) {
  struct bmd_csv *w = malloc(sizeof *w);   /* 16 KB: not on a writer thread's stack */
  int rc;
  if (!w) return -1;
  bmd_csv_init(w, fp);
  bmd_csv_header(w, "t_s,event,threat,site,radar,alt_km,lat_deg,lon_deg,value,outcome,reason,note");
  for (long k = 0; k < r->nevents; k++) {
    const struct bmd_sim_event *e = &r->events[k];
    bmd_csv_fixed(w, e->t_s, 3);
    bmd_csv_text(w, bmd_sim_event_name((enum bmd_sim_event_kind)e->kind));
    bmd_csv_text(w, e->threat >= 0 ? sc->threats[e->threat].id : "");
    bmd_csv_text(w, e->site >= 0 ? sc->sites[e->site].name : "");
    bmd_csv_text(w, e->radar >= 0 ? sc->radars[e->radar].name : "");
    bmd_csv_fixed(w, e->alt_m / 1e3, 3);
    bmd_csv_fixed(w, e->lat_deg, 5);
    bmd_csv_fixed(w, e->lon_deg, 5);
    bmd_csv_fixed(w, e->value, 3);
    /* the outcome (threat-destroyed, reached-target) and the reason code (no-engagement,
       reached-target of an unengaged threat): docs/outcomes.md */
    bmd_csv_text(w, e->outcome >= 0 ? bmd_outcome_name(e->outcome) : "");
    bmd_csv_text(w, e->reason != BMD_ENGAGE_NONE ? bmd_engage_reason_word((enum bmd_engage_reason)e->reason) : "");
    bmd_csv_text(w, e->note);
    bmd_csv_end(w);
  }
  rc = bmd_csv_finish(w);
  free(w);
  return rc;
}

static void ll(const struct bmd_scenario *sc, const double r[3], double *lat, double *lon, double *h) {
  double la, lo;
  bmd_physics_from_ecef(&sc->phys, r, &la, &lo, h);
  *lat = la / BMD_DEG;
  *lon = lo / BMD_DEG;
}

/* the drawn points of threat i's track: every fifth recorded sample and the last one, up
   to the kill (GeoJSON), or every sample (KML); lat/lon/h/t arrays of traj.nsamples */
static int threat_points(const struct bmd_scenario *sc, const struct bmd_sim_threat *th, int every,
                         double *lat, double *lon, double *h, double *t) {
  double tend = isnan(th->kill_t_s) ? HUGE_VAL : th->kill_t_s - th->launch_t_s;
  int w = 0;
  for (long k = 0; k < th->traj.nsamples; k++) {
    if (th->traj.samples[k].t_s > tend) break;
    if (every > 1 && k % every && k + 1 < th->traj.nsamples) continue;
    ll(sc, th->traj.samples[k].r_ecef_m, &lat[w], &lon[w], &h[w]);
    t[w] = th->traj.samples[k].t_s;
    w++;
  }
  return w;
}

/* the interceptor path of shot sh: flown (flyout.h); if it cannot be flown again, the two
   ends alone (site and intercept point; *flown = 0) */
static int shot_path(const struct bmd_scenario *sc, const struct bmd_sim_shot *sh, struct bmd_flyout *fo,
                     int *flown) {
  int rc = bmd_flyout_path(sc, sh, FLYOUT_DT_S, fo);
  *flown = rc == BMD_OK;
  if (rc == BMD_OK) return BMD_OK;
  if (rc == BMD_ENOMEM) return rc;
  fo->t_s = malloc(sizeof(double) * 8);
  if (!fo->t_s) return BMD_ENOMEM;
  fo->lat_deg = fo->t_s + 2;
  fo->lon_deg = fo->t_s + 4;
  fo->alt_m = fo->t_s + 6;
  fo->t_s[0] = 0.0;
  fo->t_s[1] = sh->ic.tof_s;
  fo->lat_deg[0] = sc->sites[sh->site].lat_deg;
  fo->lon_deg[0] = sc->sites[sh->site].lon_deg;
  fo->alt_m[0] = sc->sites[sh->site].alt_m;
  fo->lat_deg[1] = sh->ic.lat_deg;
  fo->lon_deg[1] = sh->ic.lon_deg;
  fo->alt_m[1] = sh->ic.alt_m;
  fo->n = 2;
  return BMD_OK;
}

/* an element lost to battle damage (sim.h's loss list: sites, then radars): its damage,
   time and threat on the feature; nothing for an intact one */
static void loss_props(cJSON *p, const struct bmd_scenario *sc, const struct bmd_sim_result *r, int k) {
  const struct bmd_sim_loss *L = &r->loss[k];
  if (!r->loss || L->level == BMD_DAMAGE_NONE) return;
  bmd_geojson_add_string(p, "damage", bmd_damage_level_word((enum bmd_damage_level)L->level));
  bmd_geojson_add_fixed(p, "lost_t_s", L->t_s, 1);
  bmd_geojson_add_string(p, "lost_by", sc->threats[L->threat].id);
}

/* a KML point's name: the element, and its loss if it was lost */
static void loss_name(char *name, size_t n, const char *what, const struct bmd_scenario *sc,
                      const struct bmd_sim_result *r, int k) {
  const struct bmd_sim_loss *L = r->loss ? &r->loss[k] : NULL;
  if (!L || L->level == BMD_DAMAGE_NONE) snprintf(name, n, "%s", what);
  else snprintf(name, n, "%s: %s at T+%.0f s by %s", what, bmd_damage_level_word((enum bmd_damage_level)L->level), L->t_s,
                sc->threats[L->threat].id);
}

int bmd_runout_geojson(FILE *fp, const struct bmd_scenario *sc, const struct bmd_sim_result *r) {
  struct bmd_geojson g;
  long cap = 1;
  double *buf;
  int oom = 0;
  for (int i = 0; i < r->nthreats; i++)
    if (r->threats[i].traj.nsamples > cap) cap = r->threats[i].traj.nsamples;
  buf = malloc(sizeof *buf * 4 * (size_t)cap);
  if (!buf) return -1;
  bmd_geojson_begin(&g, fp);
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    const struct bmd_scen_threat *t = &sc->threats[i];
    double *lat = buf, *lon = buf + cap, *h = buf + 2 * cap, *ts = buf + 3 * cap;
    int m = threat_points(sc, th, 5, lat, lon, h, ts);
    cJSON *f = bmd_geojson_feature_alloc(), *p = bmd_geojson_add_object(f, "properties");
    bmd_geojson_add_string(p, "kind", "threat");
    bmd_geojson_add_string(p, "id", t->id);
    bmd_geojson_add_string(p, "missile", t->missile->name);
    bmd_geojson_add_string(p, "from", t->from);
    bmd_geojson_add_string(p, "to", t->to);
    bmd_geojson_add_string(p, "outcome", bmd_outcome_name(th->outcome));
    /* as run --json: the reason code of an unengaged threat, null otherwise (outcomes.md) */
    if (th->outcome == BMD_OUTCOME_UNENGAGED)
      bmd_geojson_add_string(p, "reason", bmd_engage_reason_word((enum bmd_engage_reason)th->reason));
    else
      cJSON_AddNullToObject(p, "reason");
    bmd_geojson_add_fixed(p, "launch_t_s", th->launch_t_s, 1);
    cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_line(m, lon, lat, h, 5, 0));
    bmd_geojson_put(&g, f);
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      struct bmd_flyout fo;
      int flown;
      if (shot_path(sc, sh, &fo, &flown) != BMD_OK) {
        oom = 1;
        continue;
      }
      f = bmd_geojson_feature_alloc();
      p = bmd_geojson_add_object(f, "properties");
      bmd_geojson_add_string(p, "kind", "interceptor");
      bmd_geojson_add_string(p, "threat", t->id);
      bmd_geojson_add_string(p, "site", sc->sites[sh->site].name);
      bmd_geojson_add_string(p, "interceptor", sc->sites[sh->site].interceptor->name);
      bmd_geojson_add_fixed(p, "launch_t_s", sh->launch_t_s, 1);
      bmd_geojson_add_fixed(p, "intercept_t_s", th->launch_t_s + sh->ic.t_s, 1);
      bmd_geojson_add_bool(p, "hit", sh->hit);
      /* how the line was drawn: "flown" (flyout.h) or "straight" (the fly-out failed) */
      bmd_geojson_add_string(p, "path", flown ? "flown" : "straight");
      cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_line(fo.n, fo.lon_deg, fo.lat_deg, fo.alt_m, 5, 0));
      bmd_geojson_put(&g, f);
      bmd_flyout_release(&fo);
    }
  }
  for (int s = 0; s < sc->nsites; s++) {
    cJSON *f = bmd_geojson_feature_alloc(), *p = bmd_geojson_add_object(f, "properties");
    bmd_geojson_add_string(p, "kind", "site");
    bmd_geojson_add_string(p, "name", sc->sites[s].name);
    bmd_geojson_add_string(p, "interceptor", sc->sites[s].interceptor->name);
    bmd_geojson_add_int(p, "inventory", sc->sites[s].inventory);
    bmd_geojson_add_int(p, "spent", r->spent[s]);
    loss_props(p, sc, r, s);
    cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_point(sc->sites[s].lon_deg, sc->sites[s].lat_deg, 5));
    bmd_geojson_put(&g, f);
  }
  for (int k = 0; k < sc->nradars; k++) {
    cJSON *f = bmd_geojson_feature_alloc(), *p = bmd_geojson_add_object(f, "properties");
    bmd_geojson_add_string(p, "kind", "radar");
    bmd_geojson_add_string(p, "name", sc->radars[k].name);
    bmd_geojson_add_string(p, "type", sc->radars[k].type->name);
    loss_props(p, sc, r, sc->nsites + k);
    cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_point(sc->radars[k].lon_deg, sc->radars[k].lat_deg, 5));
    bmd_geojson_put(&g, f);
  }
  free(buf);
  if (oom && !g.err) g.err = ENOMEM;
  return bmd_geojson_end(&g);
}

int bmd_runout_kml(FILE *fp, const struct bmd_scenario *sc, const struct bmd_sim_result *r, double epoch) {
  char name[512];
  long cap = 2;
  double *buf;
  struct bmd_kml *k;
  int oom = 0;
  for (int i = 0; i < r->nthreats; i++)
    if (r->threats[i].traj.nsamples > cap) cap = r->threats[i].traj.nsamples;
  buf = malloc(sizeof *buf * 4 * (size_t)cap);
  snprintf(name, sizeof name, "bmdsim run: %s", sc->name);
  k = buf ? bmd_kml_open(fp, name) : NULL;
  if (!k) {
    free(buf);
    errno = ENOMEM;
    return -1;
  }
  bmd_kml_style(k, "threat", "ff0000ff", 2, NULL);
  bmd_kml_style(k, "interceptor", "ffff8800", 2, NULL);
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    double *lat = buf, *lon = buf + cap, *h = buf + 2 * cap, *ts = buf + 3 * cap;
    int m = threat_points(sc, th, 1, lat, lon, h, ts);
    for (int q = 0; q < m; q++) ts[q] += epoch + th->launch_t_s;
    if (th->outcome == BMD_OUTCOME_UNENGAGED)
      snprintf(name, sizeof name, "%s %s (%s: %s)", sc->threats[i].id, sc->threats[i].missile->name,
               bmd_outcome_name(th->outcome), bmd_engage_reason_word((enum bmd_engage_reason)th->reason));
    else
      snprintf(name, sizeof name, "%s %s (%s)", sc->threats[i].id, sc->threats[i].missile->name,
               bmd_outcome_name(th->outcome));
    bmd_kml_track(k, name, "threat", m, ts, lon, lat, h, 5, 0);
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      struct bmd_flyout fo;
      int flown;
      if (shot_path(sc, sh, &fo, &flown) != BMD_OK) {
        oom = 1;
        continue;
      }
      for (int q = 0; q < fo.n; q++) fo.t_s[q] += epoch + sh->launch_t_s;
      snprintf(name, sizeof name, "%s -> %s (%s)", sc->sites[sh->site].name, sc->threats[i].id, sh->hit ? "hit" : "miss");
      bmd_kml_track(k, name, "interceptor", fo.n, fo.t_s, fo.lon_deg, fo.lat_deg, fo.alt_m, 5, 0);
      bmd_flyout_release(&fo);
    }
  }
  for (int s = 0; s < sc->nsites; s++) {
    char what[256];
    snprintf(what, sizeof what, "%s (%s)", sc->sites[s].name, sc->sites[s].interceptor->name);
    loss_name(name, sizeof name, what, sc, r, s);
    bmd_kml_point(k, name, sc->sites[s].lon_deg, sc->sites[s].lat_deg, 5);
  }
  /* radars lost to battle damage (the intact ones are not drawn) */
  for (int q = 0; r->loss && q < sc->nradars; q++) {
    char what[256];
    if (r->loss[sc->nsites + q].level == BMD_DAMAGE_NONE) continue;
    snprintf(what, sizeof what, "%s (%s)", sc->radars[q].name, sc->radars[q].type->name);
    loss_name(name, sizeof name, what, sc, r, sc->nsites + q);
    bmd_kml_point(k, name, sc->radars[q].lon_deg, sc->radars[q].lat_deg, 5);
  }
  free(buf);
  if (bmd_kml_close(k) != 0) return -1;
  if (oom) {
    errno = ENOMEM;
    return -1;
  }
  return 0;
}
