/* test_plot.c - maps and charts (plot.h): files written as valid PNG/SVG of the requested
   size, markers on the right pixel, basemap registered with the projection, write errors.
   Set BMD_TEST_KEEP=1 to keep the files (the path is printed). */
#include <bmd/plot.h>
#include <bmd/status.h>

#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static char dir[256];
static char keep;

static const char *path_in(char *buf, size_t cap, const char *name) {
  snprintf(buf, cap, "%s/%s", dir, name);
  return buf;
}

/* reads the PNG signature and IHDR: 1 if valid, with the size */
static int png_size(const char *path, long *w, long *h) {
  unsigned char b[24];
  FILE *fp = fopen(path, "rb");
  if (!fp) return 0;
  size_t n = fread(b, 1, sizeof b, fp);
  fclose(fp);
  if (n != sizeof b || memcmp(b, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(b + 12, "IHDR", 4) != 0)
    return 0;
  *w = (long)b[16] << 24 | (long)b[17] << 16 | (long)b[18] << 8 | b[19];
  *h = (long)b[20] << 24 | (long)b[21] << 16 | (long)b[22] << 8 | b[23];
  return 1;
}

static int svg_valid(const char *path) {
  static char buf[1 << 16];
  FILE *fp = fopen(path, "rb");
  if (!fp) return 0;
  size_t n = fread(buf, 1, sizeof buf - 1, fp);
  fclose(fp);
  buf[n] = 0;
  return n > 100 && strncmp(buf, "<?xml", 5) == 0 && strstr(buf, "<svg") != NULL;
}

/* the colour of pixel (x, y) of a PNG file, 0xRRGGBB, or -1 */
static long pixel(const char *path, double x, double y) {
  cairo_surface_t *s = cairo_image_surface_create_from_png(path);
  long v = -1;
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
    int ix = (int)floor(x), iy = (int)floor(y);
    if (ix >= 0 && iy >= 0 && ix < cairo_image_surface_get_width(s) && iy < cairo_image_surface_get_height(s)) {
      const unsigned char *d = cairo_image_surface_get_data(s);
      uint32_t px;
      memcpy(&px, d + (size_t)iy * (size_t)cairo_image_surface_get_stride(s) + 4 * (size_t)ix, 4);
      v = (long)(px & 0xffffff); /* ARGB32, opaque, native endian */
    }
  }
  cairo_surface_destroy(s);
  return v;
}

