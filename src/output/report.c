/* report.c - a self-contained HTML report (report.h). */
#include <bmd/assumptions.h>
#include <bmd/bmd.h>
#include <bmd/catalog.h>
#include <bmd/outfile.h>
#include <bmd/plot.h>
#include <bmd/report.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BODY_CAP (512L * 1024 * 1024) /* a report larger than this is a bug */
#define FIG_FILE_CAP (64L * 1024 * 1024)

struct bmd_report {
  char *title, *command;
  char *body;
  size_t n, cap;
  int oom;
  int nfig;
};

/* ---- buffer ------------------------------------------------------------------------------ */

static void put_n(struct bmd_report *r, const char *s, size_t len) {
  if (r->oom) return;
  if (r->n + len + 1 > r->cap) {
    size_t c = r->cap ? r->cap : 16384;
    while (c < r->n + len + 1) c *= 2;
    char *nb = c <= (size_t)BODY_CAP ? realloc(r->body, c) : NULL;
    if (!nb) {
      r->oom = 1;
      return;
    }
    r->body = nb;
    r->cap = c;
  }
  memcpy(r->body + r->n, s, len);
  r->n += len;
  r->body[r->n] = 0;
}

static void put(struct bmd_report *r, const char *s) { put_n(r, s, strlen(s)); }

/* HTML-escaped text */
static void put_text(struct bmd_report *r, const char *s) {
  if (!s) return;
  const char *run = s;
  for (; *s; s++) {
    const char *e = NULL;
    switch (*s) {
    case '&': e = "&amp;"; break;
    case '<': e = "&lt;"; break;
    case '>': e = "&gt;"; break;
    case '"': e = "&quot;"; break;
    case '\'': e = "&#39;"; break;
    case '\r': e = "&#13;"; break;   /* a raw CR would be read as LF (HTML's newline normalisation) */
    default: break;
    }
    if (e) {
      put_n(r, run, (size_t)(s - run));
      put(r, e);
      run = s + 1;
    }
  }
  put_n(r, run, (size_t)(s - run));
}

static char *dup_str(const char *s) {
  size_t n = strlen(s ? s : "");
  char *d = malloc(n + 1);
  if (d) memcpy(d, s ? s : "", n + 1);
  return d;
}

static int status(const struct bmd_report *r) { return r->oom ? BMD_ENOMEM : BMD_OK; }

/* ---- API --------------------------------------------------------------------------------- */

struct bmd_report *bmd_report_alloc(const char *title) {
  struct bmd_report *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->title = dup_str(title);
  if (!r->title) {
    free(r);
    return NULL;
  }
  return r;
}

void bmd_report_free(struct bmd_report *r) {
  if (!r) return;
  free(r->title);
  free(r->command);
  free(r->body);
  free(r);
}

int bmd_report_command(struct bmd_report *r, const char *command) {
  if (!r || !command) return BMD_EINVAL;
  char *c = dup_str(command);
  if (!c) return BMD_ENOMEM;
  free(r->command);
  r->command = c;
  return BMD_OK;
}

int bmd_report_section(struct bmd_report *r, const char *h) {
  if (!r || !h) return BMD_EINVAL;
  put(r, "<h2>");
  put_text(r, h);
  put(r, "</h2>\n");
  return status(r);
}

int bmd_report_paragraph(struct bmd_report *r, const char *text) {
  if (!r || !text) return BMD_EINVAL;
  put(r, "<p>");
  put_text(r, text);
  put(r, "</p>\n");
  return status(r);
}

static int is_number(const char *s) {
  if (!s) return 0;
  while (*s == ' ') s++;
  if (!*s) return 0;
  char *end;
  errno = 0;
  (void)strtod(s, &end);
  if (end == s) return 0;
  while (*end == ' ' || *end == '%') end++;
  return *end == 0;
}

