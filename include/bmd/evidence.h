/*
 * evidence.h - the bibliography (data/sources.yaml) and the evidence behind every value of
 * the catalog (the YAML files of data/) and of a scenario: which sources it rests on, what kind of
 * evidence it is, and a note in plain words. The format is documented in docs/data.md §4.
 *
 * In a data or scenario file, any mapping may carry a 'cite:' list; each item names fields
 * of that mapping and gives their evidence:
 *
 *   kill_vehicle:
 *     mass_kg: 60
 *     divert_mps: 600
 *     cite:
 *       - fields: [mass_kg]
 *         evidence: published
 *         sources: [reuters-2002-ekv, lewis-postol-2008-bas]
 *         note: "about 54 kg (Reuters 2002) and about 60 kg (Lewis & Postol 2008); 60 kg used"
 *       - fields: [divert_mps]
 *         evidence: assumed
 *         note: "no public figure; ..."
 *
 * A field named at an outer mapping covers everything inside it (a scenario's 'threats');
 * the innermost citation of a value wins. bmd_evidence_collect walks a YAML subtree once,
 * resolves every source key against the bibliography (an unknown key is an error at its
 * file:line:column), and keeps one record per value: the catalog's and the scenario's
 * "where does this number come from" that `bmdsim catalog --name`, the JSON outputs and the
 * reports' assumptions read.
 */
#ifndef BMD_EVIDENCE_H
#define BMD_EVIDENCE_H

#include <stddef.h>

#include "diag.h"

struct bmd_yamldoc;

/* The evidence classes, in order of strength. */
enum bmd_evidence_class {
  BMD_EV_NONE = 0,      /* no citation (user scenarios may leave values uncited) */
  BMD_EV_PUBLISHED,     /* the value, or a unit conversion of it, is stated in the sources */
  BMD_EV_DERIVED,       /* computed from published values; the note gives the calculation */
  BMD_EV_FITTED,        /* adjusted so that the simulation reproduces a stated performance */
  BMD_EV_ESTIMATED,     /* estimated from related published information; the note says from
                           what */
  BMD_EV_ASSUMED,       /* no published basis: a stated assumption for the reader to vary */
  BMD_EV_CHOSEN,        /* chosen for the model or the scenario (a notional placement, a band
                           chosen to reach the targets), not a claim about the world */
  BMD_EV_N
};

/* bmd_evidence_class_word - "published", ..., "chosen"; "unstated" for BMD_EV_NONE. */
const char *bmd_evidence_class_word(enum bmd_evidence_class c);

/* bmd_evidence_class_parse - the class named s, or -1. */
int bmd_evidence_class_parse(const char *s);

/* ---- the bibliography ------------------------------------------------------------------ */

#define BMD_SOURCE_KEY_MAX 64
#define BMD_SOURCE_MAX_URLS 4

struct bmd_source {
  char key[BMD_SOURCE_KEY_MAX];     /* slug cited by 'sources:' */
  char kind[16];                    /* journal | book | report | government | news | blog |
                                       dataset | reference-work */
  char authors[256];                /* "A. B. Author; C. Author"; "" for unsigned texts */
  char title[320];
  char venue[200];                  /* journal, publisher, site or agency */
  char date[16];                    /* YYYY, YYYY-MM or YYYY-MM-DD; "" if undated */
  int nurls;
  char url[BMD_SOURCE_MAX_URLS][256];
  char checked[1024];               /* what was verified in this text */
  char file[256];                   /* where it was defined (diagnostics) */
};

struct bmd_bib {
  int n, cap;
  struct bmd_source *s;
};

/* bmd_bib_parse - add the entries of a sources.yaml document (text[0..len), named name) to
   b. An entry whose key is already in b replaces it when replace is 1 (a --data copy's
   sources.yaml over the built-in one), and is an error when 0. Returns BMD_OK,
   BMD_EPARSE (d: file:line:column) or BMD_ENOMEM. */
int bmd_bib_parse(struct bmd_bib *b, const char *text, size_t len, const char *name,
                  int replace, struct bmd_diag *d);

/* bmd_bib_find - the index of key in b, or -1. */
int bmd_bib_find(const struct bmd_bib *b, const char *key);

/* bmd_bib_release - free; accepts a zeroed bibliography. */
void bmd_bib_release(struct bmd_bib *b);

/* ---- citations and value records -------------------------------------------------------- */

#define BMD_CITE_MAX_SOURCES 8
#define BMD_NOTE_MAX 1024

struct bmd_cite {
  enum bmd_evidence_class cls;
  int nsrc;
  int src[BMD_CITE_MAX_SOURCES];    /* indices into the bibliography */
  char note[BMD_NOTE_MAX];
  int line;                         /* where the item starts */
};

