/* plot.c - figure, layout, styles and chart layers of plot.h (maps in plot_map.c and
   plot_map_marks.c, decorations in plot_finish.c, PNG/SVG output in plot_write.c). */
#include <bmd/plot.h>
#include <bmd/status.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot_impl.h"

/* ---- colours and styles ---------------------------------------------------------------- */

struct bmd_plot_color bmd_plot_rgb(unsigned long rrggbb) {
  struct bmd_plot_color c = {(double)((rrggbb >> 16) & 0xff) / 255.0,
                             (double)((rrggbb >> 8) & 0xff) / 255.0,
                             (double)(rrggbb & 0xff) / 255.0, 1.0};
  return c;
}

struct bmd_plot_color bmd_plot_alpha(struct bmd_plot_color c, double a) {
  c.a = a;
  return c;
}

struct bmd_plot_color bmd_plot_palette(int k) {
  /* Okabe & Ito (2008), ordered for contrast on white; their yellow is left out */
  static const unsigned long pal[] = {0x0072B2, 0xD55E00, 0x009E73, 0xE69F00,
                                      0xCC79A7, 0x56B4E9, 0x000000};
  int n = (int)(sizeof pal / sizeof pal[0]);
  if (k < 0) k = -k;
  return bmd_plot_rgb(pal[k % n]);
}

struct bmd_plot_color bmd_plot_cmap(int cmap, double t) {
  /* 9 anchors each, sampled from matplotlib's viridis and magma (van der Walt & Smith,
     CC0) and ColorBrewer Blues (Brewer, Apache-2.0), interpolated linearly in sRGB */
  static const unsigned long maps[3][9] = {
      {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725},
      {0x000004, 0x1c1044, 0x4f127b, 0x812581, 0xb5367a, 0xe55964, 0xfb8761, 0xfec287, 0xfcfdbf},
      {0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b}};
  if (cmap < 0 || cmap > 2) cmap = 0;
  if (!(t >= 0.0)) t = 0.0;
  if (t > 1.0) t = 1.0;
  double u = t * 8.0;
  int i = (int)floor(u);
  if (i > 7) i = 7;
  double f = u - i;
  struct bmd_plot_color a = bmd_plot_rgb(maps[cmap][i]), b = bmd_plot_rgb(maps[cmap][i + 1]);
  struct bmd_plot_color c = {a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b), 1.0};
  return c;
}

struct bmd_plot_style bmd_plot_style_line(struct bmd_plot_color c, double width_px, int dash) {
  struct bmd_plot_style st;
  memset(&st, 0, sizeof st);
  st.stroke = c;
  st.width_px = width_px;
  st.dash = dash;
  return st;
}

struct bmd_plot_style bmd_plot_style_marker(int marker, struct bmd_plot_color c, double size_px) {
  struct bmd_plot_style st;
  memset(&st, 0, sizeof st);
  st.fill = c;
  st.stroke = bmd_plot_rgb(0x202020);
  st.width_px = 1.0;
  st.marker = marker;
  st.size_px = size_px;
  return st;
}

struct bmd_plot_style bmd_plot_style_fill(struct bmd_plot_color fill, struct bmd_plot_color edge) {
  struct bmd_plot_style st;
  memset(&st, 0, sizeof st);
  st.fill = fill;
  st.stroke = edge;
  st.width_px = 1.0;
  return st;
}

/* ---- drawing helpers (plot_impl.h) ------------------------------------------------------ */

void plot_font(cairo_t *cr, double size_px, int bold) {
  cairo_select_font_face(cr, PLOT_FONT, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size_px);
}

void plot_set_color(cairo_t *cr, struct bmd_plot_color c) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

void plot_apply_line(cairo_t *cr, const struct bmd_plot_style *st) {
  double w = st->width_px > 0.0 ? st->width_px : 1.0;
  cairo_set_line_width(cr, w);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, st->dash == BMD_PLOT_DOTTED ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
  double d[4];
  int nd = 0;
  switch (st->dash) {
  case BMD_PLOT_DASHED: d[0] = 6 * w; d[1] = 3 * w; nd = 2; break;
  case BMD_PLOT_DOTTED: d[0] = 0.01; d[1] = 2.5 * w; nd = 2; break;
  case BMD_PLOT_DASHDOT: d[0] = 6 * w; d[1] = 2.5 * w; d[2] = 0.01; d[3] = 2.5 * w; nd = 4; break;
  default: break;
  }
  cairo_set_dash(cr, d, nd, 0.0);
}

