/* evidence.c - 'cite:' lists and the value records of the catalog and scenarios (evidence.h). */
#include <bmd/evidence.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/status.h>
#include <bmd/yamldoc.h>

#define TRY(x) do { int st_ = (x); if (st_ != BMD_OK) return st_; } while (0)

#define MAX_KEYS 64   /* keys of one mapping that a walk tracks */
#define PATH_MAX_ 96

static const char *const class_words[BMD_EV_N] = {"unstated", "published", "derived", "fitted",
                                                  "estimated", "assumed", "chosen"};
static const char *const section_words[BMD_EVS_N] = {"missile", "interceptor", "site", "radar",
                                                     "early-warning", "drag-table", "scenario",
                                                     "payload"};

const char *bmd_evidence_class_word(enum bmd_evidence_class c) {
  return (int)c >= 0 && c < BMD_EV_N ? class_words[c] : "unstated";
}

int bmd_evidence_class_parse(const char *s) {
  for (int i = 1; i < BMD_EV_N; i++)
    if (strcmp(s, class_words[i]) == 0) return i;
  return -1;
}

const char *bmd_evidence_section_word(enum bmd_evidence_section s) {
  return (int)s >= 0 && s < BMD_EVS_N ? section_words[s] : "";
}

const char *bmd_evidence_unit(const char *field) {
  static const struct { const char *suffix, *unit; } u[] = {
      {"_kgm2", "kg/m^2"}, {"_m2ps3", "m^2/s^3"}, {"_dbsm", "dBsm"}, {"_mrad", "mrad"},
      {"_mps", "m/s"},     {"_deg", "deg"},       {"_kg", "kg"},     {"_km", "km"},
      {"_s", "s"},         {"_m", "m"}};
  size_t n = strlen(field);
  for (size_t i = 0; i < sizeof u / sizeof u[0]; i++) {
    size_t k = strlen(u[i].suffix);
    if (n > k && strcmp(field + n - k, u[i].suffix) == 0) return u[i].unit;
  }
  return "";
}

void bmd_evidence_release(struct bmd_evidence *ev) {
  if (!ev) return;
  free(ev->cites);
  free(ev->values);
  ev->cites = NULL;
  ev->values = NULL;
  ev->ncites = ev->capc = ev->nvalues = ev->capv = 0;
}

static int new_cite(struct bmd_evidence *ev) {
  if (ev->ncites == ev->capc) {
    int c = ev->capc ? 2 * ev->capc : 64;
    struct bmd_cite *n = realloc(ev->cites, (size_t)c * sizeof *n);
    if (!n) return -1;
    ev->cites = n;
    ev->capc = c;
  }
  memset(&ev->cites[ev->ncites], 0, sizeof ev->cites[0]);
  return ev->ncites++;
}

static struct bmd_evalue *new_value(struct bmd_evidence *ev) {
  if (ev->nvalues == ev->capv) {
    int c = ev->capv ? 2 * ev->capv : 256;
    struct bmd_evalue *n = realloc(ev->values, (size_t)c * sizeof *n);
    if (!n) return NULL;
    ev->values = n;
    ev->capv = c;
  }
  memset(&ev->values[ev->nvalues], 0, sizeof ev->values[0]);
  return &ev->values[ev->nvalues++];
}

int bmd_evidence_add(struct bmd_evidence *ev, enum bmd_evidence_section section,
                     const char *owner, const char *field, const char *value, int dflt,
                     enum bmd_evidence_class cls, const char *note) {
  struct bmd_evalue *v;
  int c = -1;
  /* consecutive records for the same reason share one citation */
  if (ev->nvalues > 0) {
    const struct bmd_evalue *last = &ev->values[ev->nvalues - 1];
    if (last->cite >= 0 && last->dflt == dflt && ev->cites[last->cite].cls == cls && ev->cites[last->cite].nsrc == 0 &&
        strcmp(ev->cites[last->cite].note, note ? note : "") == 0)
      c = last->cite;
  }
  if (c < 0) {
    if ((c = new_cite(ev)) < 0) return -1;
    ev->cites[c].cls = cls;
    snprintf(ev->cites[c].note, sizeof ev->cites[c].note, "%s", note ? note : "");
  }
  v = new_value(ev);
  if (!v) return -1;
  v->section = section;
  snprintf(v->owner, sizeof v->owner, "%s", owner);
  snprintf(v->field, sizeof v->field, "%s", field);
  snprintf(v->value, sizeof v->value, "%s", value);
  v->numeric = 1;
  v->dflt = dflt;
  v->cite = c;
  return ev->nvalues - 1;
}

