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

/* the line of row r (0-based): the header, the rows before it and the blank lines before
   it (runs: from row blank_at[k] on, blank_cnt[k] blank lines precede) */
static long row_line(long r, const long *blank_at, const long *blank_cnt, long nruns) {
  long before = 0;
  for (long k = 0; k < nruns && blank_at[k] <= r; k++) before = blank_cnt[k];
  return 2 + r + before;
}

/* ascending order of ids, for qsort */
static int cmp_long(const void *a, const void *b) {
  long x = *(const long *)a, y = *(const long *)b;
  return (x > y) - (x < y);
}

/* Repeated ids among rows[0..n): 0 if none; 1 with *first and *second the rows of the
   repeat that comes first in the file (the earliest second use); -1 when out of memory.
   The ids are sorted once (8 bytes a row, for the check only), then the rows are read in
   order against the sorted list of repeated ids: memory is read in sequence, so a
   20-million-row file costs a sort rather than millions of cache misses. */
static int find_repeat(const struct bmd_ballistic_in *rows, long n, long *first, long *second) {
  long *ids = malloc((size_t)(n > 0 ? n : 1) * sizeof *ids), *seen = NULL, nd = 0;
  int found = 0;
  if (!ids) return -1;
  for (long i = 0; i < n; i++) ids[i] = rows[i].id;
  qsort(ids, (size_t)n, sizeof *ids, cmp_long);
  for (long i = 1; i < n; i++) /* the repeated ids, each once, in place at the front */
    if (ids[i] == ids[i - 1] && (nd == 0 || ids[nd - 1] != ids[i])) ids[nd++] = ids[i];
  if (nd == 0) {
    free(ids);
    return 0;
  }
  seen = malloc((size_t)nd * sizeof *seen); /* per repeated id: its first row, -1 none yet */
  if (!seen) {
    free(ids);
    return -1;
  }
  for (long k = 0; k < nd; k++) seen[k] = -1;
  for (long i = 0; i < n && !found; i++) {
    const long *hit = bsearch(&rows[i].id, ids, (size_t)nd, sizeof *ids, cmp_long);
    if (!hit) continue;
    if (seen[hit - ids] < 0) {
      seen[hit - ids] = i;
    } else {
      *first = seen[hit - ids];
      *second = i;
      found = 1;
    }
  }
  free(seen);
  free(ids);
  return found; /* ALWAYS 1 here: a repeated id has a second use */
}

/* 1 if s[0..n) is written as a decimal number: digits, sign, point, exponent (strtod also
   reads hexadecimal "0x1p4", "inf" and "nan", which a states file must not hold) */
static int decimal_text(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E')) return 0;
  }
  return 1;
}

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
  /* the line of each row, for the duplicate-id message: kept as the rows' count of blank
     lines before them only where that count changes (runs), so blank lines cost nothing */
  long *blank_at = NULL, *blank_cnt = NULL, nblank_runs = 0, blanks = 0, cap_runs = 0;

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
    if (line[0] == '\0') { /* blank lines (e.g. at the end) are allowed */
      blanks++;
      continue;
    }
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
        if (!decimal_text(p, (size_t)(end - p))) {
          bmd_diag_set(d, name, lineno, col, "'%s' must be a decimal number, not '%.*s'", names[k],
                       (int)(end - p > 40 ? 40 : end - p), p);
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
      else if (v[7] < BMD_STATES_MIN_BETA_KGM2)
        bad = "'beta_kgm2' must be at least 1 kg/m^2 (a lighter object would drift down for hours; states.h)",
        field = 7;
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
      if (!r) goto nomem;
      rows = r;
      cap = nc;
    }
    {
      struct bmd_ballistic_in *r = &rows[n];
      char *e2;
      r->id = strtol(line, &e2, 10);
      r->lat_deg = v[1];
      r->lon_deg = v[2];
      r->alt_m = v[3];
      r->v_east_mps = v[4];
      r->v_north_mps = v[5];
      r->v_up_mps = v[6];
      r->beta_kgm2 = v[7];
      if (nblank_runs == 0 ? blanks > 0 : blank_cnt[nblank_runs - 1] != blanks) {
        if (nblank_runs == cap_runs) {
          long nc = cap_runs ? 2 * cap_runs : 64;
          long *a = realloc(blank_at, (size_t)nc * sizeof *a), *b;
          if (a) blank_at = a;
          b = a ? realloc(blank_cnt, (size_t)nc * sizeof *b) : NULL;
          if (!b) goto nomem;
          blank_cnt = b;
          cap_runs = nc;
        }
        blank_at[nblank_runs] = n;
        blank_cnt[nblank_runs++] = blanks;
      }
      n++;
    }
  }
  if (ferror(fp)) {
    free(blank_at);
    free(blank_cnt);
    bmd_diag_set(d, name, lineno, 0, "read error");
    free(rows);
    return BMD_EIO;
  }
  {
    /* ids unique: checked once every row is read and valid */
    long first = 0, second = 0;
    int rep = find_repeat(rows, n, &first, &second);
    if (rep < 0) goto nomem;
    if (rep > 0) {
      bmd_diag_set(d, name, (int)row_line(second, blank_at, blank_cnt, nblank_runs), 1,
                   "duplicate id %ld (also on line %ld): ids must be unique", rows[second].id,
                   row_line(first, blank_at, blank_cnt, nblank_runs));
      goto fail;
    }
  }
  free(blank_at);
  free(blank_cnt);
  *rows_out = rows;
  *n_out = n;
  return BMD_OK;
nomem:
  free(blank_at);
  free(blank_cnt);
  free(rows);
  return BMD_ENOMEM;
fail:
  free(blank_at);
  free(blank_cnt);
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
