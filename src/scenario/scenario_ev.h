/* scenario_ev.h - the evidence of a parsed scenario (scenario_ev.c), for scenario.c only. */
#ifndef BMD_SCENARIO_EV_H
#define BMD_SCENARIO_EV_H

#include <bmd/diag.h>

struct bmd_scenario;
struct bmd_yamldoc;

/* bmd_scenario_collect_evidence - sc->ev, from the scenario document ys (NULL when
   composed), its architecture ya and attack yt (ys itself when inline; NULL when absent):
   the documents' citations (source keys resolved in
   sc->cat's bibliography; an unknown key is an error at its place), one record per value it
   sets, and one per default that parsing applied. Returns BMD_OK, BMD_EPARSE or
   BMD_ENOMEM. */
int bmd_scenario_collect_evidence(struct bmd_scenario *sc, const struct bmd_yamldoc *ys,
                                  const struct bmd_yamldoc *ya, const struct bmd_yamldoc *yt,
                                  struct bmd_diag *d);

/* The threat complexes of a scenario (scenario_payload.c), for scenario.c only. */
struct bmd_catalog;

/* bmd_scen_point_string - map[key], a site slug or "lat,lon", into lat, lon, alt and its
   label (scenario.c). */
int bmd_scen_point_string(const struct bmd_yamldoc *y, int m, const char *key, const struct bmd_catalog *cat,
                          double *lat, double *lon, double *alt, char *label, struct bmd_diag *d);

/* bmd_scenario_expand_payloads - after the threats (node seq, one entry per threat as
   parsed) are read: each threat with a 'payload:' becomes one threat per object, its RVs
   aimed by 'rv_targets:' (scenario.h). Returns BMD_OK, BMD_EPARSE or BMD_ENOMEM. */
int bmd_scenario_expand_payloads(struct bmd_scenario *sc, const struct bmd_yamldoc *y, int seq,
                                 const struct bmd_catalog *cat, struct bmd_diag *d);

#endif
