/* atlas.c - decoder of the embedded Natural Earth basemap (atlas.h; format in data/atlas.md). */
#include <bmd/atlas.h>
#include <bmd/embedded.h>
#include <bmd/status.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* a cap on the counts read from the file, far above the 50m data (1,421 rings, 362 arcs,
   80,243 points) so a corrupt header cannot ask for gigabytes */
#define MAX_LINES 100000L
#define MAX_POINTS 10000000L

struct reader {
  const unsigned char *p, *end;
};

static int rd_u32(struct reader *r, uint32_t *v) {
  if (r->end - r->p < 4) return -1;
  *v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
  r->p += 4;
  return 0;
}

static int rd_i32(struct reader *r, int32_t *v) {
  uint32_t u;
  if (rd_u32(r, &u)) return -1;
  memcpy(v, &u, sizeof *v); /* two's complement, as written */
  return 0;
}

static int rd_i16(struct reader *r, int *v) {
  if (r->end - r->p < 2) return -1;
  unsigned u = (unsigned)r->p[0] | (unsigned)r->p[1] << 8;
  *v = u < 32768u ? (int)u : (int)u - 65536;
  r->p += 2;
  return 0;
}

/* one pass; with a->start == NULL it only counts points */
static int decode(struct bmd_atlas *a, struct reader *r, uint32_t nlines, double q, long *npts) {
  long n = 0;
  for (uint32_t k = 0; k < nlines; k++) {
    uint32_t m;
    int32_t x, y;
    if (rd_u32(r, &m) || m == 0 || m > MAX_POINTS || n + (long)m > MAX_POINTS) return -1;
    if (rd_i32(r, &x) || rd_i32(r, &y)) return -1;
    if (a->start) a->start[k] = n;
    for (uint32_t i = 0; i < m; i++) {
      if (i > 0) {
        int dx, dy;
        if (rd_i16(r, &dx)) return -1;
        if (dx == -32768) { /* escape: absolute position */
          if (rd_i32(r, &x) || rd_i32(r, &y)) return -1;
        } else {
          if (rd_i16(r, &dy)) return -1;
          x += dx;
          y += dy;
        }
      }
      if (a->start) {
        a->lon_deg[n] = x / q;
        a->lat_deg[n] = y / q;
        if (fabs(a->lon_deg[n]) > 180.0 || fabs(a->lat_deg[n]) > 90.0) return -1;
      }
      n++;
    }
  }
  if (a->start) a->start[nlines] = n;
  *npts = n;
  return 0;
}

int bmd_atlas_parse(struct bmd_atlas *a, const unsigned char *buf, size_t len) {
  struct reader r = {buf, buf + len};
  uint32_t q, nland, nborder;
  long npts;
  memset(a, 0, sizeof *a);
  if (len < 20 || memcmp(buf, "BMDATL1\0", 8) != 0) return BMD_EPARSE;
  r.p += 8;
  if (rd_u32(&r, &q) || rd_u32(&r, &nland) || rd_u32(&r, &nborder)) return BMD_EPARSE;
  if (q == 0 || nland > MAX_LINES || nborder > MAX_LINES) return BMD_EPARSE;
  const unsigned char *body = r.p;
  if (decode(a, &r, nland + nborder, q, &npts) || r.p != r.end) return BMD_EPARSE;
  a->start = malloc(sizeof *a->start * (nland + nborder + 1));
  a->lat_deg = malloc(sizeof *a->lat_deg * (size_t)npts);
  a->lon_deg = malloc(sizeof *a->lon_deg * (size_t)npts);
  if (!a->start || !a->lat_deg || !a->lon_deg) goto fail;
  r.p = body;
  if (decode(a, &r, nland + nborder, q, &npts)) {
    bmd_atlas_release(a);
    return BMD_EPARSE;
  }
  a->nland = (int)nland;
  a->nborder = (int)nborder;
  a->npoints = npts;
  return BMD_OK;
fail:
  bmd_atlas_release(a);
  return BMD_ENOMEM;
}

int bmd_atlas_load(struct bmd_atlas *a) {
  const struct bmd_embedded_file *f = bmd_embedded_find("atlas-50m.bin");
  if (!f) {
    memset(a, 0, sizeof *a);
    return BMD_ENOTFOUND;
  }
  return bmd_atlas_parse(a, (const unsigned char *)f->data, f->size);
}

int bmd_atlas_is_seam(const struct bmd_atlas *a, long i, long j) {
  /* the data's edges: longitude +-180 exactly, latitude -89.999 (the TopoJSON translate) */
  if (fabs(a->lon_deg[i]) >= 179.9995 && fabs(a->lon_deg[j]) >= 179.9995) return 1;
  if (a->lat_deg[i] <= -89.9 && a->lat_deg[j] <= -89.9) return 1;
  return 0;
}

void bmd_atlas_release(struct bmd_atlas *a) {
  if (!a) return;
  free(a->start);
  free(a->lat_deg);
  free(a->lon_deg);
  memset(a, 0, sizeof *a);
}