/* colour distance (max channel difference, 0..255) */
static int cdist(long a, long b) {
  if (a < 0 || b < 0) return 999;
  int d = 0;
  for (int k = 0; k < 3; k++) {
    int x = (int)((a >> (8 * k)) & 0xff) - (int)((b >> (8 * k)) & 0xff);
    if (abs(x) > d) d = abs(x);
  }
  return d;
}

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static void test_map(void) {
  char f[512];
  struct bmd_plot *p = bmd_plot_alloc(1000, 640);
  CHECK(p != NULL);
  CHECK_INT_EQ(bmd_plot_title(p, "Test map: Europe", "markers, rings and tracks"), BMD_OK);
  struct bmd_plot_region eu = {30.0, 62.0, -12.0, 45.0};
  CHECK_INT_EQ(bmd_plot_map_marker(p, 52.0, 21.0, NULL, NULL, NULL), BMD_EINVAL); /* not a map yet */
  CHECK_INT_EQ(bmd_plot_map(p, &eu), BMD_OK);
  CHECK_INT_EQ(bmd_plot_map(p, &eu), BMD_EINVAL); /* twice */
  /* basemap registered with the projection: pixels of an empty map at known places (the
     layers below are drawn elsewhere). Land #f3f0e8 and ocean #dde9f2 (plot_map.c); 6/255
     allows for the graticule's faint lines passing nearby. */
  struct { double lat, lon; long rgb; } probe[] = {
      {52.0, 17.5, 0xf3f0e8},   /* Poland (west of the Warsaw marker) */
      {39.5, -4.0, 0xf3f0e8},   /* central Spain */
      {34.0, 18.0, 0xdde9f2},   /* Ionian Sea */
      {45.0, -6.0, 0xdde9f2},   /* Bay of Biscay */
      {43.0, 34.0, 0xdde9f2},   /* Black Sea */
  };
  double probe_px[5][2];
  for (int i = 0; i < 5; i++) {
    CHECK(bmd_plot_map_project(p, probe[i].lat, probe[i].lon, &probe_px[i][0], &probe_px[i][1]) == 1);
  }
  /* azimuthal equidistant: distances from the centre are true, so the pixel distance
     ratio of two points equals... (checked through the scale: 1 deg of latitude along the
     central meridian is the same number of pixels at 35 N and at 55 N, within 0.5%) */
  double x1, y1, x2, y2, x3, y3, x4, y4;
  bmd_plot_map_project(p, 35.0, 16.5, &x1, &y1);
  bmd_plot_map_project(p, 36.0, 16.5, &x2, &y2);
  bmd_plot_map_project(p, 55.0, 16.5, &x3, &y3);
  bmd_plot_map_project(p, 56.0, 16.5, &x4, &y4);
  CHECK_REL(hypot(x4 - x3, y4 - y3), hypot(x2 - x1, y2 - y1), 0.005);
  CHECK(y4 < y3); /* north is up near the centre */
  bmd_plot_map_project(p, 50.0, 0.0, &x1, &y1);
  bmd_plot_map_project(p, 50.0, 20.0, &x2, &y2);
  CHECK(x2 > x1); /* east is right */

  /* layers */
  struct bmd_plot_style ring = bmd_plot_style_line(bmd_plot_rgb(0x0072B2), 1.5, BMD_PLOT_DASHED);
  CHECK_INT_EQ(bmd_plot_map_circle(p, 44.1, 24.4, 1000e3, &ring, "1,000 km ring"), BMD_OK);
  struct bmd_plot_style sec = bmd_plot_style_fill(bmd_plot_alpha(bmd_plot_rgb(0x009E73), 0.25), bmd_plot_rgb(0x009E73));
  CHECK_INT_EQ(bmd_plot_map_sector(p, 38.3, 37.8, 1500e3, 30.0, 150.0, &sec, "radar field of view"), BMD_OK);
  double tlat[2] = {35.2, 54.4}, tlon[2] = {53.9, 18.6};
  struct bmd_plot_style trk = bmd_plot_style_line(bmd_plot_rgb(0xD55E00), 2.0, BMD_PLOT_SOLID);
  CHECK_INT_EQ(bmd_plot_map_line(p, 2, tlat, tlon, &trk, "ground track"), BMD_OK);
  double clat[4] = {58.0, 58.0, 60.0, 60.0}, clon[4] = {-5.0, 0.0, 0.0, -5.0};
  struct bmd_plot_style cell = bmd_plot_style_fill(bmd_plot_cmap(BMD_PLOT_CMAP_VIRIDIS, 0.7), bmd_plot_rgb(0x333333));
  CHECK_INT_EQ(bmd_plot_map_polygon(p, 4, clat, clon, &cell, "grid cell"), BMD_OK);
  /* a pure red marker at Warsaw, and one at the frame's east edge whose label must flip */
  struct bmd_plot_style red = bmd_plot_style_marker(BMD_PLOT_MARKER_SQUARE, bmd_plot_rgb(0xff0000), 14.0);
  CHECK_INT_EQ(bmd_plot_map_marker(p, 52.23, 21.01, &red, "Warsaw", "capital"), BMD_OK);
  double wx, wy;
  CHECK(bmd_plot_map_project(p, 52.23, 21.01, &wx, &wy) == 1);
  struct bmd_plot_style tri = bmd_plot_style_marker(BMD_PLOT_MARKER_TRIANGLE, bmd_plot_rgb(0x0072B2), 12.0);
  CHECK_INT_EQ(bmd_plot_map_marker(p, 40.0, 44.0, &tri, "a long label near the edge", "site"), BMD_OK);
  const char *cls[4] = {"0 shots", "1", "2", "3+"};
  struct bmd_plot_color cc[4] = {bmd_plot_cmap(BMD_PLOT_CMAP_BLUES, 0.1), bmd_plot_cmap(BMD_PLOT_CMAP_BLUES, 0.4),
                                 bmd_plot_cmap(BMD_PLOT_CMAP_BLUES, 0.7), bmd_plot_cmap(BMD_PLOT_CMAP_BLUES, 1.0)};
  CHECK_INT_EQ(bmd_plot_colorbar_classes(p, "interceptors", 4, cc, cls), BMD_OK);
  CHECK_INT_EQ(bmd_plot_colorbar(p, "range (km)", BMD_PLOT_CMAP_VIRIDIS, 0.0, 3000.0), BMD_OK);

  CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "map.png")), BMD_OK);
  CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "map.svg")), BMD_OK);
  CHECK_INT_EQ(bmd_plot_map_marker(p, 50.0, 10.0, &red, NULL, NULL), BMD_EINVAL); /* finished */
  long w, h;
  CHECK(png_size(path_in(f, sizeof f, "map.png"), &w, &h));
  CHECK_INT_EQ(w, 1000);
  CHECK_INT_EQ(h, 640);
  CHECK(svg_valid(path_in(f, sizeof f, "map.svg")));
  path_in(f, sizeof f, "map.png");
  /* the marker's centre pixel is red (its edge is 1 px, 7 px away) */
  CHECK(cdist(pixel(f, wx, wy), 0xff0000) <= 2);
  CHECK(cdist(pixel(f, wx + 3.0, wy - 3.0), 0xff0000) <= 2);
  /* and 20 px west of it there is no red: the land colour */
  CHECK(cdist(pixel(f, wx - 20.0, wy + 20.0), 0xff0000) > 100);
  for (int i = 0; i < 5; i++) {
    long got = pixel(f, probe_px[i][0], probe_px[i][1]);
    if (cdist(got, probe[i].rgb) > 6) fprintf(stderr, "probe %d: %06lx\n", i, got);
    CHECK(cdist(got, probe[i].rgb) <= 6);
  }
  /* a write into a missing directory fails with BMD_EIO and leaves nothing */
  char bad[600];
  snprintf(bad, sizeof bad, "%s/no-such-dir/map.png", dir);
  CHECK_INT_EQ(bmd_plot_write(p, bad), BMD_EIO);
  CHECK(!exists(bad));
  CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "map.jpg")), BMD_EINVAL);
  CHECK(!exists(f));
  /* in memory */
  char *svg = NULL;
  size_t n = 0;
  CHECK_INT_EQ(bmd_plot_write_svg_mem(p, &svg, &n), BMD_OK);
  CHECK(n > 1000 && svg && strstr(svg, "<svg") != NULL);
  free(svg);
  bmd_plot_free(p);
  bmd_plot_free(NULL);
}

