/*
 * plot.h - publication figures on cairo: maps (basemap from Natural Earth, atlas.h) and
 * charts (x-y lines and points, horizontal bars on category rows, histograms), with a
 * title, legend, colour bars, a scale bar and a credit line on maps. The only module that
 * talks to cairo (style.md, rule 10).
 *
 * A plot is drawn once onto a cairo recording surface and can then be written as PNG
 * and/or SVG (bmd_plot_write) through outfile.h (temporary file + rename).
 *
 * Use:
 *   p = bmd_plot_alloc(1200, 800);
 *   bmd_plot_title(p, "EPAA phase 3", "seed 1");
 *   bmd_plot_map(p, &region);                    or   bmd_plot_axes(p, &axes);
 *   ... layers (bmd_plot_map_* in degrees, or bmd_plot_line/points/hbar/bars in data units),
 *       each with an optional legend label (NULL: no legend entry) ...
 *   bmd_plot_write(p, "map.png"); bmd_plot_write(p, "map.svg");
 *   bmd_plot_free(p);
 * The decorations (title, legend, colour bars, scale bar, credit, graticule labels) are
 * drawn at the first bmd_plot_write; layers added after it return BMD_EINVAL.
 *
 * Coordinates: sizes are in pixels of the PNG (1 px = 1 pt in the SVG). Map layers take
 * geodetic latitude/longitude in degrees (east and north positive; any longitude, wrapped).
 *
 * Map projection: azimuthal equidistant on a sphere (Snyder 1987, "Map Projections - A
 * Working Manual", USGS PP 1395, eqs. 25-2, 22-4, 22-5), centred on the centroid of the
 * region (the normalised mean of unit vectors over the region, so a region over the pole
 * or across the antimeridian gets a sensible centre) and scaled so the whole region fits
 * the map frame. Distances from the centre and azimuths at the centre are true; the scale
 * bar is true at the centre (radial scale is true everywhere). Suitable up to about a
 * hemisphere (Russia to the United States over the pole).
 *
 * Errors: BMD_OK, BMD_EINVAL (bad argument, or a call in the wrong order), BMD_ENOMEM,
 * BMD_EIO (bmd_plot_write: the file could not be written; no file is left behind).
 */
#ifndef BMD_PLOT_H
#define BMD_PLOT_H

#include <stddef.h>

/* A colour: components in [0, 1]; a = 0 means "none" (no stroke, no fill). */
struct bmd_plot_color {
  double r, g, b, a;
};

enum bmd_plot_dash { BMD_PLOT_SOLID = 0, BMD_PLOT_DASHED, BMD_PLOT_DOTTED, BMD_PLOT_DASHDOT };

enum bmd_plot_marker {
  BMD_PLOT_MARKER_NONE = 0,
  BMD_PLOT_MARKER_CIRCLE,
  BMD_PLOT_MARKER_SQUARE,
  BMD_PLOT_MARKER_TRIANGLE,     /* pointing up */
  BMD_PLOT_MARKER_DIAMOND,
  BMD_PLOT_MARKER_CROSS,        /* x */
  BMD_PLOT_MARKER_PLUS,
  BMD_PLOT_MARKER_STAR
};

/* How a layer is drawn. A zeroed style draws nothing; use bmd_plot_style_line() etc. */
struct bmd_plot_style {
  struct bmd_plot_color stroke;  /* lines, outlines, marker edges */
  struct bmd_plot_color fill;    /* polygon, sector, bar and marker fill */
  double width_px;               /* line width */
  int dash;                      /* enum bmd_plot_dash */
  int marker;                    /* enum bmd_plot_marker (points, map markers) */
  double size_px;                /* marker size (diameter) */
};

/* Colour helpers. bmd_plot_rgb: from 0xRRGGBB, opaque. bmd_plot_alpha: c with alpha a. */
struct bmd_plot_color bmd_plot_rgb(unsigned long rrggbb);
struct bmd_plot_color bmd_plot_alpha(struct bmd_plot_color c, double a);

/* bmd_plot_palette - the k-th colour (k >= 0, cycles) of a colour-blind-safe qualitative
   palette (Okabe & Ito 2008, "Color Universal Design"). */
struct bmd_plot_color bmd_plot_palette(int k);

enum bmd_plot_cmap { BMD_PLOT_CMAP_VIRIDIS = 0, BMD_PLOT_CMAP_MAGMA, BMD_PLOT_CMAP_BLUES };
/* bmd_plot_cmap - colour of a continuous colour map at t in [0, 1] (clamped). */
struct bmd_plot_color bmd_plot_cmap(int cmap, double t);

