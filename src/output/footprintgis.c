/* footprintgis.c - the footprint as a GeoTIFF and as merged-class GeoJSON, through GDAL/OGR
   (footprintgis.h). The one module that includes GDAL's headers. */
#include <bmd/footprintgis.h>

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <gdal_alg.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <bmd/const.h>
#include <bmd/fmt.h>
#include <bmd/geojson.h>
#include <bmd/status.h>

/* ---- GDAL, opened on first use ------------------------------------------------------------ */

#define GDAL_FUNCTIONS(X)                                                                         \
  X(GDALAllRegister) X(GDALGetDriverByName) X(GDALCreate) X(GDALClose) X(GDALSetGeoTransform)   \
  X(GDALSetProjection) X(GDALGetRasterBand) X(GDALSetRasterNoDataValue) X(GDALSetDescription)    \
  X(GDALSetMetadataItem) X(GDALSetRasterUnitType) X(GDALRasterIO) X(GDALSetCacheMax64)           \
  X(GDALGetMaskBand) X(GDALPolygonize) X(GDALDatasetCreateLayer) X(CPLSetThreadLocalConfigOption)   \
  X(OGR_Fld_Create) X(OGR_Fld_Destroy) X(OGR_L_CreateField) X(OGR_L_ResetReading)                \
  X(OGR_L_GetNextFeature) X(OGR_F_GetFieldAsInteger) X(OGR_F_GetGeometryRef) X(OGR_F_Destroy)    \
  X(OGR_G_GetGeometryCount) X(OGR_G_GetGeometryRef) X(OGR_G_GetPointCount) X(OGR_G_GetX)         \
  X(OGR_G_GetY) X(OSRNewSpatialReference) X(OSRImportFromEPSG) X(OSRExportToWkt)                 \
  X(OSRDestroySpatialReference) X(VSIFree) X(CPLGetLastErrorMsg) X(CPLGetLastErrorType) X(CPLErrorReset)                \
  X(CPLPushErrorHandler) X(CPLPopErrorHandler) X(CPLQuietErrorHandler)

static struct {
#define X(name) __typeof__(name) *name;
  GDAL_FUNCTIONS(X)
#undef X
} G;
static const char *g_why;   /* why GDAL could not be loaded (NULL: it was) */
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

#if defined(BMD_GDAL_SONAME)
#include <dlfcn.h>

/* dlsym's object pointer as a function pointer (POSIX dlsym: the two have one size) */
static int find(void *lib, const char *name, void *fn, size_t size) {
  void *sym = dlsym(lib, name);
  if (!sym) return 0;
  memcpy(fn, &sym, size);
  return 1;
}

