/* kml.c - KML through libxml2's xmlTextWriter (kml.h). */
#include <bmd/kml.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include <bmd/fmt.h>

struct bmd_kml {
  FILE *fp;
  xmlTextWriterPtr w;
  int bad;               /* a writer call failed */
  int err;               /* errno of the first failed write to fp */
  char *text;            /* scratch for bmd_kml_text */
  size_t text_cap;
  xmlGenericErrorFunc old_err;   /* libxml2's error printer, restored at close */
  void *old_ctx;
};

/* libxml2 writes through this (not its own FILE callbacks), so that the errno of a failed
   write is kept for the caller; libxml2's own report of it is silenced (below) */
static int io_write(void *ctx, const char *buf, int len) {
  struct bmd_kml *k = ctx;
  errno = 0;
  if (len > 0 && fwrite(buf, 1, (size_t)len, k->fp) != (size_t)len) {
    if (!k->err) k->err = errno ? errno : EIO;
    return -1;
  }
  return len;
}

static int io_close(void *ctx) {
  (void)ctx;   /* the FILE is the caller's */
  return 0;
}

/* libxml2 prints I/O errors on stderr by default; bmdsim reports them itself, in one line */
static void quiet(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

/* the UTF-8 sequence at s: its length, or 0 if it is not well-formed (RFC 3629) */
static int utf8_len(const unsigned char *s, long *cp) {
  unsigned c = s[0];
  int n;
  long v;
  if (c < 0x80) {
    *cp = (long)c;
    return 1;
  }
  if (c >= 0xc2 && c <= 0xdf) n = 2, v = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef) n = 3, v = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4) n = 4, v = c & 0x07;
  else return 0;
  for (int i = 1; i < n; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    v = (v << 6) | (s[i] & 0x3f);
  }
  if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) || (v >= 0xd800 && v <= 0xdfff))
    return 0;
  *cp = v;
  return n;
}

size_t bmd_kml_text(char *out, size_t cap, const char *str) {
  static const char fffd[] = "\xef\xbf\xbd";
  const unsigned char *s = (const unsigned char *)(str ? str : "");
  size_t need = 0, put = 0;
  int full = cap == 0;
  while (*s) {
    long cp;
    int n = utf8_len(s, &cp), ok;
    const char *piece = (const char *)s;
    size_t k;
    /* XML 1.0 sec. 2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] */
    ok = n > 0 && (cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp != 0xfffe && cp != 0xffff));
    if (!ok) {
      piece = fffd;
      k = 3;
      if (n == 0) n = 1;
    } else {
      k = (size_t)n;
    }
    if (!full && put + k < cap) {
      memcpy(out + put, piece, k);
      put += k;
    } else {
      full = 1;
    }
    need += k;
    s += n;
  }
  if (cap > 0) out[put] = '\0';
  return need;
}

/* text safe for XML, in k's scratch buffer (NULL when out of memory) */
static const xmlChar *xml_text(struct bmd_kml *k, const char *s) {
  size_t need = bmd_kml_text(NULL, 0, s) + 1;
  if (need > k->text_cap) {
    char *t = realloc(k->text, need);
    if (!t) {
      k->bad = 1;
      return NULL;
    }
    k->text = t;
    k->text_cap = need;
  }
  bmd_kml_text(k->text, k->text_cap, s);
  return (const xmlChar *)k->text;
}

#define TRY(call)                \
  do {                           \
    if ((call) < 0) k->bad = 1;  \
  } while (0)

static void element(struct bmd_kml *k, const char *name, const char *text) {
  const xmlChar *t = xml_text(k, text);
  if (t) TRY(xmlTextWriterWriteElement(k->w, (const xmlChar *)name, t));
}

struct bmd_kml *bmd_kml_open(FILE *fp, const char *name) {
  struct bmd_kml *k = calloc(1, sizeof *k);
  xmlOutputBufferPtr out;
  if (!k) return NULL;
  k->fp = fp;
  /* libxml2's error handler is per thread: silenced for this document, restored at close */
  k->old_err = xmlGenericError;
  k->old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, quiet);
  out = xmlOutputBufferCreateIO(io_write, io_close, k, NULL);
  k->w = out ? xmlNewTextWriter(out) : NULL;
  if (!k->w) {
    if (out) xmlOutputBufferClose(out);
    xmlSetGenericErrorFunc(k->old_ctx, k->old_err);
    free(k);
    return NULL;
  }
  /* one element per line, not indented: readable, and 30% smaller than indented */
  TRY(xmlTextWriterSetIndent(k->w, 1));
  TRY(xmlTextWriterSetIndentString(k->w, (const xmlChar *)""));
  TRY(xmlTextWriterStartDocument(k->w, NULL, "UTF-8", NULL));
  TRY(xmlTextWriterStartElement(k->w, (const xmlChar *)"kml"));
  TRY(xmlTextWriterWriteAttribute(k->w, (const xmlChar *)"xmlns", (const xmlChar *)"http://www.opengis.net/kml/2.2"));
  TRY(xmlTextWriterWriteAttribute(k->w, (const xmlChar *)"xmlns:gx", (const xmlChar *)"http://www.google.com/kml/ext/2.2"));
  TRY(xmlTextWriterStartElement(k->w, (const xmlChar *)"Document"));
  element(k, "name", name);
  return k;
}