int bmd_evidence_revise(struct bmd_evidence *ev, int v, const char *text,
                        enum bmd_evidence_class cls, const char *note) {
  int old = ev->values[v].cite, c = new_cite(ev);
  if (c < 0) return BMD_ENOMEM;
  if (old >= 0) {
    ev->cites[c].nsrc = ev->cites[old].nsrc;
    memcpy(ev->cites[c].src, ev->cites[old].src, sizeof ev->cites[c].src);
    ev->cites[c].line = ev->cites[old].line;
  }
  ev->cites[c].cls = cls;
  snprintf(ev->cites[c].note, sizeof ev->cites[c].note, "%s", note);
  ev->values[v].cite = c;
  if (text) snprintf(ev->values[v].value, sizeof ev->values[v].value, "%s", text);
  return BMD_OK;
}

int bmd_evidence_find(const struct bmd_evidence *ev, enum bmd_evidence_section section,
                      const char *owner, int *first) {
  int i = 0, n = 0;
  *first = 0;
  if (!ev) return 0;
  while (i < ev->nvalues && !(ev->values[i].section == section && strcmp(ev->values[i].owner, owner) == 0)) i++;
  *first = i;
  while (i + n < ev->nvalues && ev->values[i + n].section == section &&
         strcmp(ev->values[i + n].owner, owner) == 0)
    n++;
  return n;
}

const struct bmd_evalue *bmd_evidence_value(const struct bmd_evidence *ev,
                                            enum bmd_evidence_section section,
                                            const char *owner, const char *field) {
  int first, n = bmd_evidence_find(ev, section, owner, &first);
  for (int i = first; i < first + n; i++)
    if (strcmp(ev->values[i].field, field) == 0) return &ev->values[i];
  return NULL;
}

enum bmd_evidence_class bmd_evidence_class_of(const struct bmd_evidence *ev,
                                              const struct bmd_evalue *v) {
  if (!v || v->cite < 0 || v->cite >= ev->ncites) return BMD_EV_NONE;
  return ev->cites[v->cite].cls;
}

/* ---- the walk ---------------------------------------------------------------------------- */

struct walk {
  struct bmd_evidence *ev;
  const struct bmd_yamldoc *y;
  enum bmd_evidence_section section;
  const char *owner;
  int strict;
  const char *const *skip;   /* keys of the top mapping not walked */
  struct bmd_diag *d;
};

/* a decimal number, as yamldoc.c reads one */
static int is_number(const char *s) {
  char *end;
  double v;
  if (!s || !*s || strspn(s, "0123456789+-.eE ") != strlen(s)) return 0;
  v = strtod(s, &end);
  while (*end == ' ') end++;
  return end != s && *end == '\0' && isfinite(v);
}

/* a number, or a non-empty list of numbers, of such lists, or of mappings of numbers (a
   radar's faces): one value as far as citations go */
static int numeric_value(const struct bmd_yamldoc *y, int node, int depth) {
  int n;
  switch (bmd_yamldoc_kind(y, node)) {
  case BMD_YAML_SCALAR: return is_number(bmd_yamldoc_scalar(y, node));
  case BMD_YAML_SEQ:
    n = bmd_yamldoc_seq_len(y, node);
    if (n < 1 || depth > 3) return 0;
    for (int i = 0; i < n; i++)
      if (!numeric_value(y, bmd_yamldoc_seq_at(y, node, i), depth + 1)) return 0;
    return 1;
  case BMD_YAML_MAP:
    n = bmd_yamldoc_map_len(y, node);
    if (depth == 0 || n < 1) return 0;
    for (int i = 0; i < n; i++)
      if (!is_number(bmd_yamldoc_scalar(y, bmd_yamldoc_map_value(y, node, i)))) return 0;
    return 1;
  default: return 0;
  }
}