/* a small map with a legend, drawn afresh */
static struct bmd_plot *small_map(void) {
  struct bmd_plot *p = bmd_plot_alloc(600, 400);
  struct bmd_plot_region eu = {40.0, 60.0, 0.0, 30.0};
  struct bmd_plot_style red = bmd_plot_style_marker(BMD_PLOT_MARKER_SQUARE, bmd_plot_rgb(0xff0000), 10.0);
  CHECK(p != NULL);
  if (!p) return NULL;
  CHECK_INT_EQ(bmd_plot_title(p, "two files at once", NULL), BMD_OK);
  CHECK_INT_EQ(bmd_plot_map(p, &eu), BMD_OK);
  CHECK_INT_EQ(bmd_plot_map_marker(p, 52.23, 21.01, &red, "Warsaw", "capital"), BMD_OK);
  return p;
}

static int same_file(const char *a, const char *b) {
  FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
  int same = fa && fb, ca, cb;
  while (same) {
    ca = getc(fa);
    cb = getc(fb);
    if (ca != cb) same = 0;
    if (ca == EOF || cb == EOF) break;
  }
  if (fa) fclose(fa);
  if (fb) fclose(fb);
  return same;
}

/* bmd_plot_write2 writes the files bmd_plot_write writes one after the other, and an SVG's
   ids do not depend on the surfaces the process made before (cairo numbers surfaces
   process-wide; plot.c renumbers them from 1) */
static void test_write2(void) {
  char a[512], b[512], c[512], d[512];
  struct bmd_plot *p = small_map(), *q;
  if (!p) return;
  CHECK_INT_EQ(bmd_plot_write(p, path_in(a, sizeof a, "one.png")), BMD_OK);
  CHECK_INT_EQ(bmd_plot_write(p, path_in(b, sizeof b, "one.svg")), BMD_OK);
  bmd_plot_free(p);
  {
    /* surfaces made in between */
    cairo_surface_t *s[5];
    for (int i = 0; i < 5; i++) s[i] = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
    for (int i = 0; i < 5; i++) cairo_surface_destroy(s[i]);
  }
  q = small_map();
  if (!q) return;
  CHECK_INT_EQ(bmd_plot_write2(q, path_in(d, sizeof d, "two.svg"), path_in(c, sizeof c, "two.png")), BMD_OK);
  CHECK(same_file(a, c));
  CHECK(same_file(b, d));
  {
    static char buf[1 << 16];
    FILE *f = fopen(d, "rb");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    buf[n] = 0;
    CHECK(strstr(buf, "id=\"surface1\"") != NULL);
  }
  CHECK_INT_EQ(bmd_plot_write2(q, path_in(d, sizeof d, "two.svg"), "two.jpg"), BMD_EINVAL);
  bmd_plot_free(q);
}

