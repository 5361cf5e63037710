/* plot_finish.c - the decorations drawn once when a figure is finished: a chart's frame,
   ticks and axis labels, the legend, colour bars and the title (plot.h). */
#include <bmd/plot.h>
#include <bmd/status.h>

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot_impl.h"

/* ---- finish: axes, legend, colour bars, title ------------------------------------------- */

static void chart_finish(struct bmd_plot *p) {
  cairo_t *cr = p->cr;
  double px, py;
  char buf[64];
  /* frame */
  cairo_set_line_width(cr, 1.0);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_set_dash(cr, NULL, 0, 0.0);
  cairo_rectangle(cr, floor(p->fx) + 0.5, floor(p->fy) + 0.5, floor(p->fw), floor(p->fh));
  cairo_stroke(cr);
  plot_font(cr, PLOT_FS_SMALL, 0);
  /* x ticks */
  double st = plot_nice_step(p->x_max - p->x_min, (int)(p->fw / 110.0));
  double fb = floor(p->fy) + 0.5 + floor(p->fh);
  for (double v = ceil(p->x_min / st - 1e-9) * st; v <= p->x_max + st * 1e-9; v += st) {
    bmd_plot_data_to_px(p, v, p->y_min, &px, &py);
    cairo_move_to(cr, floor(px) + 0.5, fb);
    cairo_line_to(cr, floor(px) + 0.5, fb + 5.0);
    cairo_stroke(cr);
    plot_tick_label(buf, sizeof buf, v, st);
    plot_text(cr, buf, px, fb + 8.0 + PLOT_FS_SMALL * 0.5, 0.5, 0.5, 0);
  }
  if (p->kind == PLOT_AXES) {
    double ys = plot_nice_step(p->y_max - p->y_min, 6);
    for (double v = ceil(p->y_min / ys - 1e-9) * ys; v <= p->y_max + ys * 1e-9; v += ys) {
      bmd_plot_data_to_px(p, p->x_min, v, &px, &py);
      cairo_move_to(cr, floor(p->fx) + 0.5, floor(py) + 0.5);
      cairo_line_to(cr, floor(p->fx) - 4.5, floor(py) + 0.5);
      cairo_stroke(cr);
      plot_tick_label(buf, sizeof buf, v, ys);
      plot_text(cr, buf, p->fx - 8.0, py, 1.0, 0.5, 0);
    }
  } else {
    plot_font(cr, PLOT_FS, 0);
    for (int i = 0; i < p->nrows; i++) {
      bmd_plot_data_to_px(p, p->x_min, i, &px, &py);
      plot_text(cr, p->row_labels[i], p->fx - 10.0, py, 1.0, 0.5, 0);
    }
  }
  plot_font(cr, PLOT_FS, 0);
  if (p->x_label[0])
    plot_text(cr, p->x_label, p->fx + p->fw / 2.0, fb + PLOT_FS_SMALL + 14.0 + PLOT_FS * 0.5, 0.5, 0.5, 0);
  if (p->kind == PLOT_AXES && p->y_label[0]) {
    cairo_save(cr);
    cairo_translate(cr, 6.0 + PLOT_FS * 0.5, p->fy + p->fh / 2.0);
    cairo_rotate(cr, -3.14159265358979323846 / 2.0);
    plot_text(cr, p->y_label, 0.0, 0.0, 0.5, 0.5, 0);
    cairo_restore(cr);
  }
}

static void legend_swatch(cairo_t *cr, const struct plot_legend_entry *e, double x, double y) {
  /* a 28 x 14 px sample at (x, y) = its left middle */
  struct bmd_plot_style st = e->st;
  switch (e->kind) {
  case BMD_PLOT_LEGEND_LINE:
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + 28.0, y);
    st.fill.a = 0.0;
    if (st.width_px > 4.0) st.width_px = 4.0;
    plot_fill_stroke(cr, &st);
    if (e->st.marker != BMD_PLOT_MARKER_NONE) {
      struct bmd_plot_style m = e->st;
      if (m.size_px > 12.0) m.size_px = 12.0;
      plot_draw_marker(cr, &m, x + 28.0, y);
    }
    break;
  case BMD_PLOT_LEGEND_MARKER:
    if (st.marker == BMD_PLOT_MARKER_NONE) st.marker = BMD_PLOT_MARKER_CIRCLE;
    if (st.size_px > 14.0) st.size_px = 14.0;
    plot_draw_marker(cr, &st, x + 14.0, y);
    break;
  default:
    cairo_rectangle(cr, x + 2.0, y - 7.0, 24.0, 14.0);
    if (st.stroke.a > 0.0 && st.width_px > 2.0) st.width_px = 2.0;
    st.dash = BMD_PLOT_SOLID;
    plot_fill_stroke(cr, &st);
    break;
  }
}

