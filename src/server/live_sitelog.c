/* live_sitelog.c - the site-state log of a live run and the observer messages made from
   it (live.h; the threat model in docs/server.md): the one place where threat data (the
   engine's events) turns into site state, and the observer feed's messages, made from that
   state alone. */
#include <bmd/live.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/geodesic.h>
#include <bmd/plot_scenario.h>
#include <bmd/radar.h>
#include <bmd/status.h>

#include "live_impl.h"

static const char *const mode_names[] = {"standby", "search", "track"};

const char *bmd_live_mode_name(int mode) { return mode_names[mode >= 0 && mode <= 2 ? mode : 0]; }

char *bmd_live_json_text(cJSON *j) {
  char *s = j ? cJSON_PrintUnformatted(j) : NULL;
  cJSON_Delete(j);
  return s;
}

static double wrap360(double a) {
  double w = fmod(a, 360.0);
  return w < 0.0 ? w + 360.0 : w;
}

/* ---------------------------------------------------------------- radar sectors */

/* the whole field of a radar: the union of its coverage sectors as one [from, to] */
static void radar_field(const struct bmd_scen_radar *rd, double rcs, double sec[2]) {
  struct bmd_radar_sector s[BMD_RADAR_MAX_FACES];
  int n = bmd_radar_coverage_sectors(rd->type, rd->boresight_az_deg, rcs, s);
  double from, to;
  sec[0] = 0.0;
  sec[1] = 360.0;
  if (n == 0 || s[0].full) return;
  from = wrap360(s[0].az_from_deg);
  to = from + (s[0].az_to_deg - s[0].az_from_deg);
  for (int k = 1; k < n; k++) {
    double f, t;
    if (s[k].full) return;
    f = from + wrap360(s[k].az_from_deg - from);
    t = f + (s[k].az_to_deg - s[k].az_from_deg);
    if (t > to) to = t;
  }
  if (to - from >= 360.0) return;
  sec[0] = from;
  sec[1] = to;
}

/* the sector a radar tracks in when its target is at azimuth az: the face that holds it
   (or the nearest face), or a BMD_LIVE_STEER_SECTOR_DEG sector around it, centred on a
   multiple of 10 deg, for a steerable radar */
static void radar_track_sector(const struct bmd_scen_radar *rd, double rcs, double az, double sec[2]) {
  struct bmd_radar_sector s[BMD_RADAR_MAX_FACES];
  int n = bmd_radar_coverage_sectors(rd->type, rd->boresight_az_deg, rcs, s), best = -1;
  double best_d = HUGE_VAL;
  if (n == 0 || s[0].full) {
    double c = 10.0 * floor(wrap360(az) / 10.0 + 0.5);
    sec[0] = wrap360(c - BMD_LIVE_STEER_SECTOR_DEG / 2.0);
    sec[1] = sec[0] + BMD_LIVE_STEER_SECTOR_DEG;
    return;
  }
  for (int k = 0; k < n; k++) {
    double c = 0.5 * (s[k].az_from_deg + s[k].az_to_deg), h = 0.5 * (s[k].az_to_deg - s[k].az_from_deg);
    double d = fabs(wrap360(az - c + 180.0) - 180.0) - h;
    if (d < best_d) {
      best_d = d;
      best = k;
    }
  }
  sec[0] = wrap360(s[best].az_from_deg);
  sec[1] = sec[0] + (s[best].az_to_deg - s[best].az_from_deg);
}

/* ---------------------------------------------------------------- the site-state log */

struct logbuf {
  struct bmd_live_site_change *c;
  long n, cap;
};

static int log_push(struct logbuf *b, const struct bmd_live_site_change *ch) {
  if (b->n == b->cap) {
    long cap = b->cap ? 2 * b->cap : 64;
    void *p = realloc(b->c, (size_t)cap * sizeof *b->c);
    if (!p) return BMD_ENOMEM;
    b->c = p;
    b->cap = cap;
  }
  b->c[b->n++] = *ch;
  return BMD_OK;
}

