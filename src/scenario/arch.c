/* arch.c - architecture and attack files: the built-in ones, references from a scenario,
   each loaded alone, and composed into a scenario (arch.h). */
#include <bmd/arch.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <bmd/embedded.h>
#include <bmd/infile.h>
#include <bmd/names.h>
#include <bmd/status.h>
#include <bmd/yamldoc.h>

#include "scenario_ev.h"
#include "scenario_parts.h"

#define TRY(x) do { int st_ = (x); if (st_ != BMD_OK) return st_; } while (0)

static const char *const architectures[] = {"third-site-2008", "epaa-phase1", "epaa-phase2", "epaa-phase3",
                                            "epaa-phase4", "russian-alternative", "homeland", NULL};
static const char *const attacks[] = {"iran-raid", "iran-europe", "russia-deterrent", "iskander-kaliningrad",
                                      "homeland-nk", "strike-redzikowo", NULL};
/* the folders of the source tree they come from, as embedded (cmake/embed.cmake KEEPDIR) */
static const char *const folder[BMD_PART_N] = {"architectures", "attacks"};

const char *bmd_part_word(enum bmd_part k) { return k == BMD_PART_ATTACK ? "attack" : "architecture"; }

const char *const *bmd_part_builtin_names(enum bmd_part k) {
  return k == BMD_PART_ATTACK ? attacks : architectures;
}

const char *bmd_part_builtin_find(enum bmd_part k, const char *name) {
  for (const char *const *b = bmd_part_builtin_names(k); *b; b++)
    if (bmd_name_eq(*b, name)) return *b;
  return NULL;
}

const char *bmd_part_builtin_text(enum bmd_part k, const char *name, size_t *len) {
  char file[BMD_NAME_MAX + 24];
  const struct bmd_embedded_file *f;
  const char *canon = bmd_part_builtin_find(k, name);
  if (!canon) return NULL;
  snprintf(file, sizeof file, "%s/%s.yaml", folder[k], canon);
  f = bmd_embedded_find(file);
  if (!f) return NULL; /* NEVER: the build embeds every file of the two folders */
  if (len) *len = f->size;
  return f->data;
}

int bmd_part_is_path(enum bmd_part k, const char *ref) {
  struct stat sb;
  if (bmd_part_builtin_find(k, ref)) return 0;
  return strchr(ref, '/') || strstr(ref, ".yaml") || strstr(ref, ".yml") || stat(ref, &sb) == 0;
}

void bmd_part_doc_close(struct bmd_part_doc *p) {
  bmd_yamldoc_free(p->y);
  free(p->buf);
  memset(p, 0, sizeof *p);
}

/* "no built-in architecture 'x' and no file of that name (built-in: a, b, ...); did you mean 'y'?" */
static void not_found(char *msg, size_t cap, enum bmd_part k, const char *ref) {
  char h[96];
  size_t n = (size_t)snprintf(msg, cap, "no built-in %s '%s' and no file of that name (built-in:", bmd_part_word(k), ref);
  for (const char *const *b = bmd_part_builtin_names(k); *b && n < cap; b++)
    n += (size_t)snprintf(msg + n, cap - n, " %s%s", *b, b[1] ? "," : ")");
  if (n < cap)
    snprintf(msg + n, cap - n, "%s", bmd_name_hint_text(h, sizeof h, bmd_name_hint_list(ref, bmd_part_builtin_names(k))));
}

