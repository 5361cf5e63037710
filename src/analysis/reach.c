/* reach.c - kinematic reach and engageability of one threat trajectory (reach.h). */
#include <bmd/reach.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/status.h>

#define TICK_S 1.0   /* the engine's sensing step (sim.c) */

struct bmd_reach_ws {
  const struct bmd_scenario *sc;
  struct bmd_radar *radars;     /* [nradars] */
  double *last_scan;            /* [nradars] */
  double *next_look;            /* [nradars]: no detection possible before this time */
  double *rdet_m;               /* [nradars]: detection range for this threat's RCS */
  struct bmd_engage_table *tab; /* [nsites]: the last threat's scan per site */
  struct bmd_scan_track trk;    /* the last threat's scan points, shared by the sites */
  int stride;                   /* scan stride (bmd_reach_ws_set_stride) */
};

struct bmd_reach_ws *bmd_reach_ws_alloc(const struct bmd_scenario *sc) {
  struct bmd_reach_ws *ws = calloc(1, sizeof *ws);
  if (!ws) return NULL;
  ws->sc = sc;
  ws->stride = 1;
  ws->radars = calloc((size_t)sc->nradars + 1, sizeof *ws->radars);
  ws->last_scan = calloc((size_t)sc->nradars + 1, sizeof *ws->last_scan);
  ws->next_look = calloc((size_t)sc->nradars + 1, sizeof *ws->next_look);
  ws->rdet_m = calloc((size_t)sc->nradars + 1, sizeof *ws->rdet_m);
  ws->tab = calloc((size_t)sc->nsites + 1, sizeof *ws->tab);
  if (!ws->radars || !ws->last_scan || !ws->next_look || !ws->rdet_m || !ws->tab) {
    bmd_reach_ws_free(ws);
    return NULL;
  }
  for (int k = 0; k < sc->nradars; k++)
    bmd_radar_init(&ws->radars[k], sc->radars[k].type, sc->radars[k].lat_deg,
                   sc->radars[k].lon_deg, sc->radars[k].alt_m, sc->radars[k].boresight_az_deg);
  return ws;
}

void bmd_reach_ws_set_stride(struct bmd_reach_ws *ws, int stride) {
  ws->stride = stride > 1 ? stride : 1;
}

void bmd_reach_ws_free(struct bmd_reach_ws *ws) {
  if (!ws) return;
  free(ws->radars);
  free(ws->last_scan);
  free(ws->next_look);
  free(ws->rdet_m);
  if (ws->tab)
    for (int s = 0; s < ws->sc->nsites; s++) bmd_engage_table_release(&ws->tab[s]);
  free(ws->tab);
  bmd_scan_track_release(&ws->trk);
  free(ws);
}