static int radar_set(struct logbuf *b, struct bmd_live_radar_state *now, int k, double t, int emitting,
                     int mode, const double sec[2]) {
  struct bmd_live_site_change ch;
  if (now[k].emitting == emitting && now[k].mode == mode && now[k].sector_az_deg[0] == sec[0] &&
      now[k].sector_az_deg[1] == sec[1])
    return BMD_OK;
  now[k].emitting = emitting;
  now[k].mode = mode;
  now[k].sector_az_deg[0] = sec[0];
  now[k].sector_az_deg[1] = sec[1];
  memset(&ch, 0, sizeof ch);
  ch.t_s = t;
  ch.kind = BMD_LIVE_CH_RADAR;
  ch.index = k;
  ch.radar = now[k];
  return log_push(b, &ch);
}

/* radars whose last report is older than the hold go back to search, at the time it ran
   out, up to time t */
static int expire_tracks(struct logbuf *b, struct bmd_live_radar_state *now, const double *last, int nr,
                         const struct bmd_scenario *sc, double rcs, double t) {
  for (int k = 0; k < nr; k++) {
    double sec[2];
    if (now[k].mode != BMD_LIVE_TRACK || last[k] + BMD_LIVE_TRACK_HOLD_S > t) continue;
    radar_field(&sc->radars[k], rcs, sec);
    if (radar_set(b, now, k, last[k] + BMD_LIVE_TRACK_HOLD_S, 1, BMD_LIVE_SEARCH, sec) != BMD_OK) return BMD_ENOMEM;
  }
  return BMD_OK;
}

static int cmp_change(const void *a, const void *b) {
  const struct bmd_live_site_change *x = a, *y = b;
  if (x->t_s != y->t_s) return x->t_s < y->t_s ? -1 : 1;
  return 0;
}

/*
 * The site-state log of a run. This is the one place where threat data (the engine's
 * events) turns into site state: which radar reports, where it points (the face it sees
 * through, or a coarse sector), which site launches how many. Nothing else about the
 * threats is carried into the log.
 */
