/* test_states.c - the propagate CSV reader: every class of bad row gets a located error. */
#include <stdlib.h>
#include <string.h>

#include <bmd/states.h>
#include <bmd/status.h>

#include "check.h"

static const char *H = "id,lat_deg,lon_deg,alt_m,v_east_mps,v_north_mps,v_up_mps,beta_kgm2\n";

static int parse(const char *body, struct bmd_diag *d, long *n) {
  char buf[4096];
  struct bmd_ballistic_in *rows = NULL;
  FILE *fp;
  int st;
  snprintf(buf, sizeof buf, "%s", body);
  fp = fmemopen(buf, strlen(buf), "r");
  st = bmd_states_read(fp, "s.csv", &rows, n, d);
  fclose(fp);
  free(rows);
  return st;
}

#define BAD(text, ln_, cl_, needle)                                  \
  do {                                                                \
    struct bmd_diag d_;                                               \
    long n_;                                                          \
    memset(&d_, 0, sizeof d_);                                        \
    CHECK_INT_EQ(parse(text, &d_, &n_), BMD_EPARSE);                  \
    CHECK_INT_EQ(d_.line, ln_);                                      \
    CHECK_INT_EQ(d_.col, cl_);                                        \
    CHECK(strstr(d_.msg, needle) != NULL);                            \
    if (!strstr(d_.msg, needle)) fprintf(stderr, "  msg: %s\n", d_.msg); \
  } while (0)

int main(void) {
  char text[1024];
  struct bmd_diag d;
  long n = -1;
  snprintf(text, sizeof text, "%s1,10,20,100000,1000,2000,3000,5000\n\n2,-10,-20,1e5,0,0,1,1\n", H);
  CHECK_INT_EQ(parse(text, &d, &n), BMD_OK);
  CHECK_INT_EQ(n, 2);
  BAD("", 1, 1, "empty file");
  BAD("id,lat\n", 1, 1, "bad header");
  snprintf(text, sizeof text, "%s1,10,20,100000,1000,2000,3000\n", H);
  BAD(text, 2, 30, "missing fields");
  snprintf(text, sizeof text, "%s1,abc,20,100000,1000,2000,3000,5000\n", H);
  BAD(text, 2, 3, "'lat_deg' must be a number");
  snprintf(text, sizeof text, "%s1,91,20,100000,1000,2000,3000,5000\n", H);
  BAD(text, 2, 3, "lat_deg");
  snprintf(text, sizeof text, "%s1,10,20,nan,1000,2000,3000,5000\n", H);
  BAD(text, 2, 9, "finite");
  snprintf(text, sizeof text, "%s1,10,20,100000,1000,2000,3000,-5\n", H);
  BAD(text, 2, 31, "beta_kgm2");
  snprintf(text, sizeof text, "%s1,10,20,100000,1000,2000,3000,5000,7\n", H);
  BAD(text, 2, 35, "exactly 8 fields");
  snprintf(text, sizeof text, "%sx,10,20,100000,1000,2000,3000,5000\n", H);
  BAD(text, 2, 1, "'id' must be an integer");
  snprintf(text, sizeof text, "%s1,10,20,-5,1000,2000,3000,5000\n", H);
  BAD(text, 2, 9, "alt_m");
  snprintf(text, sizeof text, "%s1,10,20,100000,1e9,2000,3000,5000\n", H);
  BAD(text, 2, 16, "speed");
  /* hexadecimal floats (strtod reads them; a states file must not hold them) */
  snprintf(text, sizeof text, "%s1,0x1.4p3,20,100000,1000,2000,3000,5000\n", H);
  BAD(text, 2, 3, "'lat_deg' must be a decimal number, not '0x1.4p3'");
  snprintf(text, sizeof text, "%s1,10,20,100000,1000,2000,3000,0X10\n", H);
  BAD(text, 2, 31, "'beta_kgm2' must be a decimal number");
  /* a repeated id names both lines, blank lines counted */
  snprintf(text, sizeof text, "%s7,10,20,100000,1000,2000,3000,5000\n\n\n8,1,2,3,4,5,6,7\n\n7,1,2,3,4,5,6,7\n", H);
  BAD(text, 7, 1, "duplicate id 7 (also on line 2)");
  snprintf(text, sizeof text, "%s\n1,10,20,100000,1000,2000,3000,5000\n\n8,1,2,3,4,5,6,7\n8,1,2,3,4,5,6,7\n", H);
  BAD(text, 6, 1, "duplicate id 8 (also on line 5)");
  /* below the least ballistic coefficient: refused, not dropped after the run */
  snprintf(text, sizeof text, "%s1,10,20,100000,1000,2000,3000,0.001\n", H);
  BAD(text, 2, 31, "'beta_kgm2' must be at least 1 kg/m^2");
  snprintf(text, sizeof text, "%s1,10,20,100000,1000,2000,3000,1\n", H);
  CHECK_INT_EQ(parse(text, &d, &n), BMD_OK);
  {
    /* 100,000 distinct ids (the set grows many times), then one repeat: its line found */
    size_t cap = 4u << 20, k = 0;
    char *big = malloc(cap);
    struct bmd_ballistic_in *rows = NULL;
    FILE *fp;
    k += (size_t)snprintf(big + k, cap - k, "%s", H);
    for (long i = 0; i < 100000; i++) k += (size_t)snprintf(big + k, cap - k, "%ld,1,2,3,4,5,6,7\n", i * 7919 - 300000);
    k += (size_t)snprintf(big + k, cap - k, "%ld,1,2,3,4,5,6,7\n", 4242L * 7919 - 300000);
    fp = fmemopen(big, k, "r");
    memset(&d, 0, sizeof d);
    CHECK_INT_EQ(bmd_states_read(fp, "s.csv", &rows, &n, &d), BMD_EPARSE);
    CHECK_INT_EQ(d.line, 100002);
    CHECK(strstr(d.msg, "(also on line 4244)") != NULL);
    fclose(fp);
    free(rows);
    free(big);
  }
  return check_report("test_states");
}
