/* plot_map_marks.c - what is drawn on a map last: markers and their labels (placed at
   finish, clear of one another), the frame, the scale bar, the credit line; groups of
   layers painted at an opacity (plot.h). */
#include <bmd/const.h>
#include <bmd/plot.h>
#include <bmd/status.h>

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot_impl.h"

int bmd_plot_map_labels(const struct bmd_plot *p, double *box, int cap, int *dropped) {
  int n = 0, lost = 0;
  if (!p || !p->finished || p->kind != PLOT_MAP) return -1;
  for (int i = 0; i < p->nlabels; i++) {
    const struct plot_label *L = &p->labels[i];
    if (L->minor) continue;
    if (!L->drawn) {
      lost++;
      continue;
    }
    if (n < cap && box) {
      box[4 * n] = L->box.x0;
      box[4 * n + 1] = L->box.y0;
      box[4 * n + 2] = L->box.x1;
      box[4 * n + 3] = L->box.y1;
    }
    n++;
  }
  if (dropped) *dropped = lost;
  return n;
}

int bmd_plot_map_frame(const struct bmd_plot *p, double *x_px, double *y_px, double *w_px, double *h_px) {
  if (!p || p->kind != PLOT_MAP) return BMD_EINVAL;
  *x_px = p->fx;
  *y_px = p->fy;
  *w_px = p->fw;
  *h_px = p->fh;
  return BMD_OK;
}

int bmd_plot_group_begin(struct bmd_plot *p) {
  if (!plot_usable(p, PLOT_MAP) || p->in_group) return BMD_EINVAL;
  cairo_push_group(p->cr);
  p->in_group = 1;
  return BMD_OK;
}

int bmd_plot_group_end(struct bmd_plot *p, double alpha) {
  if (!p || !p->in_group || !(alpha >= 0.0 && alpha <= 1.0)) return BMD_EINVAL;
  cairo_pop_group_to_source(p->cr);
  cairo_paint_with_alpha(p->cr, alpha);
  p->in_group = 0;
  return cairo_status(p->cr) == CAIRO_STATUS_SUCCESS ? BMD_OK : BMD_ENOMEM;
}

int bmd_plot_map_marker(struct bmd_plot *p, double lat_deg, double lon_deg,
                        const struct bmd_plot_style *st, const char *label, const char *legend) {
  if (!plot_usable(p, PLOT_MAP) || !st || !isfinite(lat_deg + lon_deg)) return BMD_EINVAL;
  double x, y;
  struct bmd_plot_style s = *st;
  if (s.marker == BMD_PLOT_MARKER_NONE) s.marker = BMD_PLOT_MARKER_CIRCLE;
  double r = (s.size_px > 0.0 ? s.size_px : 8.0) / 2.0;
  cairo_t *cr = p->cr;
  int vis = plot_map_to_px(p, lat_deg * BMD_DEG, lon_deg * BMD_DEG, &x, &y);
  int inside = vis && x >= p->fx && x <= p->fx + p->fw && y >= p->fy && y <= p->fy + p->fh;
  if (vis) {
    cairo_save(cr);
    plot_clip_frame(p);
    plot_draw_marker(cr, &s, x, y);
    cairo_restore(cr);
  }
  /* the label is placed at finish, clear of every marker drawn by then (drawn now, a
     marker added later could cover it) */
  if (inside && label && label[0] && p->nlabels < PLOT_MAX_LABELS) {
    struct plot_label *L = &p->labels[p->nlabels++];
    L->x = x;
    L->y = y;
    L->r = r;
    L->minor = 0;
    snprintf(L->text, sizeof L->text, "%s", label);
  }
  if (inside) plot_place(p, (struct plot_rect){x - r, y - r, x + r, y + r});
  return plot_legend_add(p, BMD_PLOT_LEGEND_MARKER, &s, legend);
}

/* ---- finish ---------------------------------------------------------------------------- */

/* The marker labels, in the order given: each at the first of 8 positions around its marker
   (right, left, above, below, then the diagonals) that lies inside the frame and clear of
   every marker, label, graticule label and the scale bar; then the same 8 one and two text
   heights farther out, with a thin leader line to the marker; a label with no free place
   is left out (counted in labels_dropped) rather than drawn over another or cut at the
   frame. */