/* What a value belongs to. */
enum bmd_evidence_section {
  BMD_EVS_MISSILE = 0, BMD_EVS_INTERCEPTOR, BMD_EVS_SITE, BMD_EVS_RADAR,
  BMD_EVS_EARLY_WARNING, BMD_EVS_DRAG_TABLE, BMD_EVS_SCENARIO, BMD_EVS_PAYLOAD, BMD_EVS_N
};

/* bmd_evidence_section_word - "missile", "interceptor", "site", "radar", "early-warning",
   "drag-table", "scenario", "payload". */
const char *bmd_evidence_section_word(enum bmd_evidence_section s);

struct bmd_evalue {
  enum bmd_evidence_section section;
  char owner[64];                   /* the entry's slug (a scenario's name) */
  char field[96];                   /* path inside it: "kill_vehicle.divert_mps",
                                       "stages[2].isp_s", "sites[deveselu].inventory" */
  char value[64];                   /* as written ("400", "[4500, 4500]", "17 points"), or
                                       the value a default gave */
  int numeric;                      /* 1: a number or a list of numbers */
  int dflt;                         /* 1: not in the file; a default of bmdsim's */
  int cite;                         /* index into the citations, -1 if uncited */
  int line, col;
};

struct bmd_evidence {
  const struct bmd_bib *bib;        /* the bibliography the citations point into */
  int ncites, capc;
  struct bmd_cite *cites;
  int nvalues, capv;
  struct bmd_evalue *values;
};

/* bmd_evidence_collect - walk the YAML subtree at node (one catalog entry, or a whole
   scenario) and add one record per value under (section, owner): every number or list of
   numbers, and every other field a citation names. Each 'cite:' item is checked (fields
   exist in its mapping and are named once; evidence is a known class; 'published' and
   'derived' name at least one source; every class but 'published' has a note; every
   source key resolves in ev->bib). strict = 1 (data files): a number with no citation is an
   error. skip: NULL-terminated keys of node not
   walked (e.g. the fit record), may be NULL. Returns BMD_OK, BMD_EPARSE or BMD_ENOMEM. */
int bmd_evidence_collect(struct bmd_evidence *ev, const struct bmd_yamldoc *y, int node,
                         enum bmd_evidence_section section, const char *owner, int strict,
                         const char *const *skip, struct bmd_diag *d);

/* bmd_evidence_no_source - BMD_EPARSE, with a message that says what replaced it, if any
   mapping under node has the old free-text 'source:' key of data files; else BMD_OK. */
int bmd_evidence_no_source(const struct bmd_yamldoc *y, int node, struct bmd_diag *d);

/* bmd_evidence_add - one record made by bmdsim (a default it applied, a fit at load): the
   value text, its class and a note; no sources. Returns the record's index or -1 (out of
   memory). */
int bmd_evidence_add(struct bmd_evidence *ev, enum bmd_evidence_section section,
                     const char *owner, const char *field, const char *value, int dflt,
                     enum bmd_evidence_class cls, const char *note);

/* bmd_evidence_revise - give record v a citation of its own, of class cls with note (the
   sources of its old citation kept), and the value text text (if not NULL): a value that
   bmdsim changed at load (catfit.h). Returns BMD_OK or BMD_ENOMEM. */
int bmd_evidence_revise(struct bmd_evidence *ev, int v, const char *text,
                        enum bmd_evidence_class cls, const char *note);

/* bmd_evidence_find - the records of (section, owner): the index of the first and the
   count (0 if none). Records of one owner are contiguous. */
int bmd_evidence_find(const struct bmd_evidence *ev, enum bmd_evidence_section section,
                      const char *owner, int *first);

/* bmd_evidence_value - the record of one field of (section, owner), or NULL. */
const struct bmd_evalue *bmd_evidence_value(const struct bmd_evidence *ev,
                                            enum bmd_evidence_section section,
                                            const char *owner, const char *field);

/* bmd_evidence_class_of - the class of record v (BMD_EV_NONE if uncited). */
enum bmd_evidence_class bmd_evidence_class_of(const struct bmd_evidence *ev,
                                              const struct bmd_evalue *v);

/* bmd_evidence_unit - the unit a field's name gives ("kg" for "..._kg", "m/s" for
   "..._mps"); "" if none. */
const char *bmd_evidence_unit(const char *field);

/* bmd_evidence_release - free; accepts a zeroed set (does not free the bibliography). */
void bmd_evidence_release(struct bmd_evidence *ev);

#endif