/* the text shown for a value: the scalar, "[a, b]" for a short list of scalars, else
   "N entries" */
static void value_text(const struct bmd_yamldoc *y, int node, char *buf, size_t n) {
  const char *s = bmd_yamldoc_scalar(y, node);
  int len;
  if (s) {
    snprintf(buf, n, "%s", s);
    return;
  }
  if (bmd_yamldoc_kind(y, node) == BMD_YAML_SEQ) {
    len = bmd_yamldoc_seq_len(y, node);
    if (len <= 4) {
      size_t k = 0;
      int all = 1;
      for (int i = 0; i < len && all; i++) all = bmd_yamldoc_scalar(y, bmd_yamldoc_seq_at(y, node, i)) != NULL;
      if (all) {
        k += (size_t)snprintf(buf, n, "[");
        for (int i = 0; i < len && k < n; i++)
          k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? ", " : "",
                                bmd_yamldoc_scalar(y, bmd_yamldoc_seq_at(y, node, i)));
        if (k < n) snprintf(buf + k, n - k, "]");
        return;
      }
    }
    snprintf(buf, n, "%d entries", len);
    return;
  }
  snprintf(buf, n, "%d fields", bmd_yamldoc_map_len(y, node));
}

static int record(struct walk *w, const char *path, int node, int numeric, int cite) {
  struct bmd_evalue *v = new_value(w->ev);
  if (!v) return BMD_ENOMEM;
  v->section = w->section;
  snprintf(v->owner, sizeof v->owner, "%s", w->owner);
  snprintf(v->field, sizeof v->field, "%s", path);
  value_text(w->y, node, v->value, sizeof v->value);
  v->numeric = numeric;
  v->cite = cite;
  bmd_yamldoc_where(w->y, node, &v->line, &v->col);
  return BMD_OK;
}

static int skipped(const struct walk *w, int top, const char *k) {
  if (strcmp(k, "cite") == 0) return 1;
  if (top && w->skip)
    for (const char *const *s = w->skip; *s; s++)
      if (strcmp(*s, k) == 0) return 1;
  return 0;
}

