/* yamldoc.c - strict YAML documents with located errors (yamldoc.h), over libyaml. */
#include <bmd/yamldoc.h>

#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include <bmd/status.h>

struct bmd_yamldoc {
  yaml_document_t doc;
  char name[256];
};

/* line and column (1-based) of byte offset off in buf */
static void locate(const char *buf, size_t len, size_t off, int *line, int *col) {
  int l = 1, c = 1;
  for (size_t i = 0; i < off && i < len; i++) {
    if (buf[i] == '\n') l++, c = 1;
    else c++;
  }
  *line = l;
  *col = c;
}

/* a libyaml parser error as "file:line:col: problem context" */
static void parse_error(const yaml_parser_t *p, const char *buf, size_t len, const char *name,
                        struct bmd_diag *d) {
  int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
  const char *problem = p->problem ? p->problem : "YAML error";
  if (p->error == YAML_READER_ERROR) {
    /* the reader reports a byte offset, not a mark */
    locate(buf, len, p->problem_offset, &line, &col);
    bmd_diag_set(d, name, line, col, "%s (the file must be UTF-8 text)", problem);
    return;
  }
  if (p->problem_mark.index < len && buf[p->problem_mark.index] == '\t') {
    bmd_diag_set(d, name, line, col, "tab character: YAML indents with spaces only");
    return;
  }
  bmd_diag_set(d, name, line, col, "%s%s%s", problem, p->context ? " " : "",
               p->context ? p->context : "");
}

/* A node's anchor ('&name') or explicit tag ('!name', '!!str'): refused. The schemas give
   every value its type, so a tag could only contradict it (`!!str 24` where a number is
   required) or ask for a type bmdsim does not have (`!evil 0.7`); an anchor without an
   alias changes nothing and is refused with the aliases, so that one rule covers both. */
static int no_anchor_or_tag(const yaml_char_t *anchor, const yaml_char_t *tag, const char *name,
                            int line, int col, struct bmd_diag *d) {
  static const char core[] = "tag:yaml.org,2002:";
  if (anchor) {
    bmd_diag_set(d, name, line, col, "anchor '&%.60s': anchors and aliases are not supported", (const char *)anchor);
    return BMD_EPARSE;
  }
  if (tag) {
    const char *t = (const char *)tag;
    int iscore = strncmp(t, core, sizeof core - 1) == 0;
    bmd_diag_set(d, name, line, col, "tag '%s%.60s': YAML tags are not supported (write the value without it)",
                 iscore ? "!!" : "", iscore ? t + sizeof core - 1 : t);
    return BMD_EPARSE;
  }
  return BMD_OK;
}

/* One pass over the events before building the document: syntax errors, and the limits
   that keep a small file from becoming a large document (yamldoc.h): nesting depth, node
   count, no aliases (an alias "bomb" expands exponentially in any code that walks the tree),
   a single document. */
