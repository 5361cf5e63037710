/* plot_map.c - maps of plot.h: azimuthal equidistant projection fitted to a region, the
   Natural Earth basemap (atlas.h), graticule, map layers, scale bar and credit line. */
#include <bmd/atlas.h>
#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/plot.h>
#include <bmd/status.h>

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot_impl.h"

#define OCEAN 0xdde9f2
#define LAND 0xf3f0e8
#define COAST 0x8f9aa3
#define BORDER 0xa39a92
#define DENSIFY_RAD (0.5 * BMD_DEG) /* great-circle legs and graticule lines: 0.5 deg steps */
#define ANTIPODE_GUARD 0.02         /* rad: points this near the antipode are not projected */

/* Azimuthal equidistant, sphere: Snyder (1987), USGS PP 1395, eqs. 5-3 (cos c), 25-2 (k'),
   22-4 and 22-5 (x, y). Returns c, the angular distance from the centre (rad). */
static double project_rad(const struct bmd_plot *p, double lat, double lon, double *x, double *y) {
  double dl = lon - p->lon0_rad, sl = sin(lat), cl = cos(lat), cdl = cos(dl);
  double cosc = p->sin_lat0 * sl + p->cos_lat0 * cl * cdl;
  if (cosc > 1.0) cosc = 1.0;
  if (cosc < -1.0) cosc = -1.0;
  double c = acos(cosc);
  double k = c < 1e-9 ? 1.0 : c / sin(c);
  *x = k * cl * sin(dl);
  *y = k * (p->cos_lat0 * sl - p->sin_lat0 * cl * cdl);
  return c;
}

static double c_limit(const struct bmd_plot *p) {
  double lim = p->c_max_rad + 0.35; /* 20 deg beyond the farthest corner */
  return lim < BMD_PI - ANTIPODE_GUARD ? lim : BMD_PI - ANTIPODE_GUARD;
}

/* pixel position of (lat, lon) in radians; 1 if within the drawn part of the globe */
int plot_map_to_px(const struct bmd_plot *p, double lat, double lon, double *px, double *py) {
  double x, y, c = project_rad(p, lat, lon, &x, &y);
  *px = p->cx_px + p->s_px * x;
  *py = p->cy_px - p->s_px * y;
  return c <= c_limit(p);
}

int bmd_plot_map_project(const struct bmd_plot *p, double lat_deg, double lon_deg, double *x_px,
                         double *y_px) {
  double x, y;
  if (!p || p->kind != PLOT_MAP) return 0;
  int vis = plot_map_to_px(p, lat_deg * BMD_DEG, lon_deg * BMD_DEG, &x, &y);
  if (x_px) *x_px = x;
  if (y_px) *y_px = y;
  return vis;
}

int bmd_plot_region_fit(int n, const double *lat_deg, const double *lon_deg, double margin_deg,
                        struct bmd_plot_region *out) {
  if (n < 1 || !lat_deg || !lon_deg || !out || !(margin_deg >= 0.0)) return BMD_EINVAL;
  double s = HUGE_VAL, nn = -HUGE_VAL;
  /* longitudes: the smallest arc holding all points = 360 minus the largest gap between
     sorted longitudes */
  double *l = malloc(sizeof *l * (size_t)n);
  if (!l) return BMD_ENOMEM;
  int m = 0;
  for (int i = 0; i < n; i++) {
    if (!isfinite(lat_deg[i]) || !isfinite(lon_deg[i])) continue;
    s = fmin(s, lat_deg[i]);
    nn = fmax(nn, lat_deg[i]);
    double v = bmd_wrap180_deg(lon_deg[i]);
    int j = m++;
    while (j > 0 && l[j - 1] > v) { /* insertion sort: n is small (objects of a scenario) */
      l[j] = l[j - 1];
      j--;
    }
    l[j] = v;
  }
  if (m == 0) {
    free(l);
    return BMD_EINVAL;
  }
  double gap = l[0] + 360.0 - l[m - 1];
  int after = m - 1; /* the largest gap follows l[after] */
  for (int i = 0; i + 1 < m; i++)
    if (l[i + 1] - l[i] > gap) {
      gap = l[i + 1] - l[i];
      after = i;
    }
  double west = l[(after + 1) % m], east = l[after];
  free(l);
  double span = east - west;
  if (span < 0.0) span += 360.0;
  if (span + 2.0 * margin_deg >= 360.0) {
    out->lon_west_deg = -180.0;
    out->lon_east_deg = 180.0;
  } else {
    out->lon_west_deg = bmd_wrap180_deg(west - margin_deg);
    out->lon_east_deg = bmd_wrap180_deg(east + margin_deg);
  }
  out->lat_south_deg = fmax(-90.0, s - margin_deg);
  out->lat_north_deg = fmin(90.0, nn + margin_deg);
  return BMD_OK;
}

