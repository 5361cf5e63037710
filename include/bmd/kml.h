/*
 * kml.h - KML documents (OGC 07-147r2, KML 2.2, with Google's gx:Track extension for
 * time-stamped tracks) written through libxml2's xmlTextWriter, the one module that talks
 * to libxml2 (style.md, rule 10): element and attribute text is escaped by the library,
 * never by hand.
 *
 * Text from input (ids, names) may hold anything. XML 1.0 (sec. 2.2) cannot carry the C0
 * controls other than TAB, LF and CR, nor U+FFFE/U+FFFF, nor bytes that are not UTF-8:
 * each of those is written as U+FFFD (the replacement character), everything else as
 * given (a KML reader gets back exactly the text of a printable id, "<", "&", quotes,
 * newlines and non-ASCII included).
 *
 * Use:
 *   struct bmd_kml *k = bmd_kml_open(fp, "bmdsim run: epaa-phase3");
 *   bmd_kml_style(k, "threat", "ff0000ff", 2, NULL);
 *   bmd_kml_track(k, "T1 shahab-3 (killed)", "threat", n, t_unix_s, lon, lat, alt, 5, 0);
 *   bmd_kml_point(k, "deveselu (sm-3-iib)", lon, lat, 5);
 *   if (bmd_kml_close(k) != 0) ... errno says why
 */
#ifndef BMD_KML_H
#define BMD_KML_H

#include <stdio.h>

struct bmd_kml;

/* bmd_kml_open - start a KML document on fp (opened and closed by the caller): the XML
   declaration, <kml> with the KML 2.2 and gx namespaces, <Document> and its <name>.
   NULL if out of memory. */
struct bmd_kml *bmd_kml_open(FILE *fp, const char *name);

/* bmd_kml_style - a shared <Style id="id">: a line of colour abgr ("aabbggrr", KML's
   order) and width in pixels, and, if icon_href is not NULL, an icon. */
int bmd_kml_style(struct bmd_kml *k, const char *id, const char *abgr, int width,
                  const char *icon_href);

/* bmd_kml_track - a Placemark holding a gx:Track of n points: times t_unix_s (s since
   1970, written as ISO 8601 UTC with milliseconds), longitudes and latitudes (deg, ll_dec
   decimals) and altitudes above the ellipsoid (m, alt_dec decimals; altitudeMode
   absolute). style: a style id or NULL. */
int bmd_kml_track(struct bmd_kml *k, const char *name, const char *style, int n,
                  const double *t_unix_s, const double *lon_deg, const double *lat_deg,
                  const double *alt_m, int ll_dec, int alt_dec);

/* bmd_kml_point - a Placemark with a Point on the ground at (lon_deg, lat_deg). */
int bmd_kml_point(struct bmd_kml *k, const char *name, double lon_deg, double lat_deg,
                  int ll_dec);

/* bmd_kml_close - end the document, flush and free k (accepts NULL). Returns 0, or -1
   when any write failed (errno set from the stream, ENOSPC for a full disk). */
int bmd_kml_close(struct bmd_kml *k);

/* bmd_kml_text - s with what XML cannot carry replaced by U+FFFD (above), into out (cap
   bytes, NUL-terminated, whole characters only); returns the length it needs. */
size_t bmd_kml_text(char *out, size_t cap, const char *s);

#endif