void plot_fill_stroke(cairo_t *cr, const struct bmd_plot_style *st) {
  if (st->fill.a > 0.0) {
    plot_set_color(cr, st->fill);
    if (st->stroke.a > 0.0 && st->width_px > 0.0)
      cairo_fill_preserve(cr);
    else
      cairo_fill(cr);
  }
  if (st->stroke.a > 0.0 && st->width_px > 0.0) {
    plot_apply_line(cr, st);
    plot_set_color(cr, st->stroke);
    cairo_stroke(cr);
  }
  cairo_new_path(cr);
}

void plot_marker_path(cairo_t *cr, int marker, double x, double y, double size_px) {
  double r = size_px / 2.0;
  cairo_new_sub_path(cr);
  switch (marker) {
  case BMD_PLOT_MARKER_SQUARE:
    cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r);
    break;
  case BMD_PLOT_MARKER_TRIANGLE:
    cairo_move_to(cr, x, y - 1.15 * r);
    cairo_line_to(cr, x + r, y + 0.75 * r);
    cairo_line_to(cr, x - r, y + 0.75 * r);
    cairo_close_path(cr);
    break;
  case BMD_PLOT_MARKER_DIAMOND:
    cairo_move_to(cr, x, y - 1.2 * r);
    cairo_line_to(cr, x + r, y);
    cairo_line_to(cr, x, y + 1.2 * r);
    cairo_line_to(cr, x - r, y);
    cairo_close_path(cr);
    break;
  case BMD_PLOT_MARKER_CROSS: {
    double a = r * 0.45;  /* half-width of the arms */
    cairo_move_to(cr, x - r, y - r + a);
    cairo_line_to(cr, x - r + a, y - r);
    cairo_line_to(cr, x, y - a);
    cairo_line_to(cr, x + r - a, y - r);
    cairo_line_to(cr, x + r, y - r + a);
    cairo_line_to(cr, x + a, y);
    cairo_line_to(cr, x + r, y + r - a);
    cairo_line_to(cr, x + r - a, y + r);
    cairo_line_to(cr, x, y + a);
    cairo_line_to(cr, x - r + a, y + r);
    cairo_line_to(cr, x - r, y + r - a);
    cairo_line_to(cr, x - a, y);
    cairo_close_path(cr);
    break;
  }
  case BMD_PLOT_MARKER_PLUS: {
    double a = r * 0.3;
    cairo_move_to(cr, x - a, y - r);
    cairo_line_to(cr, x + a, y - r);
    cairo_line_to(cr, x + a, y - a);
    cairo_line_to(cr, x + r, y - a);
    cairo_line_to(cr, x + r, y + a);
    cairo_line_to(cr, x + a, y + a);
    cairo_line_to(cr, x + a, y + r);
    cairo_line_to(cr, x - a, y + r);
    cairo_line_to(cr, x - a, y + a);
    cairo_line_to(cr, x - r, y + a);
    cairo_line_to(cr, x - r, y - a);
    cairo_line_to(cr, x - a, y - a);
    cairo_close_path(cr);
    break;
  }
  case BMD_PLOT_MARKER_STAR:
    for (int k = 0; k < 10; k++) {
      double rr = (k % 2 ? 0.45 : 1.2) * r, a = k * 36.0 * 3.14159265358979323846 / 180.0;
      if (k == 0)
        cairo_move_to(cr, x + rr * sin(a), y - rr * cos(a));
      else
        cairo_line_to(cr, x + rr * sin(a), y - rr * cos(a));
    }
    cairo_close_path(cr);
    break;
  case BMD_PLOT_MARKER_NONE:
    break;
  default: /* circle */
    cairo_arc(cr, x, y, r, 0.0, 2.0 * 3.14159265358979323846);
    cairo_close_path(cr);
    break;
  }
}