int bmd_report_table(struct bmd_report *r, const char *caption, int ncols,
                     const char *const *header, int nrows, const char *const *cells) {
  if (!r || ncols < 1 || nrows < 0 || !header || (nrows > 0 && !cells)) return BMD_EINVAL;
  put(r, "<table>\n");
  if (caption && caption[0]) {
    put(r, "<caption>");
    put_text(r, caption);
    put(r, "</caption>\n");
  }
  put(r, "<thead><tr>");
  for (int c = 0; c < ncols; c++) {
    /* a column is numeric when all its non-empty cells are numbers */
    int num = 0, other = 0;
    for (int i = 0; i < nrows; i++) {
      const char *v = cells[(size_t)i * (size_t)ncols + (size_t)c];
      if (!v || !v[0] || strcmp(v, "-") == 0) continue;
      if (is_number(v)) num++;
      else other++;
    }
    put(r, num > 0 && other == 0 ? "<th class=\"num\">" : "<th>");
    put_text(r, header[c]);
    put(r, "</th>");
  }
  put(r, "</tr></thead>\n<tbody>\n");
  for (int i = 0; i < nrows; i++) {
    put(r, "<tr>");
    for (int c = 0; c < ncols; c++) {
      const char *v = cells[(size_t)i * (size_t)ncols + (size_t)c];
      int num = 0, other = 0;
      for (int k = 0; k < nrows; k++) {
        const char *w = cells[(size_t)k * (size_t)ncols + (size_t)c];
        if (!w || !w[0] || strcmp(w, "-") == 0) continue;
        if (is_number(w)) num++;
        else other++;
      }
      put(r, num > 0 && other == 0 ? "<td class=\"num\">" : "<td>");
      put_text(r, v);
      put(r, "</td>");
    }
    put(r, "</tr>\n");
  }
  put(r, "</tbody>\n</table>\n");
  return status(r);
}

static void figure_open(struct bmd_report *r) { put(r, "<figure>\n"); }

static void figure_close(struct bmd_report *r, const char *caption) {
  if (caption && caption[0]) {
    char num[32];
    snprintf(num, sizeof num, "Figure %d. ", r->nfig);
    put(r, "<figcaption><b>");
    put(r, num);
    put(r, "</b>");
    put_text(r, caption);
    put(r, "</figcaption>\n");
  }
  put(r, "</figure>\n");
}

/* inline SVG: drop the XML prolog, and give every id of this figure a prefix so the glyph
   and clip ids cairo writes in each figure do not collide within one HTML document */
int bmd_report_figure_svg(struct bmd_report *r, const char *svg, size_t len, const char *caption) {
  if (!r || !svg) return BMD_EINVAL;
  const char *end = svg + len, *s = svg;
  const char *start = NULL;
  for (const char *q = s; q + 4 <= end; q++)
    if (memcmp(q, "<svg", 4) == 0) {
      start = q;
      break;
    }
  if (!start) return BMD_EINVAL;
  r->nfig++;
  char pre[32];
  snprintf(pre, sizeof pre, "f%d-", r->nfig);
  figure_open(r);
  static const char *const pats[] = {"id=\"", "href=\"#", "url(#"};
  s = start;
  while (s < end) {
    const char *hit = NULL;
    size_t hl = 0;
    for (const char *q = s; q < end && !hit; q++)
      for (int k = 0; k < 3; k++) {
        size_t pl = strlen(pats[k]);
        if ((size_t)(end - q) >= pl && memcmp(q, pats[k], pl) == 0) {
          hit = q;
          hl = pl;
          break;
        }
      }
    if (!hit) {
      put_n(r, s, (size_t)(end - s));
      break;
    }
    put_n(r, s, (size_t)(hit - s) + hl);
    put(r, pre);
    s = hit + hl;
  }
  put(r, "\n");
  figure_close(r, caption);
  return status(r);
}

static void put_base64(struct bmd_report *r, const unsigned char *b, size_t n) {
  static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char out[4];
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned)b[i] << 16 | (i + 1 < n ? (unsigned)b[i + 1] << 8 : 0u) | (i + 2 < n ? b[i + 2] : 0u);
    out[0] = tab[(v >> 18) & 63];
    out[1] = tab[(v >> 12) & 63];
    out[2] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
    out[3] = i + 2 < n ? tab[v & 63] : '=';
    put_n(r, out, 4);
  }
}

int bmd_report_figure_png(struct bmd_report *r, const unsigned char *png, size_t len,
                          const char *caption) {
  if (!r || !png) return BMD_EINVAL;
  r->nfig++;
  figure_open(r);
  put(r, "<img alt=\"");
  put_text(r, caption ? caption : "figure");
  put(r, "\" src=\"data:image/png;base64,");
  put_base64(r, png, len);
  put(r, "\">\n");
  figure_close(r, caption);
  return status(r);
}