/* one 'cite:' item; names[i] gets the citation's index for the keys of map it names */
static int parse_item(struct walk *w, int map, int item, const char **keys, int nkeys, int *named) {
  static const char *const ikeys[] = {"fields", "evidence", "sources", "note", NULL};
  const struct bmd_yamldoc *y = w->y;
  struct bmd_diag *d = w->d;
  int fields, srcs, c, cls, node;
  char word[32];
  struct bmd_cite *ct;
  TRY(bmd_yamldoc_expect(y, item, BMD_YAML_MAP, "cite entry", d));
  TRY(bmd_yamldoc_check_keys(y, item, ikeys, d));
  if ((c = new_cite(w->ev)) < 0) return BMD_ENOMEM;
  ct = &w->ev->cites[c];
  bmd_yamldoc_where(y, item, &ct->line, &cls);
  node = bmd_yamldoc_get(y, item, "evidence");
  if (!node) return bmd_yamldoc_error(y, item, d, "a citation needs 'evidence'");
  TRY(bmd_yamldoc_string(y, item, "evidence", 1, word, sizeof word, d));
  cls = bmd_evidence_class_parse(word);
  if (cls < 0)
    return bmd_yamldoc_error(y, node, d, "'evidence' must be one of published, derived, fitted, "
                                         "estimated, assumed, chosen; not '%s'", word);
  ct->cls = (enum bmd_evidence_class)cls;
  TRY(bmd_yamldoc_string(y, item, "note", 0, ct->note, sizeof ct->note, d));
  if (ct->cls != BMD_EV_PUBLISHED && !ct->note[0])
    return bmd_yamldoc_error(y, item, d, "'%s' evidence needs a 'note' saying from what", word);
  srcs = bmd_yamldoc_get(y, item, "sources");
  if (srcs) {
    TRY(bmd_yamldoc_expect(y, srcs, BMD_YAML_SEQ, "sources", d));
    if (bmd_yamldoc_seq_len(y, srcs) > BMD_CITE_MAX_SOURCES)
      return bmd_yamldoc_error(y, srcs, d, "a citation lists at most %d sources", BMD_CITE_MAX_SOURCES);
    for (int i = 0; i < bmd_yamldoc_seq_len(y, srcs); i++) {
      int sn = bmd_yamldoc_seq_at(y, srcs, i);
      const char *key = bmd_yamldoc_scalar(y, sn);
      int k = key ? bmd_bib_find(w->ev->bib, key) : -1;
      if (!key) return bmd_yamldoc_error(y, sn, d, "each source must be a key of sources.yaml");
      if (k < 0) return bmd_yamldoc_error(y, sn, d, "unknown source '%s' (not a key in sources.yaml)", key);
      for (int j = 0; j < ct->nsrc; j++)
        if (ct->src[j] == k) return bmd_yamldoc_error(y, sn, d, "source '%s' listed twice", key);
      ct->src[ct->nsrc++] = k;
    }
  }
  if ((ct->cls == BMD_EV_PUBLISHED || ct->cls == BMD_EV_DERIVED) && ct->nsrc == 0)
    return bmd_yamldoc_error(y, item, d, "'%s' evidence needs at least one source", word);
  fields = bmd_yamldoc_get(y, item, "fields");
  if (!fields) return bmd_yamldoc_error(y, item, d, "a citation needs 'fields'");
  TRY(bmd_yamldoc_expect(y, fields, BMD_YAML_SEQ, "fields", d));
  if (bmd_yamldoc_seq_len(y, fields) < 1) return bmd_yamldoc_error(y, fields, d, "'fields' must name at least one field");
  for (int i = 0; i < bmd_yamldoc_seq_len(y, fields); i++) {
    int fn = bmd_yamldoc_seq_at(y, fields, i), k = -1;
    const char *f = bmd_yamldoc_scalar(y, fn);
    if (!f) return bmd_yamldoc_error(y, fn, d, "each of 'fields' must be a field name");
    for (int j = 0; j < nkeys; j++)
      if (strcmp(keys[j], f) == 0) k = j;
    if (k < 0) return bmd_yamldoc_error(y, fn, d, "cites '%s', which this mapping does not set", f);
    if (named[k] >= 0) return bmd_yamldoc_error(y, fn, d, "'%s' is cited twice in this mapping", f);
    named[k] = c;
  }
  (void)map;
  return BMD_OK;
}

static int walk_map(struct walk *w, int map, const char *prefix, int inherited, int top);

/* the path of list element i: "[name]" when it has a name or id, else "[i]" from 1 */
static void element_path(const struct bmd_yamldoc *y, int elem, const char *base, int i,
                         char *out, size_t n) {
  const char *id = NULL;
  if (bmd_yamldoc_kind(y, elem) == BMD_YAML_MAP) {
    id = bmd_yamldoc_scalar(y, bmd_yamldoc_get(y, elem, "name"));
    if (!id) id = bmd_yamldoc_scalar(y, bmd_yamldoc_get(y, elem, "id"));
  }
  if (id) snprintf(out, n, "%s[%.40s]", base, id);
  else snprintf(out, n, "%s[%d]", base, i + 1);
}

