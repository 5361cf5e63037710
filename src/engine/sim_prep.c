/* sim_prep.c - the prepared part of the engine's runs (sim.h): every threat aimed and
   flown once, the radars placed, the fans and engagement tables built. */
#include <bmd/sim.h>

#include <math.h>
#include <stdlib.h>

#include <bmd/aim.h>
#include <bmd/status.h>

#include "sim_impl.h"

/* Fans are shared by the threats of one site whose corridors lie in the same 20-degree
   azimuth sector: off its azimuth by up to 10 degrees a fan is within ~1% (test_fan
   measures 2-3% at 30 degrees). */
#define FAN_SECTOR_DEG 20.0
#define FAN_SECTORS 18
#define FAN_DT_S 2.0
#define FAN_TMAX_S 1800.0

/* sector of the fan of site s for flight tj (the fan along the corridor's azimuth) */
static int fan_sector(const struct bmd_scenario *sc, int s, const struct bmd_traj_result *tj) {
  const struct bmd_scen_site *st = &sc->sites[s];
  double az = bmd_engage_fan_azimuth(tj, &sc->phys, st->lat_deg, st->lon_deg);
  return (int)floor(fmod(az + 360.0, 360.0) / FAN_SECTOR_DEG) % FAN_SECTORS;
}

const struct bmd_scenario *bmd_sim_prep_scenario(const struct bmd_sim_prep *p) { return p->sc; }

void bmd_sim_prep_free(struct bmd_sim_prep *p) {
  if (!p) return;
  if (p->traj)
    for (int i = 0; i < p->nthreats; i++) bmd_traj_result_release(&p->traj[i]);
  if (p->fans)
    for (int k = 0; k < p->nsites * FAN_SECTORS; k++) bmd_fan_release(&p->fans[k]);
  if (p->tab)
    for (int k = 0; k < p->nthreats * p->nsites; k++) bmd_engage_table_release(&p->tab[k]);
  if (p->btab)
    for (int k = 0; k < p->nthreats * p->nsites; k++) bmd_battle_table_release(&p->btab[k]);
  free(p->tab);
  free(p->btab);
  free(p->traj);
  free(p->alias);
  free(p->radars);
  free(p->fans);
  free(p->fan_of);
  free(p->sspk);
  free(p->launcher_off);
  bmd_sim_sense_release(p);
  bmd_sim_dmg_release(p);
  free(p);
}

