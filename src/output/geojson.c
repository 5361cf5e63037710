/* geojson.c - GeoJSON through cJSON (geojson.h). */
#include <bmd/geojson.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/fmt.h>

void bmd_geojson_begin(struct bmd_geojson *g, FILE *fp) {
  g->fp = fp;
  g->n = 0;
  g->err = 0;
  g->buf = NULL;
  g->cap = 0;
  errno = 0;
  if (fputs("{\"type\":\"FeatureCollection\",\"features\":[", fp) < 0) g->err = errno ? errno : EIO;
}

void bmd_geojson_put(struct bmd_geojson *g, cJSON *f) {
  if (!f) {
    if (!g->err) g->err = ENOMEM;
    return;
  }
  if (!g->err) {
    /* cJSON_PrintPreallocated into the reused buffer (one malloc per collection, not one
       per feature); a buffer too small is doubled and the feature printed again */
    if (!g->buf) {
      g->cap = 65536;
      g->buf = malloc(g->cap);
      if (!g->buf) g->err = ENOMEM;
    }
    while (!g->err && !cJSON_PrintPreallocated(f, g->buf, (int)g->cap, 0)) {
      char *nb = g->cap < (1u << 30) ? realloc(g->buf, g->cap * 2) : NULL;
      if (!nb) g->err = ENOMEM;
      else g->buf = nb, g->cap *= 2;
    }
    if (!g->err) {
      errno = 0;
      if (fputs(g->n ? ",\n" : "\n", g->fp) < 0 || fputs(g->buf, g->fp) < 0) g->err = errno ? errno : EIO;
      g->n++;
    }
  }
  cJSON_Delete(f);
}

int bmd_geojson_end(struct bmd_geojson *g) {
  if (!g->err) {
    errno = 0;
    if (fputs("\n]}\n", g->fp) < 0 || fflush(g->fp) != 0 || ferror(g->fp)) g->err = errno ? errno : EIO;
  }
  free(g->buf);
  g->buf = NULL;
  g->cap = 0;
  if (g->err) {
    errno = g->err;
    return -1;
  }
  return 0;
}

cJSON *bmd_geojson_feature_alloc(void) {
  cJSON *f = cJSON_CreateObject(), *t = cJSON_CreateStringReference("Feature");
  if (!f || !t || !cJSON_AddItemToObjectCS(f, "type", t)) {
    cJSON_Delete(t);
    cJSON_Delete(f);
    return NULL;
  }
  return f;
}

cJSON *bmd_geojson_fixed(double v, int decimals) {
  char t[352];
  if (!isfinite(v)) return cJSON_CreateNull();
  bmd_fmt_fixed(t, sizeof t, v, decimals);
  return cJSON_CreateRaw(t);
}

/* x added under a key that is not copied (cJSON_AddItemToObjectCS) */
static void add_cs(cJSON *o, const char *key, cJSON *x) {
  if (x && (!o || !cJSON_AddItemToObjectCS(o, key, x))) cJSON_Delete(x);
}

void bmd_geojson_add_fixed(cJSON *o, const char *key, double v, int decimals) {
  add_cs(o, key, bmd_geojson_fixed(v, decimals));
}

void bmd_geojson_add_int(cJSON *o, const char *key, long v) {
  char t[24];
  bmd_fmt_int(t, v);
  add_cs(o, key, cJSON_CreateRaw(t));
}

void bmd_geojson_add_string(cJSON *o, const char *key, const char *s) {
  add_cs(o, key, cJSON_CreateString(s ? s : ""));
}

void bmd_geojson_add_bool(cJSON *o, const char *key, int b) {
  add_cs(o, key, cJSON_CreateBool(b));
}

cJSON *bmd_geojson_add_object(cJSON *o, const char *key) {
  cJSON *x = cJSON_CreateObject();
  if (x && (!o || !cJSON_AddItemToObjectCS(o, key, x))) {
    cJSON_Delete(x);
    return NULL;
  }
  return x;
}

cJSON *bmd_geojson_add_array(cJSON *o, const char *key) {
  cJSON *x = cJSON_CreateArray();
  if (x && (!o || !cJSON_AddItemToObjectCS(o, key, x))) {
    cJSON_Delete(x);
    return NULL;
  }
  return x;
}

/* "[lon,lat]" or "[lon,lat,alt]" into t */
static void position_text(char *t, size_t cap, double lon, double lat, double alt, int ll_dec, int alt_dec) {
  size_t n = 0;
  t[n++] = '[';
  n += (size_t)bmd_fmt_fixed(t + n, cap - n, lon, ll_dec);
  t[n++] = ',';
  n += (size_t)bmd_fmt_fixed(t + n, cap - n, lat, ll_dec);
  if (isfinite(alt)) {
    t[n++] = ',';
    n += (size_t)bmd_fmt_fixed(t + n, cap - n, alt, alt_dec);
  }
  t[n++] = ']';
  t[n] = '\0';
}

cJSON *bmd_geojson_position(double lon, double lat, double alt, int ll_dec, int alt_dec) {
  char t[1100];
  /* a non-finite coordinate would be "nan" in the raw text: JSON has no such number */
  if (!isfinite(lon) || !isfinite(lat)) return cJSON_CreateNull();
  position_text(t, sizeof t, lon, lat, alt, ll_dec, alt_dec);
  return cJSON_CreateRaw(t);
}

cJSON *bmd_geojson_point(double lon, double lat, int decimals) {
  cJSON *g = cJSON_CreateObject(), *c;
  if (!g) return NULL;
  add_cs(g, "type", cJSON_CreateStringReference("Point"));
  c = bmd_geojson_position(lon, lat, (double)NAN, decimals, 0);
  if (!c || !cJSON_AddItemToObjectCS(g, "coordinates", c)) {
    cJSON_Delete(c);
    cJSON_Delete(g);
    return NULL;
  }
  return g;
}

cJSON *bmd_geojson_line(int n, const double *lon, const double *lat, const double *alt, int ll_dec, int alt_dec) {
  /* the coordinate array as one raw item: one allocation instead of one per number */
  size_t cap = (size_t)(n > 0 ? n : 1) * 80 + 8, k = 0;
  char *t = malloc(cap);
  cJSON *g = cJSON_CreateObject(), *c = NULL;
  if (!t || !g) goto fail;
  add_cs(g, "type", cJSON_CreateStringReference("LineString"));
  t[k++] = '[';
  for (int i = 0; i < n; i++) {
    char p[1100];
    size_t m;
    if (!isfinite(lon[i]) || !isfinite(lat[i]) || (alt && !isfinite(alt[i]))) {
      errno = EDOM;   /* GeoJSON has no non-finite number */
      goto fail;
    }
    position_text(p, sizeof p, lon[i], lat[i], alt ? alt[i] : (double)NAN, ll_dec, alt_dec);
    m = strlen(p);
    if (k + m + 3 > cap) {
      char *nt = realloc(t, 2 * cap + m);
      if (!nt) goto fail;
      t = nt;
      cap = 2 * cap + m;
    }
    if (i) t[k++] = ',';
    memcpy(t + k, p, m);
    k += m;
  }
  t[k++] = ']';
  t[k] = '\0';
  c = cJSON_CreateRaw(t);
  if (!c || !cJSON_AddItemToObjectCS(g, "coordinates", c)) goto fail;
  free(t);
  return g;
fail:
  cJSON_Delete(c);
  cJSON_Delete(g);
  free(t);
  return NULL;
}