static void load_gdal(void) {
  void *lib = dlopen(BMD_GDAL_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    g_why = "cannot open " BMD_GDAL_SONAME " (Debian: apt-get install libgdal32)";
    return;
  }
#define X(name)                                    \
  if (!find(lib, #name, &G.name, sizeof G.name)) { \
    g_why = BMD_GDAL_SONAME " has no " #name;      \
    return;                                        \
  }
  GDAL_FUNCTIONS(X)
#undef X
}
#else
static void load_gdal(void) {
#define X(name) G.name = name;
  GDAL_FUNCTIONS(X)
#undef X
}
#endif

static void gdal_init(void) {
  load_gdal();
  if (g_why) return;
  G.GDALAllRegister();
  /* GDAL's block cache defaults to 5% of the machine's memory: writing a GeoTIFF band by
     band would keep all of it there */
  G.GDALSetCacheMax64((GIntBig)16 << 20);
}

int bmd_footprintgis_available(char *why, size_t n) {
  pthread_once(&g_once, gdal_init);
  if (g_why) {
    if (why && n) snprintf(why, n, "%s", g_why);
    return BMD_ENOTFOUND;
  }
  if (why && n) why[0] = '\0';
  return BMD_OK;
}

/* ---- areas --------------------------------------------------------------------------------- */

double bmd_footprintgis_ring_area_m2(int n, const double *lon_deg, const double *lat_deg) {
  /* Green's theorem with P = -sin(lat), Q = 0: dA = R^2 cos(lat) dlat dlon = R^2 (dQ/dlon -
     dP/dlat) dlat dlon, so A = R^2 * (ring integral of -sin(lat) dlon), exact on meridians
     (dlon = 0) and parallels (sin(lat) constant); the trapezoid is exact on both */
  double s = 0.0;
  for (int i = 0; i + 1 < n; i++)
    s -= (lon_deg[i + 1] - lon_deg[i]) * BMD_DEG * 0.5 * (sin(lat_deg[i] * BMD_DEG) + sin(lat_deg[i + 1] * BMD_DEG));
  return BMD_SPHERE_R_M * BMD_SPHERE_R_M * s;
}

/* ---- the GeoTIFF --------------------------------------------------------------------------- */

/* the per-launch values, as footprint.csv's columns */
enum {
  V_STATUS, V_RANGE_KM, V_AZIMUTH_DEG, V_TOF_S, V_APOGEE_KM, V_CUE_T_S, V_FIRM_T_S, V_OPP, V_FIRST_ALT_KM,
  V_FIRST_T_S, V_FIRST_SITE, V_KIN_OPP, V_KIN_FIRST_ALT_KM, NV
};
static const struct {
  const char *name, *unit;
} values[NV] = {{"status", ""},
                {"range_km", "km"},
                {"azimuth_deg", "deg"},
                {"time_of_flight_s", "s"},
                {"apogee_km", "km"},
                {"cue_t_s", "s"},
                {"firm_track_t_s", "s"},
                {"opportunities", ""},
                {"earliest_intercept_alt_km", "km"},
                {"earliest_intercept_t_s", "s"},
                {"first_site", ""},
                {"kinematic_opportunities", ""},
                {"kinematic_earliest_alt_km", "km"}};

#define NODATA ((double)NAN)   /* the bands' nodata value */

static double cell_value(const struct bmd_footprint_cell *c, int v) {
  int ok = c->status == BMD_FOOTPRINT_OK;
  switch (v) {
  case V_STATUS: return c->status;
  case V_RANGE_KM: return c->range_m / 1e3;
  case V_AZIMUTH_DEG: return c->az_deg;
  case V_TOF_S: return ok ? (double)c->tof_s : NODATA;
  case V_APOGEE_KM: return ok ? (double)c->apogee_alt_m / 1e3 : NODATA;
  case V_CUE_T_S: return ok ? (double)c->cue_t_s : NODATA;
  case V_FIRM_T_S: return ok ? (double)c->firm_t_s : NODATA;
  case V_OPP: return ok ? c->opportunities : NODATA;
  case V_FIRST_ALT_KM: return ok ? (double)c->first_alt_m / 1e3 : NODATA;
  case V_FIRST_T_S: return ok ? (double)c->first_t_s : NODATA;
  case V_FIRST_SITE: return ok && c->first_site >= 0 ? c->first_site : NODATA;
  case V_KIN_OPP: return ok ? c->kin_opportunities : NODATA;
  default: return ok ? (double)c->kin_first_alt_m / 1e3 : NODATA;
  }
}

/* a growable text for metadata values */
struct text {
  char *b;
  size_t n, cap;
  int oom;
};

static void t_add(struct text *t, const char *s) {
  size_t k = strlen(s);
  if (t->oom) return;
  if (t->n + k + 1 > t->cap) {
    size_t c = t->cap ? 2 * t->cap : 256;
    char *nb;
    while (c < t->n + k + 1) c *= 2;
    if (!(nb = realloc(t->b, c))) {
      t->oom = 1;
      return;
    }
    t->b = nb;
    t->cap = c;
  }
  memcpy(t->b + t->n, s, k + 1);
  t->n += k;
}

static const char *latlon_text(char *buf, size_t n, double lat, double lon) {
  snprintf(buf, n, "%.4f %s, %.4f %s", fabs(lat), lat < 0.0 ? "S" : "N", fabs(lon), lon < 0.0 ? "W" : "E");
  return buf;
}

/* the dataset's metadata: what the file holds and what its numbers mean */
static int set_metadata(GDALDatasetH ds, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                        const struct bmd_footprint *f) {
  struct text t = {NULL, 0, 0, 0};
  char b[256], ll[96];
  G.GDALSetMetadataItem(ds, "SOURCE", "bmdsim footprint", NULL);
  G.GDALSetMetadataItem(ds, "SCENARIO", sc->name, NULL);
  G.GDALSetMetadataItem(ds, "MISSILE", o->missile->name, NULL);
  snprintf(b, sizeof b, "%g", o->rcs_dbsm);
  G.GDALSetMetadataItem(ds, "THREAT_RCS_DBSM", b, NULL);
  snprintf(b, sizeof b, "%g", f->grid_deg);
  G.GDALSetMetadataItem(ds, "GRID_DEG", b, NULL);
  G.GDALSetMetadataItem(ds, "TRAJECTORIES",
                        o->exact ? "minimum-energy, aimed and flown per cell" : "minimum-energy, interpolated from a family", NULL);
  for (int k = 0; k < o->nlaunch; k++) {
    snprintf(b, sizeof b, "%s%s (%s)", k ? "; " : "", o->launch[k].name,
             latlon_text(ll, sizeof ll, o->launch[k].lat_deg, o->launch[k].lon_deg));
    t_add(&t, b);
  }
  G.GDALSetMetadataItem(ds, "LAUNCH_POINTS", t.b ? t.b : "", NULL);
  t.n = 0;
  if (t.b) t.b[0] = '\0';
  for (int s = 0; s < sc->nsites && s < 64; s++) {
    snprintf(b, sizeof b, "%s%d %s (%s)", s ? "; " : "", s, sc->sites[s].name, sc->sites[s].interceptor->name);
    t_add(&t, b);
  }
  G.GDALSetMetadataItem(ds, "SITES", t.b ? t.b : "", NULL);
  for (int c = 0; c < BMD_FOOTPRINT_NCLASS; c++) {
    char key[32];
    snprintf(key, sizeof key, "CLASS_%d", c);
    t.n = 0;
    if (t.b) t.b[0] = '\0';
    t_add(&t, bmd_footprint_class_name(c));
    t_add(&t, ": ");
    t_add(&t, bmd_footprint_class_meaning(c));
    G.GDALSetMetadataItem(ds, key, t.b ? t.b : "", NULL);
  }
  G.GDALSetMetadataItem(ds, "CLASS_NODATA", bmd_footprint_class_meaning(BMD_FOOTPRINT_CLASS_NONE), NULL);
  G.GDALSetMetadataItem(ds, "STATUS_CODES", "0 ok; 1 beyond-range; 2 too-close; 3 failed", NULL);
  G.GDALSetMetadataItem(ds, "COMBINED",
                        "bands 1-3 over all launch points: a cell is defended when every launch that reaches it can be "
                        "engaged; opportunities are the fewest among the launches that reach the cell", NULL);
  G.GDALSetMetadataItem(ds, "CELL_AREA",
                        "cells differ in area: R^2 dlon (sin lat1 - sin lat0) on the sphere of radius 6371008.8 m "
                        "(Snyder 1987); the defended fraction is area-weighted", NULL);
  G.GDALSetMetadataItem(ds, "NODATA", "NaN: no value (the threat does not reach the cell, or no intercept)", NULL);
  free(t.b);
  return t.oom ? BMD_ENOMEM : BMD_OK;
}

static int write_band(GDALDatasetH ds, int b, const struct bmd_footprint *f, float *row, int k, int v) {
  GDALRasterBandH h = G.GDALGetRasterBand(ds, b);
  for (int r = 0; r < f->nlat; r++) {
    int i = f->nlat - 1 - r;   /* north-up: raster row 0 is the northernmost cells */
    for (int j = 0; j < f->nlon; j++) {
      double x;
      if (k < 0) {
        int opp, kin;
        bmd_footprint_combined(f, i, j, &opp, &kin);
        if (v == 0) x = opp < 0 ? NODATA : bmd_footprint_class(opp, kin);
        else if (opp < 0) x = NODATA;
        else x = v == 1 ? opp : kin;
      } else {
        x = cell_value(bmd_footprint_at(f, k, i, j), v);
      }
      row[j] = (float)x;
    }
    if (G.GDALRasterIO(h, GF_Write, 0, r, f->nlon, 1, row, f->nlon, 1, GDT_Float32, 0, 0) != CE_None)
      return BMD_EIO;
  }
  return BMD_OK;
}

static void band_info(GDALDatasetH ds, int b, const char *desc, const char *unit) {
  GDALRasterBandH h = G.GDALGetRasterBand(ds, b);
  G.GDALSetDescription(h, desc);
  G.GDALSetRasterNoDataValue(h, NODATA);
  if (unit && *unit) G.GDALSetRasterUnitType(h, unit);
}

int bmd_footprintgis_geotiff(const char *path, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                             const struct bmd_footprint *f, char *why, size_t n) {
  char *opts[] = {"COMPRESS=DEFLATE", "PREDICTOR=3", "INTERLEAVE=BAND", "BIGTIFF=IF_SAFER", NULL};
  int nb = 3 + NV * f->nlaunch, st = BMD_OK;
  double gt[6];
  GDALDriverH drv;
  GDALDatasetH ds;
  OGRSpatialReferenceH srs;
  char *wkt = NULL;
  float *row;
  if ((st = bmd_footprintgis_available(why, n)) != BMD_OK) return st;
  if (!(row = malloc((size_t)f->nlon * sizeof *row))) return BMD_ENOMEM;
  G.CPLPushErrorHandler(G.CPLQuietErrorHandler);
  G.CPLErrorReset();
  /* everything in the one file: no .aux.xml beside it (GDAL's "persistent auxiliary
     metadata" would hold what TIFF tags cannot, under the temporary name) */
  G.CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
  drv = G.GDALGetDriverByName("GTiff");
  ds = drv ? G.GDALCreate(drv, path, f->nlon, f->nlat, nb, GDT_Float32, opts) : NULL;
  if (!ds) {
    snprintf(why, n, "%s", drv ? G.CPLGetLastErrorMsg() : "GDAL has no GTiff driver");
    G.CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", NULL);
    G.CPLPopErrorHandler();
    free(row);
    return BMD_EIO;
  }
  /* north-up: the west edge of column 0 and the north edge of row 0 */
  gt[0] = f->lon0_deg - 0.5 * f->grid_deg;
  gt[1] = f->grid_deg;
  gt[2] = 0.0;
  gt[3] = f->lat0_deg + ((double)f->nlat - 0.5) * f->grid_deg;
  gt[4] = 0.0;
  gt[5] = -f->grid_deg;
  G.GDALSetGeoTransform(ds, gt);
  srs = G.OSRNewSpatialReference(NULL);
  if (srs && G.OSRImportFromEPSG(srs, 4326) == OGRERR_NONE && G.OSRExportToWkt(srs, &wkt) == OGRERR_NONE)
    G.GDALSetProjection(ds, wkt);
  else
    st = BMD_EIO;
  G.VSIFree(wkt);
  G.OSRDestroySpatialReference(srs);
  if (st == BMD_OK) st = set_metadata(ds, sc, o, f);
  band_info(ds, 1, "class", NULL);
  band_info(ds, 2, "opportunities (combined)", NULL);
  band_info(ds, 3, "kinematic_opportunities (combined)", NULL);
  for (int k = 0; k < f->nlaunch; k++)
    for (int v = 0; v < NV; v++) {
      char d[BMD_NAME_MAX + 64];
      snprintf(d, sizeof d, "%s: %s", o->launch[k].name, values[v].name);
      band_info(ds, 4 + k * NV + v, d, values[v].unit);
    }
  for (int b = 1; b <= nb && st == BMD_OK; b++)
    st = b <= 3 ? write_band(ds, b, f, row, -1, b - 1) : write_band(ds, b, f, row, (b - 4) / NV, (b - 4) % NV);
  /* GDAL 3.6's GDALClose returns nothing: a failure to write the last blocks shows as an
     error recorded meanwhile */
  G.CPLErrorReset();
  G.GDALClose(ds);
  if (st == BMD_OK && G.CPLGetLastErrorType() >= CE_Failure) st = BMD_EIO;
  if (st == BMD_EIO) snprintf(why, n, "%s", *G.CPLGetLastErrorMsg() ? G.CPLGetLastErrorMsg() : "GDAL could not write");
  else if (st == BMD_ENOMEM) snprintf(why, n, "out of memory");
  G.CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", NULL);
  G.CPLPopErrorHandler();
  free(row);
  return st;
}

/* ---- the merged-class GeoJSON -------------------------------------------------------------- */

/* one ring of an OGR polygon as raw JSON text [[lon,lat],...] in the orientation asked
   (ccw: counterclockwise), longitudes shifted by shift_deg; its signed area (m2, before
   any reversal) in *area_m2. NULL if out of memory. */
static char *ring_text(OGRGeometryH ring, int ccw, double shift_deg, double *area_m2) {
  int np = G.OGR_G_GetPointCount(ring), rev;
  double *lon = malloc((size_t)(np > 0 ? np : 1) * sizeof *lon), *lat = malloc((size_t)(np > 0 ? np : 1) * sizeof *lat);
  size_t cap = (size_t)np * 48 + 8, k = 0;
  char *t = malloc(cap);
  if (!lon || !lat || !t) {
    free(lon);
    free(lat);
    free(t);
    return NULL;
  }
  for (int i = 0; i < np; i++) {
    lon[i] = G.OGR_G_GetX(ring, i);
    lat[i] = G.OGR_G_GetY(ring, i);
  }
  *area_m2 = bmd_footprintgis_ring_area_m2(np, lon, lat);
  rev = (*area_m2 > 0.0) != (ccw != 0);
  t[k++] = '[';
  for (int q = 0; q < np; q++) {
    int i = rev ? np - 1 - q : q;
    if (q) t[k++] = ',';
    t[k++] = '[';
    k += (size_t)bmd_fmt_fixed(t + k, cap - k, lon[i] + shift_deg, 6);
    t[k++] = ',';
    k += (size_t)bmd_fmt_fixed(t + k, cap - k, lat[i], 6);
    t[k++] = ']';
  }
  t[k++] = ']';
  t[k] = '\0';
  free(lon);
  free(lat);
  return t;
}

/* {"type":"Polygon","coordinates":[...]} of OGR polygon g (exterior counterclockwise,
   holes clockwise: RFC 7946 sec. 3.1.6) and its area on the sphere; NULL if out of memory */
static cJSON *polygon_json(OGRGeometryH g, double shift_deg, double *area_m2) {
  int nr = G.OGR_G_GetGeometryCount(g);
  size_t cap = 16, n = 1;
  char *all = malloc(cap);
  cJSON *o, *c;
  *area_m2 = 0.0;
  if (!all) return NULL;
  all[0] = '[';
  for (int r = 0; r < nr; r++) {
    double a;
    char *t = ring_text(G.OGR_G_GetGeometryRef(g, r), r == 0, shift_deg, &a), *nb;
    size_t k = t ? strlen(t) : 0;
    if (!t || !(nb = realloc(all, cap = n + k + 3))) {
      free(t);
      free(all);
      return NULL;
    }
    all = nb;
    if (r) all[n++] = ',';
    memcpy(all + n, t, k);
    n += k;
    free(t);
    *area_m2 += r == 0 ? fabs(a) : -fabs(a);
  }
  all[n++] = ']';
  all[n] = '\0';
  o = cJSON_CreateObject();
  bmd_geojson_add_string(o, "type", "Polygon");
  c = cJSON_CreateRaw(all);
  free(all);
  if (!o || !c || !cJSON_AddItemToObjectCS(o, "coordinates", c)) {
    cJSON_Delete(c);
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static cJSON *point_feature(double lat, double lon, const char *kind, const char *name) {
  cJSON *f = bmd_geojson_feature_alloc(), *p;
  cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_point(lon, lat, 5));
  p = bmd_geojson_add_object(f, "properties");
  bmd_geojson_add_string(p, "kind", kind);
  bmd_geojson_add_string(p, "name", name);
  return f;
}

static void layer_props(cJSON *p, const struct bmd_footprint_layer *y) {
  bmd_geojson_add_int(p, "cells_threatened", y->threatened.cells);
  bmd_geojson_add_int(p, "cells_defended", y->defended.cells);
  bmd_geojson_add_fixed(p, "area_threatened_km2", y->threatened.area_km2, 0);
  bmd_geojson_add_fixed(p, "area_defended_km2", y->defended.area_km2, 0);
  bmd_geojson_add_fixed(p, "area_shoot_look_shoot_km2", y->shoot_look_shoot.area_km2, 0);
  bmd_geojson_add_fixed(p, "area_kinematic_reach_km2", y->kinematic.area_km2, 0);
  bmd_geojson_add_fixed(p, "defended_fraction", y->defended_fraction, 4);
}

/* the feature without geometry that says what the layer is (RFC 7946 sec. 3.2: a Feature's
   geometry may be null) */
static cJSON *summary_feature(const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                              const struct bmd_footprint *f, const struct bmd_footprint_summary *sm) {
  cJSON *ft = bmd_geojson_feature_alloc(), *p, *ls, *cl;
  if (!ft) return NULL;
  cJSON_AddNullToObject(ft, "geometry");
  p = bmd_geojson_add_object(ft, "properties");
  bmd_geojson_add_string(p, "kind", "summary");
  bmd_geojson_add_string(p, "scenario", sc->name);
  bmd_geojson_add_string(p, "missile", o->missile->name);
  bmd_geojson_add_fixed(p, "grid_deg", f->grid_deg, 4);
  bmd_geojson_add_int(p, "cells", (long)f->nlat * f->nlon);
  layer_props(p, &sm->combined);
  bmd_geojson_add_string(p, "defended_fraction_basis",
                         "area: area_defended_km2 / area_threatened_km2 (cells weighted by their area); a cell is "
                         "defended when every launch point that reaches it can be engaged");
  bmd_geojson_add_string(p, "areas",
                         "merged cells of one class; area_km2 on the sphere of radius 6371.0088 km, as the footprint "
                         "computes each cell's area");
  bmd_geojson_add_string(p, "per_cell_values", "footprint.tif (one band per value) and footprint.csv");
  ls = bmd_geojson_add_array(p, "launches");
  for (int k = 0; k < o->nlaunch && ls; k++) {
    cJSON *l = cJSON_CreateObject();
    if (!l) break;
    bmd_geojson_add_string(l, "launch", o->launch[k].name);
    bmd_geojson_add_fixed(l, "lat_deg", o->launch[k].lat_deg, 4);
    bmd_geojson_add_fixed(l, "lon_deg", o->launch[k].lon_deg, 4);
    layer_props(l, &sm->launch[k]);
    cJSON_AddItemToArray(ls, l);
  }
  cl = bmd_geojson_add_object(p, "classes");
  for (int c = 0; c < BMD_FOOTPRINT_NCLASS && cl; c++)
    bmd_geojson_add_string(cl, bmd_footprint_class_name(c), bmd_footprint_class_meaning(c));
  return ft;
}

/* the class raster in memory (nodata 255: not threatened) and its merged areas in an OGR
   memory layer; BMD_OK or BMD_ENOMEM/BMD_EIO */
static int polygonize(const struct bmd_footprint *f, GDALDatasetH *mem, GDALDatasetH *vec, OGRLayerH *layer) {
  GDALDriverH md = G.GDALGetDriverByName("MEM"), vd = G.GDALGetDriverByName("Memory");
  GDALRasterBandH b;
  OGRFieldDefnH fd;
  unsigned char *row;
  double gt[6] = {f->lon0_deg - 0.5 * f->grid_deg, f->grid_deg, 0.0,
                  f->lat0_deg + ((double)f->nlat - 0.5) * f->grid_deg, 0.0, -f->grid_deg};
  *mem = *vec = NULL;
  if (!md || !vd) return BMD_EIO;
  if (!(row = malloc((size_t)f->nlon))) return BMD_ENOMEM;
  *mem = G.GDALCreate(md, "", f->nlon, f->nlat, 1, GDT_Byte, NULL);
  *vec = G.GDALCreate(vd, "", 0, 0, 0, GDT_Unknown, NULL);
  if (!*mem || !*vec) {
    free(row);
    return BMD_ENOMEM;
  }
  G.GDALSetGeoTransform(*mem, gt);
  b = G.GDALGetRasterBand(*mem, 1);
  G.GDALSetRasterNoDataValue(b, 255.0);
  for (int r = 0; r < f->nlat; r++) {
    int i = f->nlat - 1 - r;
    for (int j = 0; j < f->nlon; j++) {
      int opp, kin, c;
      bmd_footprint_combined(f, i, j, &opp, &kin);
      c = bmd_footprint_class(opp, kin);
      row[j] = (unsigned char)(c < 0 ? 255 : c);
    }
    if (G.GDALRasterIO(b, GF_Write, 0, r, f->nlon, 1, row, f->nlon, 1, GDT_Byte, 0, 0) != CE_None) {
      free(row);
      return BMD_EIO;
    }
  }
  free(row);
  *layer = G.GDALDatasetCreateLayer(*vec, "classes", NULL, wkbPolygon, NULL);
  fd = G.OGR_Fld_Create("class", OFTInteger);
  if (!*layer || !fd || G.OGR_L_CreateField(*layer, fd, 1) != OGRERR_NONE) {
    if (fd) G.OGR_Fld_Destroy(fd);
    return BMD_ENOMEM;
  }
  G.OGR_Fld_Destroy(fd);
  /* 4-connected: cells of one class that touch only at a corner are separate areas, so
     every polygon is valid (no ring touches itself) */
  if (G.GDALPolygonize(b, G.GDALGetMaskBand(b), *layer, 0, NULL, NULL, NULL) != CE_None) return BMD_EIO;
  return BMD_OK;
}

int bmd_footprintgis_geojson(FILE *fp, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                             const struct bmd_footprint *f, const struct bmd_footprint_summary *sm) {
  struct bmd_geojson g;
  GDALDatasetH mem = NULL, vec = NULL;
  OGRLayerH layer = NULL;
  OGRFeatureH ft;
  int st;
  if (bmd_footprintgis_available(NULL, 0) != BMD_OK) {
    errno = ENOENT;
    return -1;
  }
  G.CPLPushErrorHandler(G.CPLQuietErrorHandler);
  st = polygonize(f, &mem, &vec, &layer);
  if (st != BMD_OK) {
    if (vec) G.GDALClose(vec);
    if (mem) G.GDALClose(mem);
    G.CPLPopErrorHandler();
    errno = st == BMD_ENOMEM ? ENOMEM : EIO;
    return -1;
  }
  bmd_geojson_begin(&g, fp);
  bmd_geojson_put(&g, summary_feature(sc, o, f, sm));
  G.OGR_L_ResetReading(layer);
  while ((ft = G.OGR_L_GetNextFeature(layer)) != NULL) {
    int c = G.OGR_F_GetFieldAsInteger(ft, 0);
    OGRGeometryH geom = G.OGR_F_GetGeometryRef(ft);
    double area_m2 = 0.0, shift = 0.0;
    cJSON *out = bmd_geojson_feature_alloc(), *p, *gj;
    /* a region across the antimeridian has longitudes beyond 180 east: an area wholly
       there is moved by -360 (RFC 7946 sec. 3.1.9); one that straddles 180 keeps them */
    {
      OGRGeometryH ext = G.OGR_G_GetGeometryRef(geom, 0);
      int np = G.OGR_G_GetPointCount(ext);
      double west = 1e9;
      for (int q = 0; q < np; q++) west = fmin(west, G.OGR_G_GetX(ext, q));
      if (west >= 180.0) shift = -360.0;
    }
    gj = polygon_json(geom, shift, &area_m2);
    if (!out || !gj) {
      cJSON_Delete(gj);
      cJSON_Delete(out);
      bmd_geojson_put(&g, NULL);   /* counts as out of memory */
      G.OGR_F_Destroy(ft);
      break;
    }
    cJSON_AddItemToObjectCS(out, "geometry", gj);
    p = bmd_geojson_add_object(out, "properties");
    bmd_geojson_add_string(p, "kind", "area");
    bmd_geojson_add_string(p, "class", bmd_footprint_class_name(c));
    bmd_geojson_add_int(p, "class_code", c);
    bmd_geojson_add_string(p, "label", bmd_footprint_class_label(c));
    bmd_geojson_add_int(p, "opportunities", bmd_footprint_class_opportunities(c));
    bmd_geojson_add_bool(p, "defended", c >= 2);
    bmd_geojson_add_bool(p, "shoot_look_shoot", c >= 3);
    bmd_geojson_add_bool(p, "kinematic_reach", c >= 1);
    bmd_geojson_add_fixed(p, "area_km2", area_m2 / 1e6, 1);
    bmd_geojson_put(&g, out);
    G.OGR_F_Destroy(ft);
  }
  G.GDALClose(vec);
  G.GDALClose(mem);
  G.CPLPopErrorHandler();
  for (int k = 0; k < o->nlaunch; k++)
    bmd_geojson_put(&g, point_feature(o->launch[k].lat_deg, o->launch[k].lon_deg, "launch", o->launch[k].name));
  for (int s = 0; s < sc->nsites; s++) {
    cJSON *x = point_feature(sc->sites[s].lat_deg, sc->sites[s].lon_deg, "site", sc->sites[s].name);
    cJSON *p = cJSON_GetObjectItemCaseSensitive(x, "properties");
    bmd_geojson_add_string(p, "interceptor", sc->sites[s].interceptor->name);
    bmd_geojson_add_int(p, "inventory", sc->sites[s].inventory);
    bmd_geojson_put(&g, x);
  }
  for (int q = 0; q < sc->nradars; q++) {
    cJSON *x = point_feature(sc->radars[q].lat_deg, sc->radars[q].lon_deg, "radar", sc->radars[q].name);
    cJSON *p = cJSON_GetObjectItemCaseSensitive(x, "properties");
    bmd_geojson_add_string(p, "radar", sc->radars[q].type->name);
    bmd_geojson_put(&g, x);
  }
  return bmd_geojson_end(&g);
}
