/*
 * yamldoc.h - a YAML document held in memory (libyaml's document API behind bmd_ names),
 * with typed look-ups that report file:line:column on every error.
 *
 * Strict by design: duplicate keys, keys not in the caller's list, wrong node kinds,
 * non-finite or non-numeric numbers are all errors. The schema, not the file, types each
 * value: a number must be a plain (unquoted) decimal scalar ("0.7" in quotes is text, and
 * is refused where a number is required); text may be plain or quoted but not empty or
 * null; explicit tags (`!!str 24`, `!evil 0.7`) and anchors, even without an alias, are
 * refused wherever they appear. Caps (checked before the document is built, so a hostile
 * file costs one streaming pass): BMD_YAMLDOC_MAX_BYTES of text, BMD_YAMLDOC_MAX_DEPTH
 * levels of nesting, BMD_YAMLDOC_MAX_NODES values; anchors/aliases ("billion laughs"), a
 * second document, NUL bytes and UTF-16 are refused. Nodes are small integer handles
 * (0 = none).
 */
#ifndef BMD_YAMLDOC_H
#define BMD_YAMLDOC_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define BMD_YAMLDOC_MAX_BYTES (16u * 1024u * 1024u) /* text of one file */
#define BMD_YAMLDOC_MAX_DEPTH 64                    /* our schemas nest 5 deep */
#define BMD_YAMLDOC_MAX_NODES 1000000               /* about 100 MB of libyaml nodes */

enum bmd_yamldoc_kind { BMD_YAML_NONE = 0, BMD_YAML_SCALAR, BMD_YAML_SEQ, BMD_YAML_MAP };

struct bmd_yamldoc; /* opaque */

/* bmd_yamldoc_load - parse buf[0..len) (named name in diagnostics). Returns BMD_OK with
   *out set, BMD_EPARSE with d filled, or BMD_ENOMEM. Free with bmd_yamldoc_free. */
int bmd_yamldoc_load(struct bmd_yamldoc **out, const char *buf, size_t len, const char *name,
                     struct bmd_diag *d);
void bmd_yamldoc_free(struct bmd_yamldoc *y);

int bmd_yamldoc_root(const struct bmd_yamldoc *y);
enum bmd_yamldoc_kind bmd_yamldoc_kind(const struct bmd_yamldoc *y, int node);
int bmd_yamldoc_seq_len(const struct bmd_yamldoc *y, int node);
int bmd_yamldoc_seq_at(const struct bmd_yamldoc *y, int node, int i);
const char *bmd_yamldoc_scalar(const struct bmd_yamldoc *y, int node); /* NULL if not */
int bmd_yamldoc_line(const struct bmd_yamldoc *y, int node);            /* 1-based, 0 if none */
int bmd_yamldoc_plain(const struct bmd_yamldoc *y, int node);   /* 1: an unquoted scalar */

/* bmd_yamldoc_error - fill d with the node's location and a message; returns BMD_EPARSE. */
int bmd_yamldoc_error(const struct bmd_yamldoc *y, int node, struct bmd_diag *d,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* bmd_yamldoc_expect - node must be of kind k; what names it in the message. */
int bmd_yamldoc_expect(const struct bmd_yamldoc *y, int node, enum bmd_yamldoc_kind k,
                       const char *what, struct bmd_diag *d);

/* bmd_yamldoc_check_keys - map must have only keys from allowed (NULL-terminated) and no
   key twice. */
int bmd_yamldoc_check_keys(const struct bmd_yamldoc *y, int map, const char *const *allowed,
                           struct bmd_diag *d);

/* bmd_yamldoc_get - the value node of key in map, or 0. */
int bmd_yamldoc_get(const struct bmd_yamldoc *y, int map, const char *key);

/* bmd_yamldoc_number - map[key] as a finite number in [lo, hi]. A missing key is an error
   if required, else *out is left untouched and BMD_OK returned. */
int bmd_yamldoc_number(const struct bmd_yamldoc *y, int map, const char *key, int required,
                       double lo, double hi, double *out, struct bmd_diag *d);

/* bmd_yamldoc_uint64 - map[key] as a whole number in [lo, hi], written in decimal digits
   only and read exactly (no rounding through a double: every value up to 2^64 - 1). A
   missing key is an error if required, else *out is left untouched. */
int bmd_yamldoc_uint64(const struct bmd_yamldoc *y, int map, const char *key, int required,
                       uint64_t lo, uint64_t hi, uint64_t *out, struct bmd_diag *d);

/* bmd_yamldoc_fmt_limit - v as the shortest decimal text that reads back to it (100000,
   0.5, 86400; never 1e+05), for messages that state a limit; returns buf. */
const char *bmd_yamldoc_fmt_limit(char *buf, size_t cap, double v);

/* bmd_yamldoc_string - map[key] as a scalar string copied into buf[n] (error if longer,
   empty or null). */
int bmd_yamldoc_string(const struct bmd_yamldoc *y, int map, const char *key, int required,
                       char *buf, size_t n, struct bmd_diag *d);

/* bmd_yamldoc_to_number - a scalar node as a finite number in [lo, hi]; what names it. */
int bmd_yamldoc_to_number(const struct bmd_yamldoc *y, int node, const char *what, double lo,
                          double hi, double *out, struct bmd_diag *d);

/* Walking a mapping in file order (the evidence walk of evidence.c): its number of keys,
   and the key and value nodes of pair i (0 when out of range). */
int bmd_yamldoc_map_len(const struct bmd_yamldoc *y, int map);
int bmd_yamldoc_map_key(const struct bmd_yamldoc *y, int map, int i);
int bmd_yamldoc_map_value(const struct bmd_yamldoc *y, int map, int i);

/* bmd_yamldoc_where - the 1-based line and column where node starts (0, 0 if unknown). */
void bmd_yamldoc_where(const struct bmd_yamldoc *y, int node, int *line, int *col);

/* bmd_yamldoc_name - the name given to bmd_yamldoc_load (used in diagnostics). */
const char *bmd_yamldoc_name(const struct bmd_yamldoc *y);

#endif