/* sample points of the region (a 25 x 25 grid, edges included), in radians */
#define RG 25
static void region_samples(const struct bmd_plot_region *r, double lat[RG * RG], double lon[RG * RG]) {
  double span = r->lon_east_deg - r->lon_west_deg;
  if (span <= 0.0) span += 360.0;
  if (span > 360.0) span = 360.0;
  for (int i = 0; i < RG; i++)
    for (int j = 0; j < RG; j++) {
      lat[i * RG + j] = (r->lat_south_deg + (r->lat_north_deg - r->lat_south_deg) * i / (RG - 1)) * BMD_DEG;
      lon[i * RG + j] = (r->lon_west_deg + span * j / (RG - 1)) * BMD_DEG;
    }
}

static void format_lon(char *buf, size_t cap, double lon) {
  lon = bmd_wrap180_deg(lon);
  if (fabs(lon) < 1e-9 || fabs(fabs(lon) - 180.0) < 1e-9)
    snprintf(buf, cap, "%g\xc2\xb0", fabs(lon));
  else
    snprintf(buf, cap, "%g\xc2\xb0%s", fabs(lon), lon > 0.0 ? "E" : "W");
}

static void format_lat(char *buf, size_t cap, double lat) {
  if (fabs(lat) < 1e-9)
    snprintf(buf, cap, "0\xc2\xb0");
  else
    snprintf(buf, cap, "%g\xc2\xb0%s", fabs(lat), lat > 0.0 ? "N" : "S");
}

/* edges of the frame, for graticule labels */
enum { EDGE_BOTTOM = 1, EDGE_TOP = 2, EDGE_LEFT = 4 };

static int try_label(struct bmd_plot *p, const char *s, int edge, double pos) {
  cairo_t *cr = p->cr;
  double w = plot_text_width(cr, s), hgt = PLOT_FS_SMALL;
  struct plot_rect r;
  double x, y, ha;
  if (edge == EDGE_LEFT) {
    if (pos < p->fy + hgt / 2.0 || pos > p->fy + p->fh - hgt / 2.0) return 0;
    x = p->fx - 5.0;
    y = pos;
    ha = 1.0;
    r = (struct plot_rect){x - w - 2.0, y - hgt / 2.0 - 2.0, x + 2.0, y + hgt / 2.0 + 2.0};
  } else {
    if (pos < p->fx + w / 2.0 || pos > p->fx + p->fw - w / 2.0) return 0;
    x = pos;
    y = edge == EDGE_BOTTOM ? p->fy + p->fh + 5.0 + hgt / 2.0 : p->fy - 5.0 - hgt / 2.0;
    ha = 0.5;
    r = (struct plot_rect){x - w / 2.0 - 4.0, y - hgt / 2.0 - 1.0, x + w / 2.0 + 4.0, y + hgt / 2.0 + 1.0};
  }
  if (plot_overlaps(p, r)) return 0;
  plot_place(p, r);
  cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
  plot_text(cr, s, x, y, ha, 0.5, 0);
  return 1;
}

/* trace one graticule line (n points in radians), stroke it, and label its crossings of
   the preferred edges (or of any labelled edge if none) */