static void test_regions(void) {
  char f[512];
  /* across the antimeridian: the Bering Sea */
  struct bmd_plot *p = bmd_plot_alloc(800, 600);
  struct bmd_plot_region be = {50.0, 68.0, 160.0, -155.0};
  CHECK_INT_EQ(bmd_plot_map(p, &be), BMD_OK);
  double x, y;
  bmd_plot_map_project(p, 60.0, 180.0, &x, &y);
  /* the region's middle longitude is 182.5 = -177.5: 180 lies just left of the centre */
  CHECK(x > 0.3 * 800 && x < 0.6 * 800 && y > 0.0 && y < 600.0);
  double x180 = x;
  bmd_plot_map_project(p, 64.5, -165.4, &x, &y); /* Nome, Alaska: 15 deg east of 180 */
  CHECK(x > x180 + 100.0 && x < 800.0);
  bmd_plot_map_project(p, 60.0, 0.0, &x, &y); /* Norway: far outside */
  CHECK(x < 0.0 || x > 800.0 || y < 0.0 || y > 600.0);
  CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "bering.png")), BMD_OK);
  bmd_plot_free(p);

  /* Russia to the United States over the pole */
  p = bmd_plot_alloc(900, 800);
  struct bmd_plot_region po = {30.0, 90.0, 30.0, -70.0};
  CHECK_INT_EQ(bmd_plot_map(p, &po), BMD_OK);
  double mx, my, wx, wy, nx, ny;
  CHECK(bmd_plot_map_project(p, 55.75, 37.62, &mx, &my));   /* Moscow */
  CHECK(bmd_plot_map_project(p, 38.9, -77.04, &wx, &wy));   /* Washington */
  CHECK(bmd_plot_map_project(p, 90.0, 0.0, &nx, &ny));      /* the pole */
  CHECK(mx > 0 && mx < 900 && my > 0 && my < 800);
  CHECK(wx > 0 && wx < 900 && wy > 0 && wy < 800);
  /* the pole lies between them */
  CHECK(hypot(nx - mx, ny - my) < hypot(wx - mx, wy - my));
  CHECK(hypot(nx - wx, ny - wy) < hypot(wx - mx, wy - my));
  /* a land pixel in Siberia, ocean pixel in the Arctic Ocean north of Alaska */
  bmd_plot_map_project(p, 62.0, 100.0, &x, &y);
  double ax, ay;
  bmd_plot_map_project(p, 78.0, -150.0, &ax, &ay);
  CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "polar.png")), BMD_OK);
  CHECK(cdist(pixel(f, x, y), 0xf3f0e8) <= 6);
  CHECK(cdist(pixel(f, ax, ay), 0xdde9f2) <= 6);
  bmd_plot_free(p);

  /* region fitting across the antimeridian picks the short way round */
  double lat[3] = {60.0, 55.0, 65.0}, lon[3] = {170.0, -170.0, 179.0};
  struct bmd_plot_region r;
  CHECK_INT_EQ(bmd_plot_region_fit(3, lat, lon, 2.0, &r), BMD_OK);
  CHECK_NEAR(r.lon_west_deg, 168.0, 1e-9);
  CHECK_NEAR(r.lon_east_deg, -168.0, 1e-9);
  CHECK_NEAR(r.lat_south_deg, 53.0, 1e-9);
  CHECK_NEAR(r.lat_north_deg, 67.0, 1e-9);
  double lat2[2] = {50.0, 40.0}, lon2[2] = {20.0, 50.0};
  CHECK_INT_EQ(bmd_plot_region_fit(2, lat2, lon2, 1.0, &r), BMD_OK);
  CHECK_NEAR(r.lon_west_deg, 19.0, 1e-9);
  CHECK_NEAR(r.lon_east_deg, 51.0, 1e-9);
}

