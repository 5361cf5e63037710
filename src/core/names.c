/* names.c - case-insensitive names and "did you mean" hints (names.h). */
#include <bmd/names.h>

#include <stdio.h>
#include <string.h>

static int fold(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

int bmd_name_eq(const char *a, const char *b) {
  if (!a || !b) return 0;
  for (; *a && *b; a++, b++)
    if (fold((unsigned char)*a) != fold((unsigned char)*b)) return 0;
  return *a == *b;
}

size_t bmd_name_distance(const char *a, const char *b) {
  /* three rows of the dynamic programme (Wagner & Fischer 1974), plus the row before
     last for transpositions */
  size_t d0[BMD_NAME_HINT_MAX + 1], d1[BMD_NAME_HINT_MAX + 1], d2[BMD_NAME_HINT_MAX + 1];
  size_t *pp = d0, *p = d1, *c = d2, na = strlen(a), nb = strlen(b);
  if (na > BMD_NAME_HINT_MAX || nb > BMD_NAME_HINT_MAX) return BMD_NAME_HINT_MAX + 1;
  for (size_t j = 0; j <= nb; j++) p[j] = j;
  for (size_t i = 1; i <= na; i++) {
    int ca = fold((unsigned char)a[i - 1]);
    c[0] = i;
    for (size_t j = 1; j <= nb; j++) {
      int cb = fold((unsigned char)b[j - 1]);
      size_t v = p[j - 1] + (ca != cb);
      if (p[j] + 1 < v) v = p[j] + 1;
      if (c[j - 1] + 1 < v) v = c[j - 1] + 1;
      if (i > 1 && j > 1 && ca == fold((unsigned char)b[j - 2]) && fold((unsigned char)a[i - 2]) == cb &&
          pp[j - 2] + 1 < v)
        v = pp[j - 2] + 1;
      c[j] = v;
    }
    {
      size_t *t = pp;
      pp = p;
      p = c;
      c = t;
    }
  }
  return p[nb];
}

void bmd_name_hint_init(struct bmd_name_hint *h, const char *word) {
  h->word = word ? word : "";
  h->best = NULL;
  h->dist = (size_t)-1;
}

void bmd_name_hint_add(struct bmd_name_hint *h, const char *candidate) {
  size_t d;
  if (!candidate || !*candidate) return;
  d = bmd_name_distance(h->word, candidate);
  if (d < h->dist) {
    h->dist = d;
    h->best = candidate;
  }
}

const char *bmd_name_hint_best(const struct bmd_name_hint *h) {
  size_t n = strlen(h->word), limit = n / 3;
  if (limit > 3) limit = 3;
  if (limit < 1) limit = 1;
  return h->best && h->dist >= 1 && h->dist <= limit ? h->best : NULL;
}

const char *bmd_name_hint_list(const char *word, const char *const *names) {
  struct bmd_name_hint h;
  bmd_name_hint_init(&h, word);
  for (; names && *names; names++) bmd_name_hint_add(&h, *names);
  return bmd_name_hint_best(&h);
}

const char *bmd_name_hint_text(char *buf, size_t cap, const char *hint) {
  if (!buf || cap == 0) return "";
  if (hint) snprintf(buf, cap, "; did you mean '%s'?", hint);
  else buf[0] = '\0';
  return buf;
}
