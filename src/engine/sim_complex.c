/* sim_complex.c - the prepared flights of threat complexes (sim.h, complex.h): for each
   threat entry with a payload, the bus aimed and flown as the missile's own flight, then
   every object released from it and flown to its end; each object is then a threat of its
   own to the engine (its flight in the prep's traj). */
#include <bmd/sim.h>

#include <stdlib.h>
#include <string.h>

#include <bmd/aim.h>
#include <bmd/complex.h>
#include <bmd/status.h>

#include "sim_impl.h"

/* the complex of the entry whose first object is threat e (objects e .. e + nobj - 1) */
static int fly_entry(struct bmd_sim_prep *p, const struct bmd_traj_opts *o, int e, struct bmd_diag *d) {
  const struct bmd_scenario *sc = p->sc;
  const struct bmd_scen_threat *tq = &sc->threats[e];
  const struct bmd_complex_spec *cs = &tq->payload->spec;
  struct bmd_aim_request rq = {(enum bmd_aim_kind)tq->traj_kind, tq->apogee_km, tq->from_lat_deg,
                               tq->from_lon_deg, tq->from_alt_m, tq->to_lat_deg, tq->to_lon_deg, 0.0, 0, 0.0, 0};
  struct bmd_aim_result ar;
  struct bmd_traj_result bus;
  struct bmd_traj_opts ro = *o;
  struct bmd_complex_object *ob = calloc((size_t)cs->nobj, sizeof *ob);
  double aim[2 * BMD_COMPLEX_MAX_OBJECTS];
  char why[256];
  int st, r = 0;
  memset(&bus, 0, sizeof bus);
  if (!ob) return BMD_ENOMEM;
  st = bmd_aim_solve(&tq->missile->vehicle, o, &rq, &ar);
  if (st != BMD_OK) {
    char ex[512];
    bmd_diag_set(d, sc->file, 0, 0, "threat '%s': %s from %s: target %s %s", tq->id, tq->missile->name, tq->from, tq->to,
                 bmd_aim_explain(st, &rq, &ar, ex, sizeof ex));
    free(ob);
    return st == BMD_ERANGE || st == BMD_EINVAL ? BMD_ERANGE : st == BMD_ENOMEM ? st : BMD_ESOLVER;
  }
  ro.record = 1;
  ro.io.h_max_s = 2.0;
  st = bmd_traj_fly(&tq->missile->vehicle, &ro, rq.lat_deg, rq.lon_deg, rq.alt_m, &ar.control, &bus);
  for (int k = 0; k < cs->nobj; k++)
    if (bmd_object_is_rv(cs->obj[k].kind)) {
      aim[2 * r] = sc->threats[e + k].aim_lat_deg;
      aim[2 * r + 1] = sc->threats[e + k].aim_lon_deg;
      r++;
    }
  if (st == BMD_OK) st = bmd_complex_fly(cs, &bus, &ro, aim, ob, why, sizeof why);
  else why[0] = 0;
  bmd_traj_result_release(&bus);
  if (st != BMD_OK) {
    if (st != BMD_ENOMEM) {
      const char *dot = strrchr(tq->id, '.');
      bmd_diag_set(d, sc->file, 0, 0, "threat '%.*s': payload %s: %s", dot ? (int)(dot - tq->id) : (int)strlen(tq->id), tq->id,
                   tq->payload->name, why[0] ? why : bmd_strerror(st));
      st = st == BMD_ERANGE || st == BMD_EINVAL ? BMD_ERANGE : BMD_ESOLVER;
    }
    free(ob);
    return st;
  }
  /* each object's flight to its threat (the flights of aliased objects are their first's) */
  for (int k = 0; k < cs->nobj; k++) {
    if (p->alias[e + k] == e + k) p->traj[e + k] = ob[k].traj;
    else bmd_traj_result_release(&ob[k].traj);
  }
  free(ob);
  return BMD_OK;
}

int bmd_sim_fly_complexes(struct bmd_sim_prep *p, const struct bmd_traj_opts *o, struct bmd_diag *d) {
  const struct bmd_scenario *sc = p->sc;
  for (int i = 0; i < sc->nthreats; i++) {
    const struct bmd_scen_threat *tq = &sc->threats[i];
    int need = 0, st;
    if (!tq->payload || tq->entry != i) continue;
    for (int k = 0; k < tq->payload->spec.nobj; k++) need |= p->alias[i + k] == i + k;
    if (!need) continue;
    st = fly_entry(p, o, i, d);
    if (st != BMD_OK) return st;
  }
  return BMD_OK;
}
