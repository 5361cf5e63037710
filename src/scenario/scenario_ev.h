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

#endif