static int walk_value(struct walk *w, int node, const char *path, int cite, int named) {
  int numeric = numeric_value(w->y, node, 0);
  enum bmd_yamldoc_kind k = bmd_yamldoc_kind(w->y, node);
  if (numeric) {
    if (cite < 0 && w->strict)
      return bmd_yamldoc_error(w->y, node, w->d,
                               "'%s' has no citation: name it in a 'cite:' item of its mapping "
                               "or of an enclosing one (docs/data.md section 4)", path);
    return record(w, path, node, 1, cite);
  }
  /* text, or a structure: recorded when a citation names it here */
  if (named) TRY(record(w, path, node, 0, cite));
  if (k == BMD_YAML_MAP) return walk_map(w, node, path, cite, 0);
  if (k == BMD_YAML_SEQ) {
    for (int i = 0; i < bmd_yamldoc_seq_len(w->y, node); i++) {
      int e = bmd_yamldoc_seq_at(w->y, node, i);
      char p[PATH_MAX_];
      element_path(w->y, e, path, i, p, sizeof p);
      if (bmd_yamldoc_kind(w->y, e) == BMD_YAML_MAP) TRY(walk_map(w, e, p, cite, 0));
      else if (numeric_value(w->y, e, 1)) TRY(walk_value(w, e, p, cite, 0));
    }
  }
  return BMD_OK;
}

static int walk_map(struct walk *w, int map, const char *prefix, int inherited, int top) {
  const struct bmd_yamldoc *y = w->y;
  const char *keys[MAX_KEYS];
  int named[MAX_KEYS], nkeys = 0, n = bmd_yamldoc_map_len(y, map), cl;
  for (int i = 0; i < n; i++) {
    const char *k = bmd_yamldoc_scalar(y, bmd_yamldoc_map_key(y, map, i));
    if (!k) return bmd_yamldoc_error(y, bmd_yamldoc_map_key(y, map, i), w->d, "keys must be plain names");
    if (skipped(w, top, k)) continue;
    if (nkeys == MAX_KEYS) return bmd_yamldoc_error(y, map, w->d, "more than %d keys in one mapping", MAX_KEYS);
    named[nkeys] = -1;
    keys[nkeys++] = k;
  }
  cl = bmd_yamldoc_get(y, map, "cite");
  if (cl) {
    TRY(bmd_yamldoc_expect(y, cl, BMD_YAML_SEQ, "cite", w->d));
    for (int i = 0; i < bmd_yamldoc_seq_len(y, cl); i++)
      TRY(parse_item(w, map, bmd_yamldoc_seq_at(y, cl, i), keys, nkeys, named));
  }
  for (int i = 0, j = 0; i < n; i++) {
    const char *k = bmd_yamldoc_scalar(y, bmd_yamldoc_map_key(y, map, i));
    char path[PATH_MAX_];
    if (skipped(w, top, k)) continue;
    snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", k);
    TRY(walk_value(w, bmd_yamldoc_map_value(y, map, i), path, named[j] >= 0 ? named[j] : inherited,
                   named[j] >= 0));
    j++;
  }
  return BMD_OK;
}

int bmd_evidence_no_source(const struct bmd_yamldoc *y, int node, struct bmd_diag *d) {
  if (bmd_yamldoc_kind(y, node) == BMD_YAML_SEQ) {
    for (int i = 0; i < bmd_yamldoc_seq_len(y, node); i++)
      TRY(bmd_evidence_no_source(y, bmd_yamldoc_seq_at(y, node, i), d));
    return BMD_OK;
  }
  for (int i = 0; i < bmd_yamldoc_map_len(y, node); i++) {
    const char *k = bmd_yamldoc_scalar(y, bmd_yamldoc_map_key(y, node, i));
    if (k && strcmp(k, "source") == 0)
      return bmd_yamldoc_error(y, bmd_yamldoc_map_key(y, node, i), d,
                               "'source' is the old free-text form: cite the bibliography with a "
                               "'cite:' list instead (docs/data.md section 4)");
    TRY(bmd_evidence_no_source(y, bmd_yamldoc_map_value(y, node, i), d));
  }
  return BMD_OK;
}

int bmd_evidence_collect(struct bmd_evidence *ev, const struct bmd_yamldoc *y, int node,
                         enum bmd_evidence_section section, const char *owner, int strict,
                         const char *const *skip, struct bmd_diag *d) {
  struct walk w = {ev, y, section, owner, strict, skip, d};
  TRY(bmd_yamldoc_expect(y, node, BMD_YAML_MAP, owner, d));
  return walk_map(&w, node, "", -1, 1);
}
