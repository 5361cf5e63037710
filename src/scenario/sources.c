/* sources.c - the bibliography: data/sources.yaml into struct bmd_bib (evidence.h). */
#include <bmd/evidence.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/status.h>
#include <bmd/yamldoc.h>

#define TRY(x) do { int st_ = (x); if (st_ != BMD_OK) return st_; } while (0)

static const char *const kinds[] = {"journal", "book", "report", "government", "news",
                                    "blog", "dataset", "reference-work", NULL};

static int key_ok(const char *s) {
  if (!*s) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return 0;
  return 1;
}

/* YYYY, YYYY-MM or YYYY-MM-DD with plausible month and day */
static int date_ok(const char *s) {
  size_t n = strlen(s);
  if (n != 4 && n != 7 && n != 10) return 0;
  for (size_t i = 0; i < n; i++) {
    if (i == 4 || i == 7) {
      if (s[i] != '-') return 0;
    } else if (s[i] < '0' || s[i] > '9') {
      return 0;
    }
  }
  if (n >= 7) {
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12) return 0;
  }
  if (n == 10) {
    int dd = (s[8] - '0') * 10 + (s[9] - '0');
    if (dd < 1 || dd > 31) return 0;
  }
  return 1;
}

int bmd_bib_find(const struct bmd_bib *b, const char *key) {
  for (int i = 0; b && i < b->n; i++)
    if (strcmp(b->s[i].key, key) == 0) return i;
  return -1;
}

void bmd_bib_release(struct bmd_bib *b) {
  if (!b) return;
  free(b->s);
  memset(b, 0, sizeof *b);
}

/* the text of a scalar node into buf[n] */
static int scalar_into(const struct bmd_yamldoc *y, int node, const char *what, char *buf,
                       size_t n, struct bmd_diag *d) {
  const char *s = bmd_yamldoc_scalar(y, node);
  if (!s) return bmd_yamldoc_error(y, node, d, "'%s' must be text", what);
  if (strlen(s) >= n) return bmd_yamldoc_error(y, node, d, "'%s' is longer than %zu characters", what, n - 1);
  memcpy(buf, s, strlen(s) + 1);
  return BMD_OK;
}

static int parse_entry(const struct bmd_yamldoc *y, int m, struct bmd_source *e,
                       struct bmd_diag *d) {
  static const char *const keys[] = {"key", "kind", "authors", "title", "venue", "date", "url",
                                     "checked", NULL};
  int node, ok = 0;
  memset(e, 0, sizeof *e);
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "sources entry", d));
  TRY(bmd_yamldoc_check_keys(y, m, keys, d));
  TRY(bmd_yamldoc_string(y, m, "key", 1, e->key, sizeof e->key, d));
  if (!key_ok(e->key))
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "key"), d,
                             "'key' must be a lowercase slug (a-z, 0-9, '-'), not '%s'", e->key);
  TRY(bmd_yamldoc_string(y, m, "kind", 1, e->kind, sizeof e->kind, d));
  for (const char *const *k = kinds; *k; k++)
    if (strcmp(*k, e->kind) == 0) ok = 1;
  if (!ok)
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "kind"), d,
                             "'kind' must be one of journal, book, report, government, news, blog, "
                             "dataset, reference-work");
  node = bmd_yamldoc_get(y, m, "authors");
  if (node) {
    size_t len = 0;
    TRY(bmd_yamldoc_expect(y, node, BMD_YAML_SEQ, "authors", d));
    for (int i = 0; i < bmd_yamldoc_seq_len(y, node); i++) {
      const char *a = bmd_yamldoc_scalar(y, bmd_yamldoc_seq_at(y, node, i));
      if (!a || !*a) return bmd_yamldoc_error(y, bmd_yamldoc_seq_at(y, node, i), d, "each author must be a name");
      if (len + strlen(a) + 3 >= sizeof e->authors)
        return bmd_yamldoc_error(y, node, d, "'authors' is longer than %zu characters", sizeof e->authors - 1);
      if (len) {
        memcpy(e->authors + len, "; ", 2);
        len += 2;
      }
      memcpy(e->authors + len, a, strlen(a) + 1);
      len += strlen(a);
    }
  }
  TRY(bmd_yamldoc_string(y, m, "title", 1, e->title, sizeof e->title, d));
  if (!e->title[0]) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "title"), d, "'title' must not be empty");
  TRY(bmd_yamldoc_string(y, m, "venue", 1, e->venue, sizeof e->venue, d));
  TRY(bmd_yamldoc_string(y, m, "date", 0, e->date, sizeof e->date, d));
  if (e->date[0] && !date_ok(e->date))
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "date"), d,
                             "'date' must be YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", e->date);
  node = bmd_yamldoc_get(y, m, "url");
  if (node && bmd_yamldoc_kind(y, node) == BMD_YAML_SCALAR) {
    TRY(scalar_into(y, node, "url", e->url[0], sizeof e->url[0], d));
    e->nurls = 1;
  } else if (node) {
    TRY(bmd_yamldoc_expect(y, node, BMD_YAML_SEQ, "url", d));
    if (bmd_yamldoc_seq_len(y, node) > BMD_SOURCE_MAX_URLS)
      return bmd_yamldoc_error(y, node, d, "'url' lists more than %d addresses", BMD_SOURCE_MAX_URLS);
    for (int i = 0; i < bmd_yamldoc_seq_len(y, node); i++)
      TRY(scalar_into(y, bmd_yamldoc_seq_at(y, node, i), "url", e->url[e->nurls++], sizeof e->url[0], d));
  }
  for (int i = 0; i < e->nurls; i++)
    if (strncmp(e->url[i], "http://", 7) != 0 && strncmp(e->url[i], "https://", 8) != 0)
      return bmd_yamldoc_error(y, node, d, "'url' must start with http:// or https://, not '%.60s'", e->url[i]);
  TRY(bmd_yamldoc_string(y, m, "checked", 1, e->checked, sizeof e->checked, d));
  if (!e->checked[0])
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "checked"), d,
                             "'checked' must say what was verified in the source");
  snprintf(e->file, sizeof e->file, "%s", bmd_yamldoc_name(y));
  return BMD_OK;
}

