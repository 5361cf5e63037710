/*
 * assumptionsout.h - the evidence records and bibliography entries (evidence.h) and an
 * answer's assumptions (assumptions.h) as JSON, through cJSON: one shape for every command.
 *
 *   value:      {"entry", "section", "field", "value", "unit", "evidence", "sources", "note"}
 *               (+ "default": true when bmdsim applied it); "value" is a number when the
 *               file gave one number, else the text ("[4500, 4500]", "17 entries")
 *   reference:  {"key", "kind", "authors", "title", "venue", "date", "url": [...], "checked"}
 */
#ifndef BMD_ASSUMPTIONSOUT_H
#define BMD_ASSUMPTIONSOUT_H

#include <cjson/cJSON.h>

#include "assumptions.h"
#include "evidence.h"

/* bmd_evidence_value_json - record v of ev; NULL if out of memory. */
cJSON *bmd_evidence_value_json(const struct bmd_evidence *ev, int v);

/* bmd_source_json - one bibliography entry; NULL if out of memory. */
cJSON *bmd_source_json(const struct bmd_source *s);

/* bmd_assumptions_json_add - add to obj "scenario_citations" (what the scenario's own
   citations of its structure say: {"fields", "evidence", "sources", "note"}),
   "catalog_entries" (each entry used, with its values counted by evidence class and, for
   missiles, the class of the stated performance), "assumptions" (every listed value) and
   "references" (every source cited by the entries and the scenario). Returns 0, or -1 if
   out of memory. */
int bmd_assumptions_json_add(cJSON *obj, const struct bmd_assumptions *a);

#endif
