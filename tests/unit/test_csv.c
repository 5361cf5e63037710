/*
 * test_csv.c - the CSV writer (csv.h) against the rules it implements, cell by cell:
 *  - RFC 4180 sec. 2 (rules 5-7): a cell holding a comma, double quote, CR or LF is quoted
 *    and its quotes doubled; other cells are written as they are;
 *  - the OWASP CSV-injection rule: text starting with = + - @ TAB CR gets a leading quote,
 *    unless it is a plain decimal number; number cells are never touched;
 *  - numbers: bmd_csv_fixed writes printf's "%.*f" (compared with snprintf), non-finite
 *    values as empty cells; bmd_csv_real the shortest of %.15g..%.17g that reads back;
 *  - buffering: a cell longer than the writer's 16 KB buffer and a file of many buffers come
 *    out whole and in order;
 *  - a write error (/dev/full) is reported with errno ENOSPC.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/csv.h>

#include "check.h"

/* the text of one record written by fill() */
static char *record(void (*fill)(struct bmd_csv *w, const void *arg), const void *arg) {
  static struct bmd_csv w;
  char *buf = NULL;
  size_t n = 0;
  FILE *fp = open_memstream(&buf, &n);
  bmd_csv_init(&w, fp);
  fill(&w, arg);
  bmd_csv_end(&w);
  CHECK_INT_EQ(bmd_csv_finish(&w), 0);
  fclose(fp);
  return buf;
}

static void one_text(struct bmd_csv *w, const void *arg) { bmd_csv_text(w, arg); }

static void check_text(const char *in, const char *want) {
  char *got = record(one_text, in), cell[512];
  size_t need;
  if (strcmp(got, want) != 0) {
    check_failures_++;
    fprintf(stderr, "text [%s]: want [%s], got [%s]\n", in, want, got);
  }
  check_count_++;
  /* bmd_csv_cell gives the same cell (without the record's LF) */
  need = bmd_csv_cell(cell, sizeof cell, in);
  CHECK_INT_EQ(need + 1, strlen(want));
  CHECK(strncmp(cell, want, need) == 0);
  free(got);
}

struct nums {
  double v;
  int dec;
};

static void one_fixed(struct bmd_csv *w, const void *arg) {
  const struct nums *x = arg;
  bmd_csv_fixed(w, x->v, x->dec);
}

static void mixed(struct bmd_csv *w, const void *arg) {
  (void)arg;
  bmd_csv_int(w, -42);
  bmd_csv_text(w, "a,b");
  bmd_csv_empty(w);
  bmd_csv_fixed(w, -0.5, 0);   /* "-0", as printf: a number cell, never prefixed */
  bmd_csv_uint(w, 18446744073709551615ull);
  bmd_csv_real(w, 0.1);
  bmd_csv_real(w, 1.0 / 3.0);
  bmd_csv_text2(w, "killed_", "T,1");
  bmd_csv_text2(w, "", "=x");
  bmd_csv_text(w, NULL);
}

static void header(struct bmd_csv *w, const void *arg) {
  (void)arg;
  bmd_csv_header(w, "t_s,event,note");
  bmd_csv_text(w, "x");
}