static int parse_doc(struct bmd_bib *b, const struct bmd_yamldoc *y, int replace,
                     struct bmd_diag *d) {
  static const char *const rkeys[] = {"sources", NULL};
  int root = bmd_yamldoc_root(y), seq, n;
  TRY(bmd_yamldoc_expect(y, root, BMD_YAML_MAP, "document", d));
  TRY(bmd_yamldoc_check_keys(y, root, rkeys, d));
  seq = bmd_yamldoc_get(y, root, "sources");
  if (!seq) return bmd_yamldoc_error(y, root, d, "missing 'sources'");
  TRY(bmd_yamldoc_expect(y, seq, BMD_YAML_SEQ, "sources", d));
  n = bmd_yamldoc_seq_len(y, seq);
  if (b->n + n > b->cap) {
    int cap = b->n + n;
    struct bmd_source *ns = realloc(b->s, (size_t)(cap > 0 ? cap : 1) * sizeof *ns);
    if (!ns) return BMD_ENOMEM;
    b->s = ns;
    b->cap = cap;
  }
  for (int i = 0; i < n; i++) {
    int m = bmd_yamldoc_seq_at(y, seq, i), k;
    struct bmd_source e;
    TRY(parse_entry(y, m, &e, d));
    for (int j = 0; j < i; j++) {
      const char *kj = bmd_yamldoc_scalar(y, bmd_yamldoc_get(y, bmd_yamldoc_seq_at(y, seq, j), "key"));
      if (kj && strcmp(kj, e.key) == 0) return bmd_yamldoc_error(y, m, d, "duplicate source key '%s'", e.key);
    }
    k = bmd_bib_find(b, e.key);
    if (k >= 0 && !replace)
      return bmd_yamldoc_error(y, m, d, "source key '%s' is already defined in %s", e.key, b->s[k].file);
    if (k >= 0) b->s[k] = e;
    else b->s[b->n++] = e;
  }
  return BMD_OK;
}

int bmd_bib_parse(struct bmd_bib *b, const char *text, size_t len, const char *name,
                  int replace, struct bmd_diag *d) {
  struct bmd_yamldoc *y = NULL;
  int st = bmd_yamldoc_load(&y, text, len, name, d);
  if (st == BMD_OK) st = parse_doc(b, y, replace, d);
  bmd_yamldoc_free(y);
  if (st == BMD_ENOMEM) bmd_diag_set(d, name, 0, 0, "out of memory");
  return st;
}