/* Style shorthands: a line of colour c, width w and dash; a marker of shape m, size s,
   filled with c and edged dark; a filled patch with an outline. */
struct bmd_plot_style bmd_plot_style_line(struct bmd_plot_color c, double width_px, int dash);
struct bmd_plot_style bmd_plot_style_marker(int marker, struct bmd_plot_color c, double size_px);
struct bmd_plot_style bmd_plot_style_fill(struct bmd_plot_color fill, struct bmd_plot_color edge);

/* ---- lifecycle and output ---------------------------------------------------------- */

struct bmd_plot;

/* bmd_plot_alloc - a blank (white) figure of width x height pixels (each 16..20000);
   NULL if out of memory or bad size. */
struct bmd_plot *bmd_plot_alloc(int width_px, int height_px);

/* bmd_plot_free - accepts NULL. */
void bmd_plot_free(struct bmd_plot *p);

/* bmd_plot_release_caches - free cairo's and fontconfig's process-wide caches (fonts,
   glyphs, configuration) so that leak checkers see a clean exit; call at exit, when no
   plot is alive. Plots may be made again afterwards. */
void bmd_plot_release_caches(void);

/* bmd_plot_title - title (bold, top) and optional subtitle (NULL: none). Copies the text.
   Call before bmd_plot_map / bmd_plot_axes so the layout leaves room for it. */
int bmd_plot_title(struct bmd_plot *p, const char *title, const char *subtitle);

/* bmd_plot_write - finish the figure (first call) and write it to path, the format chosen
   by the extension: ".png" (ARGB, width x height pixels) or ".svg". Written through a
   temporary file renamed when complete. BMD_EINVAL for another extension, BMD_EIO when
   the file cannot be written (no file left). */
int bmd_plot_write(struct bmd_plot *p, const char *path);

/* bmd_plot_write2 - bmd_plot_write to two paths: for a PNG and another format, the PNG's
   encoding (libpng, after cairo has drawn its pixels) runs on a thread of its own while
   the other file is rendered; cairo is used on the calling thread alone. The same files
   as two bmd_plot_write calls. Returns the first error (each file is written whole or not
   at all). */
int bmd_plot_write2(struct bmd_plot *p, const char *path_a, const char *path_b);

/* bmd_plot_write_svg_mem - finish and render SVG into a malloc'ed buffer (*out, *len;
   caller frees), e.g. to inline into an HTML report. */
int bmd_plot_write_svg_mem(struct bmd_plot *p, char **out, size_t *len);

/* bmd_plot_write_png_mem - the same as PNG bytes. */
int bmd_plot_write_png_mem(struct bmd_plot *p, unsigned char **out, size_t *len);

/* ---- legend and colour bars (drawn at finish) ------------------------------------------ */

enum bmd_plot_legend_pos {
  BMD_PLOT_LEGEND_AUTO = 0,     /* maps: RIGHT; charts: the inner corner with least data */
  BMD_PLOT_LEGEND_RIGHT,        /* outside the frame on the right (reserves a side panel) */
  BMD_PLOT_LEGEND_UPPER_RIGHT, BMD_PLOT_LEGEND_UPPER_LEFT,
  BMD_PLOT_LEGEND_LOWER_RIGHT, BMD_PLOT_LEGEND_LOWER_LEFT,
  BMD_PLOT_LEGEND_NONE
};
/* bmd_plot_legend_position - where the legend goes; call before bmd_plot_map/axes
   (RIGHT changes the layout). Colour bars go in the right panel when there is one, else
   below the legend. */
int bmd_plot_legend_position(struct bmd_plot *p, int pos);

enum bmd_plot_legend_kind { BMD_PLOT_LEGEND_LINE = 0, BMD_PLOT_LEGEND_MARKER, BMD_PLOT_LEGEND_PATCH };
/* bmd_plot_legend_add - add a legend entry by hand (the layer functions add their own when
   given a label). A label already present with the same kind is not repeated. */
int bmd_plot_legend_add(struct bmd_plot *p, int kind, const struct bmd_plot_style *st,
                        const char *label);

/* bmd_plot_colorbar_classes - a discrete legend of n classes (colour patch + label each,
   e.g. "0 shots", "1", "2", "3+") under a title. */
int bmd_plot_colorbar_classes(struct bmd_plot *p, const char *title, int n,
                              const struct bmd_plot_color *colors, const char *const *labels);

/* bmd_plot_colorbar - a continuous colour bar for values vmin..vmax of colour map cmap
   (bmd_plot_cmap), with nice ticks and a title that carries the unit ("range (km)"). */