int bmd_live_site_log_build(const struct bmd_scenario *sc, const struct bmd_sim_result *res,
                          const double *threat_end_s, struct bmd_live_site_change **out, long *nout) {
  struct logbuf b = {NULL, 0, 0};
  int nr = sc->nradars, ns = sc->nsites, cued = 0;
  double rcs = bmd_plot_scenario_min_rcs(sc), t_all_end = 0.0;
  struct bmd_live_radar_state *now = calloc((size_t)nr + 1, sizeof *now);
  struct bmd_live_launcher_state *site = calloc((size_t)ns + 1, sizeof *site);
  double *last = calloc((size_t)nr + 1, sizeof *last);
  char *dead = calloc((size_t)nr + 1, 1); /* radars lost to battle damage: silent for good */
  if (!now || !site || !last || !dead) goto fail;
  for (int k = 0; k < nr; k++) {
    double sec[2];
    int needs_cue = sc->radars[k].type->needs_cue;
    radar_field(&sc->radars[k], rcs, sec);
    now[k].mode = -1; /* force the opening record */
    if (radar_set(&b, now, k, 0.0, !needs_cue, needs_cue ? BMD_LIVE_STANDBY : BMD_LIVE_SEARCH, sec) != BMD_OK)
      goto fail;
  }
  for (int s = 0; s < ns; s++) {
    struct bmd_live_site_change ch;
    memset(&ch, 0, sizeof ch);
    site[s].loaded = sc->sites[s].inventory;
    ch.kind = BMD_LIVE_CH_LAUNCHER;
    ch.index = s;
    ch.launcher = site[s];
    if (log_push(&b, &ch) != BMD_OK) goto fail;
  }
  for (long j = 0; j < res->nevents; j++) {
    const struct bmd_sim_event *e = &res->events[j];
    if (expire_tracks(&b, now, last, nr, sc, rcs, e->t_s) != BMD_OK) goto fail;
    if (e->kind == BMD_SIM_EW_REPORT && !cued) {
      cued = 1;
      for (int k = 0; k < nr; k++) {
        double sec[2];
        if (!sc->radars[k].type->needs_cue || now[k].mode != BMD_LIVE_STANDBY || dead[k]) continue;
        radar_field(&sc->radars[k], rcs, sec);
        if (radar_set(&b, now, k, e->t_s, 1, BMD_LIVE_SEARCH, sec) != BMD_OK) goto fail;
      }
    } else if (e->kind == BMD_SIM_ELEMENT_DISABLED || e->kind == BMD_SIM_ELEMENT_DESTROYED) {
      /* battle damage, as an observer sees it: a lost radar falls silent, a lost site's
         launchers hold nothing any more */
      if (e->radar >= 0 && e->radar < nr && !dead[e->radar]) {
        double sec[2];
        dead[e->radar] = 1;
        radar_field(&sc->radars[e->radar], rcs, sec);
        if (radar_set(&b, now, e->radar, e->t_s, 0, BMD_LIVE_STANDBY, sec) != BMD_OK) goto fail;
      } else if (e->site >= 0 && e->site < ns && site[e->site].loaded > 0) {
        struct bmd_live_site_change ch;
        memset(&ch, 0, sizeof ch);
        site[e->site].loaded = 0;
        ch.t_s = e->t_s;
        ch.kind = BMD_LIVE_CH_LAUNCHER;
        ch.index = e->site;
        ch.launcher = site[e->site];
        if (log_push(&b, &ch) != BMD_OK) goto fail;
      }
    } else if ((e->kind == BMD_SIM_DETECT || e->kind == BMD_SIM_TRACK || e->kind == BMD_SIM_FIRM_TRACK) &&
               e->radar >= 0 && e->radar < nr) {
      const struct bmd_scen_radar *rd = &sc->radars[e->radar];
      double az, sec[2];
      bmd_geodesic_inverse(sc->phys.earth, rd->lat_deg, rd->lon_deg, e->lat_deg, e->lon_deg, NULL, &az, NULL);
      radar_track_sector(rd, rcs, az, sec);
      last[e->radar] = e->t_s;
      if (e->kind == BMD_SIM_DETECT) cued = 1;
      if (radar_set(&b, now, e->radar, e->t_s, 1, BMD_LIVE_TRACK, sec) != BMD_OK) goto fail;
    } else if (e->kind == BMD_SIM_INTERCEPTOR_LAUNCH && e->site >= 0 && e->site < ns) {
      struct bmd_live_site_change ch;
      int s = e->site, count = 1;
      /* one launch record for a salvo: every launch from this site at this time */
      while (j + 1 < res->nevents && res->events[j + 1].kind == BMD_SIM_INTERCEPTOR_LAUNCH &&
             res->events[j + 1].site == s && res->events[j + 1].t_s == e->t_s) {
        j++;
        count++;
      }
      memset(&ch, 0, sizeof ch);
      ch.t_s = e->t_s;
      ch.kind = BMD_LIVE_CH_LAUNCH;
      ch.index = s;
      ch.count = count;
      if (log_push(&b, &ch) != BMD_OK) goto fail;
      site[s].fired += count;
      site[s].loaded = site[s].loaded > count ? site[s].loaded - count : 0;
      ch.kind = BMD_LIVE_CH_LAUNCHER;
      ch.count = 0;
      ch.launcher = site[s];
      if (log_push(&b, &ch) != BMD_OK) goto fail;
    }
  }
  if (expire_tracks(&b, now, last, nr, sc, rcs, HUGE_VAL) != BMD_OK) goto fail;
  /* when nothing flies any more, cued radars stand by again */
  for (int i = 0; i < res->nthreats; i++) t_all_end = fmax(t_all_end, threat_end_s[i]);
  for (int k = 0; k < nr; k++) {
    double sec[2], t = t_all_end;
    if (!sc->radars[k].type->needs_cue || now[k].mode == BMD_LIVE_STANDBY) continue;
    if (now[k].mode == BMD_LIVE_TRACK) t = fmax(t, last[k] + BMD_LIVE_TRACK_HOLD_S);
    radar_field(&sc->radars[k], rcs, sec);
    if (radar_set(&b, now, k, t, 0, BMD_LIVE_STANDBY, sec) != BMD_OK) goto fail;
  }
  /* expiries were written late: put the log in time order (stable: merge by index) */
  for (long a = 1; a < b.n; a++) {
    struct bmd_live_site_change x = b.c[a];
    long k = a;
    while (k > 0 && cmp_change(&b.c[k - 1], &x) > 0) {
      b.c[k] = b.c[k - 1];
      k--;
    }
    b.c[k] = x;
  }
  free(now);
  free(site);
  free(last);
  free(dead);
  *out = b.c;
  *nout = b.n;
  return BMD_OK;
fail:
  free(b.c);
  free(now);
  free(site);
  free(last);
  free(dead);
  return BMD_ENOMEM;
}

