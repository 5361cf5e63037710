/*
 * geojson.h - GeoJSON FeatureCollections (RFC 7946) written through cJSON: each feature
 * is built as a cJSON tree and printed by cJSON, so that every string (ids, names, notes
 * from input) is escaped by the library (RFC 8259 sec. 7), never by hand.
 *
 * Numbers: cJSON prints doubles with "%.15g" or "%.17g"; coordinates and measurements are
 * written instead with a fixed number of decimals (printf's "%.*f", through fmt.h) as
 * raw cJSON items (bmd_geojson_fixed), which keeps the files as small and the digits as
 * meaningful as before (5 decimals of a degree are 1 m) and formats 17,000 cells' worth
 * of numbers several times faster than cJSON would (BENCHMARKS.md).
 *
 * Features are streamed: each one is printed and freed as soon as it is complete, so that
 * a 100 MB collection never sits in memory. Layout: the opening
 * {"type":"FeatureCollection","features":[ then one feature per line, then ]}.
 *
 * Use:
 *   struct bmd_geojson g;
 *   bmd_geojson_begin(&g, fp);
 *   cJSON *f = bmd_geojson_feature_alloc(), *p = cJSON_AddObjectToObject(f, "properties");
 *   cJSON_AddStringToObject(p, "id", id);
 *   cJSON_AddItemToObject(f, "geometry", bmd_geojson_point(lon, lat, 5));
 *   bmd_geojson_put(&g, f);                        prints and frees f
 *   if (bmd_geojson_end(&g) != 0) ... errno says why
 */
#ifndef BMD_GEOJSON_H
#define BMD_GEOJSON_H

#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

struct bmd_geojson {
  FILE *fp;
  long n;          /* features written */
  int err;         /* errno of the first failure, 0 while none */
  char *buf;       /* print buffer, reused from feature to feature */
  size_t cap;
};

/* bmd_geojson_begin - start a FeatureCollection on fp (opened and closed by the caller). */
void bmd_geojson_begin(struct bmd_geojson *g, FILE *fp);

/* bmd_geojson_put - print feature f (any cJSON object; NULL counts as out of memory) as
   the next feature and free it. */
void bmd_geojson_put(struct bmd_geojson *g, cJSON *f);

/* bmd_geojson_end - close the collection and flush. Returns 0, or -1 with errno set from
   the first failure (ENOSPC for a full disk, ENOMEM). Frees the print buffer. */
int bmd_geojson_end(struct bmd_geojson *g);

/* bmd_geojson_feature_alloc - a new {"type":"Feature"} to which the caller adds
   "geometry" and "properties" in the order it likes; NULL if out of memory. */
cJSON *bmd_geojson_feature_alloc(void);

/* bmd_geojson_fixed - a number item printed as printf's "%.*f" (decimals 0..9); JSON
   null when v is not finite. NULL if out of memory. */
cJSON *bmd_geojson_fixed(double v, int decimals);

/* Properties added to object o under key. The key is not copied: give a string literal (or
   text that outlives o). Strings are copied and escaped by cJSON; numbers are raw items
   (cJSON's own number printing, "%1.15g" then a read-back, costs several times more). */
/* bmd_geojson_add_fixed - bmd_geojson_fixed(v, decimals). */
void bmd_geojson_add_fixed(cJSON *o, const char *key, double v, int decimals);
/* bmd_geojson_add_int - a whole number. */
void bmd_geojson_add_int(cJSON *o, const char *key, long v);
/* bmd_geojson_add_string - a string (any text: cJSON escapes it). */
void bmd_geojson_add_string(cJSON *o, const char *key, const char *s);
/* bmd_geojson_add_bool - true or false. */
void bmd_geojson_add_bool(cJSON *o, const char *key, int b);
/* bmd_geojson_add_object, _add_array - a new empty object or array under key; returns it
   (NULL if out of memory). */
cJSON *bmd_geojson_add_object(cJSON *o, const char *key);
cJSON *bmd_geojson_add_array(cJSON *o, const char *key);

/* bmd_geojson_point - {"type":"Point","coordinates":[lon,lat]} (decimals each). */
cJSON *bmd_geojson_point(double lon_deg, double lat_deg, int decimals);

/* bmd_geojson_line - {"type":"LineString","coordinates":[[lon,lat(,alt)],...]} of n
   positions; alt_m may be NULL (2-D positions). ll_dec, alt_dec: decimals. */
cJSON *bmd_geojson_line(int n, const double *lon_deg, const double *lat_deg, const double *alt_m,
                        int ll_dec, int alt_dec);

/* bmd_geojson_position - [lon,lat] or [lon,lat,alt] (alt not finite: 2-D) as one raw item. */
cJSON *bmd_geojson_position(double lon_deg, double lat_deg, double alt_m, int ll_dec, int alt_dec);

#endif