void plot_draw_marker(cairo_t *cr, const struct bmd_plot_style *st, double x, double y) {
  if (st->marker == BMD_PLOT_MARKER_NONE) return;
  struct bmd_plot_style m = *st;
  m.dash = BMD_PLOT_SOLID;
  if (m.width_px <= 0.0) m.width_px = 1.0;
  if (m.width_px > 1.5) m.width_px = 1.5; /* marker edges stay thin even on thick lines */
  if (m.fill.a <= 0.0) m.fill = st->stroke;
  plot_marker_path(cr, st->marker, x, y, st->size_px > 0.0 ? st->size_px : 8.0);
  plot_fill_stroke(cr, &m);
}

double plot_text_width(cairo_t *cr, const char *s) {
  cairo_text_extents_t e;
  cairo_text_extents(cr, s, &e);
  return e.x_advance;
}

void plot_text(cairo_t *cr, const char *s, double x, double y, double ha, double va, int halo) {
  cairo_text_extents_t he;
  cairo_text_extents(cr, "H", &he);
  double cap = he.height; /* cap height: va places y at the top (0), middle (0.5) or baseline (1) */
  double w = plot_text_width(cr, s);
  double bx = x - ha * w;
  double by = va < 0.0 ? y : y + (1.0 - va) * cap;
  cairo_save(cr);
  if (halo) {
    cairo_move_to(cr, bx, by);
    cairo_text_path(cr, s);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_set_line_width(cr, 3.0);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_dash(cr, NULL, 0, 0.0);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  cairo_move_to(cr, bx, by);
  cairo_show_text(cr, s);
  cairo_new_path(cr);
}

int plot_overlaps(const struct bmd_plot *p, struct plot_rect r) {
  for (int i = 0; i < p->nplaced; i++) {
    const struct plot_rect *q = &p->placed[i];
    if (r.x0 < q->x1 && q->x0 < r.x1 && r.y0 < q->y1 && q->y0 < r.y1) return 1;
  }
  return 0;
}

void plot_place(struct bmd_plot *p, struct plot_rect r) {
  if (p->nplaced < PLOT_MAX_PLACED) p->placed[p->nplaced++] = r;
}

int plot_usable(const struct bmd_plot *p, int kind) {
  if (!p || p->finished) return 0;
  if (kind == PLOT_AXES) return p->kind == PLOT_AXES || p->kind == PLOT_ROWS;
  return p->kind == kind;
}

void plot_clip_frame(struct bmd_plot *p) {
  cairo_rectangle(p->cr, p->fx, p->fy, p->fw, p->fh);
  cairo_clip(p->cr);
}

static double legend_panel_w(const struct bmd_plot *p) {
  double w = 0.22 * p->w;
  return w < 230.0 ? 230.0 : w > 340.0 ? 340.0 : w;
}

/* the frame from margins; the title block and the right panel are added here */
void plot_layout(struct bmd_plot *p, double left, double right, double top, double bottom) {
  double t = 12.0;
  if (p->title[0]) t += PLOT_FS_TITLE + 10.0;
  if (p->subtitle[0]) t += PLOT_FS + 8.0;
  if (p->legend_pos == BMD_PLOT_LEGEND_RIGHT) right += legend_panel_w(p);
  p->fx = left;
  p->fy = t + top;
  p->fw = p->w - left - right;
  p->fh = p->h - p->fy - bottom;
  if (p->fw < 10.0) p->fw = 10.0;
  if (p->fh < 10.0) p->fh = 10.0;
}

/* ---- lifecycle -------------------------------------------------------------------------- */

struct bmd_plot *bmd_plot_alloc(int width_px, int height_px) {
  if (width_px < 16 || height_px < 16 || width_px > 20000 || height_px > 20000) return NULL;
  struct bmd_plot *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  p->w = width_px;
  p->h = height_px;
  cairo_rectangle_t ext = {0.0, 0.0, (double)width_px, (double)height_px};
  p->rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
  if (cairo_surface_status(p->rec) != CAIRO_STATUS_SUCCESS) goto fail;
  p->cr = cairo_create(p->rec);
  if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS) goto fail;
  cairo_set_source_rgb(p->cr, 1, 1, 1);
  cairo_paint(p->cr);
  plot_font(p->cr, PLOT_FS, 0);
  return p;
fail:
  bmd_plot_free(p);
  return NULL;
}