/*
 * The observer messages: made from the site-state log and the names of radars and sites,
 * and from nothing else. This function cannot see threat data; keep its parameters so.
 */
int bmd_live_observer_build(const struct bmd_live_site_change *log, long n, const struct bmd_scen_radar *radars,
                            int nradars, const struct bmd_scen_site *sites, int nsites, struct bmd_live_msg **out) {
  struct bmd_live_msg *m = calloc((size_t)n + 1, sizeof *m);
  if (!m) return BMD_ENOMEM;
  for (long k = 0; k < n; k++) {
    const struct bmd_live_site_change *c = &log[k];
    cJSON *j = cJSON_CreateObject();
    m[k].t_s = c->t_s;
    if (c->kind == BMD_LIVE_CH_RADAR && c->index < nradars) {
      cJSON *sec = cJSON_CreateArray();
      cJSON_AddStringToObject(j, "kind", "radar");
      cJSON_AddNumberToObject(j, "t_s", c->t_s);
      cJSON_AddNumberToObject(j, "radar", c->index);
      cJSON_AddStringToObject(j, "name", radars[c->index].name);
      cJSON_AddBoolToObject(j, "emitting", c->radar.emitting);
      cJSON_AddStringToObject(j, "mode", bmd_live_mode_name(c->radar.mode));
      cJSON_AddItemToArray(sec, cJSON_CreateNumber(c->radar.sector_az_deg[0]));
      cJSON_AddItemToArray(sec, cJSON_CreateNumber(c->radar.sector_az_deg[1]));
      cJSON_AddItemToObject(j, "sector_az_deg", sec);
    } else if (c->kind == BMD_LIVE_CH_LAUNCHER && c->index < nsites) {
      cJSON_AddStringToObject(j, "kind", "launcher");
      cJSON_AddNumberToObject(j, "t_s", c->t_s);
      cJSON_AddNumberToObject(j, "site", c->index);
      cJSON_AddStringToObject(j, "name", sites[c->index].name);
      cJSON_AddNumberToObject(j, "loaded", c->launcher.loaded);
      cJSON_AddNumberToObject(j, "fired", c->launcher.fired);
    } else if (c->index < nsites) {
      cJSON_AddStringToObject(j, "kind", "site-launch");
      cJSON_AddNumberToObject(j, "t_s", c->t_s);
      cJSON_AddNumberToObject(j, "site", c->index);
      cJSON_AddStringToObject(j, "name", sites[c->index].name);
      cJSON_AddNumberToObject(j, "count", c->count);
    }
    m[k].body = bmd_live_json_text(j);
    if (!m[k].body) {
      for (long i = 0; i < k; i++) free(m[i].body);
      free(m);
      return BMD_ENOMEM;
    }
  }
  *out = m;
  return BMD_OK;
}