int bmd_plot_colorbar(struct bmd_plot *p, const char *title, int cmap, double vmin, double vmax);

/* ---- maps ----------------------------------------------------------------------------- */

/* A lat/lon box: lat_south..lat_north (deg, -90..90) and the longitudes from lon_west
   eastwards to lon_east (deg; lon_east < lon_west crosses the antimeridian, e.g. 170..-170;
   lon_west == lon_east - 360 is all longitudes). */
struct bmd_plot_region {
  double lat_south_deg, lat_north_deg;
  double lon_west_deg, lon_east_deg;
};

/* bmd_plot_region_fit - the box around n points (lat, lon in deg) with a margin (deg) on
   each side, choosing the shorter way around in longitude (handles the antimeridian). */
int bmd_plot_region_fit(int n, const double *lat_deg, const double *lon_deg, double margin_deg,
                        struct bmd_plot_region *out);

/* bmd_plot_map - make p a map of region: choose and fit the projection, and draw ocean,
   land (Natural Earth 1:50m), country borders and the graticule. Degree labels, the scale
   bar (km) and the credit line "bmdsim · Natural Earth" are drawn at finish. */
int bmd_plot_map(struct bmd_plot *p, const struct bmd_plot_region *region);

/* bmd_plot_map_land - bmd_plot_map without the coastlines and borders (ocean, land and
   graticule only), for a map whose opaque layers get them on top (bmd_plot_map_outlines):
   each line is then drawn once. */
int bmd_plot_map_land(struct bmd_plot *p, const struct bmd_plot_region *region);

/* bmd_plot_map_outlines - draw the coastlines and borders (again), over opaque layers drawn
   since bmd_plot_map or bmd_plot_map_land (e.g. grid cells). */
int bmd_plot_map_outlines(struct bmd_plot *p);

/* bmd_plot_group_begin, _end - the layers drawn between the two are composed on their own
   and then painted at once with opacity alpha (0..1): layers of the group that overlap or
   abut do not show through one another (no seams between nested fills), and what lies
   below -- land, sea, borders -- shows through all of them evenly. Groups do not nest. */
int bmd_plot_group_begin(struct bmd_plot *p);
int bmd_plot_group_end(struct bmd_plot *p, double alpha);

/* bmd_plot_map_project - pixel position (x right, y down) of (lat, lon); returns 1 if the
   point lies in the drawn part of the globe (within about 20 deg of the frame; it may still
   be outside the frame), else 0 (e.g. near the antipode of the map centre). */
int bmd_plot_map_project(const struct bmd_plot *p, double lat_deg, double lon_deg,
                         double *x_px, double *y_px);

/* Map layers (clipped to the map frame). legend: label for the legend, or NULL. */

/* bmd_plot_map_polygon - a closed polygon with n vertices joined by straight lines in the
   projection (for grid cells and small areas); fill and stroke from st. */
int bmd_plot_map_polygon(struct bmd_plot *p, int n, const double *lat_deg, const double *lon_deg,
                         const struct bmd_plot_style *st, const char *legend);

/* bmd_plot_map_cells - the union of the cells of a regular grid marked in in[] (nlat rows of
   nlon cells, row-major from the south-west: cell (i, j) spans latitudes lat0_deg + i
   dlat_deg to that plus dlat_deg, and longitudes likewise from lon0_deg) filled as one area.
   Its outline is traced into rings, holes included, with a vertex at every cell corner on
   it (straight lines between them in the projection, as bmd_plot_map_polygon's): the cells
   inside leave no seams, and the path is as long as the outline, not as the area. Only
   st's fill is used. A ring with a corner that cannot be projected is left out. */
int bmd_plot_map_cells(struct bmd_plot *p, int nlat, int nlon, double lat0_deg, double lon0_deg,
                       double dlat_deg, double dlon_deg, const unsigned char *in,
                       const struct bmd_plot_style *st, const char *legend);

/* bmd_plot_map_line - a polyline through n points, each leg densified along the great
   circle (ground tracks). A marker in st is drawn at the last point (NONE: no marker). */
int bmd_plot_map_line(struct bmd_plot *p, int n, const double *lat_deg, const double *lon_deg,
                      const struct bmd_plot_style *st, const char *legend);

/* bmd_plot_map_circle - the geodesic circle of radius_m around (lat, lon) on the WGS84
   ellipsoid (range rings), filled and/or stroked. */
int bmd_plot_map_circle(struct bmd_plot *p, double lat_deg, double lon_deg, double radius_m,
                        const struct bmd_plot_style *st, const char *legend);

