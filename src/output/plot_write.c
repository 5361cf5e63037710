/* plot_write.c - a finished figure rendered as PNG (libpng, optionally on a second thread)
   or SVG and written through outfile.h or into memory (plot.h, "lifecycle and output"). */
#include <bmd/outfile.h>
#include <bmd/plot.h>
#include <bmd/status.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <png.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plot_impl.h"

/* ---- output ----------------------------------------------------------------------------- */

/* a file being written, and the errno of its first failed write */
struct file_sink {
  FILE *fp;
  int err;
};

static cairo_status_t write_fp(void *closure, const unsigned char *data, unsigned int length) {
  struct file_sink *k = closure;
  errno = 0;
  if (fwrite(data, 1, length, k->fp) == length) return CAIRO_STATUS_SUCCESS;
  if (!k->err) k->err = errno ? errno : EIO;
  return CAIRO_STATUS_WRITE_ERROR;
}

/* a growable buffer with a cap, for the _mem writers */
#define MEM_CAP (256L * 1024 * 1024)
struct membuf {
  unsigned char *b;
  size_t n, cap;
  int oom;
};

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int length) {
  struct membuf *m = closure;
  if (m->n + length + 1 > m->cap) {
    size_t c = m->cap ? m->cap : 65536;
    while (c < m->n + length + 1) c *= 2;
    if (c > (size_t)MEM_CAP) {
      m->oom = 1;
      return CAIRO_STATUS_NO_MEMORY;
    }
    unsigned char *nb = realloc(m->b, c);
    if (!nb) {
      m->oom = 1;
      return CAIRO_STATUS_NO_MEMORY;
    }
    m->b = nb;
    m->cap = c;
  }
  memcpy(m->b + m->n, data, length);
  m->n += length;
  m->b[m->n] = 0;
  return CAIRO_STATUS_SUCCESS;
}

/* libpng's output: the caller's cairo write function */
struct png_sink {
  cairo_write_func_t fn;
  void *closure;
  volatile int failed;   /* set by png_sink_write after encode_png's setjmp and read on its
                            second return: volatile, or the compiler may keep the 0 it saw
                            before (C11 7.13.2.1; clang did, and a full disk read as out of
                            memory) */
};

static void png_sink_write(png_structp png, png_bytep data, size_t n) {
  struct png_sink *k = png_get_io_ptr(png);
  if (k->fn(k->closure, data, (unsigned int)n) != CAIRO_STATUS_SUCCESS) {
    k->failed = 1;
    png_error(png, "write failed");
  }
}

static void png_sink_flush(png_structp png) { (void)png; }

/* libpng prints its errors on stderr by default; the caller reports the failure itself
   (one line, with the write's errno), so these only return to png_jmpbuf */
static void png_quiet_error(png_structp png, png_const_charp msg) {
  (void)msg;
  png_longjmp(png, 1);
}

static void png_quiet_warning(png_structp png, png_const_charp msg) {
  (void)png;
  (void)msg;
}

/* the pixels of a flushed ARGB32 image (premultiplied, native-endian words) as an 8-bit
   RGBA PNG, the pixels cairo's own writer gives (un-premultiplied the same way), at zlib
   level 1 with the Sub filter instead of its default level and adaptive filters: maps of
   flat colours encode about 3 times faster for a few per cent more bytes (BENCHMARKS.md).
   No cairo call, so it may run beside cairo work on another thread. */
struct png_pixels {
  const unsigned char *data;
  int w, h, stride;
};