static int graticule_line(struct bmd_plot *p, int n, const double *lat, const double *lon,
                          const char *label, int edges) {
  cairo_t *cr = p->cr;
  double px, py, lx = 0.0, ly = 0.0;
  int pen = 0;
  double cross[3][8];
  int ncross[3] = {0, 0, 0};
  double fb = p->fy + p->fh, ft = p->fy, fl = p->fx, fr = p->fx + p->fw;
  cairo_save(cr);
  plot_clip_frame(p);
  for (int i = 0; i < n; i++) {
    if (!plot_map_to_px(p, lat[i], lon[i], &px, &py)) {
      pen = 0;
      continue;
    }
    if (pen) {
      cairo_line_to(cr, px, py);
      /* crossings: bottom, top (x at the crossing), left (y at the crossing) */
      double yy[2] = {fb, ft};
      for (int e = 0; e < 2; e++)
        if ((ly - yy[e]) * (py - yy[e]) < 0.0 && ncross[e] < 8) {
          double xc = lx + (px - lx) * (yy[e] - ly) / (py - ly);
          if (xc >= fl && xc <= fr) cross[e][ncross[e]++] = xc;
        }
      if ((lx - fl) * (px - fl) < 0.0 && ncross[2] < 8) {
        double yc = ly + (py - ly) * (fl - lx) / (px - lx);
        if (yc >= ft && yc <= fb) cross[2][ncross[2]++] = yc;
      }
    } else {
      cairo_move_to(cr, px, py);
    }
    pen = 1;
    lx = px;
    ly = py;
  }
  cairo_set_line_width(cr, 0.6);
  cairo_set_source_rgba(cr, 0.35, 0.42, 0.5, 0.3);
  cairo_stroke(cr);
  cairo_restore(cr);
  /* meridians are labelled only on the top and bottom edges and parallels only on the
     left one, so a label's kind is clear from where it stands (also on polar maps) */
  static const int edge_of[3] = {EDGE_BOTTOM, EDGE_TOP, EDGE_LEFT};
  int placed = 0;
  for (int e = 0; e < 3; e++) {
    if (!(edges & edge_of[e])) continue;
    for (int k = 0; k < ncross[e]; k++) placed += try_label(p, label, edge_of[e], cross[e][k]);
  }
  return placed;
}

static void draw_graticule(struct bmd_plot *p) {
  cairo_t *cr = p->cr;
  double span = 2.0 * p->c_max_rad / BMD_DEG;
  static const double steps[] = {1, 2, 5, 10, 15, 20, 30};
  double step = 30.0;
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
    if (span / steps[i] <= 9.0) {
      step = steps[i];
      break;
    }
  enum { N = 721 };
  double lat[N], lon[N];
  char buf[32];
  plot_font(cr, PLOT_FS_SMALL, 0);
  cairo_save(cr);
  /* lines are stroked clipped to the frame; labels go outside it */
  for (double lo = -180.0; lo < 180.0 - 1e-9; lo += step) {
    int n = 0;
    double top = 80.0 - fmod(80.0, step); /* meridians stop at the last parallel below 80 */
    for (double la = -top; la <= top + 1e-9; la += 0.5) {
      lat[n] = la * BMD_DEG;
      lon[n] = lo * BMD_DEG;
      n++;
    }
    format_lon(buf, sizeof buf, lo);
    graticule_line(p, n, lat, lon, buf, EDGE_BOTTOM | EDGE_TOP);
  }
  for (double la = -80.0 + fmod(80.0, step); la <= 80.0 + 1e-9; la += step) {
    int n = 0;
    for (double lo = -180.0; lo <= 180.0 + 1e-9 && n < N; lo += 0.5) {
      lat[n] = la * BMD_DEG;
      lon[n] = lo * BMD_DEG;
      n++;
    }
    format_lat(buf, sizeof buf, la);
    if (graticule_line(p, n, lat, lon, buf, EDGE_LEFT) == 0) {
      /* a parallel that misses the left edge (polar maps): label it inside the frame where
         it crosses the central meridian, below the centre (towards the equator) */
      double x, y;
      if (plot_map_to_px(p, la * BMD_DEG, p->lon0_rad, &x, &y) && x > p->fx && x < p->fx + p->fw &&
          y > p->fy + PLOT_FS_SMALL && y < p->fy + p->fh - PLOT_FS_SMALL && la < p->lat0_rad / BMD_DEG &&
          p->nlabels < PLOT_MAX_LABELS) {
        /* placed at finish, after the markers' labels and clear of everything (drawn
           now, the layers above would cover it) */
        struct plot_label *L = &p->labels[p->nlabels++];
        L->x = x;
        L->y = y;
        L->r = 0.0;
        L->minor = 1;
        snprintf(L->text, sizeof L->text, "%s", buf);
      }
    }
  }
  cairo_restore(cr);
}

#define DECIMATE_PX 0.25     /* basemap thinning (px) */

/* which sides of the frame, widened by m px, the point (x, y) lies beyond: bits 1 left,
   2 right, 4 above, 8 below */
static unsigned char outcode(const struct bmd_plot *p, double m, double x, double y) {
  return (unsigned char)((x < p->fx - m) | (x > p->fx + p->fw + m) << 1 | (y < p->fy - m) << 2 |
                         (y > p->fy + p->fh + m) << 3);
}