static int prescan(const char *buf, size_t len, const char *name, struct bmd_diag *d) {
  yaml_parser_t parser;
  yaml_event_t ev;
  int depth = 0, docs = 0, st = BMD_OK;
  long nodes = 0;
  if (!yaml_parser_initialize(&parser)) return BMD_ENOMEM;
  yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
  for (;;) {
    int line, col;
    if (!yaml_parser_parse(&parser, &ev)) {
      if (parser.error == YAML_MEMORY_ERROR) st = BMD_ENOMEM;
      else {
        parse_error(&parser, buf, len, name, d);
        st = BMD_EPARSE;
      }
      break;
    }
    line = (int)ev.start_mark.line + 1;
    col = (int)ev.start_mark.column + 1;
    switch (ev.type) {
    case YAML_DOCUMENT_START_EVENT:
      if (++docs > 1) {
        bmd_diag_set(d, name, line, col, "more than one YAML document (a second '---')");
        st = BMD_EPARSE;
      } else if (ev.data.document_start.tag_directives.start != ev.data.document_start.tag_directives.end) {
        bmd_diag_set(d, name, line, col, "'%%TAG' directive: YAML tags are not supported");
        st = BMD_EPARSE;
      }
      break;
    case YAML_ALIAS_EVENT:
      bmd_diag_set(d, name, line, col, "alias '*%s': anchors and aliases are not supported",
                   ev.data.alias.anchor ? (const char *)ev.data.alias.anchor : "");
      st = BMD_EPARSE;
      break;
    case YAML_SCALAR_EVENT:
      st = no_anchor_or_tag(ev.data.scalar.anchor, ev.data.scalar.tag, name, line, col, d);
      break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
      st = ev.type == YAML_SEQUENCE_START_EVENT
               ? no_anchor_or_tag(ev.data.sequence_start.anchor, ev.data.sequence_start.tag, name, line, col, d)
               : no_anchor_or_tag(ev.data.mapping_start.anchor, ev.data.mapping_start.tag, name, line, col, d);
      if (st == BMD_OK && ++depth > BMD_YAMLDOC_MAX_DEPTH) {
        bmd_diag_set(d, name, line, col, "nested deeper than %d levels", BMD_YAMLDOC_MAX_DEPTH);
        st = BMD_EPARSE;
      }
      break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      depth--;
      break;
    default:
      break;
    }
    if (st == BMD_OK && (ev.type == YAML_SCALAR_EVENT || ev.type == YAML_SEQUENCE_START_EVENT ||
                         ev.type == YAML_MAPPING_START_EVENT) && ++nodes > BMD_YAMLDOC_MAX_NODES) {
      bmd_diag_set(d, name, line, col, "more than %d values", BMD_YAMLDOC_MAX_NODES);
      st = BMD_EPARSE;
    }
    {
      int done = ev.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&ev);
      if (done || st != BMD_OK) break;
    }
  }
  yaml_parser_delete(&parser);
  return st;
}