int bmd_part_doc_open(struct bmd_part_doc *p, enum bmd_part k, const char *ref, const char *base_file,
                      const struct bmd_yamldoc *from, int node, struct bmd_diag *d) {
  size_t len = 0;
  const char *text = bmd_part_builtin_text(k, ref, &len);
  char name[256];
  memset(p, 0, sizeof p[0]);
  if (text) {
    /* diagnostics name a built-in as the user named it, not a path of the source tree */
    snprintf(name, sizeof name, "%s %s", bmd_part_word(k), bmd_part_builtin_find(k, ref));
  } else {
    struct bmd_diag rd;
    struct stat sb;
    int st;
    const char *slash = base_file ? strrchr(base_file, '/') : NULL;
    if (ref[0] != '/' && slash) {
      int dir = (int)(slash - base_file);
      if (snprintf(name, sizeof name, "%.*s/%s", dir, base_file, ref) >= (int)sizeof name) {
        if (from) return bmd_yamldoc_error(from, node, d, "'%s': path too long", bmd_part_word(k));
        bmd_diag_set(d, "", 0, 0, "%s: path too long", bmd_part_word(k));
        return BMD_EPARSE;
      }
    } else {
      snprintf(name, sizeof name, "%s", ref);
    }
    if (!bmd_part_is_path(k, ref) && stat(name, &sb) != 0) {
      char msg[400];
      not_found(msg, sizeof msg, k, ref);
      if (from) return bmd_yamldoc_error(from, node, d, "'%s': %s", bmd_part_word(k), msg);
      bmd_diag_set(d, "", 0, 0, "%s", msg);
      return BMD_ENOTFOUND;
    }
    st = bmd_infile_read(name, BMD_YAMLDOC_MAX_BYTES, &p->buf, &len, &rd);
    if (st == BMD_ENOMEM) return st;
    if (st != BMD_OK) {
      /* the reference's place, then why the file cannot be read */
      if (from) return bmd_yamldoc_error(from, node, d, "'%s': %s", bmd_part_word(k), rd.msg);
      *d = rd;
      return st;
    }
    text = p->buf;
  }
  {
    int st = bmd_yamldoc_load(&p->y, text, len, name, d);
    if (st != BMD_OK) bmd_part_doc_close(p);
    return st;
  }
}

static int ref_open(const struct bmd_yamldoc *y, int root, const char *file, enum bmd_part k,
                    const char *const *inline_keys, struct bmd_part_doc *p, struct bmd_diag *d) {
  char ref[256];
  int node = bmd_yamldoc_get(y, root, bmd_part_word(k));
  if (!node) return BMD_OK;
  TRY(bmd_yamldoc_string(y, root, bmd_part_word(k), 1, ref, sizeof ref, d));
  for (const char *const *s = inline_keys; *s; s++) {
    int dup = bmd_yamldoc_get(y, root, *s);
    if (dup)
      return bmd_yamldoc_error(y, dup, d, "'%s' is part of the %s named at line %d: give either '%s' or the sections inline",
                               *s, bmd_part_word(k), bmd_yamldoc_line(y, node), bmd_part_word(k));
  }
  return bmd_part_doc_open(p, k, ref, file, y, node, d);
}

int bmd_part_refs_open(const struct bmd_yamldoc *y, const char *file, struct bmd_part_doc *pa,
                       struct bmd_part_doc *pt, struct bmd_diag *d) {
  static const char *const keys[] = {"scenario", "title", "source", "seed", "physics", "sensors", "sites", "c2",
                                     "uncertainty", "threats", "architecture", "attack", "cite", NULL};
  static const char *const akeys[] = {"sensors", "sites", "c2", NULL}, *const tkeys[] = {"threats", NULL};
  int root = bmd_yamldoc_root(y);
  /* a document that is not a mapping, or has a stray key, is refused by the parser */
  if (bmd_yamldoc_kind(y, root) != BMD_YAML_MAP || bmd_yamldoc_check_keys(y, root, keys, NULL) != BMD_OK)
    return BMD_OK;
  TRY(ref_open(y, root, file, BMD_PART_ARCHITECTURE, akeys, pa, d));
  return ref_open(y, root, file, BMD_PART_ATTACK, tkeys, pt, d);
}

