/*
 * report.h - a single self-contained HTML report: title, a "how to reproduce" command,
 * sections, paragraphs, tables, figures with captions and an "Assumptions and sources"
 * section: the catalog entries the answer uses, the values it rests on that no source
 * publishes, and the references (assumptions.h).
 *
 * No external assets: the CSS is inline and figures are embedded (SVG inline, PNG as a
 * base64 data: URI), so the file can be mailed or archived alone. All text given to these
 * functions is plain text and is HTML-escaped.
 *
 * Use:
 *   r = bmd_report_alloc("EPAA phase 3: one run");
 *   bmd_report_command(r, "bmdsim run epaa-phase3 --seed 1 --report out");
 *   bmd_report_section(r, "Summary");
 *   bmd_report_table(r, 3, header, nrows, cells);
 *   bmd_report_figure_plot(r, plot, "Ground tracks");
 *   bmd_report_assumptions(r, &assumptions);
 *   bmd_report_write(r, "out/report.html");
 *   bmd_report_free(r);
 *
 * Errors: BMD_OK, BMD_EINVAL, BMD_ENOMEM, BMD_EIO (write; no partial file is left).
 */
#ifndef BMD_REPORT_H
#define BMD_REPORT_H

#include <stddef.h>

struct bmd_plot;
struct bmd_scenario;

struct bmd_report;

/* bmd_report_alloc - an empty report with this title; NULL if out of memory. */
struct bmd_report *bmd_report_alloc(const char *title);

/* bmd_report_free - accepts NULL. */
void bmd_report_free(struct bmd_report *r);

/* bmd_report_command - the "how to reproduce" line (shown as code under the title). */
int bmd_report_command(struct bmd_report *r, const char *command);

/* bmd_report_section - start a section with heading h (level 2). */
int bmd_report_section(struct bmd_report *r, const char *h);

/* bmd_report_paragraph - a paragraph of plain text. */
int bmd_report_paragraph(struct bmd_report *r, const char *text);

/* bmd_report_table - a table of ncols columns: header[ncols] and cells[nrows * ncols]
   (row-major; NULL cells are empty). Columns whose non-empty cells all parse as numbers
   are right-aligned. caption may be NULL. */
int bmd_report_table(struct bmd_report *r, const char *caption, int ncols,
                     const char *const *header, int nrows, const char *const *cells);

/* bmd_report_figure_svg - an inline SVG figure (svg[0..len), as written by cairo; the XML
   prolog is dropped) with a caption. */
int bmd_report_figure_svg(struct bmd_report *r, const char *svg, size_t len, const char *caption);

/* bmd_report_figure_png - a PNG figure (bytes) embedded as a base64 data URI. */
int bmd_report_figure_png(struct bmd_report *r, const unsigned char *png, size_t len,
                          const char *caption);

/* bmd_report_figure_file - a figure read from a .svg or .png file. */
int bmd_report_figure_file(struct bmd_report *r, const char *path, const char *caption);

/* bmd_report_figure_plot - a figure from a plot (plot.h), embedded as SVG. */
int bmd_report_figure_plot(struct bmd_report *r, struct bmd_plot *p, const char *caption);

/* bmd_report_assumptions - the section "Assumptions and sources": the catalog entries the
   answer uses with their values counted by evidence class, every value it depends on that
   no source publishes (with its evidence, sources and note), and the references cited
   (authors, title, venue, date, URL and what was checked in each). */
struct bmd_assumptions;
int bmd_report_assumptions(struct bmd_report *r, const struct bmd_assumptions *a);

/* bmd_report_write - write the HTML file (through outfile.h). */
int bmd_report_write(const struct bmd_report *r, const char *path);

#endif
