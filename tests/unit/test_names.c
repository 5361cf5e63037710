/* test_names.c - case-insensitive names and "did you mean" hints: the edit distance against
   a textbook recursion over random words, published examples, and the hint's limits. */
#include <string.h>

#include <bmd/names.h>

#include "check.h"

/* independent truth: the optimal-string-alignment distance by its recursive definition
   (Damerau 1964), memoised; a and b lower-case already */
static size_t memo[12][12];
static size_t osa(const char *a, size_t i, const char *b, size_t j) {
  size_t v;
  if (i == 0) return j;
  if (j == 0) return i;
  if (memo[i][j] != (size_t)-1) return memo[i][j];
  v = osa(a, i - 1, b, j - 1) + (a[i - 1] != b[j - 1]);
  if (osa(a, i - 1, b, j) + 1 < v) v = osa(a, i - 1, b, j) + 1;
  if (osa(a, i, b, j - 1) + 1 < v) v = osa(a, i, b, j - 1) + 1;
  if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && osa(a, i - 2, b, j - 2) + 1 < v)
    v = osa(a, i - 2, b, j - 2) + 1;
  return memo[i][j] = v;
}

int main(void) {
  static const char *const missiles[] = {"iskander-m", "shahab-3", "iran-irbm", "iran-icbm", "ss-25", NULL};
  char buf[64];
  unsigned long long x = 88172645463325252ULL; /* xorshift64 (Marsaglia 2003) */

  CHECK(bmd_name_eq("Redzikowo", "redzikowo"));
  CHECK(bmd_name_eq("SM-3-IIA", "sm-3-iia"));
  CHECK(!bmd_name_eq("sm-3", "sm-3-iia"));
  CHECK(!bmd_name_eq(NULL, "a"));
  /* Levenshtein's textbook examples, and a transposition counting one */
  CHECK_INT_EQ(bmd_name_distance("kitten", "sitting"), 3);
  CHECK_INT_EQ(bmd_name_distance("flaw", "lawn"), 2);
  CHECK_INT_EQ(bmd_name_distance("", "abc"), 3);
  CHECK_INT_EQ(bmd_name_distance("ISKANDER", "iskander"), 0);
  CHECK_INT_EQ(bmd_name_distance("shabah-3", "shahab-3"), 2);
  CHECK_INT_EQ(bmd_name_distance("ss-52", "ss-25"), 1);
  /* random words over a 3-letter alphabet (many near matches) against the recursion */
  for (int t = 0; t < 20000; t++) {
    char a[12], b[12];
    size_t na, nb;
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    na = (size_t)(x % 11);
    nb = (size_t)((x >> 8) % 11);
    for (size_t i = 0; i < na; i++) a[i] = (char)('a' + (x >> (16 + 2 * i)) % 3);
    for (size_t i = 0; i < nb; i++) b[i] = (char)('a' + (x >> (40 + i)) % 3);
    a[na] = b[nb] = '\0';
    memset(memo, 0xff, sizeof memo);
    CHECK_INT_EQ(bmd_name_distance(a, b), osa(a, na, b, nb));
  }
  /* hints: one slip in a short name, up to three in a long one, nothing further */
  CHECK(bmd_name_hint_list("iskander-mm", missiles) && strcmp(bmd_name_hint_list("iskander-mm", missiles), "iskander-m") == 0);
  CHECK(bmd_name_hint_list("Shahab3", missiles) && strcmp(bmd_name_hint_list("Shahab3", missiles), "shahab-3") == 0);
  CHECK(bmd_name_hint_list("ss-52", missiles) && strcmp(bmd_name_hint_list("ss-52", missiles), "ss-25") == 0);
  CHECK(bmd_name_hint_list("iran-irmb", missiles) && strcmp(bmd_name_hint_list("iran-irmb", missiles), "iran-irbm") == 0);
  CHECK(bmd_name_hint_list("nope", missiles) == NULL);
  CHECK(bmd_name_hint_list("x", missiles) == NULL);
  CHECK(bmd_name_hint_list("", missiles) == NULL);
  CHECK(bmd_name_hint_list("atlantis", missiles) == NULL);
  /* a name longer than the cap is far from everything, not a crash */
  memset(buf, 'a', sizeof buf - 1);
  buf[sizeof buf - 1] = '\0';
  CHECK(bmd_name_distance(buf, "a") > 3);
  CHECK(strcmp(bmd_name_hint_text(buf, sizeof buf, "ss-25"), "; did you mean 'ss-25'?") == 0);
  CHECK(strcmp(bmd_name_hint_text(buf, sizeof buf, NULL), "") == 0);
  return check_report("test_names");
}