static int finish(struct bmd_scenario *sc, int st, const char *name, struct bmd_diag *d) {
  if (st == BMD_ENOMEM) bmd_diag_set(d, name, 0, 0, "out of memory");
  if (st != BMD_OK) bmd_scenario_release(sc);
  return st;
}

int bmd_part_load(struct bmd_scenario *sc, enum bmd_part k, const char *ref, const struct bmd_catalog *cat,
                  struct bmd_diag *d) {
  struct bmd_part_doc p;
  const struct bmd_yamldoc *ya, *yt;
  int st;
  memset(sc, 0, sizeof *sc);
  snprintf(sc->file, sizeof sc->file, "%s", ref);
  sc->cat = cat;
  st = bmd_part_doc_open(&p, k, ref, NULL, NULL, 0, d);
  if (st != BMD_OK) return st;
  ya = k == BMD_PART_ARCHITECTURE ? p.y : NULL;
  yt = k == BMD_PART_ATTACK ? p.y : NULL;
  st = bmd_scenario_parse_docs(sc, NULL, ya, yt, cat, d);
  if (st == BMD_OK) {
    snprintf(sc->name, sizeof sc->name, "%s", k == BMD_PART_ATTACK ? sc->attack : sc->architecture);
    snprintf(sc->title, sizeof sc->title, "%s", k == BMD_PART_ATTACK ? sc->attack_title : sc->arch_title);
    st = bmd_scenario_collect_evidence(sc, NULL, ya, yt, d);
  }
  bmd_part_doc_close(&p);
  return finish(sc, st, ref, d);
}

int bmd_scenario_compose(struct bmd_scenario *sc, const char *arch_ref, const char *attack_ref,
                         const struct bmd_catalog *cat, struct bmd_diag *d) {
  struct bmd_part_doc pa, pt;
  int st;
  memset(sc, 0, sizeof *sc);
  memset(&pt, 0, sizeof pt);
  snprintf(sc->file, sizeof sc->file, "%s", arch_ref);
  sc->cat = cat;
  st = bmd_part_doc_open(&pa, BMD_PART_ARCHITECTURE, arch_ref, NULL, NULL, 0, d);
  if (st != BMD_OK) return st;
  st = bmd_part_doc_open(&pt, BMD_PART_ATTACK, attack_ref, NULL, NULL, 0, d);
  if (st == BMD_OK) st = bmd_scenario_parse_docs(sc, NULL, pa.y, pt.y, cat, d);
  if (st == BMD_OK) {
    snprintf(sc->name, sizeof sc->name, "%.*s+%.*s", BMD_NAME_MAX / 2 - 1, sc->architecture, BMD_NAME_MAX / 2 - 1,
             sc->attack);
    snprintf(sc->title, sizeof sc->title, "%s", sc->arch_title);
    st = bmd_scenario_collect_evidence(sc, NULL, pa.y, pt.y, d);
  }
  bmd_part_doc_close(&pa);
  bmd_part_doc_close(&pt);
  return finish(sc, st, arch_ref, d);
}

int bmd_part_file_kind(const char *path) {
  char *buf = NULL;
  size_t len = 0;
  struct bmd_diag d;
  struct bmd_yamldoc *y = NULL;
  int kind = -1;
  if (bmd_infile_read(path, BMD_YAMLDOC_MAX_BYTES, &buf, &len, &d) != BMD_OK) return -1;
  if (bmd_yamldoc_load(&y, buf, len, path, &d) == BMD_OK) {
    int root = bmd_yamldoc_root(y);
    if (bmd_yamldoc_kind(y, root) == BMD_YAML_MAP && !bmd_yamldoc_get(y, root, "scenario")) {
      if (bmd_yamldoc_get(y, root, "architecture")) kind = BMD_PART_ARCHITECTURE;
      else if (bmd_yamldoc_get(y, root, "attack")) kind = BMD_PART_ATTACK;
    }
  }
  bmd_yamldoc_free(y);
  free(buf);
  return kind;
}