static cairo_status_t encode_png(const struct png_pixels *pp, cairo_write_func_t fn, void *closure) {
  const int w = pp->w, h = pp->h, stride = pp->stride;
  const unsigned char *data = pp->data;
  unsigned char *row = malloc((size_t)w * 4);
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_quiet_error, png_quiet_warning);
  png_infop info = png ? png_create_info_struct(png) : NULL;
  struct png_sink k = {fn, closure, 0};
  cairo_status_t s = CAIRO_STATUS_NO_MEMORY;
  int opaque = 1;
  if (!row || !png || !info || !data) goto out;
  /* a figure with no transparent pixel (a map or chart on its white page) is written as
     RGB: a quarter less to compress and to store, the same pixels */
  for (int y = 0; y < h && opaque; y++) {
    const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
    for (int x = 0; x < w; x++)
      if (px[x] >> 24 != 255u) {
        opaque = 0;
        break;
      }
  }
  if (setjmp(png_jmpbuf(png))) {
    s = k.failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_NO_MEMORY;
    goto out;
  }
  png_set_write_fn(png, &k, png_sink_write, png_sink_flush);
  png_set_compression_level(png, 1);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
               opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < h; y++) {
    const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
    if (opaque) {
      for (int x = 0; x < w; x++) {
        uint32_t v = px[x];
        row[3 * x] = (unsigned char)(v >> 16);
        row[3 * x + 1] = (unsigned char)(v >> 8);
        row[3 * x + 2] = (unsigned char)v;
      }
    } else {
      for (int x = 0; x < w; x++) {
        uint32_t v = px[x], a = v >> 24, c[3] = {(v >> 16) & 255u, (v >> 8) & 255u, v & 255u};
        for (int q = 0; q < 3; q++) {
          /* cairo's premultiplied colour back to straight alpha (as cairo-png.c) */
          if (a == 0) c[q] = 0;
          else if (a < 255) c[q] = (c[q] * 255u + a / 2u) / a;
          row[4 * x + q] = (unsigned char)c[q];
        }
        row[4 * x + 3] = (unsigned char)a;
      }
    }
    png_write_row(png, row);
  }
  png_write_end(png, NULL);
  s = CAIRO_STATUS_SUCCESS;
out:
  png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
  free(row);
  return s;
}

/* the figure rasterized: an image surface (the caller destroys it) and its pixels */
static cairo_status_t rasterize(cairo_surface_t *src, int w, int h, cairo_surface_t **img,
                                struct png_pixels *pp) {
  cairo_status_t s;
  *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  s = cairo_surface_status(*img);
  if (s == CAIRO_STATUS_SUCCESS) {
    cairo_t *c = cairo_create(*img);
    cairo_set_source_surface(c, src, 0.0, 0.0);
    cairo_paint(c);
    s = cairo_status(c);
    cairo_destroy(c);
    cairo_surface_flush(*img);
    pp->data = cairo_image_surface_get_data(*img);
    pp->w = w;
    pp->h = h;
    pp->stride = cairo_image_surface_get_stride(*img);
  }
  return s;
}

static cairo_status_t render_png(cairo_surface_t *src, int w, int h, cairo_write_func_t fn,
                                 void *closure) {
  cairo_surface_t *img;
  struct png_pixels pp;
  cairo_status_t s = rasterize(src, w, h, &img, &pp);
  if (s == CAIRO_STATUS_SUCCESS) s = encode_png(&pp, fn, closure);
  cairo_surface_destroy(img);
  return s;
}

/* The SVG's element ids "surfaceN" and "imageN" carry cairo's process-wide surface
   counter, so they depend on what the process drew before and, with figures written on
   two threads, on timing: renumbered 1, 2, ... in order of first appearance (after id="
   or #), the file depends on the figure alone. The result is malloc'ed (*out, its length
   returned; a renumbered id is at most one digit longer, in a reference of >= 9 bytes);
   0 and *out NULL when out of memory. */
