/* states.c - the propagate CSV reader and impacts writer (states.h). */
#include <bmd/states.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/csv.h>
#include <bmd/status.h>

static const char *const header = "id,lat_deg,lon_deg,alt_m,v_east_mps,v_north_mps,v_up_mps,beta_kgm2";
static const char *const names[8] = {"id", "lat_deg", "lon_deg", "alt_m", "v_east_mps",
                                     "v_north_mps", "v_up_mps", "beta_kgm2"};

#define LINE_MAX_CHARS 1024

/* One line into line[cap] without its "\n" (and "\r"): 1 read, 0 end of file, -1 longer
   than cap - 1 characters, -2 a NUL byte (binary data) at column *col. Reads with getc so
   that a NUL byte is seen (fgets would hide the rest of the line behind it). */
static int read_line(FILE *fp, char *line, size_t cap, int *col) {
  size_t n = 0;
  int c;
  while ((c = getc_unlocked(fp)) != EOF && c != '\n') {
    if (c == '\0') {
      *col = (int)n + 1;
      return -2;
    }
    if (n + 1 >= cap) {
      *col = (int)cap;
      return -1;
    }
    line[n++] = (char)c;
  }
  line[n] = '\0';
  if (c == EOF && n == 0) return 0;
  return 1;
}

static void chomp(char *s) {
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = '\0';
}

int bmd_states_read(FILE *fp, const char *name, struct bmd_ballistic_in **rows_out,
                    long *n_out, struct bmd_diag *d) {
  char line[LINE_MAX_CHARS + 2];
  struct bmd_ballistic_in *rows = NULL;
  long n = 0, cap = 0;
  int lineno = 0;

  int rcol = 0, got = read_line(fp, line, sizeof line, &rcol);

  if (got == 0) {
    bmd_diag_set(d, name, 1, 1, "empty file: expected the header '%s'", header);
    return BMD_EPARSE;
  }
  if (got < 0) {
    bmd_diag_set(d, name, 1, rcol, "bad header: expected '%s'", header);
    return BMD_EPARSE;
  }
  lineno = 1;
  chomp(line);
  if (strncmp(line, "\xEF\xBB\xBF", 3) == 0) memmove(line, line + 3, strlen(line + 3) + 1);
  if (strcmp(line, header) != 0) {
    bmd_diag_set(d, name, 1, 1, "bad header: expected '%s'", header);
    return BMD_EPARSE;
  }
  while ((got = read_line(fp, line, LINE_MAX_CHARS + 1, &rcol)) != 0) {
    double v[8];
    char *p = line, *end;
    lineno++;
    if (got == -1) {
      bmd_diag_set(d, name, lineno, rcol, "line longer than %d characters", LINE_MAX_CHARS);
      goto fail;
    }
    if (got == -2) {
      bmd_diag_set(d, name, lineno, rcol, "binary data (NUL byte) in a CSV file");
      goto fail;
    }
    chomp(line);
    if (line[0] == '\0') continue; /* blank lines (e.g. at the end) are allowed */
    for (int k = 0; k < 8; k++) {
      int col = (int)(p - line) + 1;
      errno = 0;
      if (k == 0) {
        long id = strtol(p, &end, 10);
        if (end == p || errno) {
          bmd_diag_set(d, name, lineno, col, "'id' must be an integer");
          goto fail;
        }
        v[0] = (double)id;
      } else {
        v[k] = strtod(p, &end);
        if (end == p) {
          bmd_diag_set(d, name, lineno, col, "'%s' must be a number", names[k]);
          goto fail;
        }
        if (!isfinite(v[k])) {
          bmd_diag_set(d, name, lineno, col, "'%s' must be finite", names[k]);
          goto fail;
        }
      }
      if (k < 7) {
        if (*end != ',') {
          bmd_diag_set(d, name, lineno, (int)(end - line) + 1,
                       *end ? "expected ',' after '%s'" : "missing fields after '%s' (need 8)",
                       names[k]);
          goto fail;
        }
        p = end + 1;
      } else if (*end != '\0') {
        bmd_diag_set(d, name, lineno, (int)(end - line) + 1,
                     "unexpected text after 'beta_kgm2' (need exactly 8 fields)");
        goto fail;
      }
    }
    {
      const char *bad = NULL;
      int field = 0;
      double speed = sqrt(v[4] * v[4] + v[5] * v[5] + v[6] * v[6]);
      if (fabs(v[1]) > 90.0) bad = "'lat_deg' must be in [-90, 90]", field = 1;
      else if (fabs(v[2]) > 360.0) bad = "'lon_deg' must be in [-360, 360]", field = 2;
      else if (v[3] < 0.0 || v[3] > 1e8) bad = "'alt_m' must be in [0, 1e8]", field = 3;
      else if (speed > 2e4) bad = "speed must be <= 20000 m/s", field = 4;
      else if (!(v[7] > 0.0)) bad = "'beta_kgm2' must be > 0", field = 7;
      if (bad) {
        /* column of the field: count commas */
        int col = 1, commas = 0;
        for (const char *q = line; *q && commas < field; q++, col++)
          if (*q == ',') commas++;
        bmd_diag_set(d, name, lineno, col, "%s", bad);
        goto fail;
      }
    }
    if (n == cap) {
      long nc = cap ? cap * 2 : 1024;
      struct bmd_ballistic_in *r;
      if (nc > BMD_STATES_MAX_ROWS) nc = BMD_STATES_MAX_ROWS;
      if (n >= nc) {
        bmd_diag_set(d, name, lineno, 1, "more than %ld rows", BMD_STATES_MAX_ROWS);
        goto fail;
      }
      r = realloc(rows, (size_t)nc * sizeof *r);
      if (!r) {
        free(rows);
        return BMD_ENOMEM;
      }
      rows = r;
      cap = nc;
    }
    {
      struct bmd_ballistic_in *r = &rows[n++];
      char *e2;
      r->id = strtol(line, &e2, 10);
      r->lat_deg = v[1];
      r->lon_deg = v[2];
      r->alt_m = v[3];
      r->v_east_mps = v[4];
      r->v_north_mps = v[5];
      r->v_up_mps = v[6];
      r->beta_kgm2 = v[7];
    }
  }
  if (ferror(fp)) {
    bmd_diag_set(d, name, lineno, 0, "read error");
    free(rows);
    return BMD_EIO;
  }
  *rows_out = rows;
  *n_out = n;
  return BMD_OK;
fail:
  free(rows);
  return BMD_EPARSE;
}