int main(void) {
  /* RFC 4180: plain, comma, quote, LF, CR, CRLF, empty */
  check_text("plain", "plain\n");
  check_text("", "\n");
  check_text("a,b", "\"a,b\"\n");
  check_text("say \"hi\"", "\"say \"\"hi\"\"\"\n");
  check_text("\"", "\"\"\"\"\n");
  check_text("line\nbreak", "\"line\nbreak\"\n");
  check_text("cr\rhere", "\"cr\rhere\"\n");
  check_text("crlf\r\n", "\"crlf\r\n\"\n");
  check_text("K\xc3\xbcrecik <&>'", "K\xc3\xbcrecik <&>'\n");   /* UTF-8 and XML's specials: as given */
  /* OWASP: formula prefixes */
  check_text("=1+1", "'=1+1\n");
  check_text("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n");
  check_text("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0\n");
  check_text("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0\n");
  check_text("@SUM(A1:A9)", "'@SUM(A1:A9)\n");
  check_text("\tx", "'\tx\n");
  check_text("\rx", "\"'\rx\"\n");
  check_text("-", "'-\n");
  check_text("-x,y", "\"'-x,y\"\n");
  check_text("a=1", "a=1\n");   /* only the first character matters */
  /* plain decimal numbers in a text cell are not formulas */
  check_text("-3", "-3\n");
  check_text("+1.5", "+1.5\n");
  check_text("-1.5e-3", "-1.5e-3\n");
  check_text("-.5", "-.5\n");
  check_text("-1e", "'-1e\n");
  check_text("-inf", "'-inf\n");
  check_text("-1.5,2", "\"'-1.5,2\"\n");
  CHECK(bmd_csv_needs_prefix("=") && !bmd_csv_needs_prefix("-12") && !bmd_csv_needs_prefix("x=") &&
        !bmd_csv_needs_prefix(NULL) && !bmd_csv_needs_prefix(""));

  /* numbers: printf's text; non-finite: empty */
  {
    const struct nums cases[] = {{0.5, 0},  {1.5, 0},       {2.5, 0},      {-0.0, 3}, {123.456789, 3},
                                 {1e300, 2}, {-7.25, 1},     {0.125, 2},    {1e-9, 9}, {45.123456789, 10},
                                 {(double)NAN, 3}, {(double)INFINITY, 1}, {-(double)INFINITY, 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
      char want[400], *got = record(one_fixed, &cases[i]);
      if (isfinite(cases[i].v)) snprintf(want, sizeof want, "%.*f\n", cases[i].dec, cases[i].v);
      else snprintf(want, sizeof want, "\n");
      if (strcmp(got, want) != 0) {
        check_failures_++;
        fprintf(stderr, "fixed %g/%d: want [%s], got [%s]\n", cases[i].v, cases[i].dec, want, got);
      }
      check_count_++;
      free(got);
    }
  }
  {
    char *got = record(mixed, NULL);
    const char *want = "-42,\"a,b\",,-0,18446744073709551615,0.1,0.3333333333333333,\"killed_T,1\",'=x,\n";
    if (strcmp(got, want) != 0) {
      check_failures_++;
      fprintf(stderr, "mixed: want [%s], got [%s]\n", want, got);
    }
    check_count_++;
    free(got);
    got = record(header, NULL);
    CHECK(strcmp(got, "t_s,event,note\nx\n") == 0);
    free(got);
  }

  /* a cell of 100,000 characters (6 buffers) with quotes, and 20,000 records */
  {
    size_t n = 100000, len = 0;
    char *big = malloc(n + 1), *buf = NULL, *p;
    FILE *fp = open_memstream(&buf, &len);
    struct bmd_csv *w = malloc(sizeof *w);
    long bad = 0;
    for (size_t i = 0; i < n; i++) big[i] = i % 1000 == 999 ? '"' : (char)('a' + i % 26);
    big[n] = '\0';
    bmd_csv_init(w, fp);
    bmd_csv_text(w, big);
    bmd_csv_end(w);
    for (long k = 0; k < 20000; k++) {
      bmd_csv_int(w, k);
      bmd_csv_fixed(w, k * 0.001, 3);
      bmd_csv_end(w);
    }
    CHECK_INT_EQ(bmd_csv_finish(w), 0);
    fclose(fp);
    /* the big cell: quoted, each quote doubled */
    CHECK(buf[0] == '"');
    p = buf + 1;
    for (size_t i = 0; i < n && !bad; i++) {
      if (*p != big[i]) bad = 1;
      p += big[i] == '"' ? 2 : 1;
    }
    CHECK(!bad && p[0] == '"' && p[1] == '\n');
    p += 2;
    for (long k = 0; k < 20000 && !bad; k++) {
      char want[64];
      int m = snprintf(want, sizeof want, "%ld,%.3f\n", k, k * 0.001);
      if (strncmp(p, want, (size_t)m) != 0) bad = 1;
      p += m;
    }
    CHECK(!bad && *p == '\0');
    free(w);
    free(big);
    free(buf);
  }

  /* a full disk: the failure and its errno (ENOSPC) reach the caller */
  {
    FILE *fp = fopen("/dev/full", "w");
    struct bmd_csv *w = malloc(sizeof *w);
    if (fp) {
      bmd_csv_init(w, fp);
      for (int k = 0; k < 5000; k++) {
        bmd_csv_text(w, "some text");
        bmd_csv_end(w);
      }
      errno = 0;
      CHECK_INT_EQ(bmd_csv_finish(w), -1);
      CHECK_INT_EQ(errno, ENOSPC);
      fclose(fp);
    }
    free(w);
  }
  return check_report("test_csv");
}