int bmd_sim_prep_alloc(const struct bmd_scenario *sc, struct bmd_sim_prep **out, struct bmd_diag *d,
                       bmd_sim_progress progress, void *pctx) {
  struct bmd_sim_prep *p = calloc(1, sizeof *p);
  struct bmd_traj_opts o;
  char *built = NULL;
  int st = BMD_OK;
  size_t nt, ns;
  double tmax = 0.0;

  *out = NULL;
  if (!p) {
    st = BMD_ENOMEM;
    goto fail;
  }
  p->sc = sc;
  p->nthreats = sc->nthreats;
  p->nsites = sc->nsites;
  p->nradars = sc->nradars;
  nt = (size_t)sc->nthreats;
  ns = (size_t)sc->nsites;
  p->traj = calloc(nt + 1, sizeof *p->traj);
  p->alias = calloc(nt + 1, sizeof *p->alias);
  p->radars = calloc((size_t)sc->nradars + 1, sizeof *p->radars);
  p->fans = calloc(ns * FAN_SECTORS + 1, sizeof *p->fans);
  p->fan_of = calloc(nt * ns + 1, sizeof *p->fan_of);
  p->sspk = calloc(nt * ns + 1, sizeof *p->sspk);
  p->tab = calloc(nt * ns + 1, sizeof *p->tab);
  p->btab = calloc(nt * ns + 1, sizeof *p->btab);
  p->launcher_off = calloc(ns + 1, sizeof *p->launcher_off);
  built = calloc(ns * FAN_SECTORS + 1, 1);
  if (!p->traj || !p->alias || !p->radars || !p->fans || !p->fan_of || !p->sspk || !p->tab || !p->btab || !p->launcher_off || !built) {
    st = BMD_ENOMEM;
    goto fail;
  }
  for (int s = 0; s < sc->nsites; s++) {
    p->launcher_off[s] = p->nlaunchers;
    p->nlaunchers += sc->sites[s].launchers;
    for (int i = 0; i < sc->nthreats; i++)
      p->sspk[(size_t)s * nt + (size_t)i] = bmd_scenario_sspk(sc, sc->sites[s].interceptor, sc->threats[i].missile);
  }
  for (int k = 0; k < sc->nradars; k++)
    bmd_radar_init(&p->radars[k], sc->radars[k].type, sc->radars[k].lat_deg, sc->radars[k].lon_deg,
                   sc->radars[k].alt_m, sc->radars[k].boresight_az_deg);

  /* the threats' trajectories, aimed and flown once; threats on one path share a flight
     (the same missile on the same path: the same flight, shifted in time) */
  bmd_traj_opts_default(&o);
  o.phys = sc->phys;
  if (bmd_scenario_shots(sc, p->alias) < 0) {
    st = BMD_ENOMEM;
    goto fail;
  }
  for (int i = 0; i < sc->nthreats; i++) {
    const struct bmd_scen_threat *tq = &sc->threats[i];
    struct bmd_aim_request rq = {(enum bmd_aim_kind)tq->traj_kind, tq->apogee_km, tq->from_lat_deg,
                                 tq->from_lon_deg, tq->from_alt_m, tq->to_lat_deg, tq->to_lon_deg, 0.0, 0, 0.0, 0};
    struct bmd_aim_result ar;
    if (p->alias[i] == i) {
      int as = bmd_aim_solve(&tq->missile->vehicle, &o, &rq, &ar);
      if (as != BMD_OK) {
        /* impossible (or a shape that contradicts itself) is the scenario's fault; a
           solver failure is not (aim.h) */
        char why[512];
        bmd_diag_set(d, sc->file, 0, 0, "threat '%s': %s from %s: target %s %s", tq->id,
                     tq->missile->name, tq->from, tq->to, bmd_aim_explain(as, &rq, &ar, why, sizeof why));
        st = as == BMD_ERANGE || as == BMD_EINVAL ? BMD_ERANGE : as == BMD_ENOMEM ? as : BMD_ESOLVER;
        goto fail;
      }
      struct bmd_traj_opts ro = o;
      ro.record = 1;
      ro.io.h_max_s = 2.0;
      if (bmd_traj_fly(&tq->missile->vehicle, &ro, rq.lat_deg, rq.lon_deg, rq.alt_m, &ar.control, &p->traj[i]) != BMD_OK) {
        st = BMD_ENOMEM;
        goto fail;
      }
      if (p->traj[i].impact_t_s > tmax) tmax = p->traj[i].impact_t_s;
    }
    if (progress) progress(pctx, i + 1, sc->nthreats);
  }

  /* the fans, for every site and every sector a corridor needs, out to the longest flight */
  if (tmax > FAN_TMAX_S) tmax = FAN_TMAX_S;
  for (int i = 0; i < sc->nthreats; i++)
    for (int s = 0; s < sc->nsites; s++) {
      const struct bmd_scen_site *st_ = &sc->sites[s];
      int k;
      if (p->alias[i] != i) {
        p->fan_of[(size_t)i * ns + (size_t)s] = p->fan_of[(size_t)p->alias[i] * ns + (size_t)s];
        continue;
      }
      k = s * FAN_SECTORS + fan_sector(sc, s, &p->traj[i]);
      p->fan_of[(size_t)i * ns + (size_t)s] = k;
      if (built[k]) continue;
      if (bmd_fan_build(&p->fans[k], &st_->interceptor->vehicle, &sc->phys, st_->lat_deg, st_->lon_deg,
                        st_->alt_m, (k % FAN_SECTORS + 0.5) * FAN_SECTOR_DEG, tmax, FAN_DT_S) != BMD_OK) {
        st = BMD_ENOMEM;
        goto fail;
      }
      built[k] = 1;
    }

  /* the engagement tables, flight by site; then the fans are no longer needed */
  for (int i = 0; i < sc->nthreats; i++)
    for (int s = 0; s < sc->nsites; s++) {
      const struct bmd_scen_site *st_ = &sc->sites[s];
      const struct bmd_missile *ic = st_->interceptor;
      struct bmd_engage_params ep;
      if (p->alias[i] != i) continue;
      ep.site_lat_deg = st_->lat_deg;
      ep.site_lon_deg = st_->lon_deg;
      ep.site_alt_m = st_->alt_m;
      ep.ready_t_s = 0.0; /* unused by the table */
      bmd_kill_vehicle_limits(&ic->kv, &ep);
      ep.dt_s = 1.0;
      st = bmd_engage_table_build(&p->tab[(size_t)i * ns + (size_t)s], &p->fans[p->fan_of[(size_t)i * ns + (size_t)s]],
                                  &p->traj[i], &sc->phys, &ep);
      if (st == BMD_OK) st = bmd_battle_table_init(&p->btab[(size_t)i * ns + (size_t)s], &p->tab[(size_t)i * ns + (size_t)s]);
      if (st != BMD_OK) goto fail;
    }
  for (int k = 0; k < p->nsites * FAN_SECTORS; k++) bmd_fan_release(&p->fans[k]);
  /* when each radar sees each flight */
  st = bmd_sim_sense_prep(p);
  /* which defence elements each impact can reach (battle damage) */
  if (st == BMD_OK) st = bmd_sim_dmg_prep(p);
  if (st != BMD_OK) goto fail;
  free(built);
  *out = p;
  return BMD_OK;
fail:
  if (st != BMD_ERANGE && st != BMD_ESOLVER) bmd_diag_set(d, sc->file, 0, 0, "%s", bmd_strerror(st));
  free(built);
  bmd_sim_prep_free(p);
  return st;
}