long bmd_states_write_impacts(FILE *fp, const struct bmd_ballistic_out *out, long n,
                              struct bmd_diag *d) {
  long w = 0;
  /* guard first, so that a bad row leaves the file empty rather than half written */
  for (long i = 0; i < n; i++) {
    const double v[4] = {out[i].impact_lat_deg, out[i].impact_lon_deg, out[i].time_of_flight_s,
                         out[i].apogee_alt_m};
    static const char *const col[4] = {"impact_lat_deg", "impact_lon_deg", "time_of_flight_s",
                                       "apogee_alt_m"};
    if (out[i].status != BMD_OK) continue;
    for (int k = 0; k < 4; k++)
      if (!isfinite(v[k])) {
        bmd_diag_set(d, "", 0, 0, "object %ld: '%s' is %g (non-finite result; not written)",
                     out[i].id, col[k], v[k]);
        return -2;
      }
  }
  {
    struct bmd_csv *c = malloc(sizeof *c);   /* through the one CSV writer (csv.h) */
    if (!c) return -1;
    bmd_csv_init(c, fp);
    bmd_csv_header(c, "id,impact_lat_deg,impact_lon_deg,time_of_flight_s,apogee_alt_m");
    for (long i = 0; i < n; i++) {
      if (out[i].status != BMD_OK) continue;
      bmd_csv_int(c, out[i].id);
      /* 1e-10 deg is 1e-5 m: far below the integrator's error */
      bmd_csv_fixed(c, out[i].impact_lat_deg, 10);
      bmd_csv_fixed(c, out[i].impact_lon_deg, 10);
      bmd_csv_fixed(c, out[i].time_of_flight_s, 6);
      bmd_csv_fixed(c, out[i].apogee_alt_m, 4);
      bmd_csv_end(c);
      w++;
    }
    if (bmd_csv_finish(c) != 0) w = -1;
    free(c);
  }
  return w;
}