/* the land rings and borders, projected, culled to the frame: passes first_pass..2 of
   (land fill, coastlines, borders) */
/* the basemap's lines projected once per map (bmd_plot_map and bmd_plot_map_outlines draw
   them in three passes: land fill, coastlines, borders) */
struct plot_basemap {
  struct bmd_atlas a;
  double *px, *py;
  unsigned char *ok, *code;   /* [npoints]: projected; outcode against the widened frame */
  unsigned char *shown;       /* [nland + nborder]: some of the line may be in the frame */
};

#define BASEMAP_SLACK_PX 20.0   /* px of slack around the frame */

void plot_map_release(struct bmd_plot *p) {
  struct plot_basemap *b = p->basemap;
  if (!b) return;
  bmd_atlas_release(&b->a);
  free(b->px);
  free(b->py);
  free(b->ok);
  free(b->code);
  free(b->shown);
  free(b);
  p->basemap = NULL;
}

static int basemap_project(struct bmd_plot *p) {
  struct plot_basemap *b = calloc(1, sizeof *b);
  int rc;
  if (!b) return BMD_ENOMEM;
  p->basemap = b;
  if ((rc = bmd_atlas_load(&b->a)) != BMD_OK) return rc;
  const struct bmd_atlas *a = &b->a;
  const long np = a->npoints > 0 ? a->npoints : 1;
  const double lim = c_limit(p), m = BASEMAP_SLACK_PX;
  b->px = malloc(sizeof *b->px * (size_t)np);
  b->py = malloc(sizeof *b->py * (size_t)np);
  b->ok = malloc((size_t)np);
  b->code = malloc((size_t)np);
  b->shown = malloc((size_t)(a->nland + a->nborder + 1));
  if (!b->px || !b->py || !b->ok || !b->code || !b->shown) return BMD_ENOMEM;
  for (int k = 0; k < a->nland + a->nborder; k++) {
    long i0 = a->start[k], n = a->start[k + 1] - i0;
    double x0 = HUGE_VAL, x1 = -HUGE_VAL, y0 = HUGE_VAL, y1 = -HUGE_VAL;
    int any = 0;
    for (long i = i0; i < i0 + n; i++) {
      double x, y, c = project_rad(p, a->lat_deg[i] * BMD_DEG, a->lon_deg[i] * BMD_DEG, &x, &y);
      b->px[i] = p->cx_px + p->s_px * x;
      b->py[i] = p->cy_px - p->s_px * y;
      b->ok[i] = c <= BMD_PI - ANTIPODE_GUARD;
      b->code[i] = outcode(p, m, b->px[i], b->py[i]);
      if (c <= lim) any = 1;
      if (b->ok[i]) {
        x0 = fmin(x0, b->px[i]);
        x1 = fmax(x1, b->px[i]);
        y0 = fmin(y0, b->py[i]);
        y1 = fmax(y1, b->py[i]);
      }
    }
    b->shown[k] = any && !(x1 < p->fx - m || x0 > p->fx + p->fw + m || y1 < p->fy - m ||
                           y0 > p->fy + p->fh + m);
  }
  return BMD_OK;
}