int bmd_report_figure_file(struct bmd_report *r, const char *path, const char *caption) {
  if (!r || !path) return BMD_EINVAL;
  size_t pl = strlen(path);
  int svg = pl > 4 && strcmp(path + pl - 4, ".svg") == 0;
  int png = pl > 4 && strcmp(path + pl - 4, ".png") == 0;
  if (!svg && !png) return BMD_EINVAL;
  FILE *fp = fopen(path, "rb");
  if (!fp) return BMD_EIO;
  unsigned char *b = NULL;
  size_t n = 0, cap = 0;
  int rc = BMD_OK;
  for (;;) {
    if (n + 65536 > cap) {
      cap = cap ? cap * 2 : 262144;
      if (cap > (size_t)FIG_FILE_CAP) {
        rc = BMD_ENOMEM;
        break;
      }
      unsigned char *nb = realloc(b, cap);
      if (!nb) {
        rc = BMD_ENOMEM;
        break;
      }
      b = nb;
    }
    size_t k = fread(b + n, 1, cap - n, fp);
    n += k;
    if (k == 0) {
      if (ferror(fp)) rc = BMD_EIO;
      break;
    }
  }
  fclose(fp);
  if (rc == BMD_OK)
    rc = svg ? bmd_report_figure_svg(r, (const char *)b, n, caption) : bmd_report_figure_png(r, b, n, caption);
  free(b);
  return rc;
}

int bmd_report_figure_plot(struct bmd_report *r, struct bmd_plot *p, const char *caption) {
  if (!r || !p) return BMD_EINVAL;
  char *svg = NULL;
  size_t n = 0;
  int rc = bmd_plot_write_svg_mem(p, &svg, &n);
  if (rc != BMD_OK) return rc;
  rc = bmd_report_figure_svg(r, svg, n, caption);
  free(svg);
  return rc;
}

static const char *assumption_section(enum bmd_evidence_section s) {
  switch (s) {
  case BMD_EVS_MISSILE: return "threat missile";
  case BMD_EVS_INTERCEPTOR: return "interceptor";
  case BMD_EVS_SITE: return "site";
  case BMD_EVS_RADAR: return "radar type";
  case BMD_EVS_EARLY_WARNING: return "early warning";
  case BMD_EVS_DRAG_TABLE: return "drag table";
  case BMD_EVS_PAYLOAD: return "payload";
  default: return "scenario";
  }
}