static void place_labels(struct bmd_plot *p) {
  cairo_t *cr = p->cr;
  plot_font(cr, PLOT_FS_SMALL, 0);
  for (int pass = 0; pass < 2; pass++)   /* the markers' labels first, then the graticule's */
  for (int i = 0; i < p->nlabels; i++) {
    struct plot_label *L = &p->labels[i];
    if (L->minor != pass) continue;
    L->drawn = 0;
    double w = plot_text_width(cr, L->text), h = PLOT_FS_SMALL, lx = 0.0, ly = 0.0;
    int found = -1;
    for (int ring = 0; ring < (L->minor ? 1 : 3) && found < 0; ring++) {
      double g = L->r + 4.0 + ring * (h + 6.0), x = L->x, y = L->y;
      double cand[8][2] = {{x + g, y - h / 2.0},     {x - g - w, y - h / 2.0},
                           {x - w / 2.0, y - g - h}, {x - w / 2.0, y + g},
                           {x + g, y - g - h * 0.6}, {x - g - w, y - g - h * 0.6},
                           {x + g, y + g - h * 0.4}, {x - g - w, y + g - h * 0.4}};
      for (int k = 0; k < 8; k++) {
        struct plot_rect rr = {cand[k][0] - 2.0, cand[k][1] - 2.0, cand[k][0] + w + 2.0, cand[k][1] + h + 2.0};
        if (rr.x0 < p->fx + 1.0 || rr.x1 > p->fx + p->fw - 1.0 || rr.y0 < p->fy + 1.0 || rr.y1 > p->fy + p->fh - 1.0)
          continue;
        if (plot_overlaps(p, rr)) continue;
        found = ring;
        lx = cand[k][0];
        ly = cand[k][1];
        break;
      }
    }
    if (found < 0) {
      p->labels_dropped++;
      continue;
    }
    plot_place(p, (struct plot_rect){lx - 2.0, ly - 2.0, lx + w + 2.0, ly + h + 2.0});
    L->drawn = 1;
    L->box = (struct plot_rect){lx, ly, lx + w, ly + h};
    if (found > 0) {
      /* a leader from the marker's edge to the nearest point of the label's box */
      double nx = fmax(lx, fmin(L->x, lx + w)), ny = fmax(ly, fmin(L->y, ly + h));
      double dx = nx - L->x, dy = ny - L->y, d = hypot(dx, dy);
      if (d > L->r + 1.0) {
        cairo_save(cr);
        cairo_set_line_width(cr, 0.8);
        cairo_set_source_rgba(cr, 0.15, 0.15, 0.15, 0.8);
        cairo_move_to(cr, L->x + dx / d * (L->r + 1.0), L->y + dy / d * (L->r + 1.0));
        cairo_line_to(cr, nx, ny);
        cairo_stroke(cr);
        cairo_restore(cr);
      }
    }
    if (L->minor) cairo_set_source_rgba(cr, 0.25, 0.3, 0.35, 0.9);
    else cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
    plot_text(cr, L->text, lx, ly, 0.0, 0.0, 1);
  }
}

void plot_map_finish(struct bmd_plot *p) {
  cairo_t *cr = p->cr;
  /* frame */
  cairo_set_line_width(cr, 1.0);
  cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
  cairo_rectangle(cr, floor(p->fx) + 0.5, floor(p->fy) + 0.5, floor(p->fw), floor(p->fh));
  cairo_stroke(cr);
  /* scale bar, true at the map centre: 1 rad of angular distance = R km = s_px px */
  double km_per_px = BMD_SPHERE_R_M / 1e3 / p->s_px;
  double target = p->fw / 6.0 * km_per_px;
  double e = pow(10.0, floor(log10(target))), f = target / e;
  double L = (f < 2.0 ? 1.0 : f < 5.0 ? 2.0 : 5.0) * e;
  double len = L / km_per_px;
  char buf[64];
  snprintf(buf, sizeof buf, "%g km", L);
  plot_font(cr, PLOT_FS_SMALL, 0);
  double tw = plot_text_width(cr, buf);
  double bw = len + tw / 2.0 + 22.0, bx = p->fx + 14.0, by = p->fy + p->fh - 14.0;
  /* in the first corner (bottom left, bottom right, top left, top right) where its box
     covers no marker; then the marker labels, clear of it */
  for (int corner = 0; corner < 4; corner++) {
    double cx = corner % 2 ? p->fx + p->fw - 14.0 - bw + 8.0 : p->fx + 14.0;
    double cy = corner < 2 ? p->fy + p->fh - 14.0 : p->fy + 14.0 + 30.0;
    if (!plot_overlaps(p, (struct plot_rect){cx - 8.0, cy - 30.0, cx - 8.0 + bw, cy + 8.0})) {
      bx = cx;
      by = cy;
      break;
    }
  }
  plot_place(p, (struct plot_rect){bx - 8.0, by - 30.0, bx - 8.0 + bw, by + 8.0});
  place_labels(p);
  plot_font(cr, PLOT_FS_SMALL, 0);
  cairo_rectangle(cr, bx - 8.0, by - 30.0, bw, 38.0);
  cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
  cairo_fill(cr);
  cairo_rectangle(cr, bx, by - 6.0, len / 2.0, 6.0);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_fill(cr);
  cairo_rectangle(cr, bx + 0.5, by - 5.5, len - 1.0, 5.0);
  cairo_set_line_width(cr, 1.0);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  plot_text(cr, "0", bx, by - 10.0, 0.5, 1.0, 0);
  plot_text(cr, buf, bx + len, by - 10.0, 0.5, 1.0, 0);
  /* credit line, below the frame on the right */
  plot_font(cr, 11.0, 0);
  cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
  plot_text(cr, "bmdsim \xc2\xb7 Natural Earth", p->fx + p->fw, p->h - 8.0, 1.0, 1.0, 0);
}