static int draw_basemap(struct bmd_plot *p, int first_pass, int end_pass) {
  int rc = p->basemap ? BMD_OK : basemap_project(p);
  if (rc != BMD_OK) {
    plot_map_release(p);
    return rc;
  }
  const struct plot_basemap *bm = p->basemap;
  const struct bmd_atlas *a = &bm->a;
  const double *px = bm->px, *py = bm->py;
  const unsigned char *ok = bm->ok, *code = bm->code;
  cairo_t *cr = p->cr;
  for (int pass = first_pass; pass < end_pass; pass++) { /* land fill, coastlines, borders */
    int k0 = pass < 2 ? 0 : a->nland, k1 = pass < 2 ? a->nland : a->nland + a->nborder;
    for (int k = k0; k < k1; k++) {
      long i0 = a->start[k], n = a->start[k + 1] - i0;
      if (!bm->shown[k]) continue;
      int pen = 0;
      long lk = 0;   /* the last vertex drawn */
      for (long q = 0; q < n; q++) {
        long i = i0 + q;
        int seam = pass == 1 && q > 0 && bmd_atlas_is_seam(a, i - 1, i);
        if (!ok[i]) {
          pen = 0;
          continue;
        }
        if (pen && !seam) {
          int last = q + 1 == n || !ok[i + 1] || (pass == 1 && bmd_atlas_is_seam(a, i, i + 1));
          /* Left out, unless the ring's next vertex breaks the line: a vertex beyond one
             side of the widened frame together with the last one drawn and the next one
             (the loop the shortcut closes lies beyond that side, so it changes neither
             the fill nor the strokes inside the frame: how far outside rings cost
             nothing); and a vertex within DECIMATE_PX of the last one drawn (the drawn
             line stays that close to the atlas's, whose 50 m rings have several vertices
             per pixel at continental scale) */
          if (!last && ((code[lk] & code[i] & code[i + 1]) ||
                        (fabs(px[i] - px[lk]) < DECIMATE_PX && fabs(py[i] - py[lk]) < DECIMATE_PX)))
            continue;
          cairo_line_to(cr, px[i], py[i]);
        } else {
          cairo_move_to(cr, px[i], py[i]);
        }
        lk = i;
        pen = 1;
      }
      if (pass == 0) cairo_close_path(cr);
    }
    if (pass == 0) {
      cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
      plot_set_color(cr, bmd_plot_rgb(LAND));
      cairo_fill(cr);
      cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    } else {
      cairo_set_line_width(cr, pass == 1 ? 0.7 : 0.6);
      cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
      plot_set_color(cr, bmd_plot_rgb(pass == 1 ? COAST : BORDER));
      cairo_stroke(cr);
    }
  }
  return BMD_OK;
}

static int map_begin(struct bmd_plot *p, const struct bmd_plot_region *r, int end_pass) {
  if (!p || p->finished || p->kind != PLOT_NONE || !r || !(r->lat_south_deg <= r->lat_north_deg) ||
      r->lat_south_deg < -90.0 || r->lat_north_deg > 90.0 || !isfinite(r->lon_west_deg) ||
      !isfinite(r->lon_east_deg))
    return BMD_EINVAL;
  if (p->legend_pos == BMD_PLOT_LEGEND_AUTO) p->legend_pos = BMD_PLOT_LEGEND_RIGHT;
  p->kind = PLOT_MAP;
  plot_layout(p, 56.0, 14.0, 8.0 + PLOT_FS_SMALL, 12.0 + PLOT_FS_SMALL + 14.0);
  /* centre: normalised mean of unit vectors over the region, weighted by area (cos lat) */
  static double lat[RG * RG], lon[RG * RG];
  region_samples(r, lat, lon);
  double v[3] = {0.0, 0.0, 0.0};
  for (int i = 0; i < RG * RG; i++) {
    double w = cos(lat[i]) + 1e-3; /* + a little so a polar cap still has weight */
    v[0] += w * cos(lat[i]) * cos(lon[i]);
    v[1] += w * cos(lat[i]) * sin(lon[i]);
    v[2] += w * sin(lat[i]);
  }
  double norm = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  if (norm < 1e-9) { /* the whole globe: centre on the box middle */
    p->lat0_rad = 0.5 * (r->lat_south_deg + r->lat_north_deg) * BMD_DEG;
    p->lon0_rad = lon[RG / 2] ;
  } else {
    p->lat0_rad = asin(v[2] / norm);
    p->lon0_rad = atan2(v[1], v[0]);
  }
  p->sin_lat0 = sin(p->lat0_rad);
  p->cos_lat0 = cos(p->lat0_rad);
  /* fit: bounding box of the projected samples */
  double x0 = HUGE_VAL, x1 = -HUGE_VAL, y0 = HUGE_VAL, y1 = -HUGE_VAL;
  p->s_px = 1.0;
  for (int i = 0; i < RG * RG; i++) {
    double x, y, c = project_rad(p, lat[i], lon[i], &x, &y);
    if (c > BMD_PI - ANTIPODE_GUARD) continue;
    x0 = fmin(x0, x);
    x1 = fmax(x1, x);
    y0 = fmin(y0, y);
    y1 = fmax(y1, y);
  }
  double dx = fmax(x1 - x0, 1e-4), dy = fmax(y1 - y0, 1e-4);
  p->s_px = fmin(p->fw / dx, p->fh / dy);
  p->cx_px = p->fx + p->fw / 2.0 - p->s_px * 0.5 * (x0 + x1);
  p->cy_px = p->fy + p->fh / 2.0 + p->s_px * 0.5 * (y0 + y1);
  p->c_max_rad = 0.0;
  for (int k = 0; k < 4; k++) {
    double X = k % 2 ? p->fx + p->fw : p->fx, Y = k / 2 ? p->fy + p->fh : p->fy;
    p->c_max_rad = fmax(p->c_max_rad, hypot(X - p->cx_px, Y - p->cy_px) / p->s_px);
  }
  if (p->c_max_rad > BMD_PI) p->c_max_rad = BMD_PI;

  cairo_t *cr = p->cr;
  cairo_save(cr);
  plot_clip_frame(p);
  cairo_rectangle(cr, p->fx, p->fy, p->fw, p->fh);
  plot_set_color(cr, bmd_plot_rgb(OCEAN));
  cairo_fill(cr);
  int rc = draw_basemap(p, 0, end_pass);
  cairo_restore(cr);
  if (rc != BMD_OK) return rc;
  draw_graticule(p); /* lines clipped to the frame, labels outside it */
  return BMD_OK;
}