int bmd_kml_style(struct bmd_kml *k, const char *id, const char *abgr, int width, const char *icon_href) {
  char wbuf[24];
  const xmlChar *t;
  if (!k) return -1;
  TRY(xmlTextWriterStartElement(k->w, (const xmlChar *)"Style"));
  if ((t = xml_text(k, id))) TRY(xmlTextWriterWriteAttribute(k->w, (const xmlChar *)"id", t));
  TRY(xmlTextWriterStartElement(k->w, (const xmlChar *)"LineStyle"));
  element(k, "color", abgr);
  snprintf(wbuf, sizeof wbuf, "%d", width);
  element(k, "width", wbuf);
  TRY(xmlTextWriterEndElement(k->w));
  if (icon_href) {
    TRY(xmlTextWriterStartElement(k->w, (const xmlChar *)"IconStyle"));
    TRY(xmlTextWriterStartElement(k->w, (const xmlChar *)"Icon"));
    element(k, "href", icon_href);
    TRY(xmlTextWriterEndElement(k->w));
    TRY(xmlTextWriterEndElement(k->w));
  }
  TRY(xmlTextWriterEndElement(k->w));
  return k->bad ? -1 : 0;
}

/* ISO 8601 UTC with milliseconds */
static void iso8601(double unix_s, char *buf, size_t n) {
  time_t t = (time_t)floor(unix_s);
  struct tm tm;
  size_t k;
  int ms = (int)((unix_s - floor(unix_s)) * 1000.0) % 1000;
  gmtime_r(&t, &tm);
  k = strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(buf + k, n - k, ".%03dZ", ms);
}

/* "lon lat alt" (gx:coord) or "lon,lat,0" (coordinates): numbers as printf's %.*f */
static void coord(char *buf, size_t n, double lon, double lat, double alt, int ll_dec, int alt_dec, int point) {
  char a[64], b[64], c[64];
  bmd_fmt_fixed(a, sizeof a, lon, ll_dec);
  bmd_fmt_fixed(b, sizeof b, lat, ll_dec);
  if (point) snprintf(buf, n, "%s,%s,0", a, b);
  else {
    bmd_fmt_fixed(c, sizeof c, alt, alt_dec);
    snprintf(buf, n, "%s %s %s", a, b, c);
  }
}

int bmd_kml_track(struct bmd_kml *k, const char *name, const char *style, int n, const double *t_unix_s,
                  const double *lon, const double *lat, const double *alt, int ll_dec, int alt_dec) {
  char buf[200];
  if (!k) return -1;
  TRY(xmlTextWriterStartElement(k->w, (const xmlChar *)"Placemark"));
  element(k, "name", name);
  if (style) {
    snprintf(buf, sizeof buf, "#%s", style);
    element(k, "styleUrl", buf);
  }
  TRY(xmlTextWriterStartElement(k->w, (const xmlChar *)"gx:Track"));
  element(k, "altitudeMode", "absolute");
  for (int i = 0; i < n; i++) {
    iso8601(t_unix_s[i], buf, sizeof buf);
    TRY(xmlTextWriterWriteElement(k->w, (const xmlChar *)"when", (const xmlChar *)buf));
  }
  for (int i = 0; i < n; i++) {
    coord(buf, sizeof buf, lon[i], lat[i], alt[i], ll_dec, alt_dec, 0);
    TRY(xmlTextWriterWriteElement(k->w, (const xmlChar *)"gx:coord", (const xmlChar *)buf));
  }
  TRY(xmlTextWriterEndElement(k->w));
  TRY(xmlTextWriterEndElement(k->w));
  return k->bad ? -1 : 0;
}

int bmd_kml_point(struct bmd_kml *k, const char *name, double lon, double lat, int ll_dec) {
  char buf[200];
  if (!k) return -1;
  TRY(xmlTextWriterStartElement(k->w, (const xmlChar *)"Placemark"));
  element(k, "name", name);
  TRY(xmlTextWriterStartElement(k->w, (const xmlChar *)"Point"));
  coord(buf, sizeof buf, lon, lat, 0.0, ll_dec, 0, 1);
  TRY(xmlTextWriterWriteElement(k->w, (const xmlChar *)"coordinates", (const xmlChar *)buf));
  TRY(xmlTextWriterEndElement(k->w));
  TRY(xmlTextWriterEndElement(k->w));
  return k->bad ? -1 : 0;
}

int bmd_kml_close(struct bmd_kml *k) {
  int bad, e;
  if (!k) return 0;
  TRY(xmlTextWriterEndDocument(k->w));   /* closes Document and kml */
  TRY(xmlTextWriterFlush(k->w));
  xmlFreeTextWriter(k->w);               /* the FILE stays open: the caller's */
  xmlSetGenericErrorFunc(k->old_ctx, k->old_err);
  bad = k->bad || k->err;
  e = k->err;
  errno = 0;
  if (fflush(k->fp) != 0 || ferror(k->fp)) {
    bad = 1;
    if (!e) e = errno;
  }
  free(k->text);
  free(k);
  if (bad) {
    errno = e ? e : EIO;
    return -1;
  }
  return 0;
}