void bmd_reach_cue(struct bmd_reach_ws *ws, const struct bmd_traj_result *tj, double rcs_dbsm,
                   struct bmd_reach_cue *cue) {
  const struct bmd_scenario *sc = ws->sc;
  int cued = 0, nupd = 0, fcupd = 0;
  long hint = 0;
  cue->ew_t_s = cue->detect_t_s = cue->firm_t_s = nan("");
  cue->detect_radar = cue->firm_radar = -1;
  /* the threat closes on a radar at most this fast (traj.h) */
  const double vmax = bmd_traj_speed_bound(tj);
  for (int k = 0; k < sc->nradars; k++) {
    ws->last_scan[k] = -HUGE_VAL;
    ws->next_look[k] = -HUGE_VAL;
    ws->rdet_m[k] = bmd_radar_detection_range_m(ws->radars[k].type, rcs_dbsm);
  }
  /* the engine's sense() step, without measurement noise: early warning after its delay,
     each radar at its update interval, cue-dependent radars once cued, a firm track after
     firm_track_updates measurements with at least one by a fire-control radar */
  for (double t = 0.0; t < tj->impact_t_s; t += TICK_S) {
    double r[3];
    if (!bmd_traj_state_at(tj, t, &hint, r, NULL)) break;
    if (sc->ew && !cued && t >= sc->ew->detect_delay_s) {
      cued = 1;
      cue->ew_t_s = t;
    }
    for (int k = 0; k < sc->nradars; k++) {
      const struct bmd_radar *rd = &ws->radars[k];
      if (t - ws->last_scan[k] < rd->type->update_s) continue;
      if (rd->type->needs_cue && !cued) continue;
      if (t < ws->next_look[k]) continue;
      {
        /* beyond the detection range (plus 1 m against the rounding of radar.c's own
           range), the target cannot be seen before it has closed the difference at vmax:
           skip the looks until then (the same detections, fewer looks) */
        double dx = r[0] - rd->r_ecef_m[0], dy = r[1] - rd->r_ecef_m[1], dz = r[2] - rd->r_ecef_m[2];
        double d = sqrt(dx * dx + dy * dy + dz * dz), rdet = ws->rdet_m[k];
        if (d > rdet + 1.0) {
          ws->next_look[k] = t + (d - rdet - 1.0) / vmax;
          continue;
        }
      }
      if (!bmd_radar_sees(rd, r, ws->rdet_m[k])) continue;
      ws->last_scan[k] = t;
      nupd++;
      if (rd->type->fire_control) fcupd++;
      if (isnan(cue->detect_t_s)) {
        cue->detect_t_s = t;
        cue->detect_radar = k;
        cued = 1;
      }
      if (nupd >= sc->c2.firm_track_updates && fcupd > 0) {
        cue->firm_t_s = t;
        cue->firm_radar = k;
        break;
      }
    }
    if (!isnan(cue->firm_t_s)) break;
  }
  cue->cue_t_s = fmin(isnan(cue->ew_t_s) ? HUGE_VAL : cue->ew_t_s,
                      isnan(cue->detect_t_s) ? HUGE_VAL : cue->detect_t_s);
  if (cue->cue_t_s == HUGE_VAL) cue->cue_t_s = 0.0;
}

void bmd_reach_params(const struct bmd_scenario *sc, int s, double ready_t_s, double dt_s,
                      struct bmd_engage_params *p) {
  const struct bmd_scen_site *st = &sc->sites[s];
  const struct bmd_missile *ic = st->interceptor;
  p->site_lat_deg = st->lat_deg;
  p->site_lon_deg = st->lon_deg;
  p->site_alt_m = st->alt_m;
  p->ready_t_s = ready_t_s;
  bmd_kill_vehicle_limits(&ic->kv, p);
  p->dt_s = dt_s;
}

double bmd_reach_ground_m(const struct bmd_fan *fan, const struct bmd_kill_vehicle *kv) {
  struct bmd_engage_params lim;
  double r;
  bmd_kill_vehicle_limits(kv, &lim);
  r = bmd_fan_ground_reach(fan, lim.min_alt_m, isinf(lim.max_alt_m) ? 0.0 : lim.max_alt_m, lim.max_tof_s);
  return lim.max_range_m > 0.0 ? fmin(r, lim.max_range_m) : r;
}

/* sequential opportunities from ready time ready: the earliest intercept over all sites,
   then (after the kill assessment and a new decision, as the engine re-engages) the next */
static int chain(const struct bmd_reach_ws *ws, const struct bmd_reach *r, double ready,
                 int *first_site, struct bmd_intercept *first) {
  const struct bmd_scenario *sc = ws->sc;
  int n = 0;
  *first_site = -1;
  memset(first, 0, sizeof *first);
  while (n < BMD_REACH_MAX_OPPORTUNITIES) {
    int best = -1;
    struct bmd_engage_result er, best_er;
    for (int s = 0; s < sc->nsites; s++) {
      if (!r->site[s].all.feasible) continue;
      bmd_engage_table_solve(&ws->tab[s], ready, &er);
      if (er.feasible && (best < 0 || er.earliest.t_s < best_er.earliest.t_s)) {
        best = s;
        best_er = er;
      }
    }
    if (best < 0) break;
    if (n == 0) {
      *first_site = best;
      *first = best_er.earliest;
    }
    n++;
    ready = best_er.earliest.t_s + sc->c2.kill_assessment_s + sc->c2.decision_latency_s;
  }
  return n;
}