int bmd_plot_map(struct bmd_plot *p, const struct bmd_plot_region *r) {
  return map_begin(p, r, 3);
}

int bmd_plot_map_land(struct bmd_plot *p, const struct bmd_plot_region *r) {
  return map_begin(p, r, 1);
}

int bmd_plot_map_outlines(struct bmd_plot *p) {
  int rc;
  if (!plot_usable(p, PLOT_MAP)) return BMD_EINVAL;
  cairo_save(p->cr);
  plot_clip_frame(p);
  rc = draw_basemap(p, 1, 3);
  cairo_restore(p->cr);
  return rc;
}

/* ---- layers ---------------------------------------------------------------------------- */

/* add a projected path through n points (radians); breaks where not visible */
static void path_rad(struct bmd_plot *p, int n, const double *lat, const double *lon, int close) {
  int pen = 0;
  for (int i = 0; i < n; i++) {
    double x, y;
    if (!plot_map_to_px(p, lat[i], lon[i], &x, &y)) {
      pen = 0;
      close = 0;
      continue;
    }
    if (pen)
      cairo_line_to(p->cr, x, y);
    else
      cairo_move_to(p->cr, x, y);
    pen = 1;
  }
  if (close) cairo_close_path(p->cr);
}

int bmd_plot_map_polygon(struct bmd_plot *p, int n, const double *lat_deg, const double *lon_deg,
                         const struct bmd_plot_style *st, const char *legend) {
  if (!plot_usable(p, PLOT_MAP) || n < 3 || !lat_deg || !lon_deg || !st) return BMD_EINVAL;
  cairo_t *cr = p->cr;
  cairo_save(cr);
  plot_clip_frame(p);
  int vis = 1;
  double x, y;
  for (int i = 0; i < n && vis; i++) vis = plot_map_to_px(p, lat_deg[i] * BMD_DEG, lon_deg[i] * BMD_DEG, &x, &y);
  if (vis) {
    for (int i = 0; i < n; i++) {
      plot_map_to_px(p, lat_deg[i] * BMD_DEG, lon_deg[i] * BMD_DEG, &x, &y);
      if (i == 0)
        cairo_move_to(cr, x, y);
      else
        cairo_line_to(cr, x, y);
    }
    cairo_close_path(cr);
    plot_fill_stroke(cr, st);
  }
  cairo_restore(cr);
  return plot_legend_add(p, BMD_PLOT_LEGEND_PATCH, st, legend);
}

/* the outline of the marked cells as directed edges between grid corners (corner (i, j)
   at row i, column j of the (nlat + 1) x (nlon + 1) corners), the cells on their left:
   bit d of out[corner] for the edge leaving it toward E, N, W, S (d = 0..3) */
enum { CELL_E, CELL_N, CELL_W, CELL_S };

static void cell_edges(int nlat, int nlon, const unsigned char *in, unsigned char *out) {
  const long nc = (long)nlon + 1;
#define IN_(i, j) ((i) >= 0 && (i) < nlat && (j) >= 0 && (j) < nlon && in[(long)(i) * nlon + (j)])
  for (int i = 0; i < nlat; i++)
    for (int j = 0; j < nlon; j++) {
      if (!in[(long)i * nlon + j]) continue;
      if (!IN_(i - 1, j)) out[(long)i * nc + j] |= 1u << CELL_E;
      if (!IN_(i, j + 1)) out[(long)i * nc + j + 1] |= 1u << CELL_N;
      if (!IN_(i + 1, j)) out[(long)(i + 1) * nc + j + 1] |= 1u << CELL_W;
      if (!IN_(i, j - 1)) out[(long)(i + 1) * nc + j] |= 1u << CELL_S;
    }
#undef IN_
}