int bmd_yamldoc_load(struct bmd_yamldoc **out, const char *buf, size_t len, const char *name,
                     struct bmd_diag *d) {
  yaml_parser_t parser;
  struct bmd_yamldoc *y;
  const char *nul;
  int st;
  *out = NULL;
  if (len > BMD_YAMLDOC_MAX_BYTES) {
    bmd_diag_set(d, name, 0, 0, "file larger than %u bytes", BMD_YAMLDOC_MAX_BYTES);
    return BMD_EPARSE;
  }
  if (len >= 2 && ((buf[0] == '\xFF' && buf[1] == '\xFE') || (buf[0] == '\xFE' && buf[1] == '\xFF'))) {
    bmd_diag_set(d, name, 1, 1, "UTF-16 text: save the file as UTF-8");
    return BMD_EPARSE;
  }
  nul = memchr(buf, '\0', len);
  if (nul) {
    int line, col;
    locate(buf, len, (size_t)(nul - buf), &line, &col);
    bmd_diag_set(d, name, line, col, "binary data (NUL byte) in a YAML file");
    return BMD_EPARSE;
  }
  st = prescan(buf, len, name, d);
  if (st != BMD_OK) return st;
  y = calloc(1, sizeof *y);
  if (!y) return BMD_ENOMEM;
  snprintf(y->name, sizeof y->name, "%s", name);
  if (!yaml_parser_initialize(&parser)) {
    free(y);
    return BMD_ENOMEM;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
  if (!yaml_parser_load(&parser, &y->doc)) {
    /* NEVER after a clean prescan, but for memory */
    st = parser.error == YAML_MEMORY_ERROR ? BMD_ENOMEM : BMD_EPARSE;
    if (st == BMD_EPARSE) parse_error(&parser, buf, len, name, d);
    yaml_parser_delete(&parser);
    free(y);
    return st;
  }
  yaml_parser_delete(&parser);
  if (!yaml_document_get_root_node(&y->doc)) {
    bmd_diag_set(d, name, 1, 1, "empty document");
    yaml_document_delete(&y->doc);
    free(y);
    return BMD_EPARSE;
  }
  *out = y;
  return BMD_OK;
}

void bmd_yamldoc_free(struct bmd_yamldoc *y) {
  if (!y) return;
  yaml_document_delete(&y->doc);
  free(y);
}

static yaml_node_t *node_of(const struct bmd_yamldoc *y, int id) {
  /* yaml_document_get_node without its non-const parameter */
  if (id <= 0 || id > y->doc.nodes.top - y->doc.nodes.start) return NULL;
  return y->doc.nodes.start + (id - 1);
}

int bmd_yamldoc_root(const struct bmd_yamldoc *y) { return y ? 1 : 0; }

int bmd_yamldoc_plain(const struct bmd_yamldoc *y, int id) {
  yaml_node_t *n = node_of(y, id);
  return n && n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

int bmd_yamldoc_line(const struct bmd_yamldoc *y, int id) {
  yaml_node_t *n = node_of(y, id);
  return n ? (int)n->start_mark.line + 1 : 0;
}

enum bmd_yamldoc_kind bmd_yamldoc_kind(const struct bmd_yamldoc *y, int id) {
  yaml_node_t *n = node_of(y, id);
  if (!n) return BMD_YAML_NONE;
  switch (n->type) {
  case YAML_SCALAR_NODE: return BMD_YAML_SCALAR;
  case YAML_SEQUENCE_NODE: return BMD_YAML_SEQ;
  case YAML_MAPPING_NODE: return BMD_YAML_MAP;
  default: return BMD_YAML_NONE;
  }
}

int bmd_yamldoc_seq_len(const struct bmd_yamldoc *y, int id) {
  yaml_node_t *n = node_of(y, id);
  if (!n || n->type != YAML_SEQUENCE_NODE) return 0;
  return (int)(n->data.sequence.items.top - n->data.sequence.items.start);
}

int bmd_yamldoc_seq_at(const struct bmd_yamldoc *y, int id, int i) {
  yaml_node_t *n = node_of(y, id);
  if (!n || n->type != YAML_SEQUENCE_NODE || i < 0 || i >= bmd_yamldoc_seq_len(y, id)) return 0;
  return n->data.sequence.items.start[i];
}

const char *bmd_yamldoc_scalar(const struct bmd_yamldoc *y, int id) {
  yaml_node_t *n = node_of(y, id);
  if (!n || n->type != YAML_SCALAR_NODE) return NULL;
  return (const char *)n->data.scalar.value;
}

int bmd_yamldoc_error(const struct bmd_yamldoc *y, int id, struct bmd_diag *d,
                      const char *fmt, ...) {
  yaml_node_t *n = node_of(y, id);
  char msg[sizeof d->msg];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  bmd_diag_set(d, y->name, n ? (int)n->start_mark.line + 1 : 0,
               n ? (int)n->start_mark.column + 1 : 0, "%s", msg);
  return BMD_EPARSE;
}

static const char *kind_name(enum bmd_yamldoc_kind k) {
  switch (k) {
  case BMD_YAML_SCALAR: return "a value";
  case BMD_YAML_SEQ: return "a list";
  case BMD_YAML_MAP: return "a mapping";
  default: return "nothing";
  }
}

int bmd_yamldoc_expect(const struct bmd_yamldoc *y, int id, enum bmd_yamldoc_kind k,
                       const char *what, struct bmd_diag *d) {
  enum bmd_yamldoc_kind got = bmd_yamldoc_kind(y, id);
  if (got == k) return BMD_OK;
  return bmd_yamldoc_error(y, id, d, "'%s' must be %s, not %s", what, kind_name(k),
                           kind_name(got));
}

int bmd_yamldoc_check_keys(const struct bmd_yamldoc *y, int map, const char *const *allowed,
                           struct bmd_diag *d) {
  yaml_node_t *n = node_of(y, map);
  yaml_node_pair_t *p, *q;
  if (!n || n->type != YAML_MAPPING_NODE) return bmd_yamldoc_error(y, map, d, "expected a mapping");
  for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
    const char *k = bmd_yamldoc_scalar(y, p->key);
    int ok = 0;
    if (!k) return bmd_yamldoc_error(y, p->key, d, "keys must be plain names");
    for (const char *const *a = allowed; *a; a++)
      if (strcmp(*a, k) == 0) ok = 1;
    if (!ok) return bmd_yamldoc_error(y, p->key, d, "unknown key '%s'", k);
    for (q = n->data.mapping.pairs.start; q < p; q++) {
      const char *k2 = bmd_yamldoc_scalar(y, q->key);
      if (k2 && strcmp(k, k2) == 0) return bmd_yamldoc_error(y, p->key, d, "duplicate key '%s'", k);
    }
  }
  return BMD_OK;
}

int bmd_yamldoc_get(const struct bmd_yamldoc *y, int map, const char *key) {
  yaml_node_t *n = node_of(y, map);
  yaml_node_pair_t *p;
  if (!n || n->type != YAML_MAPPING_NODE) return 0;
  for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
    const char *k = bmd_yamldoc_scalar(y, p->key);
    if (k && strcmp(k, key) == 0) return p->value;
  }
  return 0;
}

