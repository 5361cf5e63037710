/* assumptions.c - the entries and values an answer rests on (assumptions.h). */
#include <bmd/assumptions.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#define TRY(x) do { int st_ = (x); if (st_ != BMD_OK) return st_; } while (0)

void bmd_assumptions_release(struct bmd_assumptions *a) {
  if (!a) return;
  free(a->entries);
  free(a->items);
  memset(a, 0, sizeof *a);
}

/* a value is listed when no source publishes it: estimated, assumed, chosen, or uncited */
static int listed(enum bmd_evidence_class c) {
  return c == BMD_EV_NONE || c == BMD_EV_ESTIMATED || c == BMD_EV_ASSUMED || c == BMD_EV_CHOSEN;
}

static int add_item(struct bmd_assumptions *a, const struct bmd_evidence *ev, int v) {
  if (a->nitems == a->capi) {
    int c = a->capi ? 2 * a->capi : 64;
    struct bmd_assumption_item *n = realloc(a->items, (size_t)c * sizeof *n);
    if (!n) return BMD_ENOMEM;
    a->items = n;
    a->capi = c;
  }
  a->items[a->nitems].ev = ev;
  a->items[a->nitems].value = v;
  a->nitems++;
  return BMD_OK;
}

/* entry (section, name) with its records' counts and listed values; once */
static int add_entry(struct bmd_assumptions *a, enum bmd_evidence_section sec, const char *name,
                     const char *title, enum bmd_evidence_class perf) {
  const struct bmd_evidence *ev = &a->cat->ev;
  struct bmd_assumption_entry *e;
  int first, n;
  for (int i = 0; i < a->nentries; i++)
    if (a->entries[i].section == sec && strcmp(a->entries[i].name, name) == 0) return BMD_OK;
  if (a->nentries == a->cape) {
    int c = a->cape ? 2 * a->cape : 32;
    struct bmd_assumption_entry *ne = realloc(a->entries, (size_t)c * sizeof *ne);
    if (!ne) return BMD_ENOMEM;
    a->entries = ne;
    a->cape = c;
  }
  e = &a->entries[a->nentries++];
  memset(e, 0, sizeof *e);
  e->section = sec;
  snprintf(e->name, sizeof e->name, "%s", name);
  snprintf(e->title, sizeof e->title, "%s", title ? title : "");
  e->performance = perf;
  n = bmd_evidence_find(ev, sec, name, &first);
  for (int i = first; i < first + n; i++) {
    enum bmd_evidence_class c = bmd_evidence_class_of(ev, &ev->values[i]);
    if (!ev->values[i].numeric) continue;
    e->count[c]++;
    if (listed(c)) TRY(add_item(a, ev, i));
  }
  return BMD_OK;
}

int bmd_assumptions_add_missile(struct bmd_assumptions *a, const struct bmd_missile *m) {
  if (!m) return BMD_OK;
  TRY(add_entry(a, bmd_catalog_section(m), m->name, m->title, m->perf_class));
  for (int s = 0; s < m->vehicle.nstages; s++)
    if (m->drag_table[s][0]) TRY(add_entry(a, BMD_EVS_DRAG_TABLE, m->drag_table[s], "drag table", BMD_EV_NONE));
  return BMD_OK;
}

int bmd_assumptions_add_site(struct bmd_assumptions *a, const char *name) {
  const struct bmd_site *s = name ? bmd_catalog_site(a->cat, name) : NULL;
  return s ? add_entry(a, BMD_EVS_SITE, s->name, s->title, BMD_EV_NONE) : BMD_OK;
}

/* the catalog sites a scenario uses: at one of its interceptor sites or radars (within 0.01
   deg), or named as a radar's site or a threat's end point */
static int add_sites(struct bmd_assumptions *a, const struct bmd_scenario *sc, int threats) {
  const struct bmd_catalog *cat = a->cat;
  for (int k = 0; k < cat->nsites; k++) {
    const struct bmd_site *s = &cat->sites[k];
    int used = 0;
    for (int i = 0; i < sc->nsites && !used; i++)
      used = fabs(sc->sites[i].lat_deg - s->lat_deg) < 0.01 && fabs(sc->sites[i].lon_deg - s->lon_deg) < 0.01;
    for (int i = 0; i < sc->nradars && !used; i++)
      used = strcmp(sc->radars[i].site, s->name) == 0 ||
             (fabs(sc->radars[i].lat_deg - s->lat_deg) < 0.01 && fabs(sc->radars[i].lon_deg - s->lon_deg) < 0.01);
    for (int i = 0; threats && i < sc->nthreats && !used; i++)
      used = strcmp(sc->threats[i].from, s->name) == 0 || strcmp(sc->threats[i].to, s->name) == 0;
    if (used) TRY(add_entry(a, BMD_EVS_SITE, s->name, s->title, BMD_EV_NONE));
  }
  return BMD_OK;
}