int bmd_plot_map_cells(struct bmd_plot *p, int nlat, int nlon, double lat0_deg, double lon0_deg,
                       double dlat_deg, double dlon_deg, const unsigned char *in,
                       const struct bmd_plot_style *st, const char *legend) {
  static const int di[4] = {0, 1, 0, -1}, dj[4] = {1, 0, -1, 0};
  if (!plot_usable(p, PLOT_MAP) || nlat < 1 || nlon < 1 || !in || !st || !(dlat_deg > 0.0) ||
      !(dlon_deg > 0.0) || !isfinite(lat0_deg) || !isfinite(lon0_deg))
    return BMD_EINVAL;
  const long nc = (long)nlon + 1, ncorner = ((long)nlat + 1) * nc;
  unsigned char *out = calloc((size_t)ncorner, 1);
  double (*xy)[2] = NULL;   /* the ring's corners in px */
  long cap = 0;
  int rc = BMD_OK;
  if (!out) return BMD_ENOMEM;
  cell_edges(nlat, nlon, in, out);
  cairo_t *cr = p->cr;
  cairo_save(cr);
  plot_clip_frame(p);
  cairo_new_path(cr);
  for (long c0 = 0; c0 < ncorner && rc == BMD_OK; c0++)
    while (out[c0] && rc == BMD_OK) {
      /* one ring: from corner c0 along unused edges until back at c0; where two edges
         leave a corner (cells touching at it diagonally) take the left turn */
      long c = c0, n = 0;
      int d = -1, vis = 1;
      do {
        int e = -1;
        for (int t = 0; t < 4 && e < 0; t++) {
          int dd = d < 0 ? t : (d + 1 + 4 - t) % 4;   /* left, straight, right, back */
          if (out[c] & (1u << dd)) e = dd;
        }
        if (n == cap) {
          long nc2 = cap ? 2 * cap : 1024;
          double (*nxy)[2] = realloc(xy, (size_t)nc2 * sizeof *nxy);
          if (!nxy) {
            rc = BMD_ENOMEM;
            break;
          }
          xy = nxy;
          cap = nc2;
        }
        {
          int i = (int)(c / nc), j = (int)(c % nc);
          vis &= plot_map_to_px(p, (lat0_deg + i * dlat_deg) * BMD_DEG, (lon0_deg + j * dlon_deg) * BMD_DEG,
                       &xy[n][0], &xy[n][1]);
          n++;
          out[c] &= (unsigned char)~(1u << e);
          c = (long)(i + di[e]) * nc + (j + dj[e]);
        }
        d = e;
      } while (c != c0);
      if (rc != BMD_OK || !vis) continue;
      cairo_move_to(cr, xy[0][0], xy[0][1]);
      for (long k = 1; k < n; k++) cairo_line_to(cr, xy[k][0], xy[k][1]);
      cairo_close_path(cr);
    }
  if (rc == BMD_OK) {
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    plot_set_color(cr, st->fill);
    cairo_fill(cr);
  }
  cairo_new_path(cr);
  cairo_restore(cr);
  free(out);
  free(xy);
  return rc != BMD_OK ? rc : plot_legend_add(p, BMD_PLOT_LEGEND_PATCH, st, legend);
}