int bmd_report_assumptions(struct bmd_report *r, const struct bmd_assumptions *a) {
  enum { EW = 10, VW = 6, CW = 400 };
  static const char *const ehead[EW] = {"entry", "kind", "title", "stated performance", "published",
                                        "derived", "fitted", "estimated", "assumed", "chosen"};
  static const char *const vhead[VW] = {"entry", "field", "value", "evidence", "sources", "note"};
  int n, rc = BMD_ENOMEM;
  char *text;
  const char **cells;
  unsigned char *used;
  if (!r || !a || !a->cat) return BMD_EINVAL;
  n = a->nentries > a->nitems ? a->nentries : a->nitems;
  text = calloc((size_t)(n > 0 ? n : 1) * EW, CW);
  cells = calloc((size_t)(n > 0 ? n : 1) * EW, sizeof *cells);
  used = malloc((size_t)(a->cat->bib.n > 0 ? a->cat->bib.n : 1));
  if (!text || !cells || !used) goto done;
  put(r, "<h2>Assumptions and sources</h2>\n<p>What this answer rests on. Every value of the catalog "
         "(data/*.yaml) and of the scenario cites the bibliography (data/sources.yaml) and says what "
         "kind of evidence it is: published (stated in a source), derived (computed from published "
         "values), fitted (adjusted so that the simulation reproduces a stated performance), estimated, "
         "assumed, or chosen for the model. docs/data.md explains the classes; bmdsim catalog --name "
         "ENTRY shows every value of an entry with its sources.</p>\n");
  {
    /* what the scenario says of its own structure (architecture, raid) */
    int idx[64], ns;
    char fields[64][160];
    bmd_assumptions_scenario_cites(a, idx, fields, 64, &ns);
    if (ns > 0) put(r, "<dl class=\"src\">\n");
    for (int k = 0; k < ns; k++) {
      const struct bmd_cite *c = &a->scen->cites[idx[k]];
      put(r, "<dt>The scenario's ");
      put_text(r, fields[k]);
      put(r, ": ");
      put_text(r, bmd_evidence_class_word(c->cls));
      for (int q = 0; q < c->nsrc; q++) {
        put(r, q ? ", " : " (");
        put_text(r, a->scen->bib->s[c->src[q]].key);
      }
      put(r, c->nsrc ? ")</dt>\n<dd>" : "</dt>\n<dd>");
      put_text(r, c->note);
      put(r, "</dd>\n");
    }
    if (ns > 0) put(r, "</dl>\n");
  }
  for (int i = 0; i < a->nentries; i++) {
    const struct bmd_assumption_entry *e = &a->entries[i];
    char *b = text + (size_t)i * EW * CW;
    snprintf(b, CW, "%s", e->name);
    snprintf(b + CW, CW, "%s", assumption_section(e->section));
    snprintf(b + 2 * CW, CW, "%s", e->title);
    snprintf(b + 3 * CW, CW, "%s",
             e->section == BMD_EVS_MISSILE || e->section == BMD_EVS_INTERCEPTOR ? bmd_evidence_class_word(e->performance) : "");
    for (int k = 1; k < BMD_EV_N; k++) snprintf(b + (size_t)(3 + k) * CW, CW, "%d", e->count[k]);
    for (int c = 0; c < EW; c++) cells[(size_t)i * EW + (size_t)c] = b + (size_t)c * CW;
  }
  bmd_report_table(r, "Catalog entries used, with the number of their values of each kind of evidence", EW, ehead,
                   a->nentries, cells);
  /* one row per citation: the consecutive values of one entry that share it */
  int nrow = 0;
  for (int i = 0; i < a->nitems;) {
    const struct bmd_evidence *ev = a->items[i].ev;
    const struct bmd_evalue *v = &ev->values[a->items[i].value];
    char *b = text + (size_t)nrow * VW * CW;
    size_t k = 0, kf = 0, kv = 0;
    int j = i;
    snprintf(b, CW, "%s", v->owner);
    b[CW] = b[2 * CW] = 0;
    for (; j < a->nitems && a->items[j].ev == ev; j++) {
      const struct bmd_evalue *w = &ev->values[a->items[j].value];
      const char *unit = bmd_evidence_unit(w->field);
      if (j > i && (w->cite != v->cite || strcmp(w->owner, v->owner) != 0)) break;
      if (kf < CW) kf += (size_t)snprintf(b + CW + kf, CW - kf, "%s%s%s", j > i ? ", " : "", w->field, w->dflt ? " (default)" : "");
      if (kv < CW) kv += (size_t)snprintf(b + 2 * CW + kv, CW - kv, "%s%s%s%s", j > i ? ", " : "", w->value, unit[0] ? " " : "", unit);
    }
    snprintf(b + 3 * CW, CW, "%s", bmd_evidence_class_word(bmd_evidence_class_of(ev, v)));
    b[4 * CW] = 0;
    if (v->cite >= 0)
      for (int q = 0; q < ev->cites[v->cite].nsrc && k < CW; q++)
        k += (size_t)snprintf(b + 4 * CW + k, CW - k, "%s%s", q ? ", " : "", ev->bib->s[ev->cites[v->cite].src[q]].key);
    cells[(size_t)nrow * VW + 5] = v->cite >= 0 ? ev->cites[v->cite].note : "no citation given";
    for (int c = 0; c < 5; c++) cells[(size_t)nrow * VW + (size_t)c] = b + (size_t)c * CW;
    nrow++;
    i = j;
  }
  bmd_report_table(r, "Values the answer depends on that no source publishes (estimated, assumed, chosen, or "
                      "uncited), and the defaults bmdsim applied", VW, vhead, nrow, cells);
  bmd_assumptions_cited(a, used);
  put(r, "<h3>References</h3>\n<dl class=\"src\">\n");
  for (int k = 0; k < a->cat->bib.n; k++) {
    const struct bmd_source *s = &a->cat->bib.s[k];
    if (!used[k]) continue;
    put(r, "<dt>[");
    put_text(r, s->key);
    put(r, "] ");
    if (s->authors[0]) {
      put_text(r, s->authors);
      put(r, ", ");
    }
    put(r, "<i>");
    put_text(r, s->title);
    put(r, "</i>. ");
    put_text(r, s->venue);
    if (s->date[0]) {
      put(r, ", ");
      put_text(r, s->date);
    }
    put(r, " (");
    put_text(r, s->kind);
    put(r, ")</dt>\n<dd>");
    for (int u = 0; u < s->nurls; u++) {
      put_text(r, s->url[u]);
      put(r, "\n");
    }
    put(r, "Checked in it: ");
    put_text(r, s->checked);
    put(r, "</dd>\n");
  }
  put(r, "</dl>\n");
  rc = status(r);
done:
  free(text);
  free(cells);
  free(used);
  return rc;
}