static size_t canonical_ids(const unsigned char *b, size_t n, unsigned char **out) {
  static const char *const word[2] = {"surface", "image"};
  long from[2][64], nmap[2] = {0, 0};
  size_t r = 0, w = 0;
  unsigned char *o = malloc(n + n / 8 + 16);
  *out = o;
  if (!o) return 0;
  while (r < n) {
    int k = -1;
    size_t L = 0;
    if (r > 0 && (b[r - 1] == '#' || (r >= 4 && memcmp(b + r - 4, "id=\"", 4) == 0)))
      for (int q = 0; q < 2 && k < 0; q++) {
        L = strlen(word[q]);
        if (r + L < n && memcmp(b + r, word[q], L) == 0 && b[r + L] >= '0' && b[r + L] <= '9') k = q;
      }
    if (k < 0) {
      o[w++] = b[r++];
      continue;
    }
    {
      size_t e = r + L;
      long v = 0, id = -1;
      while (e < n && b[e] >= '0' && b[e] <= '9' && v < 100000000L) v = 10 * v + (b[e++] - '0');
      for (long q = 0; q < nmap[k]; q++)
        if (from[k][q] == v) id = q + 1;
      if (id < 0 && nmap[k] < 64) {
        from[k][nmap[k]++] = v;
        id = nmap[k];
      }
      if (id < 0) {   /* more ids than the map holds: left as they are */
        while (r < e) o[w++] = b[r++];
        continue;
      }
      memcpy(o + w, b + r, L);
      w += L;
      w += (size_t)snprintf((char *)o + w, 8, "%ld", id);   /* id <= 64 */
      r = e;
    }
  }
  return w;
}

static cairo_status_t render_svg(cairo_surface_t *src, int w, int h, cairo_write_func_t fn,
                                 void *closure) {
  struct membuf m = {NULL, 0, 0, 0};
  cairo_surface_t *svg = cairo_svg_surface_create_for_stream(write_mem, &m, w, h);
  cairo_status_t s = cairo_surface_status(svg);
  if (s == CAIRO_STATUS_SUCCESS) {
    cairo_svg_surface_restrict_to_version(svg, CAIRO_SVG_VERSION_1_1);
    cairo_t *c = cairo_create(svg);
    cairo_set_source_surface(c, src, 0.0, 0.0);
    cairo_paint(c);
    s = cairo_status(c);
    cairo_destroy(c);
    cairo_surface_finish(svg);
    if (s == CAIRO_STATUS_SUCCESS) s = cairo_surface_status(svg);
  }
  cairo_surface_destroy(svg);
  if (s == CAIRO_STATUS_SUCCESS && m.oom) s = CAIRO_STATUS_NO_MEMORY;
  if (s == CAIRO_STATUS_SUCCESS && m.b) {
    unsigned char *c;
    size_t n = canonical_ids(m.b, m.n, &c);
    s = c ? fn(closure, c, (unsigned int)n) : CAIRO_STATUS_NO_MEMORY;
    free(c);
  }
  free(m.b);
  return s;
}

static int ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), m = strlen(suf);
  if (n < m) return 0;
  for (size_t i = 0; i < m; i++) {
    char c = s[n - m + i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != suf[i]) return 0;
  }
  return 1;
}

/* what one file is made of: the recording src rendered as PNG or SVG, or (src NULL) the
   pixels pp encoded as PNG */
struct file_job {
  cairo_surface_t *src;
  int w, h, png;
  const struct png_pixels *pp;
};

/* the file at path (temporary name, renamed when complete) */
static int write_job(const struct file_job *j, const char *path) {
  struct bmd_outfile f;
  struct file_sink k;
  cairo_status_t s;
  if (bmd_outfile_open(&f, path) != BMD_OK) return BMD_EIO;
  k.fp = f.fp;
  k.err = 0;
  s = !j->src ? encode_png(j->pp, write_fp, &k)
      : j->png ? render_png(j->src, j->w, j->h, write_fp, &k)
               : render_svg(j->src, j->w, j->h, write_fp, &k);
  if (s != CAIRO_STATUS_SUCCESS) {
    if (s == CAIRO_STATUS_NO_MEMORY) {
      bmd_outfile_fail(&f, ENOMEM);
      return BMD_ENOMEM;
    }
    bmd_outfile_fail(&f, k.err);
    return BMD_EIO;
  }
  return bmd_outfile_commit(&f) == BMD_OK ? BMD_OK : BMD_EIO;
}