void bmd_plot_free(struct bmd_plot *p) {
  if (!p) return;
  if (p->cr) cairo_destroy(p->cr);
  if (p->rec) {
    /* finishing detaches the snapshots an SVG surface attached to the recording (cairo
       keeps them, and so the recording, alive otherwise: found by LeakSanitizer) */
    cairo_surface_finish(p->rec);
    cairo_surface_destroy(p->rec);
  }
  if (p->row_labels) {
    for (int i = 0; i < p->nrows; i++) free(p->row_labels[i]);
    free(p->row_labels);
  }
  plot_map_release(p);
  free(p);
}

void bmd_plot_release_caches(void) {
  /* cairo keeps font faces, scaled fonts and glyphs in global caches, and fontconfig its
     configuration, until told otherwise; both are reachable at exit and leak checkers
     report them. Valid only when no plot is alive. */
  cairo_debug_reset_static_data();
  FcFini();
}

static void copy_text(char *dst, size_t cap, const char *src) {
  snprintf(dst, cap, "%s", src ? src : "");
}

int bmd_plot_title(struct bmd_plot *p, const char *title, const char *subtitle) {
  if (!p || p->finished) return BMD_EINVAL;
  copy_text(p->title, sizeof p->title, title);
  copy_text(p->subtitle, sizeof p->subtitle, subtitle);
  return BMD_OK;
}

int bmd_plot_legend_position(struct bmd_plot *p, int pos) {
  if (!p || p->finished || p->kind != PLOT_NONE || pos < 0 || pos > BMD_PLOT_LEGEND_NONE)
    return BMD_EINVAL;
  p->legend_pos = pos;
  return BMD_OK;
}

int plot_legend_add(struct bmd_plot *p, int kind, const struct bmd_plot_style *st, const char *label) {
  if (!label || !label[0]) return BMD_OK;
  for (int i = 0; i < p->nleg; i++)
    if (p->leg[i].kind == kind && strcmp(p->leg[i].label, label) == 0) return BMD_OK;
  if (p->nleg >= PLOT_MAX_LEGEND) return BMD_OK; /* a legend longer than this is unreadable */
  struct plot_legend_entry *e = &p->leg[p->nleg++];
  e->kind = kind;
  e->st = *st;
  copy_text(e->label, sizeof e->label, label);
  return BMD_OK;
}

int bmd_plot_legend_add(struct bmd_plot *p, int kind, const struct bmd_plot_style *st,
                        const char *label) {
  if (!p || p->finished || !st || kind < 0 || kind > BMD_PLOT_LEGEND_PATCH) return BMD_EINVAL;
  return plot_legend_add(p, kind, st, label);
}

int bmd_plot_colorbar_classes(struct bmd_plot *p, const char *title, int n,
                              const struct bmd_plot_color *colors, const char *const *labels) {
  if (!p || p->finished || n < 1 || n > PLOT_MAX_CLASSES || !colors || !labels ||
      p->ncbar >= PLOT_MAX_CBAR)
    return BMD_EINVAL;
  struct plot_cbar *c = &p->cbar[p->ncbar++];
  memset(c, 0, sizeof *c);
  c->discrete = 1;
  copy_text(c->title, sizeof c->title, title);
  c->n = n;
  for (int i = 0; i < n; i++) {
    c->colors[i] = colors[i];
    copy_text(c->labels[i], sizeof c->labels[i], labels[i]);
  }
  return BMD_OK;
}