#define LEG_ROW 22.0
#define LEG_PAD 10.0

static double cbar_height(const struct plot_cbar *c) {
  return (c->title[0] ? LEG_ROW : 0.0) + (c->discrete ? c->n * LEG_ROW : 190.0) + 12.0;
}

static double cbar_width(cairo_t *cr, const struct plot_cbar *c) {
  double w = 0.0;
  plot_font(cr, PLOT_FS, 1);
  if (c->title[0]) w = plot_text_width(cr, c->title);
  plot_font(cr, PLOT_FS, 0);
  if (c->discrete)
    for (int i = 0; i < c->n; i++) w = fmax(w, 36.0 + plot_text_width(cr, c->labels[i]));
  else
    w = fmax(w, 90.0);
  return w;
}

static void draw_cbar(struct bmd_plot *p, const struct plot_cbar *c, double x, double y) {
  cairo_t *cr = p->cr;
  if (c->title[0]) {
    plot_font(cr, PLOT_FS, 1);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    plot_text(cr, c->title, x, y + LEG_ROW / 2.0, 0.0, 0.5, 0);
    y += LEG_ROW;
  }
  plot_font(cr, PLOT_FS, 0);
  if (c->discrete) {
    for (int i = 0; i < c->n; i++) {
      cairo_rectangle(cr, x + 2.0, y + 4.0, 24.0, LEG_ROW - 6.0);
      struct bmd_plot_style st = bmd_plot_style_fill(c->colors[i], bmd_plot_rgb(0x555555));
      plot_fill_stroke(cr, &st);
      cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
      plot_text(cr, c->labels[i], x + 36.0, y + LEG_ROW / 2.0 + 1.0, 0.0, 0.5, 0);
      y += LEG_ROW;
    }
    return;
  }
  double bh = 180.0, bw = 20.0;
  for (int k = 0; k < 90; k++) { /* top = vmax */
    struct bmd_plot_color col = bmd_plot_cmap(c->cmap, 1.0 - (k + 0.5) / 90.0);
    cairo_rectangle(cr, x + 2.0, y + 4.0 + bh * k / 90.0, bw, bh / 90.0 + 0.6);
    plot_set_color(cr, col);
    cairo_fill(cr);
  }
  cairo_rectangle(cr, x + 2.5, y + 4.5, bw - 1.0, bh - 1.0);
  cairo_set_source_rgb(cr, 0.33, 0.33, 0.33);
  cairo_set_line_width(cr, 1.0);
  cairo_stroke(cr);
  double st = plot_nice_step(c->vmax - c->vmin, 5);
  char buf[64];
  plot_font(cr, PLOT_FS_SMALL, 0);
  for (double v = ceil(c->vmin / st - 1e-9) * st; v <= c->vmax + st * 1e-9; v += st) {
    double yy = y + 4.0 + bh * (1.0 - (v - c->vmin) / (c->vmax - c->vmin));
    cairo_move_to(cr, x + 2.0 + bw, yy);
    cairo_line_to(cr, x + 6.0 + bw, yy);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_stroke(cr);
    plot_tick_label(buf, sizeof buf, v, st);
    plot_text(cr, buf, x + 10.0 + bw, yy, 0.0, 0.5, 0);
  }
}