/* the figure's recording rendered to path (.png or .svg) */
static int write_file(cairo_surface_t *src, int w, int h, const char *path) {
  struct file_job j = {src, w, h, ends_with(path, ".png"), NULL};
  return write_job(&j, path);
}

static int known_ext(const char *path) {
  return path && (ends_with(path, ".png") || ends_with(path, ".svg"));
}

int bmd_plot_write(struct bmd_plot *p, const char *path) {
  if (!p || !known_ext(path)) return BMD_EINVAL;
  plot_finish(p);
  return write_file(p->rec, p->w, p->h, path);
}

/* a PNG's encoding and file on a thread of its own (no cairo call: the pixels are done) */
struct png_job {
  struct png_pixels pp;
  const char *path;
  int rc;
};

static int png_file(const struct png_pixels *pp, const char *path) {
  struct file_job j = {NULL, pp->w, pp->h, 1, pp};
  return write_job(&j, path);
}

static void *png_job_main(void *pv) {
  struct png_job *j = pv;
  j->rc = png_file(&j->pp, j->path);
  return NULL;
}

int bmd_plot_write2(struct bmd_plot *p, const char *path_a, const char *path_b) {
  const char *png, *other;
  cairo_surface_t *img;
  struct png_job j;
  pthread_t th;
  int rc;
  if (!p || !known_ext(path_a) || !known_ext(path_b)) return BMD_EINVAL;
  plot_finish(p);
  png = ends_with(path_a, ".png") ? path_a : ends_with(path_b, ".png") ? path_b : NULL;
  other = png == path_a ? path_b : path_a;
  if (!png || ends_with(other, ".png")) {
    /* no PNG, or two: one after the other */
    rc = write_file(p->rec, p->w, p->h, path_a);
    return rc != BMD_OK ? rc : write_file(p->rec, p->w, p->h, path_b);
  }
  /* every cairo call stays on this thread (two threads replaying one recording surface
     race in cairo's lazily built structures); the PNG's encoding, a third of its time,
     runs beside the other file's rendering */
  if (rasterize(p->rec, p->w, p->h, &img, &j.pp) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(img);
    return BMD_ENOMEM;
  }
  j.path = png;
  j.rc = BMD_ENOMEM;
  if (pthread_create(&th, NULL, png_job_main, &j) == 0) {
    rc = write_file(p->rec, p->w, p->h, other);
    pthread_join(th, NULL);
  } else {
    rc = write_file(p->rec, p->w, p->h, other);
    j.rc = png_file(&j.pp, png);
  }
  cairo_surface_destroy(img);
  return rc != BMD_OK ? rc : j.rc;
}

static int write_mem_any(struct bmd_plot *p, int png, unsigned char **out, size_t *len) {
  if (!p || !out || !len) return BMD_EINVAL;
  plot_finish(p);
  struct membuf m = {NULL, 0, 0, 0};
  cairo_status_t s = png ? render_png(p->rec, p->w, p->h, write_mem, &m) : render_svg(p->rec, p->w, p->h, write_mem, &m);
  if (s != CAIRO_STATUS_SUCCESS || !m.b) {
    free(m.b);
    return s == CAIRO_STATUS_NO_MEMORY || m.oom || !m.b ? BMD_ENOMEM : BMD_EIO;
  }
  *out = m.b;
  *len = m.n;
  return BMD_OK;
}

int bmd_plot_write_svg_mem(struct bmd_plot *p, char **out, size_t *len) {
  unsigned char *b = NULL;
  int rc = write_mem_any(p, 0, &b, len);
  if (rc == BMD_OK) *out = (char *)b;
  return rc;
}

int bmd_plot_write_png_mem(struct bmd_plot *p, unsigned char **out, size_t *len) {
  return write_mem_any(p, 1, out, len);
}