int bmd_plot_colorbar(struct bmd_plot *p, const char *title, int cmap, double vmin, double vmax) {
  if (!p || p->finished || !(vmax > vmin) || !isfinite(vmin) || !isfinite(vmax) ||
      p->ncbar >= PLOT_MAX_CBAR)
    return BMD_EINVAL;
  struct plot_cbar *c = &p->cbar[p->ncbar++];
  memset(c, 0, sizeof *c);
  copy_text(c->title, sizeof c->title, title);
  c->cmap = cmap;
  c->vmin = vmin;
  c->vmax = vmax;
  return BMD_OK;
}

/* ---- ticks ---------------------------------------------------------------------------- */

double plot_nice_step(double range, int target) {
  double raw = range / (target > 0 ? target : 5);
  double e = pow(10.0, floor(log10(raw)));
  double f = raw / e;
  return (f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0) * e;
}

void bmd_plot_nice_range(double lo, double hi, double *nice_lo, double *nice_hi) {
  if (!(hi > lo)) {
    double d = fabs(lo) > 0.0 ? fabs(lo) * 0.1 : 1.0;
    lo -= d;
    hi += d;
  }
  double st = plot_nice_step(hi - lo, 6);
  if (nice_lo) *nice_lo = floor(lo / st + 1e-9) * st;
  if (nice_hi) *nice_hi = ceil(hi / st - 1e-9) * st;
}

void plot_tick_label(char *buf, size_t cap, double v, double step) {
  int dec = step >= 1.0 ? 0 : (int)ceil(-log10(step) - 1e-9);
  if (fabs(v) < step * 1e-6) v = 0.0;
  snprintf(buf, cap, "%.*f", dec, v);
}

/* ---- charts -------------------------------------------------------------------------- */

static void chart_background(struct bmd_plot *p) {
  cairo_t *cr = p->cr;
  cairo_rectangle(cr, p->fx, p->fy, p->fw, p->fh);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill(cr);
}

int bmd_plot_axes(struct bmd_plot *p, const struct bmd_plot_axes *ax) {
  if (!p || p->finished || p->kind != PLOT_NONE || !ax || !(ax->x_max > ax->x_min) ||
      !(ax->y_max > ax->y_min) || !isfinite(ax->x_min + ax->x_max + ax->y_min + ax->y_max))
    return BMD_EINVAL;
  p->kind = PLOT_AXES;
  p->x_min = ax->x_min;
  p->x_max = ax->x_max;
  p->y_min = ax->y_min;
  p->y_max = ax->y_max;
  copy_text(p->x_label, sizeof p->x_label, ax->x_label);
  copy_text(p->y_label, sizeof p->y_label, ax->y_label);
  /* left: tick labels (measured) + the rotated y label */
  plot_font(p->cr, PLOT_FS_SMALL, 0);
  double ystep = plot_nice_step(p->y_max - p->y_min, 6), wmax = 0.0;
  char buf[64];
  for (double v = ceil(p->y_min / ystep - 1e-9) * ystep; v <= p->y_max + ystep * 1e-9; v += ystep) {
    plot_tick_label(buf, sizeof buf, v, ystep);
    double w = plot_text_width(p->cr, buf);
    if (w > wmax) wmax = w;
  }
  plot_layout(p, wmax + 16.0 + (p->y_label[0] ? PLOT_FS + 14.0 : 0.0), 28.0, 10.0,
              PLOT_FS_SMALL + 18.0 + (p->x_label[0] ? PLOT_FS + 12.0 : 0.0));
  chart_background(p);
  cairo_t *cr = p->cr;
  cairo_save(cr);
  cairo_set_line_width(cr, 1.0);
  cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
  double px, py;
  if (ax->x_grid) {
    double st = plot_nice_step(p->x_max - p->x_min, (int)(p->fw / 110.0));
    for (double v = ceil(p->x_min / st - 1e-9) * st; v <= p->x_max + st * 1e-9; v += st) {
      bmd_plot_data_to_px(p, v, p->y_min, &px, &py);
      cairo_move_to(cr, floor(px) + 0.5, p->fy);
      cairo_line_to(cr, floor(px) + 0.5, p->fy + p->fh);
    }
  }
  if (ax->y_grid) {
    for (double v = ceil(p->y_min / ystep - 1e-9) * ystep; v <= p->y_max + ystep * 1e-9; v += ystep) {
      bmd_plot_data_to_px(p, p->x_min, v, &px, &py);
      cairo_move_to(cr, p->fx, floor(py) + 0.5);
      cairo_line_to(cr, p->fx + p->fw, floor(py) + 0.5);
    }
  }
  cairo_stroke(cr);
  cairo_restore(cr);
  return BMD_OK;
}