static void legend_finish(struct bmd_plot *p) {
  cairo_t *cr = p->cr;
  if (p->nleg == 0 && p->ncbar == 0) return;
  int pos = p->legend_pos;
  if (pos == BMD_PLOT_LEGEND_NONE && p->ncbar == 0) return;
  /* measure */
  plot_font(cr, PLOT_FS, 0);
  double tw = 0.0;
  for (int i = 0; i < p->nleg; i++) tw = fmax(tw, plot_text_width(cr, p->leg[i].label));
  double lw = 28.0 + 10.0 + tw, lh = p->nleg * LEG_ROW;
  double cw = 0.0, ch = 0.0;
  for (int i = 0; i < p->ncbar; i++) {
    cw = fmax(cw, cbar_width(cr, &p->cbar[i]));
    ch += cbar_height(&p->cbar[i]);
  }
  if (pos == BMD_PLOT_LEGEND_NONE) lh = 0.0, lw = 0.0;
  double bw = fmax(lw, cw) + 2.0 * LEG_PAD, bh = lh + (lh > 0.0 && ch > 0.0 ? 8.0 : 0.0) + ch + 2.0 * LEG_PAD;
  double bx, by;
  if (pos == BMD_PLOT_LEGEND_RIGHT) {
    bx = p->fx + p->fw + 16.0;
    by = p->fy;
    double avail = p->w - bx - 8.0;
    if (bw > avail) { /* long labels: shrink the text to fit the panel */
      double f = avail / bw;
      bw = avail;
      (void)f;
    }
  } else {
    if (pos == BMD_PLOT_LEGEND_AUTO || pos == BMD_PLOT_LEGEND_NONE) {
      /* the inner corner whose box covers the fewest data */
      int best = BMD_PLOT_LEGEND_UPPER_RIGHT;
      long bestn = -1;
      static const int order[4] = {BMD_PLOT_LEGEND_UPPER_RIGHT, BMD_PLOT_LEGEND_UPPER_LEFT,
                                   BMD_PLOT_LEGEND_LOWER_RIGHT, BMD_PLOT_LEGEND_LOWER_LEFT};
      for (int k = 0; k < 4; k++) {
        int right = order[k] == BMD_PLOT_LEGEND_UPPER_RIGHT || order[k] == BMD_PLOT_LEGEND_LOWER_RIGHT;
        int upper = order[k] == BMD_PLOT_LEGEND_UPPER_RIGHT || order[k] == BMD_PLOT_LEGEND_UPPER_LEFT;
        double x0 = right ? p->fx + p->fw - bw - 10.0 : p->fx + 10.0;
        double y0 = upper ? p->fy + 10.0 : p->fy + p->fh - bh - 10.0;
        long cnt = 0;
        for (int j = 0; j < PLOT_OCC; j++)
          for (int i = 0; i < PLOT_OCC; i++) {
            double cx0 = p->fx + p->fw * i / PLOT_OCC, cx1 = p->fx + p->fw * (i + 1) / PLOT_OCC;
            double cy0 = p->fy + p->fh * j / PLOT_OCC, cy1 = p->fy + p->fh * (j + 1) / PLOT_OCC;
            if (cx0 < x0 + bw && x0 < cx1 && cy0 < y0 + bh && y0 < cy1) cnt += p->occ[j][i];
          }
        if (bestn < 0 || cnt < bestn) {
          bestn = cnt;
          best = order[k];
        }
      }
      pos = best;
    }
    int right = pos == BMD_PLOT_LEGEND_UPPER_RIGHT || pos == BMD_PLOT_LEGEND_LOWER_RIGHT;
    int upper = pos == BMD_PLOT_LEGEND_UPPER_RIGHT || pos == BMD_PLOT_LEGEND_UPPER_LEFT;
    bx = right ? p->fx + p->fw - bw - 10.0 : p->fx + 10.0;
    by = upper ? p->fy + 10.0 : p->fy + p->fh - bh - 10.0;
  }
  cairo_save(cr);
  cairo_rectangle(cr, floor(bx) + 0.5, floor(by) + 0.5, floor(bw), floor(bh));
  cairo_set_source_rgba(cr, 1, 1, 1, 0.92);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
  cairo_set_line_width(cr, 1.0);
  cairo_set_dash(cr, NULL, 0, 0.0);
  cairo_stroke(cr);
  double y = by + LEG_PAD;
  if (pos != BMD_PLOT_LEGEND_NONE) {
    for (int i = 0; i < p->nleg; i++) {
      legend_swatch(cr, &p->leg[i], bx + LEG_PAD, y + LEG_ROW / 2.0);
      plot_font(cr, PLOT_FS, 0);
      cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
      plot_text(cr, p->leg[i].label, bx + LEG_PAD + 38.0, y + LEG_ROW / 2.0 + 1.0, 0.0, 0.5, 0);
      y += LEG_ROW;
    }
    if (p->nleg > 0 && p->ncbar > 0) y += 8.0;
  }
  for (int i = 0; i < p->ncbar; i++) {
    draw_cbar(p, &p->cbar[i], bx + LEG_PAD, y);
    y += cbar_height(&p->cbar[i]);
  }
  cairo_restore(cr);
}

void plot_finish(struct bmd_plot *p) {
  if (p->finished) return;
  if (p->in_group) bmd_plot_group_end(p, 1.0);   /* a group left open is closed as drawn */
  cairo_t *cr = p->cr;
  cairo_reset_clip(cr);
  cairo_set_dash(cr, NULL, 0, 0.0);
  if (p->kind == PLOT_MAP) plot_map_finish(p);
  if (p->kind == PLOT_AXES || p->kind == PLOT_ROWS) chart_finish(p);
  legend_finish(p);
  double x = p->kind == PLOT_NONE ? 16.0 : p->fx, y = 12.0;
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
  if (p->title[0]) {
    plot_font(cr, PLOT_FS_TITLE, 1);
    plot_text(cr, p->title, x, y + PLOT_FS_TITLE * 0.5 + 2.0, 0.0, 0.5, 0);
    y += PLOT_FS_TITLE + 10.0;
  }
  if (p->subtitle[0]) {
    plot_font(cr, PLOT_FS, 0);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    plot_text(cr, p->subtitle, x, y + PLOT_FS * 0.5, 0.0, 0.5, 0);
  }
  cairo_surface_flush(p->rec);
  p->finished = 1;
}
