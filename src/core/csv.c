/* csv.c - the CSV writer (csv.h). */
#include <bmd/csv.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/fmt.h>

void bmd_csv_init(struct bmd_csv *w, FILE *fp) {
  w->fp = fp;
  w->col = 0;
  w->err = 0;
  w->n = 0;
}

static void drain(struct bmd_csv *w) {
  errno = 0;
  if (w->n > 0 && !w->err && fwrite(w->buf, 1, w->n, w->fp) != w->n) w->err = errno ? errno : EIO;
  w->n = 0;
}

static void put_n(struct bmd_csv *w, const char *s, size_t k) {
  while (k > 0) {
    size_t room = sizeof w->buf - w->n, m = k < room ? k : room;
    memcpy(w->buf + w->n, s, m);
    w->n += m;
    s += m;
    k -= m;
    if (w->n == sizeof w->buf) drain(w);
  }
}

static void put_c(struct bmd_csv *w, char c) {
  if (w->n == sizeof w->buf) drain(w);
  w->buf[w->n++] = c;
}

/* the separator before every cell but a record's first */
static void sep(struct bmd_csv *w) {
  if (w->col++ > 0) put_c(w, ',');
}

/* a plain decimal number: [+-] digits [. digits] [e [+-] digits], at least one digit */
static int plain_number(const char *s) {
  int digits = 0;
  if (*s == '+' || *s == '-') s++;
  while (*s >= '0' && *s <= '9') s++, digits++;
  if (*s == '.') {
    s++;
    while (*s >= '0' && *s <= '9') s++, digits++;
  }
  if (!digits) return 0;
  if (*s == 'e' || *s == 'E') {
    int e = 0;
    s++;
    if (*s == '+' || *s == '-') s++;
    while (*s >= '0' && *s <= '9') s++, e++;
    if (!e) return 0;
  }
  return *s == '\0';
}

int bmd_csv_needs_prefix(const char *s) {
  if (!s) return 0;
  switch (s[0]) {
  case '=': case '+': case '-': case '@': case '\t': case '\r': return !plain_number(s);
  default: return 0;
  }
}

static int needs_quotes(const char *s) { return strpbrk(s, ",\"\r\n") != NULL; }

void bmd_csv_text(struct bmd_csv *w, const char *s) {
  int q;
  sep(w);
  if (!s || !*s) return;
  q = needs_quotes(s);
  if (q) put_c(w, '"');
  if (bmd_csv_needs_prefix(s)) put_c(w, '\'');
  if (!q) {
    put_n(w, s, strlen(s));
    return;
  }
  for (const char *run = s;; s++) {
    if (*s == '"' || *s == '\0') {
      put_n(w, run, (size_t)(s - run));
      if (*s == '\0') break;
      put_n(w, "\"\"", 2);
      run = s + 1;
    }
  }
  put_c(w, '"');
}

void bmd_csv_text2(struct bmd_csv *w, const char *prefix, const char *s) {
  char small[256], *buf = small;
  size_t a = strlen(prefix ? prefix : ""), b = strlen(s ? s : "");
  if (a + b + 1 > sizeof small && !(buf = malloc(a + b + 1))) {
    if (!w->err) w->err = ENOMEM;
    sep(w);
    return;
  }
  memcpy(buf, prefix ? prefix : "", a);
  memcpy(buf + a, s ? s : "", b + 1);
  bmd_csv_text(w, buf);
  if (buf != small) free(buf);
}

void bmd_csv_header(struct bmd_csv *w, const char *names) {
  for (const char *p = names;;) {
    size_t k = strcspn(p, ",");
    sep(w);
    put_n(w, p, k);
    if (!p[k]) break;
    p += k + 1;
  }
  bmd_csv_end(w);
}

void bmd_csv_fixed(struct bmd_csv *w, double v, int decimals) {
  char t[352];   /* any double: 9 decimals of DBL_MAX need 320 characters (fmt.h's slow path) */
  int k;
  sep(w);
  if (!isfinite(v)) return;
  k = bmd_fmt_fixed(t, sizeof t, v, decimals);
  if (k > 0) put_n(w, t, (size_t)k < sizeof t ? (size_t)k : sizeof t - 1);
}

void bmd_csv_int(struct bmd_csv *w, long v) {
  char t[24];
  sep(w);
  put_n(w, t, (size_t)bmd_fmt_int(t, v));
}

void bmd_csv_uint(struct bmd_csv *w, unsigned long long v) {
  char t[24];
  int k = snprintf(t, sizeof t, "%llu", v);
  sep(w);
  if (k > 0) put_n(w, t, (size_t)k);
}

void bmd_csv_real(struct bmd_csv *w, double v) {
  char t[40];
  sep(w);
  if (!isfinite(v)) return;
  for (int p = 15; p <= 17; p++) {
    snprintf(t, sizeof t, "%.*g", p, v);
    if (strtod(t, NULL) == v) break;
  }
  put_n(w, t, strlen(t));
}

void bmd_csv_empty(struct bmd_csv *w) { sep(w); }

void bmd_csv_end(struct bmd_csv *w) {
  put_c(w, '\n');
  w->col = 0;
}

int bmd_csv_finish(struct bmd_csv *w) {
  drain(w);
  errno = 0;
  if (!w->err && (fflush(w->fp) != 0 || ferror(w->fp))) w->err = errno ? errno : EIO;
  if (w->err) {
    errno = w->err;
    return -1;
  }
  return 0;
}

size_t bmd_csv_cell(char *out, size_t cap, const char *s) {
  size_t n = 0;
  int q;
#define OUT(c)                          \
  do {                                  \
    if (n + 1 < cap) out[n] = (char)(c); \
    n++;                                \
  } while (0)
  if (s && *s) {
    q = needs_quotes(s);
    if (q) OUT('"');
    if (bmd_csv_needs_prefix(s)) OUT('\'');
    for (; *s; s++) {
      if (q && *s == '"') OUT('"');
      OUT(*s);
    }
    if (q) OUT('"');
  }
#undef OUT
  if (cap > 0) out[n < cap ? n : cap - 1] = '\0';
  return n;
}