int bmd_plot_rows(struct bmd_plot *p, int nrows, const char *const *row_labels, double x_min,
                  double x_max, const char *x_label) {
  if (!p || p->finished || p->kind != PLOT_NONE || nrows < 1 || !row_labels || !(x_max > x_min) ||
      !isfinite(x_min) || !isfinite(x_max))
    return BMD_EINVAL;
  p->row_labels = calloc((size_t)nrows, sizeof *p->row_labels);
  if (!p->row_labels) return BMD_ENOMEM;
  p->nrows = nrows;
  double wmax = 0.0;
  plot_font(p->cr, PLOT_FS, 0);
  for (int i = 0; i < nrows; i++) {
    const char *s = row_labels[i] ? row_labels[i] : "";
    p->row_labels[i] = malloc(strlen(s) + 1);
    if (!p->row_labels[i]) return BMD_ENOMEM;
    memcpy(p->row_labels[i], s, strlen(s) + 1);
    double w = plot_text_width(p->cr, s);
    if (w > wmax) wmax = w;
  }
  if (wmax > 0.35 * p->w) wmax = 0.35 * p->w;
  p->kind = PLOT_ROWS;
  p->x_min = x_min;
  p->x_max = x_max;
  p->y_min = -0.5;
  p->y_max = nrows - 0.5;
  copy_text(p->x_label, sizeof p->x_label, x_label);
  plot_layout(p, wmax + 22.0, 28.0, 10.0, PLOT_FS_SMALL + 18.0 + (p->x_label[0] ? PLOT_FS + 12.0 : 0.0));
  chart_background(p);
  cairo_t *cr = p->cr;
  /* alternate row shading, and light vertical grid lines */
  for (int i = 0; i < nrows; i++) {
    if (i % 2) continue;
    double y0, y1, x;
    bmd_plot_data_to_px(p, x_min, i - 0.5, &x, &y0);
    bmd_plot_data_to_px(p, x_min, i + 0.5, &x, &y1);
    cairo_rectangle(cr, p->fx, y0, p->fw, y1 - y0);
  }
  cairo_set_source_rgb(cr, 0.955, 0.96, 0.97);
  cairo_fill(cr);
  double st = plot_nice_step(x_max - x_min, (int)(p->fw / 110.0)), px, py;
  for (double v = ceil(x_min / st - 1e-9) * st; v <= x_max + st * 1e-9; v += st) {
    bmd_plot_data_to_px(p, v, 0.0, &px, &py);
    cairo_move_to(cr, floor(px) + 0.5, p->fy);
    cairo_line_to(cr, floor(px) + 0.5, p->fy + p->fh);
  }
  cairo_set_line_width(cr, 1.0);
  cairo_set_source_rgb(cr, 0.86, 0.86, 0.86);
  cairo_stroke(cr);
  return BMD_OK;
}

int bmd_plot_data_to_px(const struct bmd_plot *p, double x, double y, double *x_px, double *y_px) {
  if (!p || (p->kind != PLOT_AXES && p->kind != PLOT_ROWS)) return BMD_EINVAL;
  double u = (x - p->x_min) / (p->x_max - p->x_min), v = (y - p->y_min) / (p->y_max - p->y_min);
  if (x_px) *x_px = p->fx + u * p->fw;
  if (y_px) *y_px = p->kind == PLOT_ROWS ? p->fy + v * p->fh : p->fy + (1.0 - v) * p->fh;
  return BMD_OK;
}

static void occupy(struct bmd_plot *p, double px, double py) {
  int i = (int)floor((px - p->fx) / p->fw * PLOT_OCC), j = (int)floor((py - p->fy) / p->fh * PLOT_OCC);
  if (i >= 0 && i < PLOT_OCC && j >= 0 && j < PLOT_OCC) p->occ[j][i]++;
}

