/*
 * assumptions.h - what an answer rests on: the catalog entries a scenario (or an analysis
 * over it) uses, each with the evidence behind its values, and every value the answer
 * depends on that no source publishes: estimated, assumed or chosen values, values a
 * scenario leaves uncited, and the defaults bmdsim applied. run, mc, footprint and coverage
 * put this list into their JSON summaries and HTML reports (assumptionsout.h, report.h).
 *
 * Published and derived values are counted per entry but not listed one by one (their
 * sources are); fitted values (the stages' Isp) are counted, and the stated performance
 * they are fitted to is listed when it is not published.
 */
#ifndef BMD_ASSUMPTIONS_H
#define BMD_ASSUMPTIONS_H

#include "evidence.h"

struct bmd_catalog;
struct bmd_missile;
struct bmd_scenario;

struct bmd_assumption_entry {
  enum bmd_evidence_section section;
  char name[64];
  char title[160];
  enum bmd_evidence_class performance;  /* a missile's stated range or burnout speed;
                                           BMD_EV_NONE for other entries */
  int count[BMD_EV_N];                  /* its numeric values by class */
};

/* one listed value: record `value` of the evidence set ev */
struct bmd_assumption_item {
  const struct bmd_evidence *ev;
  int value;
};

struct bmd_assumptions {
  const struct bmd_catalog *cat;
  const struct bmd_evidence *scen;      /* the scenario's records, NULL if none */
  int nentries, cape;
  struct bmd_assumption_entry *entries;
  int nitems, capi;
  struct bmd_assumption_item *items;
};

/* What of the scenario an analysis uses (bmd_assumptions_build's flags). */
#define BMD_ASSUME_THREATS 1      /* the scenario's threats (run, mc, coverage; not footprint) */
#define BMD_ASSUME_UNCERTAINTY 2  /* its 'uncertainty' section (mc) */

/* bmd_assumptions_build - the scenario's own values (sc->ev) and the catalog entries it uses
   (sc->cat): interceptors, radar types, early warning, the catalog sites at its sites,
   radars and threat end points, and with BMD_ASSUME_THREATS the threat missiles and the
   drag tables of every missile listed. Returns BMD_OK or BMD_ENOMEM (a is then empty). */
int bmd_assumptions_build(struct bmd_assumptions *a, const struct bmd_scenario *sc, int flags);

/* bmd_assumptions_add_missile - one more catalog missile (and its drag tables), e.g. the
   threat of a footprint. */
int bmd_assumptions_add_missile(struct bmd_assumptions *a, const struct bmd_missile *m);

/* bmd_assumptions_add_site - one more catalog site by name (a footprint's launch point);
   BMD_OK also when name is not a catalog site (a LAT,LON point). */
int bmd_assumptions_add_site(struct bmd_assumptions *a, const char *name);

/* bmd_assumptions_cited - fill used[0 .. bib->n) with 1 for every source cited by a value
   of the listed entries or of the scenario (the references an answer rests on). */
void bmd_assumptions_cited(const struct bmd_assumptions *a, unsigned char *used);

/* bmd_assumptions_scenario_cites - the citations the scenario gives for its structure (a
   'cite:' item that names a list or a text field, such as the architecture or the raid):
   fills idx[0 .. *n) with distinct citation indices into a->scen->cites (at most max), in
   file order, and fields[k] with the fields named, joined by ", ". */
void bmd_assumptions_scenario_cites(const struct bmd_assumptions *a, int *idx, char (*fields)[160],
                                    int max, int *n);

/* bmd_assumptions_release - free; accepts a zeroed list. */
void bmd_assumptions_release(struct bmd_assumptions *a);

#endif