static void test_charts(void) {
  char f[512];
  struct bmd_plot *p = bmd_plot_alloc(800, 500);
  CHECK(p != NULL);
  bmd_plot_title(p, "Test chart", NULL);
  struct bmd_plot_axes ax = {0.0, 100.0, 0.0, 50.0, "ground range (km)", "altitude (km)", 1, 1};
  CHECK_INT_EQ(bmd_plot_axes(p, &ax), BMD_OK);
  double xs[50], ys[50];
  for (int i = 0; i < 50; i++) {
    xs[i] = 2.0 * i;
    ys[i] = 50.0 * sin(3.14159265358979323846 * xs[i] / 100.0) * 0.9;
  }
  struct bmd_plot_style ln = bmd_plot_style_line(bmd_plot_palette(0), 2.0, BMD_PLOT_SOLID);
  CHECK_INT_EQ(bmd_plot_line(p, 50, xs, ys, &ln, "trajectory"), BMD_OK);
  struct bmd_plot_style d = bmd_plot_style_line(bmd_plot_palette(1), 2.0, BMD_PLOT_DASHED);
  double lx[2] = {0.0, 100.0}, ly[2] = {5.0, 5.0};
  CHECK_INT_EQ(bmd_plot_line(p, 2, lx, ly, &d, "floor"), BMD_OK);
  double bx = 70.0, by = 10.0;
  struct bmd_plot_style blue = bmd_plot_style_marker(BMD_PLOT_MARKER_CIRCLE, bmd_plot_rgb(0x0000ff), 14.0);
  CHECK_INT_EQ(bmd_plot_points(p, 1, &bx, &by, &blue, "intercept"), BMD_OK);
  double px, py, qx, qy;
  CHECK_INT_EQ(bmd_plot_data_to_px(p, 70.0, 10.0, &px, &py), BMD_OK);
  bmd_plot_data_to_px(p, 0.0, 0.0, &qx, &qy);
  double rx, ry;
  bmd_plot_data_to_px(p, 100.0, 50.0, &rx, &ry);
  /* linear axes: 70 % of the way right, 20 % of the way up */
  CHECK_NEAR((px - qx) / (rx - qx), 0.7, 1e-12);
  CHECK_NEAR((qy - py) / (qy - ry), 0.2, 1e-12);
  CHECK(qy > ry); /* y up */
  CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "chart.png")), BMD_OK);
  CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "chart.svg")), BMD_OK);
  long w, h;
  CHECK(png_size(path_in(f, sizeof f, "chart.png"), &w, &h));
  CHECK_INT_EQ(w, 800);
  CHECK_INT_EQ(h, 500);
  CHECK(cdist(pixel(f, px, py), 0x0000ff) <= 2);
  CHECK(svg_valid(path_in(f, sizeof f, "chart.svg")));
  bmd_plot_free(p);

  /* a Gantt chart: bar on row 1 from 10 to 60 */
  p = bmd_plot_alloc(700, 300);
  const char *rows[3] = {"threat A", "threat B (a longer name)", "C"};
  CHECK_INT_EQ(bmd_plot_rows(p, 3, rows, 0.0, 100.0, "time after epoch (s)"), BMD_OK);
  struct bmd_plot_style g = bmd_plot_style_fill(bmd_plot_rgb(0x00a000), bmd_plot_rgb(0x004000));
  CHECK_INT_EQ(bmd_plot_hbar(p, 1.0, 0.6, 10.0, 60.0, &g, "flight", "threat flight"), BMD_OK);
  CHECK_INT_EQ(bmd_plot_hbar(p, 0.0, 0.6, 20.0, 22.0, &g, "a label that does not fit", NULL), BMD_OK);
  CHECK_INT_EQ(bmd_plot_vline(p, 80.0, &d, "impact"), BMD_OK);
  double gx, gy, hx, hy, r0x, r0y;
  bmd_plot_data_to_px(p, 15.0, 1.0, &gx, &gy);
  bmd_plot_data_to_px(p, 75.0, 1.0, &hx, &hy);
  bmd_plot_data_to_px(p, 15.0, 0.0, &r0x, &r0y);
  CHECK(r0y < gy); /* row 0 on top */
  CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "gantt.png")), BMD_OK);
  CHECK(cdist(pixel(f, gx, gy + 8.0), 0x00a000) <= 2); /* inside the bar, under its text */
  CHECK(cdist(pixel(f, hx, hy), 0x00a000) > 100);      /* after its end */
  bmd_plot_free(p);

  /* histogram */
  p = bmd_plot_alloc(600, 400);
  struct bmd_plot_axes hax = {0.0, 5.0, 0.0, 10.0, "interceptors fired", "runs", 0, 1};
  CHECK_INT_EQ(bmd_plot_axes(p, &hax), BMD_OK);
  double edges[6] = {0, 1, 2, 3, 4, 5}, counts[5] = {2, 8, 5, 1, 0};
  struct bmd_plot_style hb = bmd_plot_style_fill(bmd_plot_rgb(0x56B4E9), bmd_plot_rgb(0x1f5f8b));
  CHECK_INT_EQ(bmd_plot_bars(p, 5, edges, counts, &hb, "runs"), BMD_OK);
  double cx, cy;
  bmd_plot_data_to_px(p, 1.5, 4.0, &cx, &cy);
  CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "hist.png")), BMD_OK);
  CHECK(cdist(pixel(f, cx, cy), 0x56B4E9) <= 2);
  bmd_plot_data_to_px(p, 1.5, 9.0, &cx, &cy); /* above the bar of 8 */
  CHECK(cdist(pixel(f, cx, cy), 0x56B4E9) > 50);
  bmd_plot_free(p);

  /* bad arguments */
  CHECK(bmd_plot_alloc(0, 100) == NULL);
  p = bmd_plot_alloc(100, 100);
  struct bmd_plot_axes bad = {1.0, 1.0, 0.0, 1.0, NULL, NULL, 0, 0};
  CHECK_INT_EQ(bmd_plot_axes(p, &bad), BMD_EINVAL);
  CHECK_INT_EQ(bmd_plot_line(p, 0, xs, ys, &ln, NULL), BMD_EINVAL); /* no axes */
  bmd_plot_free(p);
}