int bmd_plot_line(struct bmd_plot *p, int n, const double *x, const double *y,
                  const struct bmd_plot_style *st, const char *legend) {
  if (!plot_usable(p, PLOT_AXES) || n < 0 || (n > 0 && (!x || !y)) || !st) return BMD_EINVAL;
  cairo_t *cr = p->cr;
  cairo_save(cr);
  plot_clip_frame(p);
  int pen = 0;
  double px = 0.0, py = 0.0, lx = 0.0, ly = 0.0;
  for (int i = 0; i < n; i++) {
    if (!isfinite(x[i]) || !isfinite(y[i])) {
      pen = 0;
      continue;
    }
    bmd_plot_data_to_px(p, x[i], y[i], &px, &py);
    if (pen && (fabs(px - lx) > 12.0 || fabs(py - ly) > 12.0)) { /* sample long segments */
      for (int k = 1; k < 4; k++) occupy(p, lx + (px - lx) * k / 4.0, ly + (py - ly) * k / 4.0);
    }
    occupy(p, px, py);
    if (pen)
      cairo_line_to(cr, px, py);
    else
      cairo_move_to(cr, px, py);
    pen = 1;
    lx = px;
    ly = py;
  }
  struct bmd_plot_style s = *st;
  s.fill.a = 0.0;
  plot_fill_stroke(cr, &s);
  cairo_restore(cr);
  return plot_legend_add(p, BMD_PLOT_LEGEND_LINE, st, legend);
}

int bmd_plot_points(struct bmd_plot *p, int n, const double *x, const double *y,
                    const struct bmd_plot_style *st, const char *legend) {
  if (!plot_usable(p, PLOT_AXES) || n < 0 || (n > 0 && (!x || !y)) || !st) return BMD_EINVAL;
  cairo_t *cr = p->cr;
  cairo_save(cr);
  plot_clip_frame(p);
  struct bmd_plot_style s = *st;
  if (s.marker == BMD_PLOT_MARKER_NONE) s.marker = BMD_PLOT_MARKER_CIRCLE;
  for (int i = 0; i < n; i++) {
    double px, py;
    if (!isfinite(x[i]) || !isfinite(y[i])) continue;
    bmd_plot_data_to_px(p, x[i], y[i], &px, &py);
    occupy(p, px, py);
    plot_draw_marker(cr, &s, px, py);
  }
  cairo_restore(cr);
  return plot_legend_add(p, BMD_PLOT_LEGEND_MARKER, &s, legend);
}

