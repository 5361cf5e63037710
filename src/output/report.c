/* report.c - a self-contained HTML report (report.h). */
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

struct source_entry {
  char *what, *text;
};

struct bmd_report {
  char *title, *command;
  char *body;
  size_t n, cap;
  int oom;
  int nfig;
  int nsrc, srccap;
  struct source_entry *src;
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
  for (int i = 0; i < r->nsrc; i++) {
    free(r->src[i].what);
    free(r->src[i].text);
  }
  free(r->src);
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

int bmd_report_source(struct bmd_report *r, const char *what, const char *source) {
  if (!r || !what) return BMD_EINVAL;
  for (int i = 0; i < r->nsrc; i++)
    if (strcmp(r->src[i].what, what) == 0) return BMD_OK;
  if (r->nsrc == r->srccap) {
    int c = r->srccap ? 2 * r->srccap : 16;
    struct source_entry *ns = realloc(r->src, sizeof *ns * (size_t)c);
    if (!ns) return BMD_ENOMEM;
    r->src = ns;
    r->srccap = c;
  }
  char *w = dup_str(what), *t = dup_str(source && source[0] ? source : "no source given");
  if (!w || !t) {
    free(w);
    free(t);
    return BMD_ENOMEM;
  }
  r->src[r->nsrc].what = w;
  r->src[r->nsrc].text = t;
  r->nsrc++;
  return BMD_OK;
}

/* "label: text" lines joined with newlines (rendered as line breaks), skipping empty ones */
struct joiner {
  char buf[8 * 1024 * 4];
  size_t n;
};

static void join(struct joiner *j, const char *label, const char *text) {
  if (!text || !text[0] || j->n >= sizeof j->buf - 1) return;
  int k = snprintf(j->buf + j->n, sizeof j->buf - j->n, "%s%s%s%s", j->n ? "\n" : "", label ? label : "",
                   label ? ": " : "", text);
  if (k > 0) j->n += (size_t)k;
  if (j->n >= sizeof j->buf) j->n = sizeof j->buf - 1;
}

static int add_missile(struct bmd_report *r, const char *kind, const struct bmd_missile *m) {
  struct joiner *jp = malloc(sizeof *jp); /* 32 KB: not on the stack */
  if (!jp) return BMD_ENOMEM;
  char what[256];
  snprintf(what, sizeof what, "%s %s (%s)", kind, m->name, m->title);
  jp->n = 0;
  jp->buf[0] = 0;
  join(jp, NULL, m->source);
  join(jp, "published performance", m->published_source);
  join(jp, "payload", m->payload_source);
  for (int k = 0; k < m->vehicle.nstages && k < BMD_VEHICLE_MAX_STAGES; k++) {
    char lab[32];
    snprintf(lab, sizeof lab, "stage %d", k + 1);
    join(jp, lab, m->stage_source[k]);
  }
  join(jp, "ascent", m->ascent_source);
  join(jp, "fit", m->fit);
  int rc = bmd_report_source(r, what, jp->buf);
  free(jp);
  return rc;
}

int bmd_report_assumptions_from_scenario(struct bmd_report *r, const struct bmd_scenario *sc) {
  if (!r || !sc) return BMD_EINVAL;
  char what[256];
  int rc;
  snprintf(what, sizeof what, "scenario %s (%s)", sc->name, sc->title);
  if ((rc = bmd_report_source(r, what, sc->source)) != BMD_OK) return rc;
  for (int i = 0; i < sc->nthreats; i++)
    if ((rc = add_missile(r, "threat missile", sc->threats[i].missile)) != BMD_OK) return rc;
  for (int i = 0; i < sc->nsites; i++)
    if ((rc = add_missile(r, "interceptor", sc->sites[i].interceptor)) != BMD_OK) return rc;
  for (int i = 0; i < sc->nradars; i++) {
    const struct bmd_radar_type *t = sc->radars[i].type;
    snprintf(what, sizeof what, "radar type %s (%s)", t->name, t->title);
    if ((rc = bmd_report_source(r, what, t->source)) != BMD_OK) return rc;
  }
  if (sc->ew) {
    snprintf(what, sizeof what, "early warning %s (%s)", sc->ew->name, sc->ew->title);
    if ((rc = bmd_report_source(r, what, sc->ew->source)) != BMD_OK) return rc;
  }
  return BMD_OK;
}

int bmd_report_assumptions_sites(struct bmd_report *r, const struct bmd_scenario *sc,
                                 const struct bmd_catalog *cat) {
  if (!r || !sc || !cat) return BMD_EINVAL;
  for (int k = 0; k < cat->nsites; k++) {
    const struct bmd_site *s = &cat->sites[k];
    int used = 0;
    for (int i = 0; i < sc->nsites && !used; i++)
      used = fabs(sc->sites[i].lat_deg - s->lat_deg) < 0.01 && fabs(sc->sites[i].lon_deg - s->lon_deg) < 0.01;
    for (int i = 0; i < sc->nradars && !used; i++)
      used = strcmp(sc->radars[i].site, s->name) == 0 ||
             (fabs(sc->radars[i].lat_deg - s->lat_deg) < 0.01 && fabs(sc->radars[i].lon_deg - s->lon_deg) < 0.01);
    for (int i = 0; i < sc->nthreats && !used; i++)
      used = strcmp(sc->threats[i].from, s->name) == 0 || strcmp(sc->threats[i].to, s->name) == 0;
    if (!used) continue;
    char what[256];
    snprintf(what, sizeof what, "site %s (%s)", s->name, s->title);
    int rc = bmd_report_source(r, what, s->source);
    if (rc != BMD_OK) return rc;
  }
  return BMD_OK;
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
  if (r->nsrc > 0) {
    e |= put_file(fp, "<h2>Assumptions and sources</h2>\n<p>Every parameter of the simulation comes "
                      "from these catalog entries (data/*.yaml) and the scenario file.</p>\n<dl class=\"src\">\n");
    for (int i = 0; i < r->nsrc; i++) {
      e |= put_file(fp, "<dt>");
      e |= put_escaped_fp(fp, r->src[i].what);
      e |= put_file(fp, "</dt>\n<dd>");
      e |= put_escaped_fp(fp, r->src[i].text);
      e |= put_file(fp, "</dd>\n");
    }
    e |= put_file(fp, "</dl>\n");
  }
  e |= put_file(fp, "<footer>Generated by bmdsim " BMD_VERSION
                    " (GPL-3.0). Basemap: Natural Earth (public domain).</footer>\n</body>\n</html>\n");
  if (e) {
    bmd_outfile_fail(&f, 0);   /* the reason, from the stream's retry (outfile.h) */
    return BMD_EIO;
  }
  return bmd_outfile_commit(&f) == BMD_OK ? BMD_OK : BMD_EIO;
}