/* bmd_plot_map_cells: the union of marked grid cells, one area. On a land-only map
   (bmd_plot_map_land: no coastlines to cross the probes) the cells of 2 deg from (44 N,
   4 E): a 5 x 5 block with a hole in its middle, and two cells touching at one corner
   only. Every marked cell's centre is the fill, the hole's and the unmarked cells' are
   not; the middle of an edge two marked cells share is the fill exactly (cells drawn one
   by one, antialiased, leave a seam of the basemap there: checked too); the pinched
   corner's two other cells stay unfilled. */
#define CELLS_NLAT 8
#define CELLS_NLON 9
static void test_cells(void) {
  char f[512], g[512];
  const double lat0 = 44.0, lon0 = 4.0, d = 2.0;
  unsigned char in[CELLS_NLAT * CELLS_NLON];
  struct bmd_plot_style blue;
  struct bmd_plot_region reg = {40.0, 62.0, 0.0, 26.0};
  memset(in, 0, sizeof in);
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 5; j++) in[i * CELLS_NLON + j] = !(i == 2 && j == 2);
  in[6 * CELLS_NLON + 6] = 1;   /* the pinch: (6, 6) and (7, 7) meet at one corner */
  in[7 * CELLS_NLON + 7] = 1;
  memset(&blue, 0, sizeof blue);
  blue.fill = bmd_plot_rgb(0x0000ff);
  for (int pass = 0; pass < 2; pass++) {
    /* pass 0: bmd_plot_map_cells; pass 1: the same cells one polygon each */
    struct bmd_plot *p = bmd_plot_alloc(700, 600);
    CHECK(p != NULL);
    if (!p) return;
    CHECK_INT_EQ(bmd_plot_map_land(p, &reg), BMD_OK);
    CHECK_INT_EQ(bmd_plot_map_cells(p, 0, CELLS_NLON, lat0, lon0, d, d, in, &blue, NULL), BMD_EINVAL);
    if (pass == 0) {
      CHECK_INT_EQ(bmd_plot_map_cells(p, CELLS_NLAT, CELLS_NLON, lat0, lon0, d, d, in, &blue, "cells"), BMD_OK);
    } else {
      for (int i = 0; i < CELLS_NLAT; i++)
        for (int j = 0; j < CELLS_NLON; j++) {
          double la[4] = {lat0 + i * d, lat0 + i * d, lat0 + (i + 1) * d, lat0 + (i + 1) * d};
          double lo[4] = {lon0 + j * d, lon0 + (j + 1) * d, lon0 + (j + 1) * d, lon0 + j * d};
          if (in[i * CELLS_NLON + j]) CHECK_INT_EQ(bmd_plot_map_polygon(p, 4, la, lo, &blue, NULL), BMD_OK);
        }
    }
    /* probes, projected before the write finishes the plot */
    double cx[CELLS_NLAT][CELLS_NLON], cy[CELLS_NLAT][CELLS_NLON], ex[3], ey[3];
    for (int i = 0; i < CELLS_NLAT; i++)
      for (int j = 0; j < CELLS_NLON; j++)
        CHECK(bmd_plot_map_project(p, lat0 + (i + 0.5) * d, lon0 + (j + 0.5) * d, &cx[i][j], &cy[i][j]) == 1);
    /* middles of shared edges: between (0,0) and (0,1), between (1,3) and (2,3), and
       between (3,1) and (4,1) */
    bmd_plot_map_project(p, lat0 + 0.5 * d, lon0 + d, &ex[0], &ey[0]);
    bmd_plot_map_project(p, lat0 + 2.0 * d, lon0 + 3.5 * d, &ex[1], &ey[1]);
    bmd_plot_map_project(p, lat0 + 4.0 * d, lon0 + 1.5 * d, &ex[2], &ey[2]);
    CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, pass == 0 ? "cells.png" : "cells1.png")), BMD_OK);
    if (pass == 0) {
      for (int i = 0; i < CELLS_NLAT; i++)
        for (int j = 0; j < CELLS_NLON; j++) {
          long c = pixel(f, cx[i][j], cy[i][j]);
          if (in[i * CELLS_NLON + j]) CHECK(cdist(c, 0x0000ff) <= 1);
          else CHECK(cdist(c, 0x0000ff) > 100);
        }
      for (int k = 0; k < 3; k++) {
        /* the edge's pixel and its neighbours across it */
        for (int q = -1; q <= 1; q++) {
          CHECK(cdist(pixel(f, ex[k] + q, ey[k]), 0x0000ff) <= 1);
          CHECK(cdist(pixel(f, ex[k], ey[k] + q), 0x0000ff) <= 1);
        }
      }
    } else {
      /* one by one, some edge pixel shows the seam the single area avoids */
      int seam = 0;
      for (int k = 0; k < 3; k++)
        for (int q = -1; q <= 1; q++)
          seam |= cdist(pixel(f, ex[k] + q, ey[k]), 0x0000ff) > 1 || cdist(pixel(f, ex[k], ey[k] + q), 0x0000ff) > 1;
      CHECK(seam);
    }
    bmd_plot_free(p);
  }
  /* a land-only map holds no coastlines and borders: its SVG is under 70% of the full
     map's (58% here) */
  {
    struct bmd_plot *a = bmd_plot_alloc(700, 600), *b = bmd_plot_alloc(700, 600);
    struct stat sa, sb;
    CHECK(a && b);
    if (!a || !b) {
      bmd_plot_free(a);
      bmd_plot_free(b);
      return;
    }
    CHECK_INT_EQ(bmd_plot_map(a, &reg), BMD_OK);
    CHECK_INT_EQ(bmd_plot_map_land(b, &reg), BMD_OK);
    CHECK_INT_EQ(bmd_plot_write(a, path_in(f, sizeof f, "full.svg")), BMD_OK);
    CHECK_INT_EQ(bmd_plot_write(b, path_in(g, sizeof g, "land.svg")), BMD_OK);
    CHECK(stat(f, &sa) == 0 && stat(g, &sb) == 0);
    CHECK(10 * sb.st_size < 7 * sa.st_size);
    bmd_plot_free(a);
    bmd_plot_free(b);
  }
}