int bmd_yamldoc_to_number(const struct bmd_yamldoc *y, int node, const char *what, double lo,
                          double hi, double *out, struct bmd_diag *d) {
  const char *s = bmd_yamldoc_scalar(y, node);
  char *end;
  double v;
  if (!s) return bmd_yamldoc_error(y, node, d, "'%s' must be a number", what);
  if (node_of(y, node)->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
    /* the value is echoed only when it is one short printable line */
    int echo = strlen(s) <= 40 && *s;
    for (const char *c = s; echo && *c; c++) echo = (unsigned char)*c >= 0x20 && *c != 0x7f;
    if (echo) return bmd_yamldoc_error(y, node, d, "'%s' must be a number, not text (write %s without quotes)", what, s);
    return bmd_yamldoc_error(y, node, d, "'%s' must be a number written plainly, not quoted or block text", what);
  }
  {
    /* YAML 1.1/1.2 spellings of NaN and infinity */
    const char *t = (*s == '+' || *s == '-') ? s + 1 : s;
    if (strcmp(t, ".nan") == 0 || strcmp(t, ".NaN") == 0 || strcmp(t, ".NAN") == 0 ||
        strcmp(t, ".inf") == 0 || strcmp(t, ".Inf") == 0 || strcmp(t, ".INF") == 0)
      return bmd_yamldoc_error(y, node, d, "'%s' must be finite, not '%s'", what, s);
  }
  v = strtod(s, &end);
  while (*end == ' ') end++;
  if (end == s || *end != '\0') return bmd_yamldoc_error(y, node, d, "'%s' must be a number, not '%.40s'", what, s);
  if (!isfinite(v)) return bmd_yamldoc_error(y, node, d, "'%s' must be finite", what);
  /* strtod also takes hexadecimal ("0x1p4"): YAML numbers here are decimal only */
  if (strspn(s, "0123456789+-.eE ") != strlen(s))
    return bmd_yamldoc_error(y, node, d, "'%s' must be a decimal number, not '%.40s'", what, s);
  if (v < lo || v > hi) {
    char a[32], b[32];
    return bmd_yamldoc_error(y, node, d, "'%s' = %.40s is outside [%s, %s]", what, s,
                             bmd_yamldoc_fmt_limit(a, sizeof a, lo), bmd_yamldoc_fmt_limit(b, sizeof b, hi));
  }
  *out = v;
  return BMD_OK;
}

const char *bmd_yamldoc_fmt_limit(char *buf, size_t cap, double v) {
  /* the shortest of %.15g .. %.17g that reads back to v: 100000 and 0.5, never 1e+05 */
  for (int p = 15; p <= 17; p++) {
    snprintf(buf, cap, "%.*g", p, v);
    if (strtod(buf, NULL) == v) break;
  }
  return buf;
}