/* ---- output ------------------------------------------------------------------------------ */

static const char css[] =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:1200px;margin:2em auto;"
    "padding:0 1em;color:#1a1a1a;line-height:1.45}\n"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{font-size:1.3em;margin-top:1.8em;"
    "border-bottom:1px solid #ccc;padding-bottom:.2em}\n"
    ".cmd{color:#444}.cmd code{background:#f3f3f3;padding:.15em .4em;border-radius:3px}\n"
    "table{border-collapse:collapse;margin:1em 0;font-size:.92em}"
    "caption{text-align:left;font-weight:bold;margin-bottom:.3em}\n"
    "th,td{border-bottom:1px solid #ddd;padding:.3em .7em;text-align:left;vertical-align:top}"
    "th{background:#f4f5f7}.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "figure{margin:1.5em 0}figure svg,figure img{max-width:100%;height:auto;border:1px solid #e3e3e3}"
    "figcaption{font-size:.92em;color:#333;margin-top:.4em}\n"
    "dl.src dt{font-weight:bold;margin-top:.8em}dl.src dd{margin-left:1.2em;white-space:pre-line;"
    "font-size:.92em}\nfooter{margin-top:3em;color:#777;font-size:.85em}\n";

static int put_file(FILE *fp, const char *s) { return fputs(s, fp) < 0 ? -1 : 0; }

static int put_escaped_fp(FILE *fp, const char *s) {
  for (; *s; s++) {
    int rc;
    switch (*s) {
    case '&': rc = fputs("&amp;", fp); break;
    case '<': rc = fputs("&lt;", fp); break;
    case '>': rc = fputs("&gt;", fp); break;
    case '"': rc = fputs("&quot;", fp); break;
    case '\'': rc = fputs("&#39;", fp); break;
    case '\r': rc = fputs("&#13;", fp); break;
    default: rc = fputc(*s, fp); break;
    }
    if (rc < 0) return -1;
  }
  return 0;
}

int bmd_report_write(const struct bmd_report *r, const char *path) {
  if (!r || !path) return BMD_EINVAL;
  if (r->oom) return BMD_ENOMEM;
  struct bmd_outfile f;
  if (bmd_outfile_open(&f, path) != BMD_OK) return BMD_EIO;
  FILE *fp = f.fp;
  int e = 0;
  e |= put_file(fp, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  e |= put_escaped_fp(fp, r->title);
  e |= put_file(fp, "</title>\n<style>\n");
  e |= put_file(fp, css);
  e |= put_file(fp, "</style>\n</head>\n<body>\n<h1>");
  e |= put_escaped_fp(fp, r->title);
  e |= put_file(fp, "</h1>\n");
  if (r->command) {
    e |= put_file(fp, "<p class=\"cmd\">How to reproduce: <code>");
    e |= put_escaped_fp(fp, r->command);
    e |= put_file(fp, "</code></p>\n");
  }
  if (r->body && fwrite(r->body, 1, r->n, fp) != r->n) e = 1;
  e |= put_file(fp, "<footer>Generated by bmdsim " BMD_VERSION
                    " (GPL-3.0). Basemap: Natural Earth (public domain).</footer>\n</body>\n</html>\n");
  if (e) {
    bmd_outfile_fail(&f, 0);   /* the reason, from the stream's retry (outfile.h) */
    return BMD_EIO;
  }
  return bmd_outfile_commit(&f) == BMD_OK ? BMD_OK : BMD_EIO;
}