int bmd_reach_eval(struct bmd_reach_ws *ws, struct bmd_fancache *fc,
                   const struct bmd_traj_result *tj, double rcs_dbsm, double dt_s,
                   struct bmd_reach *r) {
  const struct bmd_scenario *sc = ws->sc;
  double ready_kin, ready_eng;
  memset(r, 0, sizeof *r);
  if (!tj || tj->nsamples < 2 || !(dt_s > 0.0)) return BMD_EINVAL;
  r->nsites = sc->nsites;
  r->site = calloc((size_t)sc->nsites + 1, sizeof *r->site);
  if (!r->site) return BMD_ENOMEM;
  bmd_reach_cue(ws, tj, rcs_dbsm, &r->cue);
  {
    int st = bmd_scan_track_set(&ws->trk, tj, &sc->phys, dt_s);
    if (st != BMD_OK) {
      bmd_reach_release(r);
      return st;
    }
  }
  ready_kin = r->cue.cue_t_s + sc->c2.decision_latency_s;
  ready_eng = isnan(r->cue.firm_t_s) ? HUGE_VAL : r->cue.firm_t_s + sc->c2.decision_latency_s;
  for (int s = 0; s < sc->nsites; s++) {
    struct bmd_reach_site *rs = &r->site[s];
    struct bmd_engage_params p;
    const struct bmd_fan *fan;
    int st;
    /* the fan's sector from the cheap azimuth where it is clear of the sector's edges
       (twice the approximation's bound), else from the exact one */
    rs->fan_az_deg = bmd_engage_fan_azimuth_approx(tj, &sc->phys, sc->sites[s].lat_deg, sc->sites[s].lon_deg);
    if (!bmd_fancache_clear_of_edges(fc, rs->fan_az_deg, 2.0 * BMD_FAN_AZ_APPROX_DEG))
      rs->fan_az_deg = bmd_engage_fan_azimuth(tj, &sc->phys, sc->sites[s].lat_deg, sc->sites[s].lon_deg);
    fan = bmd_fancache_get(fc, s, rs->fan_az_deg);
    bmd_engage_table_release(&ws->tab[s]);
    if (!fan) {
      bmd_reach_release(r);
      return BMD_ENOMEM;
    }
    bmd_reach_params(sc, s, 0.0, dt_s, &p);
    st = bmd_engage_table_build_coarse(&ws->tab[s], fan, &ws->trk, &p, ws->stride);
    if (st != BMD_OK) {
      bmd_reach_release(r);
      return st;
    }
    bmd_engage_table_solve(&ws->tab[s], -HUGE_VAL, &rs->all);
    bmd_engage_table_solve(&ws->tab[s], ready_kin, &rs->kin);
    bmd_engage_table_solve(&ws->tab[s], ready_eng, &rs->eng);
    if (!rs->eng.feasible && rs->all.feasible && isnan(r->cue.firm_t_s)) rs->eng.reason = BMD_ENGAGE_NOT_TRACKED;
  }
  r->kin_opportunities = chain(ws, r, ready_kin, &r->kin_first_site, &r->kin_first);
  r->opportunities = isnan(r->cue.firm_t_s) ? 0 : chain(ws, r, ready_eng, &r->first_site, &r->first);
  if (r->opportunities == 0) r->first_site = -1;
  return BMD_OK;
}

void bmd_reach_release(struct bmd_reach *r) {
  if (!r) return;
  free(r->site);
  r->site = NULL;
  r->nsites = 0;
}