int bmd_yamldoc_uint64(const struct bmd_yamldoc *y, int map, const char *key, int required,
                       uint64_t lo, uint64_t hi, uint64_t *out, struct bmd_diag *d) {
  int node = bmd_yamldoc_get(y, map, key);
  const char *s;
  uint64_t v = 0;
  int ok = 1;
  if (!node) {
    if (required) return bmd_yamldoc_error(y, map, d, "missing '%s'", key);
    return BMD_OK;
  }
  s = bmd_yamldoc_scalar(y, node);
  if (!s || node_of(y, node)->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || !*s) ok = 0;
  /* decimal digits only, exactly (a double would round 2^64 - 1 to 2^64) */
  for (const char *c = s; ok && *c; c++) {
    unsigned dg = (unsigned)(*c - '0');
    if (*c < '0' || *c > '9' || v > (UINT64_MAX - dg) / 10u) ok = 0;
    else v = v * 10u + dg;
  }
  if (!ok || v < lo || v > hi)
    return bmd_yamldoc_error(y, node, d, "'%s' must be a whole number from %llu to %llu, not '%.40s'", key,
                             (unsigned long long)lo, (unsigned long long)hi, s ? s : "");
  *out = v;
  return BMD_OK;
}

int bmd_yamldoc_number(const struct bmd_yamldoc *y, int map, const char *key, int required,
                       double lo, double hi, double *out, struct bmd_diag *d) {
  int v = bmd_yamldoc_get(y, map, key);
  if (!v) {
    if (required) return bmd_yamldoc_error(y, map, d, "missing '%s'", key);
    return BMD_OK;
  }
  return bmd_yamldoc_to_number(y, v, key, lo, hi, out, d);
}

int bmd_yamldoc_string(const struct bmd_yamldoc *y, int map, const char *key, int required,
                       char *buf, size_t n, struct bmd_diag *d) {
  int v = bmd_yamldoc_get(y, map, key);
  const char *s;
  if (!v) {
    if (required) return bmd_yamldoc_error(y, map, d, "missing '%s'", key);
    return BMD_OK;
  }
  s = bmd_yamldoc_scalar(y, v);
  if (!s) return bmd_yamldoc_error(y, v, d, "'%s' must be text", key);
  /* a present key with no value (empty, or YAML's plain null: ~, null) is an error, not
     an empty name or source */
  if (!*s || (node_of(y, v)->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
              (strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0)))
    return bmd_yamldoc_error(y, v, d, "'%s' must not be empty", key);
  if (strlen(s) >= n) return bmd_yamldoc_error(y, v, d, "'%s' is longer than %zu characters", key, n - 1);
  memcpy(buf, s, strlen(s) + 1);
  return BMD_OK;
}

int bmd_yamldoc_map_len(const struct bmd_yamldoc *y, int map) {
  yaml_node_t *n = node_of(y, map);
  if (!n || n->type != YAML_MAPPING_NODE) return 0;
  return (int)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
}

int bmd_yamldoc_map_key(const struct bmd_yamldoc *y, int map, int i) {
  if (i < 0 || i >= bmd_yamldoc_map_len(y, map)) return 0;
  return node_of(y, map)->data.mapping.pairs.start[i].key;
}

int bmd_yamldoc_map_value(const struct bmd_yamldoc *y, int map, int i) {
  if (i < 0 || i >= bmd_yamldoc_map_len(y, map)) return 0;
  return node_of(y, map)->data.mapping.pairs.start[i].value;
}

void bmd_yamldoc_where(const struct bmd_yamldoc *y, int node, int *line, int *col) {
  yaml_node_t *n = node_of(y, node);
  *line = n ? (int)n->start_mark.line + 1 : 0;
  *col = n ? (int)n->start_mark.column + 1 : 0;
}

const char *bmd_yamldoc_name(const struct bmd_yamldoc *y) { return y ? y->name : ""; }