int bmd_plot_map_line(struct bmd_plot *p, int n, const double *lat_deg, const double *lon_deg,
                      const struct bmd_plot_style *st, const char *legend) {
  if (!plot_usable(p, PLOT_MAP) || n < 1 || !lat_deg || !lon_deg || !st) return BMD_EINVAL;
  cairo_t *cr = p->cr;
  cairo_save(cr);
  plot_clip_frame(p);
  int pen = 0;
  for (int i = 0; i + 1 < n || (n == 1 && i == 0); i++) {
    /* densify leg i -> i+1 along the great circle: slerp between unit vectors */
    double la1 = lat_deg[i] * BMD_DEG, lo1 = lon_deg[i] * BMD_DEG;
    double la2 = lat_deg[n > 1 ? i + 1 : i] * BMD_DEG, lo2 = lon_deg[n > 1 ? i + 1 : i] * BMD_DEG;
    if (!isfinite(la1 + lo1 + la2 + lo2)) {
      pen = 0;
      continue;
    }
    double a[3] = {cos(la1) * cos(lo1), cos(la1) * sin(lo1), sin(la1)};
    double b[3] = {cos(la2) * cos(lo2), cos(la2) * sin(lo2), sin(la2)};
    double cx = a[1] * b[2] - a[2] * b[1], cy = a[2] * b[0] - a[0] * b[2], cz = a[0] * b[1] - a[1] * b[0];
    double d = atan2(sqrt(cx * cx + cy * cy + cz * cz), a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
    int m = (int)ceil(d / DENSIFY_RAD);
    if (m < 1) m = 1;
    for (int k = (pen ? 1 : 0); k <= m; k++) {
      double t = (double)k / m, wa, wb;
      if (d < 1e-12) {
        wa = 1.0 - t;
        wb = t;
      } else { /* Shoemake (1985) slerp */
        wa = sin((1.0 - t) * d) / sin(d);
        wb = sin(t * d) / sin(d);
      }
      double q[3] = {wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]};
      double x, y;
      if (!plot_map_to_px(p, atan2(q[2], hypot(q[0], q[1])), atan2(q[1], q[0]), &x, &y)) {
        pen = 0;
        continue;
      }
      if (pen)
        cairo_line_to(cr, x, y);
      else
        cairo_move_to(cr, x, y);
      pen = 1;
    }
  }
  struct bmd_plot_style s = *st;
  s.fill.a = 0.0;
  plot_fill_stroke(cr, &s);
  double x, y;
  if (st->marker != BMD_PLOT_MARKER_NONE &&
      plot_map_to_px(p, lat_deg[n - 1] * BMD_DEG, lon_deg[n - 1] * BMD_DEG, &x, &y))
    plot_draw_marker(cr, st, x, y);
  cairo_restore(cr);
  return plot_legend_add(p, BMD_PLOT_LEGEND_LINE, st, legend);
}

static int ring_path(struct bmd_plot *p, double lat_deg, double lon_deg, double radius_m,
                     double az0, double az1, int sector) {
  enum { MAXN = 400 };
  double lat[MAXN + 2], lon[MAXN + 2];
  /* 1 deg steps of azimuth */
  int n = bmd_geodesic_ring(BMD_EARTH_WGS84_J2, lat_deg, lon_deg, radius_m, az0, az1, sector, 1.0,
                            MAXN + 2, lat, lon);
  for (int k = 0; k < n; k++) {
    lat[k] *= BMD_DEG;
    lon[k] *= BMD_DEG;
  }
  path_rad(p, n, lat, lon, 1);
  return BMD_OK;
}

int bmd_plot_map_circle(struct bmd_plot *p, double lat_deg, double lon_deg, double radius_m,
                        const struct bmd_plot_style *st, const char *legend) {
  if (!plot_usable(p, PLOT_MAP) || !st || !(radius_m > 0.0) || !isfinite(lat_deg + lon_deg + radius_m))
    return BMD_EINVAL;
  cairo_save(p->cr);
  plot_clip_frame(p);
  ring_path(p, lat_deg, lon_deg, radius_m, 0.0, 360.0, 0);
  plot_fill_stroke(p->cr, st);
  cairo_restore(p->cr);
  /* an unfilled ring is shown in the legend as the line it is drawn with */
  return plot_legend_add(p, st->fill.a > 0.0 ? BMD_PLOT_LEGEND_PATCH : BMD_PLOT_LEGEND_LINE, st, legend);
}

int bmd_plot_map_sector(struct bmd_plot *p, double lat_deg, double lon_deg, double radius_m,
                        double az_from_deg, double az_to_deg, const struct bmd_plot_style *st,
                        const char *legend) {
  if (!plot_usable(p, PLOT_MAP) || !st || !(radius_m > 0.0) ||
      !isfinite(lat_deg + lon_deg + radius_m + az_from_deg + az_to_deg))
    return BMD_EINVAL;
  double a1 = az_to_deg;
  while (a1 <= az_from_deg) a1 += 360.0;
  while (a1 - az_from_deg > 360.0) a1 -= 360.0;
  cairo_save(p->cr);
  plot_clip_frame(p);
  ring_path(p, lat_deg, lon_deg, radius_m, az_from_deg, a1, a1 - az_from_deg < 359.999);
  plot_fill_stroke(p->cr, st);
  cairo_restore(p->cr);
  return plot_legend_add(p, BMD_PLOT_LEGEND_PATCH, st, legend);
}