/* issue 24, figures: map labels never overlap one another or a marker and are never cut
   at the frame, whatever the crowding (60 labelled markers in a cluster, others on the
   frame's edges, a radar and a site at one place); a label with no free place is left out
   and counted. A group of fills painted at 0.65 lets the basemap through: a red cell over
   land is the mix 0.65 red + 0.35 land, over sea the same with the sea's colour. */
static void test_labels(void) {
  struct bmd_plot *p = bmd_plot_alloc(900, 600);
  struct bmd_plot_region eu = {40.0, 60.0, 0.0, 30.0};
  struct bmd_plot_style mk = bmd_plot_style_marker(BMD_PLOT_MARKER_CIRCLE, bmd_plot_rgb(0x0072B2), 10.0);
  double mx[80], my[80], box[4 * 100], fx, fy, fw, fh;
  int nm = 0, dropped = -1, n;
  char f[512], name[64];
  CHECK(p != NULL);
  if (!p) return;
  CHECK_INT_EQ(bmd_plot_map(p, &eu), BMD_OK);
  for (int i = 0; i < 60; i++) {   /* a cluster near Warsaw */
    double la = 52.0 + 0.4 * (i % 6), lo = 20.0 + 0.5 * (i / 6);
    snprintf(name, sizeof name, "site-number-%d", i);
    CHECK_INT_EQ(bmd_plot_map_marker(p, la, lo, &mk, name, "site"), BMD_OK);
    if (bmd_plot_map_project(p, la, lo, &mx[nm], &my[nm])) nm++;
  }
  {   /* on the frame's corners and edges, and two markers at one place */
    const double pts[6][2] = {{40.5, 0.3}, {59.7, 29.7}, {59.7, 0.3}, {40.3, 29.7}, {50.0, 15.0}, {50.0, 15.0}};
    for (int i = 0; i < 6; i++) {
      snprintf(name, sizeof name, "a rather long label %d", i);
      CHECK_INT_EQ(bmd_plot_map_marker(p, pts[i][0], pts[i][1], &mk, name, "site"), BMD_OK);
      if (bmd_plot_map_project(p, pts[i][0], pts[i][1], &mx[nm], &my[nm])) nm++;
    }
  }
  CHECK_INT_EQ(bmd_plot_map_labels(p, box, 100, &dropped), -1);   /* not finished yet */
  CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "labels.png")), BMD_OK);
  n = bmd_plot_map_labels(p, box, 100, &dropped);
  CHECK_INT_EQ(n + dropped, 66);
  /* the cluster is denser than its labels (markers 12 px apart, labels 100 px wide): what
     counts is that none is drawn over another; the corners and edges have room */
  CHECK(n >= 6);
  CHECK_INT_EQ(bmd_plot_map_frame(p, &fx, &fy, &fw, &fh), BMD_OK);
  for (int i = 0; i < n; i++) {
    const double *a = box + 4 * i;
    CHECK(a[0] >= fx && a[2] <= fx + fw && a[1] >= fy && a[3] <= fy + fh);   /* never cut at the frame */
    for (int j = i + 1; j < n; j++) {
      const double *b = box + 4 * j;
      CHECK(a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]);   /* no two overlap */
    }
    for (int k = 0; k < nm; k++)   /* nor a marker (radius 5 px) */
      CHECK(a[2] <= mx[k] - 5.0 || mx[k] + 5.0 <= a[0] || a[3] <= my[k] - 5.0 || my[k] + 5.0 <= a[1]);
  }
  printf("labels: %d of 66 drawn, %d left out for want of room\n", n, dropped);
  bmd_plot_free(p);

  /* a group of fills at 0.65 over land and sea */
  p = bmd_plot_alloc(600, 400);
  CHECK(p != NULL);
  if (!p) return;
  CHECK_INT_EQ(bmd_plot_map_land(p, &eu), BMD_OK);
  {
    const double land[2] = {51.0, 10.0}, sea[2] = {43.0, 5.0};   /* Germany; the Gulf of Lion */
    double lx = 0.0, ly = 0.0, sx = 0.0, sy = 0.0;
    long land0, sea0;
    CHECK(bmd_plot_map_project(p, land[0], land[1], &lx, &ly) && bmd_plot_map_project(p, sea[0], sea[1], &sx, &sy));
    CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "bare.png")), BMD_OK);
    land0 = pixel(f, lx, ly);
    sea0 = pixel(f, sx, sy);
    bmd_plot_free(p);
    p = bmd_plot_alloc(600, 400);
    CHECK_INT_EQ(bmd_plot_map_land(p, &eu), BMD_OK);
    CHECK_INT_EQ(bmd_plot_group_end(p, 0.5), BMD_EINVAL);   /* no group open */
    CHECK_INT_EQ(bmd_plot_group_begin(p), BMD_OK);
    CHECK_INT_EQ(bmd_plot_group_begin(p), BMD_EINVAL);      /* groups do not nest */
    {
      double clat[4] = {40.0, 40.0, 60.0, 60.0}, clon[4] = {0.0, 30.0, 30.0, 0.0};
      struct bmd_plot_style red;
      memset(&red, 0, sizeof red);
      red.fill = bmd_plot_rgb(0xff0000);
      /* two opaque layers over each other: the group shows the top one, not their sum */
      CHECK_INT_EQ(bmd_plot_map_polygon(p, 4, clat, clon, &red, NULL), BMD_OK);
      CHECK_INT_EQ(bmd_plot_map_polygon(p, 4, clat, clon, &red, NULL), BMD_OK);
    }
    CHECK_INT_EQ(bmd_plot_group_end(p, 0.65), BMD_OK);
    CHECK_INT_EQ(bmd_plot_write(p, path_in(f, sizeof f, "group.png")), BMD_OK);
    for (int k = 0; k < 2; k++) {
      long under = k ? sea0 : land0, got = pixel(f, k ? sx : lx, k ? sy : ly), want = 0;
      for (int ch = 0; ch < 3; ch++) {
        double u = (double)((under >> (8 * ch)) & 0xff), top = ch == 2 ? 255.0 : 0.0;
        want |= (long)lround(0.65 * top + 0.35 * u) << (8 * ch);
      }
      if (cdist(got, want) > 3) fprintf(stderr, "group over %s: %06lx, want %06lx\n", k ? "sea" : "land", got, want);
      CHECK(cdist(got, want) <= 3);   /* 8-bit rounding of the blend */
    }
  }
  bmd_plot_free(p);
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/bmd_test_plot_XXXXXX");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  keep = getenv("BMD_TEST_KEEP") != NULL;
  test_map();
  test_regions();
  test_charts();
  test_write2();
  test_cells();
  test_labels();
  if (keep) {
    printf("files kept in %s\n", dir);
  } else {
    const char *names[] = {"map.png", "map.svg", "bering.png", "polar.png", "chart.png",
                           "chart.svg", "gantt.png", "hist.png", "one.png", "one.svg",
                           "two.png", "two.svg", "cells.png", "cells1.png", "full.svg",
                           "land.svg", "labels.png", "bare.png", "group.png"};
    char f[512];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) remove(path_in(f, sizeof f, names[i]));
    rmdir(dir);
  }
  bmd_plot_release_caches();
  return check_report("test_plot");
}