/* bmd_plot_map_sector - the geodesic sector of radius_m from azimuth az_from_deg clockwise
   to az_to_deg (deg from north; a radar's field of view). */
int bmd_plot_map_sector(struct bmd_plot *p, double lat_deg, double lon_deg, double radius_m,
                        double az_from_deg, double az_to_deg, const struct bmd_plot_style *st,
                        const char *legend);

/* bmd_plot_map_marker - a marker at (lat, lon) with an optional text label (NULL: none).
   Labels are placed when the figure is finished, once every marker is known: each beside
   its marker (right, left, above, below, then the diagonals; then one or two text heights
   farther out with a leader line), wholly inside the frame and clear of every marker,
   label, graticule label and the scale bar. A label with no such place is left out rather
   than drawn over something or cut at the frame (bmd_plot_map_labels counts them). */
int bmd_plot_map_marker(struct bmd_plot *p, double lat_deg, double lon_deg,
                        const struct bmd_plot_style *st, const char *label, const char *legend);

/* bmd_plot_map_labels - after the figure is finished (by a write): the boxes of the marker
   labels drawn (px: x0, y0, x1, y1 each) into box[4 * cap] (may be NULL); returns how many
   were drawn, and the number left out in *dropped (may be NULL); -1 if not a finished map. */
int bmd_plot_map_labels(const struct bmd_plot *p, double *box, int cap, int *dropped);

/* bmd_plot_map_frame - the map frame in pixels (left, top, width, height). */
int bmd_plot_map_frame(const struct bmd_plot *p, double *x_px, double *y_px, double *w_px, double *h_px);

/* ---- charts --------------------------------------------------------------------------- */

struct bmd_plot_axes {
  double x_min, x_max, y_min, y_max;   /* data range (x_min < x_max, y_min < y_max) */
  const char *x_label, *y_label;       /* with the unit: "ground range (km)" */
  int x_grid, y_grid;                  /* 1: light grid lines at the ticks */
};

/* bmd_plot_nice_range - widen [lo, hi] to nice tick values (for axes from data). */
void bmd_plot_nice_range(double lo, double hi, double *nice_lo, double *nice_hi);

/* bmd_plot_axes - make p an x-y chart with these axes (ticks at 1, 2, 5 x 10^k). */
int bmd_plot_axes(struct bmd_plot *p, const struct bmd_plot_axes *ax);

/* bmd_plot_rows - make p a chart of nrows category rows (row 0 at the top, labelled on the
   left by row_labels[]) against x (x_min..x_max, x_label with unit): a Gantt chart. In row
   charts a row's y coordinate is its index (row k spans y = k - 0.5 .. k + 0.5). */
int bmd_plot_rows(struct bmd_plot *p, int nrows, const char *const *row_labels, double x_min,
                  double x_max, const char *x_label);

/* bmd_plot_data_to_px - pixel position of data point (x, y) in a chart. */
int bmd_plot_data_to_px(const struct bmd_plot *p, double x, double y, double *x_px, double *y_px);

/* Chart layers (clipped to the frame). Non-finite points break a line. */
int bmd_plot_line(struct bmd_plot *p, int n, const double *x, const double *y,
                  const struct bmd_plot_style *st, const char *legend);
int bmd_plot_points(struct bmd_plot *p, int n, const double *x, const double *y,
                    const struct bmd_plot_style *st, const char *legend);

/* bmd_plot_hbar - a horizontal bar from x0 to x1 centred at y with height h (data units;
   in row charts h = 0.6 fills most of a row), with an optional text drawn inside the bar
   when it fits, else just right of it. */
int bmd_plot_hbar(struct bmd_plot *p, double y, double h, double x0, double x1,
                  const struct bmd_plot_style *st, const char *text, const char *legend);

/* bmd_plot_bars - a histogram: n bars, bar k from edges[k] to edges[k+1] with height
   heights[k] from y = 0. */
int bmd_plot_bars(struct bmd_plot *p, int n, const double *edges, const double *heights,
                  const struct bmd_plot_style *st, const char *legend);

/* bmd_plot_text - text at data point (x, y) (charts) with its left end there, or centred
   when centre is 1; size_px 0 means the default. Text that would cross the frame's left or
   right edge is slid inside it. */
int bmd_plot_text(struct bmd_plot *p, double x, double y, const char *text, double size_px,
                  int centre);

/* bmd_plot_vline - a vertical line at x across the chart, with an optional label at its top. */
int bmd_plot_vline(struct bmd_plot *p, double x, const struct bmd_plot_style *st,
                   const char *label);

#endif
