/* assumptionsout.c - evidence, references and assumptions as JSON (assumptionsout.h). */
#include <bmd/assumptionsout.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/catalog.h>

/* a single decimal number, or not */
static int one_number(const char *s, double *v) {
  char *end;
  if (!*s || strspn(s, "0123456789+-.eE") != strlen(s)) return 0;
  *v = strtod(s, &end);
  return *end == '\0' && isfinite(*v);
}

cJSON *bmd_evidence_value_json(const struct bmd_evidence *ev, int i) {
  const struct bmd_evalue *v = &ev->values[i];
  cJSON *o = cJSON_CreateObject(), *src = cJSON_CreateArray();
  double x;
  if (!o || !src) {
    cJSON_Delete(o);
    cJSON_Delete(src);
    return NULL;
  }
  cJSON_AddStringToObject(o, "entry", v->owner);
  cJSON_AddStringToObject(o, "section", bmd_evidence_section_word(v->section));
  cJSON_AddStringToObject(o, "field", v->field);
  if (one_number(v->value, &x)) cJSON_AddNumberToObject(o, "value", x);
  else cJSON_AddStringToObject(o, "value", v->value);
  cJSON_AddStringToObject(o, "unit", bmd_evidence_unit(v->field));
  cJSON_AddStringToObject(o, "evidence", bmd_evidence_class_word(bmd_evidence_class_of(ev, v)));
  if (v->cite >= 0)
    for (int k = 0; k < ev->cites[v->cite].nsrc; k++)
      cJSON_AddItemToArray(src, cJSON_CreateString(ev->bib->s[ev->cites[v->cite].src[k]].key));
  cJSON_AddItemToObject(o, "sources", src);
  cJSON_AddStringToObject(o, "note", v->cite >= 0 ? ev->cites[v->cite].note : "no citation given");
  if (v->dflt) cJSON_AddBoolToObject(o, "default", 1);
  return o;
}

cJSON *bmd_source_json(const struct bmd_source *s) {
  cJSON *o = cJSON_CreateObject(), *u = cJSON_CreateArray();
  if (!o || !u) {
    cJSON_Delete(o);
    cJSON_Delete(u);
    return NULL;
  }
  cJSON_AddStringToObject(o, "key", s->key);
  cJSON_AddStringToObject(o, "kind", s->kind);
  cJSON_AddStringToObject(o, "authors", s->authors);
  cJSON_AddStringToObject(o, "title", s->title);
  cJSON_AddStringToObject(o, "venue", s->venue);
  cJSON_AddStringToObject(o, "date", s->date);
  for (int i = 0; i < s->nurls; i++) cJSON_AddItemToArray(u, cJSON_CreateString(s->url[i]));
  cJSON_AddItemToObject(o, "url", u);
  cJSON_AddStringToObject(o, "checked", s->checked);
  return o;
}

#define MAX_SCEN_CITES 64

static cJSON *scenario_cites(const struct bmd_assumptions *a) {
  int idx[MAX_SCEN_CITES], n;
  char fields[MAX_SCEN_CITES][160];
  cJSON *arr = cJSON_CreateArray();
  bmd_assumptions_scenario_cites(a, idx, fields, MAX_SCEN_CITES, &n);
  for (int k = 0; k < n && arr; k++) {
    const struct bmd_cite *c = &a->scen->cites[idx[k]];
    cJSON *o = cJSON_CreateObject(), *src = cJSON_CreateArray();
    cJSON_AddStringToObject(o, "fields", fields[k]);
    cJSON_AddStringToObject(o, "evidence", bmd_evidence_class_word(c->cls));
    for (int q = 0; q < c->nsrc; q++) cJSON_AddItemToArray(src, cJSON_CreateString(a->scen->bib->s[c->src[q]].key));
    cJSON_AddItemToObject(o, "sources", src);
    cJSON_AddStringToObject(o, "note", c->note);
    cJSON_AddItemToArray(arr, o);
  }
  return arr;
}

int bmd_assumptions_json_add(cJSON *obj, const struct bmd_assumptions *a) {
  cJSON *ents = cJSON_CreateArray(), *items = cJSON_CreateArray(), *refs = cJSON_CreateArray();
  unsigned char *used = malloc((size_t)(a->cat->bib.n > 0 ? a->cat->bib.n : 1));
  if (!ents || !items || !refs || !used) {
    cJSON_Delete(ents);
    cJSON_Delete(items);
    cJSON_Delete(refs);
    free(used);
    return -1;
  }
  for (int i = 0; i < a->nentries; i++) {
    const struct bmd_assumption_entry *e = &a->entries[i];
    cJSON *o = cJSON_CreateObject(), *c = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "entry", e->name);
    cJSON_AddStringToObject(o, "section", bmd_evidence_section_word(e->section));
    cJSON_AddStringToObject(o, "title", e->title);
    if (e->section == BMD_EVS_MISSILE || e->section == BMD_EVS_INTERCEPTOR)
      cJSON_AddStringToObject(o, "performance_evidence", bmd_evidence_class_word(e->performance));
    for (int k = 1; k < BMD_EV_N; k++)
      cJSON_AddNumberToObject(c, bmd_evidence_class_word((enum bmd_evidence_class)k), e->count[k]);
    cJSON_AddItemToObject(o, "values_by_evidence", c);
    cJSON_AddItemToArray(ents, o);
  }
  for (int i = 0; i < a->nitems; i++)
    cJSON_AddItemToArray(items, bmd_evidence_value_json(a->items[i].ev, a->items[i].value));
  bmd_assumptions_cited(a, used);
  for (int k = 0; k < a->cat->bib.n; k++)
    if (used[k]) cJSON_AddItemToArray(refs, bmd_source_json(&a->cat->bib.s[k]));
  free(used);
  cJSON_AddItemToObject(obj, "scenario_citations", scenario_cites(a));
  cJSON_AddItemToObject(obj, "catalog_entries", ents);
  cJSON_AddItemToObject(obj, "assumptions", items);
  cJSON_AddItemToObject(obj, "references", refs);
  return 0;
}
