/* scenario_ev.c - a scenario's citations, its values and the defaults it relied on
   (scenario_ev.h, evidence.h). */
#include "scenario_ev.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/evidence.h>
#include <bmd/scenario.h>
#include <bmd/shape.h>
#include <bmd/status.h>
#include <bmd/yamldoc.h>

/* one default: the field (under prefix), its value and why it was taken */
static int dflt(struct bmd_scenario *sc, const char *prefix, const char *key, const char *value,
                enum bmd_evidence_class cls, const char *note) {
  char field[160];
  snprintf(field, sizeof field, "%.60s%.60s", prefix, key);
  return bmd_evidence_add(sc->ev, BMD_EVS_SCENARIO, sc->name, field, value, 1, cls, note) < 0
             ? BMD_ENOMEM : BMD_OK;
}

#define ABSENT(map, key) (!(map) || !bmd_yamldoc_get(y, (map), (key)))
#define TRY(x) do { int st_ = (x); if (st_ != BMD_OK) return st_; } while (0)

static int defaults(struct bmd_scenario *sc, const struct bmd_yamldoc *ys, const struct bmd_yamldoc *ya,
                    const struct bmd_yamldoc *yt) {
  /* the scenario's own keys from ys, the architecture's from ya, the attack's from yt
     (one document when inline; a missing one holds nothing) */
  const struct bmd_yamldoc *y = ys;
  int root = ys ? bmd_yamldoc_root(ys) : 0, unc = root ? bmd_yamldoc_get(ys, root, "uncertainty") : 0,
      phys = root ? bmd_yamldoc_get(ys, root, "physics") : 0,
      seed_given = (root && bmd_yamldoc_get(ys, root, "seed")) ||
                   (yt && bmd_yamldoc_get(yt, bmd_yamldoc_root(yt), "seed"));
  int c2 = ya ? bmd_yamldoc_get(ya, bmd_yamldoc_root(ya), "c2") : 0,
      sites = ya ? bmd_yamldoc_get(ya, bmd_yamldoc_root(ya), "sites") : 0,
      threats = yt ? bmd_yamldoc_get(yt, bmd_yamldoc_root(yt), "threats") : 0;
  char v[64], p[64];
  if (!seed_given) {
    snprintf(v, sizeof v, "%llu", (unsigned long long)sc->seed);
    TRY(dflt(sc, "", "seed", v, BMD_EV_CHOSEN, "The default random seed; another seed can give another outcome."));
  }
  if (ABSENT(phys, "earth"))
    TRY(dflt(sc, "physics.", "earth", "wgs84-j2", BMD_EV_CHOSEN, "The default Earth model: WGS-84 ellipsoid, point-mass plus J2 gravity."));
  if (ABSENT(phys, "rotation"))
    TRY(dflt(sc, "physics.", "rotation", "on", BMD_EV_CHOSEN, "The default: the Earth rotates."));
  if (ABSENT(phys, "drag"))
    TRY(dflt(sc, "physics.", "drag", "on", BMD_EV_CHOSEN, "The default: aerodynamic drag in the US 1976 standard atmosphere."));
  y = ya;
  if (ya && ABSENT(c2, "priority"))
    TRY(dflt(sc, "c2.", "priority", "time-to-impact", BMD_EV_CHOSEN, "The default: threats are engaged in order of time to impact."));
  if (ya && ABSENT(c2, "firm_track_updates")) {
    snprintf(v, sizeof v, "%d", sc->c2.firm_track_updates);
    TRY(dflt(sc, "c2.", "firm_track_updates", v, BMD_EV_ASSUMED,
             "bmdsim's default number of radar updates that make a firm (fire-control) track; no public figure."));
  }
  if (ya && ABSENT(c2, "kv_homing_s")) {
    snprintf(v, sizeof v, "%g", sc->c2.kv_homing_s);
    TRY(dflt(sc, "c2.", "kv_homing_s", v, BMD_EV_ASSUMED,
             "bmdsim's default terminal homing time of a kill vehicle, which sets the divert a shot needs; no public figure."));
  }
  if (ya && ABSENT(c2, "track_process_noise_m2ps3")) {
    snprintf(v, sizeof v, "%g", sc->c2.track_q_m2ps3);
    TRY(dflt(sc, "c2.", "track_process_noise_m2ps3", v, BMD_EV_ASSUMED,
             "bmdsim's default process noise of the radar tracker (docs/models/tracking.md)."));
  }
  {
    static const char *const uk[] = {"launch_time_sigma_s", "ew_delay_sigma_s", "decision_latency_sigma_s",
                                     "sspk_sigma", "reliability_sigma", NULL};
    y = ys;
    for (const char *const *k = uk; *k; k++)
      if (ABSENT(unc, *k))
        TRY(dflt(sc, "uncertainty.", *k, "0", BMD_EV_ASSUMED,
                 "Not given: no spread (bmdsim mc draws this quantity at its scenario value in every trial)."));
  }
  /* per key, then per site or threat, so that the records of one default are together */
  y = ya;
  for (int i = 0; i < sc->nsites; i++) {
    int m = bmd_yamldoc_seq_at(y, sites, i);
    snprintf(p, sizeof p, "sites[%.40s].", sc->sites[i].name);
    if (ABSENT(m, "launchers")) {
      snprintf(v, sizeof v, "%d", sc->sites[i].launchers);
      TRY(dflt(sc, p, "launchers", v, BMD_EV_ASSUMED, "Not given: one launcher per interceptor in the inventory."));
    }
  }
  for (int i = 0; i < sc->nsites; i++) {
    snprintf(p, sizeof p, "sites[%.40s].", sc->sites[i].name);
    if (ABSENT(bmd_yamldoc_seq_at(y, sites, i), "reload_s"))
      TRY(dflt(sc, p, "reload_s", "0", BMD_EV_ASSUMED, "Not given: a launcher fires once (no reload during the engagement)."));
  }
  y = yt;
  for (int k = 0; k < 4; k++)
    for (int i = 0; i < sc->nthreats; i++) {
      int m = bmd_yamldoc_seq_at(y, threats, i);
      snprintf(p, sizeof p, "threats[%.40s].", sc->threats[i].id);
      if (k == 0 && ABSENT(m, "launch_s"))
        TRY(dflt(sc, p, "launch_s", "0", BMD_EV_CHOSEN, "Not given: launched at the scenario's start."));
      if (k == 1 && ABSENT(m, "trajectory")) {
        const struct bmd_missile *ms = sc->threats[i].missile;
        if (ms->traj_kind == BMD_AIM_MIN_ENERGY) {
          TRY(dflt(sc, p, "trajectory", "min-energy", BMD_EV_CHOSEN, "Not given: a minimum-energy trajectory to the target."));
        } else {
          /* the catalog's default flight, with its own evidence (data/missiles.yaml) */
          char note[256];
          bmd_shape_format(ms->traj_kind, ms->traj_apogee_km, v, sizeof v);
          snprintf(note, sizeof note, "Not given: %.48s's default flight in the catalog (bmdsim catalog --name %.48s).",
                   ms->name, ms->name);
          TRY(dflt(sc, p, "trajectory", v, bmd_evidence_class_of(&sc->cat->ev, bmd_evidence_value(&sc->cat->ev, bmd_catalog_section(ms), ms->name, "trajectory.default")), note));
        }
      }
      if (k == 2 && ABSENT(m, "rcs_dbsm")) {
        snprintf(v, sizeof v, "%g", sc->threats[i].rcs_dbsm);
        TRY(dflt(sc, p, "rcs_dbsm", v, BMD_EV_ASSUMED,
                 "Not given: bmdsim's default radar cross section of a warhead-size object; no public figure."));
      }
      if (k == 3 && ABSENT(m, "value")) TRY(dflt(sc, p, "value", "1", BMD_EV_CHOSEN, "Not given: every target valued alike."));
    }
  return BMD_OK;
}

int bmd_scenario_collect_evidence(struct bmd_scenario *sc, const struct bmd_yamldoc *ys,
                                  const struct bmd_yamldoc *ya, const struct bmd_yamldoc *yt,
                                  struct bmd_diag *d) {
  int st = BMD_OK;
  sc->ev = calloc(1, sizeof *sc->ev);
  if (!sc->ev) return BMD_ENOMEM;
  sc->ev->bib = &sc->cat->bib;
  if (ys) st = bmd_evidence_collect(sc->ev, ys, bmd_yamldoc_root(ys), BMD_EVS_SCENARIO, sc->name, 0, NULL, d);
  if (st == BMD_OK && ya && ya != ys)
    st = bmd_evidence_collect(sc->ev, ya, bmd_yamldoc_root(ya), BMD_EVS_SCENARIO, sc->name, 0, NULL, d);
  if (st == BMD_OK && yt && yt != ys && yt != ya)
    st = bmd_evidence_collect(sc->ev, yt, bmd_yamldoc_root(yt), BMD_EVS_SCENARIO, sc->name, 0, NULL, d);
  if (st == BMD_OK) st = defaults(sc, ys, ya, yt);
  return st;
}
