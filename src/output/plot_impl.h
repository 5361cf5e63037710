/*
 * plot_impl.h - internals shared by plot.c (figure, layout, legend, charts, output) and
 * plot_map.c (projection, basemap, map layers). Not a public header.
 */
#ifndef BMD_PLOT_IMPL_H
#define BMD_PLOT_IMPL_H

#include <cairo.h>

#include <bmd/plot.h>

#define PLOT_FONT "DejaVu Sans"
#define PLOT_FS 14.0        /* base text size (px) */
#define PLOT_FS_SMALL 12.0  /* tick and graticule labels */
#define PLOT_FS_TITLE 22.0
#define PLOT_MAX_LEGEND 40
#define PLOT_MAX_CBAR 4
#define PLOT_MAX_CLASSES 16
#define PLOT_MAX_PLACED 512
#define PLOT_MAX_LABELS 256 /* map marker labels, placed at finish */
#define PLOT_OCC 8          /* occupancy grid for the automatic legend corner */

enum plot_kind { PLOT_NONE = 0, PLOT_MAP, PLOT_AXES, PLOT_ROWS };

struct plot_legend_entry {
  int kind;
  struct bmd_plot_style st;
  char label[128];
};

struct plot_cbar {
  int discrete;
  char title[128];
  int n;
  struct bmd_plot_color colors[PLOT_MAX_CLASSES];
  char labels[PLOT_MAX_CLASSES][48];
  int cmap;
  double vmin, vmax;
};

struct plot_rect {
  double x0, y0, x1, y1;
};

/* a map marker's label, placed at finish when every marker is known (plot_map.c) */
struct plot_label {
  double x, y, r;              /* the marker's centre and radius (px) */
  int minor;                   /* 1: a graticule label inside the frame, placed after the
                                  markers' labels and drawn in grey */
  int drawn;                   /* set at finish: 1 placed at box, 0 left out */
  struct plot_rect box;
  char text[96];
};

struct plot_basemap;

struct bmd_plot {
  int w, h;
  cairo_surface_t *rec;
  cairo_t *cr;
  int finished;
  int in_group;                /* between bmd_plot_group_begin and _end */
  int kind;                    /* enum plot_kind */
  char title[256], subtitle[256];
  int legend_pos;
  double fx, fy, fw, fh;       /* the frame (px) */
  /* charts */
  double x_min, x_max, y_min, y_max;
  char x_label[128], y_label[128];
  int nrows;
  char **row_labels;
  /* map: azimuthal equidistant on the unit sphere, then px = cx + s x, py = cy - s y */
  double lat0_rad, lon0_rad, sin_lat0, cos_lat0;
  double s_px, cx_px, cy_px;
  double c_max_rad;            /* angular distance of the farthest frame corner */
  struct plot_basemap *basemap; /* the basemap's lines projected (plot_map.c), or NULL */
  /* legend, colour bars, labels already placed (to avoid overlaps) */
  int nleg;
  struct plot_legend_entry leg[PLOT_MAX_LEGEND];
  int ncbar;
  struct plot_cbar cbar[PLOT_MAX_CBAR];
  int nplaced;
  struct plot_rect placed[PLOT_MAX_PLACED];
  int nlabels, labels_dropped;
  struct plot_label labels[PLOT_MAX_LABELS];
  int occ[PLOT_OCC][PLOT_OCC];
};

/* plot.c */
void plot_font(cairo_t *cr, double size_px, int bold);
void plot_set_color(cairo_t *cr, struct bmd_plot_color c);
void plot_apply_line(cairo_t *cr, const struct bmd_plot_style *st);
/* fill and/or stroke the current path per st (keeps nothing) */
void plot_fill_stroke(cairo_t *cr, const struct bmd_plot_style *st);
void plot_marker_path(cairo_t *cr, int marker, double x, double y, double size_px);
void plot_draw_marker(cairo_t *cr, const struct bmd_plot_style *st, double x, double y);
/* text with a white halo; anchor: x at left (ha 0), centre (0.5) or right (1); y at the
   middle of the text height when va = 0.5, the baseline when va < 0 */
void plot_text(cairo_t *cr, const char *s, double x, double y, double ha, double va, int halo);
double plot_text_width(cairo_t *cr, const char *s);
int plot_overlaps(const struct bmd_plot *p, struct plot_rect r);
void plot_place(struct bmd_plot *p, struct plot_rect r);
int plot_legend_add(struct bmd_plot *p, int kind, const struct bmd_plot_style *st, const char *label);
int plot_usable(const struct bmd_plot *p, int kind);
void plot_layout(struct bmd_plot *p, double left, double right, double top, double bottom);
void plot_clip_frame(struct bmd_plot *p);
/* draw the decorations once (title, legend, frame, axes or the map's finish); plot_write.c
   calls it before rendering */
void plot_finish(struct bmd_plot *p);

/* ticks: a round step giving about target intervals over range; a tick's text */
double plot_nice_step(double range, int target);
void plot_tick_label(char *buf, size_t cap, double v, double step);

/* plot_map.c */
/* pixel position of (lat, lon) in radians; 0 if not drawable (near the antipode) */
int plot_map_to_px(const struct bmd_plot *p, double lat, double lon, double *px, double *py);
void plot_map_finish(struct bmd_plot *p);   /* plot_map_marks.c */
void plot_map_release(struct bmd_plot *p);   /* frees p->basemap */

#endif