static int build(struct bmd_assumptions *a, const struct bmd_scenario *sc, int flags) {
  if (sc->ev)
    for (int i = 0; i < sc->ev->nvalues; i++) {
      const struct bmd_evalue *v = &sc->ev->values[i];
      enum bmd_evidence_class c = bmd_evidence_class_of(sc->ev, v);
      if (!(flags & BMD_ASSUME_UNCERTAINTY) && strncmp(v->field, "uncertainty.", 12) == 0) continue;
      if (!(flags & BMD_ASSUME_THREATS) && strncmp(v->field, "threats", 7) == 0) continue;
      if (listed(c) && (v->numeric || v->dflt)) TRY(add_item(a, sc->ev, i));
    }
  if (flags & BMD_ASSUME_THREATS)
    for (int i = 0; i < sc->nthreats; i++) {
      TRY(bmd_assumptions_add_missile(a, sc->threats[i].missile));
      if (sc->threats[i].payload) /* a threat complex's objects (complex.h) */
        TRY(add_entry(a, BMD_EVS_PAYLOAD, sc->threats[i].payload->name, sc->threats[i].payload->title, BMD_EV_NONE));
    }
  for (int i = 0; i < sc->nsites; i++) TRY(bmd_assumptions_add_missile(a, sc->sites[i].interceptor));
  for (int i = 0; i < sc->nradars; i++)
    TRY(add_entry(a, BMD_EVS_RADAR, sc->radars[i].type->name, sc->radars[i].type->title, BMD_EV_NONE));
  if (sc->ew) TRY(add_entry(a, BMD_EVS_EARLY_WARNING, sc->ew->name, sc->ew->title, BMD_EV_NONE));
  return add_sites(a, sc, flags & BMD_ASSUME_THREATS);
}

int bmd_assumptions_build(struct bmd_assumptions *a, const struct bmd_scenario *sc, int flags) {
  int st;
  memset(a, 0, sizeof *a);
  a->cat = sc->cat;
  a->scen = sc->ev;
  if (!a->cat) return BMD_EINVAL;
  st = build(a, sc, flags);
  if (st != BMD_OK) bmd_assumptions_release(a);
  return st;
}

static void mark(const struct bmd_evidence *ev, int v, unsigned char *used) {
  const struct bmd_evalue *r = &ev->values[v];
  if (r->cite < 0) return;
  for (int k = 0; k < ev->cites[r->cite].nsrc; k++) used[ev->cites[r->cite].src[k]] = 1;
}

void bmd_assumptions_cited(const struct bmd_assumptions *a, unsigned char *used) {
  const struct bmd_evidence *ev = &a->cat->ev;
  memset(used, 0, (size_t)a->cat->bib.n);
  for (int e = 0; e < a->nentries; e++) {
    int first, n = bmd_evidence_find(ev, a->entries[e].section, a->entries[e].name, &first);
    for (int i = first; i < first + n; i++) mark(ev, i, used);
  }
  if (a->scen)
    for (int i = 0; i < a->scen->nvalues; i++) mark(a->scen, i, used);
}

void bmd_assumptions_scenario_cites(const struct bmd_assumptions *a, int *idx, char (*fields)[160],
                                    int max, int *n) {
  *n = 0;
  if (!a->scen) return;
  for (int i = 0; i < a->scen->nvalues; i++) {
    const struct bmd_evalue *v = &a->scen->values[i];
    int k;
    if (v->numeric || v->dflt || v->cite < 0) continue;
    for (k = 0; k < *n && idx[k] != v->cite; k++) {}
    if (k == *n) {
      if (*n == max) continue;
      idx[k] = v->cite;
      fields[k][0] = '\0';
      (*n)++;
    }
    {
      size_t u = strlen(fields[k]);
      snprintf(fields[k] + u, 160 - u, "%s%s", u ? ", " : "", v->field);
    }
  }
}
