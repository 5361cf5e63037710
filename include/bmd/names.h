/*
 * names.h - names typed by people: missile, site, sensor and scenario slugs, commands,
 * options and sweep parameters. One rule everywhere: a name matches whatever its case
 * ("Redzikowo" is redzikowo), and an unknown name is answered with the closest known one
 * ("did you mean 'iskander-m'?") when one is close enough.
 *
 * Closeness is the optimal-string-alignment distance (Levenshtein's edit distance with
 * transpositions of neighbours: Damerau 1964, Levenshtein 1966), over ASCII letters folded
 * to lower case. A known name is offered when it is at most max(1, min(3, n / 3)) edits
 * away from the word of n characters: one slip in a short name, up to three in a long one;
 * further than that a guess misleads more than it helps. Of equally close names the first
 * offered wins, so callers offer them in a stable order.
 */
#ifndef BMD_NAMES_H
#define BMD_NAMES_H

#include <stddef.h>

/* bmd_name_eq - 1 if a and b are the same name ignoring ASCII case, else 0; NULL never
   matches. */
int bmd_name_eq(const char *a, const char *b);

/* bmd_name_distance - edit distance between a and b ignoring ASCII case (insertions,
   deletions, substitutions and transpositions of neighbours count 1); names longer than
   BMD_NAME_HINT_MAX characters compare as BMD_NAME_HINT_MAX + 1 (far). */
#define BMD_NAME_HINT_MAX 64
size_t bmd_name_distance(const char *a, const char *b);

/* A search for the closest name: _init with the unknown word, _add every candidate, then
   _best. Plain data on the caller's stack; nothing to release. */
struct bmd_name_hint {
  const char *word;
  const char *best;      /* closest candidate so far (points to the caller's string) */
  size_t dist;
};
void bmd_name_hint_init(struct bmd_name_hint *h, const char *word);
void bmd_name_hint_add(struct bmd_name_hint *h, const char *candidate);
/* bmd_name_hint_best - the closest candidate if it is close enough (above), else NULL. */
const char *bmd_name_hint_best(const struct bmd_name_hint *h);

/* bmd_name_hint_list - the closest of the NULL-terminated list names, or NULL. */
const char *bmd_name_hint_list(const char *word, const char *const *names);

/* bmd_name_hint_text - "; did you mean 'NAME'?" into buf[cap] when hint is not NULL,
   else ""; returns buf, for messages ("unknown missile 'shahab3'; did you mean
   'shahab-3'?"). */
const char *bmd_name_hint_text(char *buf, size_t cap, const char *hint);

#endif