static double luminance(struct bmd_plot_color c) {
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

int bmd_plot_hbar(struct bmd_plot *p, double y, double h, double x0, double x1,
                  const struct bmd_plot_style *st, const char *text, const char *legend) {
  if (!plot_usable(p, PLOT_AXES) || !st || !isfinite(y) || !isfinite(h) || !isfinite(x0) ||
      !isfinite(x1))
    return BMD_EINVAL;
  if (x1 < x0) {
    double t = x0;
    x0 = x1;
    x1 = t;
  }
  double ax, ay, bx, by;
  bmd_plot_data_to_px(p, x0, y - h / 2.0, &ax, &ay);
  bmd_plot_data_to_px(p, x1, y + h / 2.0, &bx, &by);
  if (bx - ax < 2.0) { /* keep instants visible */
    ax -= 1.0;
    bx += 1.0;
  }
  double top = fmin(ay, by), bot = fmax(ay, by);
  cairo_t *cr = p->cr;
  cairo_save(cr);
  plot_clip_frame(p);
  cairo_rectangle(cr, ax, top, bx - ax, bot - top);
  plot_fill_stroke(cr, st);
  for (int k = 0; k <= 4; k++) occupy(p, ax + (bx - ax) * k / 4.0, (top + bot) / 2.0);
  if (text && text[0]) {
    plot_font(cr, PLOT_FS_SMALL, 0);
    double w = plot_text_width(cr, text), ym = (top + bot) / 2.0;
    if (w + 10.0 < bx - ax && st->fill.a > 0.0) {
      if (luminance(st->fill) < 0.5)
        cairo_set_source_rgb(cr, 1, 1, 1);
      else
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
      plot_text(cr, text, (ax + bx) / 2.0, ym, 0.5, 0.5, 0);
    } else {
      cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
      if (bx + 4.0 + w <= p->fx + p->fw)
        plot_text(cr, text, bx + 4.0, ym, 0.0, 0.5, 1);
      else
        plot_text(cr, text, ax - 4.0, ym, 1.0, 0.5, 1);
    }
  }
  cairo_restore(cr);
  return plot_legend_add(p, BMD_PLOT_LEGEND_PATCH, st, legend);
}

int bmd_plot_bars(struct bmd_plot *p, int n, const double *edges, const double *heights,
                  const struct bmd_plot_style *st, const char *legend) {
  if (!plot_usable(p, PLOT_AXES) || n < 0 || (n > 0 && (!edges || !heights)) || !st)
    return BMD_EINVAL;
  cairo_t *cr = p->cr;
  cairo_save(cr);
  plot_clip_frame(p);
  for (int i = 0; i < n; i++) {
    if (!isfinite(heights[i]) || !isfinite(edges[i]) || !isfinite(edges[i + 1])) continue;
    double ax, ay, bx, by;
    bmd_plot_data_to_px(p, edges[i], 0.0, &ax, &ay);
    bmd_plot_data_to_px(p, edges[i + 1], heights[i], &bx, &by);
    cairo_rectangle(cr, ax, fmin(ay, by), bx - ax, fabs(by - ay));
    plot_fill_stroke(cr, st);
    for (int k = 0; k <= 2; k++) {
      occupy(p, (ax + bx) / 2.0, ay + (by - ay) * k / 2.0);
    }
  }
  cairo_restore(cr);
  return plot_legend_add(p, BMD_PLOT_LEGEND_PATCH, st, legend);
}

int bmd_plot_text(struct bmd_plot *p, double x, double y, const char *text, double size_px,
                  int centre) {
  if (!plot_usable(p, PLOT_AXES) || !text) return BMD_EINVAL;
  double px, py;
  bmd_plot_data_to_px(p, x, y, &px, &py);
  cairo_t *cr = p->cr;
  cairo_save(cr);
  plot_font(cr, size_px > 0.0 ? size_px : PLOT_FS_SMALL, 0);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  /* never clipped by the frame's right or left edge: slide the text inside */
  double w = plot_text_width(cr, text), x0 = px - (centre ? 0.5 * w : 0.0);
  if (x0 + w > p->fx + p->fw - 3.0) x0 = p->fx + p->fw - 3.0 - w;
  if (x0 < p->fx + 3.0) x0 = p->fx + 3.0;
  plot_text(cr, text, x0, py, 0.0, 0.5, 1);
  cairo_restore(cr);
  return BMD_OK;
}

int bmd_plot_vline(struct bmd_plot *p, double x, const struct bmd_plot_style *st, const char *label) {
  if (!plot_usable(p, PLOT_AXES) || !st || !isfinite(x)) return BMD_EINVAL;
  double px, py;
  bmd_plot_data_to_px(p, x, 0.0, &px, &py);
  cairo_t *cr = p->cr;
  cairo_save(cr);
  plot_clip_frame(p);
  cairo_move_to(cr, px, p->fy);
  cairo_line_to(cr, px, p->fy + p->fh);
  struct bmd_plot_style s = *st;
  s.fill.a = 0.0;
  plot_fill_stroke(cr, &s);
  if (label && label[0]) {
    plot_font(cr, PLOT_FS_SMALL, 0);
    plot_set_color(cr, st->stroke);
    double w = plot_text_width(cr, label);
    if (px + 4.0 + w < p->fx + p->fw)
      plot_text(cr, label, px + 4.0, p->fy + 12.0, 0.0, 0.5, 1);
    else
      plot_text(cr, label, px - 4.0, p->fy + 12.0, 1.0, 0.5, 1);
  }
  cairo_restore(cr);
  return BMD_OK;
}
