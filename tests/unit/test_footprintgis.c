/* test_footprintgis.c - the footprint's GeoTIFF and merged-class GeoJSON (footprintgis.h),
   on a hand-made footprint of 2 launch points over 40 x 60 cells of 0.25 deg (50-60 N,
   10-25 E) whose classes form rings, islands and single cells:
   - the ring-area formula against Snyder's quadrangle area (bmd_footprint_cell_area_m2, a
     closed form) for single cells, a block of cells and a quadrangle at the pole;
   - GeoJSON: every cell's centre lies in exactly one merged area, of the cell's class
     (bmd_footprint_class of bmd_footprint_combined), and none outside the threatened cells;
     the areas of each class add up (by the test's own line integral over the rings, and by
     their area_km2 properties) to the sum of that class's cell areas; exteriors
     counterclockwise, holes clockwise (RFC 7946); far fewer features than cells;
   - GeoTIFF read back with GDAL: EPSG:4326, the geotransform exactly the grid's edges
     (10 E, 60 N, 0.25 deg), band count and names, and every band's value of every cell the
     same as footprint.csv's (to the CSV's rounding), empty CSV fields NaN. */
#include <bmd/const.h>
#include <bmd/footprint.h>
#include <bmd/footprintgis.h>
#include <bmd/footprintout.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include "check.h"

#define NLAT 40
#define NLON 60
#define NL 2
#define G 0.25

static struct bmd_footprint_cell cells[NL * NLAT * NLON];

/* a footprint with rings and islands of classes: opportunities fall with the distance from
   a centre per launch; launch 1 cannot reach the eastmost columns; single cells sprinkled */
static void make(struct bmd_footprint *f) {
  memset(f, 0, sizeof *f);
  f->nlat = NLAT;
  f->nlon = NLON;
  f->nlaunch = NL;
  f->lat0_deg = 50.0 + 0.5 * G;
  f->lon0_deg = 10.0 + 0.5 * G;
  f->grid_deg = G;
  f->cell = cells;
  for (int k = 0; k < NL; k++)
    for (int i = 0; i < NLAT; i++)
      for (int j = 0; j < NLON; j++) {
        struct bmd_footprint_cell *c = &cells[((long)k * NLAT + i) * NLON + j];
        double di = i - (k ? 17.0 : 15.0), dj = j - (k ? 27.0 : 25.0), d = sqrt(di * di + dj * dj);
        memset(c, 0, sizeof *c);
        c->range_m = 1.5e6 + 1234.567 * (i + 3 * j) + 0.123 * k;
        c->az_deg = fmod(300.0 + 0.37 * i - 0.11 * j + k, 360.0);
        c->first_site = c->kin_first_site = -1;
        c->first_alt_m = c->first_t_s = c->kin_first_alt_m = c->firm_t_s = NAN;
        c->cue_t_s = (float)(61.0 + i);
        if ((k == 1 && j >= 52) || (i == 0 && j < 3)) {
          c->status = j >= 52 ? BMD_FOOTPRINT_BEYOND_RANGE : BMD_FOOTPRINT_TOO_CLOSE;
          continue;
        }
        if (k == 0 && i == 7 && j == 44) {
          c->status = BMD_FOOTPRINT_FAILED;
          continue;
        }
        c->status = BMD_FOOTPRINT_OK;
        c->tof_s = (float)(700.0 + 0.731 * d + k);
        c->apogee_alt_m = (float)(480e3 + 97.3 * (i + j));
        c->opportunities = d < 4 ? 6 : d < 7 ? 4 : d < 10 ? 3 : d < 14 ? 2 : d < 19 ? 1 : 0;
        if ((i * 7 + j * 13) % 23 == 0) c->opportunities = 1;   /* single cells */
        c->kin_opportunities = c->opportunities + (d < 24 ? 1 : 0);
        if (c->opportunities > 0) {
          c->first_site = (i + j) % 3;
          c->first_alt_m = (float)(150e3 + 311.1 * i);
          c->first_t_s = (float)(400.0 + 2.0 * j);
          c->firm_t_s = (float)(120.0 + i);
          c->sites = (uint64_t)1 << c->first_site;
        }
        if (c->kin_opportunities > 0) {
          c->kin_first_alt_m = (float)(170e3 + 17.7 * j);
          c->kin_sites = 7;
        }
      }
}

/* the test's own area of a ring of GeoJSON positions on the sphere (R = BMD_SPHERE_R_M):
   the ring as vertical strips, each edge along a parallel contributing
   R^2 (lon2 - lon1) sin(lat), signed by direction; meridian edges add nothing */
static double ring_area(const cJSON *ring) {
  int n = cJSON_GetArraySize(ring);
  double s = 0.0;
  for (int q = 0; q + 1 < n; q++) {
    const cJSON *a = cJSON_GetArrayItem(ring, q), *b = cJSON_GetArrayItem(ring, q + 1);
    double lon1 = cJSON_GetArrayItem(a, 0)->valuedouble, lat1 = cJSON_GetArrayItem(a, 1)->valuedouble;
    double lon2 = cJSON_GetArrayItem(b, 0)->valuedouble, lat2 = cJSON_GetArrayItem(b, 1)->valuedouble;
    CHECK(lat1 == lat2 || lon1 == lon2);   /* edges along meridians and parallels only */
    if (lat1 == lat2) s -= (lon2 - lon1) * BMD_DEG * sin(lat1 * BMD_DEG);
  }
  return s * BMD_SPHERE_R_M * BMD_SPHERE_R_M;
}

/* whether (x, y) is inside a ring (even-odd rule; no centre lies on an edge) */
static int in_ring(const cJSON *ring, double x, double y) {
  int n = cJSON_GetArraySize(ring), in = 0;
  for (int q = 0, p = n - 1; q < n; p = q++) {
    const cJSON *a = cJSON_GetArrayItem(ring, q), *b = cJSON_GetArrayItem(ring, p);
    double xa = cJSON_GetArrayItem(a, 0)->valuedouble, ya = cJSON_GetArrayItem(a, 1)->valuedouble;
    double xb = cJSON_GetArrayItem(b, 0)->valuedouble, yb = cJSON_GetArrayItem(b, 1)->valuedouble;
    if ((ya > y) != (yb > y) && x < (xb - xa) * (y - ya) / (yb - ya) + xa) in = !in;
  }
  return in;
}

static double planar_area(const cJSON *ring) {
  int n = cJSON_GetArraySize(ring);
  double s = 0.0;
  for (int q = 0; q + 1 < n; q++) {
    const cJSON *a = cJSON_GetArrayItem(ring, q), *b = cJSON_GetArrayItem(ring, q + 1);
    s += cJSON_GetArrayItem(a, 0)->valuedouble * cJSON_GetArrayItem(b, 1)->valuedouble -
         cJSON_GetArrayItem(b, 0)->valuedouble * cJSON_GetArrayItem(a, 1)->valuedouble;
  }
  return 0.5 * s;
}

static char *slurp(FILE *fp) {
  long n;
  char *b;
  fseek(fp, 0, SEEK_END);
  n = ftell(fp);
  rewind(fp);
  b = malloc((size_t)n + 1);
  if (!b) return NULL;
  b[fread(b, 1, (size_t)n, fp)] = 0;
  return b;
}

static void test_ring_area(void) {
  struct bmd_footprint f;
  memset(&f, 0, sizeof f);
  f.nlat = 400;
  f.lat0_deg = -89.875;
  f.grid_deg = G;
  /* one cell at 50-50.25 N: Snyder's area of the quadrangle */
  {
    double lon[5] = {10.0, 10.25, 10.25, 10.0, 10.0}, lat[5] = {50.0, 50.0, 50.25, 50.25, 50.0};
    double want = BMD_SPHERE_R_M * BMD_SPHERE_R_M * G * BMD_DEG * (sin(50.25 * BMD_DEG) - sin(50.0 * BMD_DEG));
    CHECK_REL(bmd_footprintgis_ring_area_m2(5, lon, lat), want, 1e-12);
    /* clockwise: the same area, negative */
    double lr[5] = {10.0, 10.0, 10.25, 10.25, 10.0}, ar[5] = {50.0, 50.25, 50.25, 50.0, 50.0};
    CHECK_REL(bmd_footprintgis_ring_area_m2(5, lr, ar), -want, 1e-12);
  }
  /* an L of three cells, 6 corners, against the cells' areas */
  {
    double lon[7] = {0.0, 0.5, 0.5, 0.25, 0.25, 0.0, 0.0}, lat[7] = {-0.25, -0.25, 0.0, 0.0, 0.25, 0.25, -0.25};
    struct bmd_footprint e = f;
    e.lat0_deg = -0.125;
    double want = 2.0 * bmd_footprint_cell_area_m2(&e, 0) + bmd_footprint_cell_area_m2(&e, 1);
    CHECK_REL(bmd_footprintgis_ring_area_m2(7, lon, lat), want, 1e-12);
  }
  /* the polar cap above 89.75 N over all longitudes: 2 pi R^2 (1 - sin 89.75) */
  {
    double lon[5] = {-180.0, 180.0, 180.0, -180.0, -180.0}, lat[5] = {89.75, 89.75, 90.0, 90.0, 89.75};
    double want = 2.0 * M_PI * BMD_SPHERE_R_M * BMD_SPHERE_R_M * (1.0 - sin(89.75 * BMD_DEG));
    CHECK_REL(bmd_footprintgis_ring_area_m2(5, lon, lat), want, 1e-9);
  }
}

static void test_geojson(const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                         const struct bmd_footprint *f) {
  struct bmd_footprint_summary sm;
  double class_area[BMD_FOOTPRINT_NCLASS] = {0}, poly_area[BMD_FOOTPRINT_NCLASS] = {0},
         prop_area[BMD_FOOTPRINT_NCLASS] = {0};
  int nfeat = 0, narea = 0, threatened = 0;
  FILE *fp = tmpfile();
  char *text;
  cJSON *d, *feats;
  CHECK_INT_EQ(bmd_footprint_summarize(f, 0, &sm), BMD_OK);
  CHECK(fp != NULL);
  if (!fp) return;
  CHECK_INT_EQ(bmd_footprintgis_geojson(fp, sc, o, f, &sm), 0);
  text = slurp(fp);
  fclose(fp);
  d = cJSON_Parse(text);
  free(text);
  CHECK(d != NULL);
  feats = cJSON_GetObjectItem(d, "features");
  nfeat = cJSON_GetArraySize(feats);
  /* each class's area from its cells (Snyder), the independent truth */
  for (int i = 0; i < NLAT; i++)
    for (int j = 0; j < NLON; j++) {
      int opp, kin, c;
      bmd_footprint_combined(f, i, j, &opp, &kin);
      c = bmd_footprint_class(opp, kin);
      if (c < 0) continue;
      threatened++;
      class_area[c] += bmd_footprint_cell_area_m2(f, i);
    }
  for (int q = 0; q < nfeat; q++) {
    const cJSON *ft = cJSON_GetArrayItem(feats, q), *p = cJSON_GetObjectItem(ft, "properties");
    const cJSON *geo = cJSON_GetObjectItem(ft, "geometry"), *rings;
    const char *kind = cJSON_GetStringValue(cJSON_GetObjectItem(p, "kind"));
    int c;
    if (q == 0) {
      /* the summary first: the numbers of footprint.json */
      CHECK(kind && strcmp(kind, "summary") == 0);
      CHECK(cJSON_IsNull(geo));
      CHECK_NEAR(cJSON_GetObjectItem(p, "defended_fraction")->valuedouble, sm.combined.defended_fraction, 5e-5);
      CHECK_NEAR(cJSON_GetObjectItem(p, "area_threatened_km2")->valuedouble, sm.combined.threatened.area_km2, 0.5);
      CHECK_INT_EQ(cJSON_GetArraySize(cJSON_GetObjectItem(p, "launches")), NL);
      CHECK(cJSON_GetObjectItem(cJSON_GetObjectItem(p, "classes"), "kinematic-only") != NULL);
      continue;
    }
    if (!kind || strcmp(kind, "area") != 0) continue;
    narea++;
    c = cJSON_GetObjectItem(p, "class_code")->valueint;
    CHECK(c >= 0 && c < BMD_FOOTPRINT_NCLASS);
    if (c < 0 || c >= BMD_FOOTPRINT_NCLASS) continue;
    CHECK(strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(p, "class")), bmd_footprint_class_name(c)) == 0);
    CHECK(strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(geo, "type")), "Polygon") == 0);
    rings = cJSON_GetObjectItem(geo, "coordinates");
    for (int r = 0; r < cJSON_GetArraySize(rings); r++) {
      const cJSON *ring = cJSON_GetArrayItem(rings, r);
      double a = ring_area(ring);
      CHECK(r == 0 ? planar_area(ring) > 0.0 : planar_area(ring) < 0.0);   /* RFC 7946 3.1.6 */
      CHECK(r == 0 ? a > 0.0 : a < 0.0);
      poly_area[c] += a;   /* holes are clockwise: negative */
    }
    prop_area[c] += cJSON_GetObjectItem(p, "area_km2")->valuedouble;
  }
  for (int c = 0; c < BMD_FOOTPRINT_NCLASS; c++) {
    CHECK(class_area[c] > 0.0);   /* the pattern has every class */
    if (!(class_area[c] > 0.0)) fprintf(stderr, "class %d has no cell\n", c);
    /* positions at 6 decimals of a degree are the grid's corners exactly (0.25 deg) */
    CHECK_REL(poly_area[c], class_area[c], 1e-9);
    /* area_km2 rounded to 0.1 km2 each */
    CHECK_NEAR(prop_area[c], class_area[c] / 1e6, 0.05 * narea + 1e-6);
  }
  /* merged: far fewer areas than threatened cells */
  CHECK(narea > BMD_FOOTPRINT_NCLASS && narea * 10 < threatened);
  /* every cell centre in exactly one area, of its class; unthreatened centres in none */
  for (int i = 0; i < NLAT; i++)
    for (int j = 0; j < NLON; j++) {
      int opp, kin, c, hits = 0, hit_class = -1;
      double x = f->lon0_deg + j * G, y = f->lat0_deg + i * G;
      bmd_footprint_combined(f, i, j, &opp, &kin);
      c = bmd_footprint_class(opp, kin);
      for (int q = 1; q < nfeat; q++) {
        const cJSON *ft = cJSON_GetArrayItem(feats, q), *p = cJSON_GetObjectItem(ft, "properties");
        const cJSON *rings = cJSON_GetObjectItem(cJSON_GetObjectItem(ft, "geometry"), "coordinates");
        int in;
        if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(p, "kind")), "area") != 0) continue;
        in = in_ring(cJSON_GetArrayItem(rings, 0), x, y);
        for (int r = 1; in && r < cJSON_GetArraySize(rings); r++) in = !in_ring(cJSON_GetArrayItem(rings, r), x, y);
        if (in) {
          hits++;
          hit_class = cJSON_GetObjectItem(p, "class_code")->valueint;
        }
      }
      CHECK_INT_EQ(hits, c < 0 ? 0 : 1);
      if (c >= 0) CHECK_INT_EQ(hit_class, c);
    }
  cJSON_Delete(d);
  bmd_footprint_summary_release(&sm);
}

static double atof_safe(const char *s) { return s ? strtod(s, NULL) : nan(""); }

/* the CSV's value of field k of a row (NULL: empty) */
static const char *field(char *row, int k, char *buf, size_t n) {
  char *p = row;
  for (int q = 0; q < k; q++) {
    p = strchr(p, ',');
    if (!p) return NULL;
    p++;
  }
  size_t len = strcspn(p, ",\n");
  if (len == 0 || len >= n) return NULL;
  memcpy(buf, p, len);
  buf[len] = 0;
  return buf;
}

static void test_geotiff(const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                         const struct bmd_footprint *f) {
  char path[] = "/tmp/test_footprintgis_XXXXXX", tif[64], why[256];
  /* CSV column -> band value index within a launch (footprintgis.h); decimals of the CSV */
  static const struct {
    int col, v, dec;
  } map[] = {{4, 1, 3}, {5, 2, 3}, {6, 3, 1}, {7, 4, 1}, {8, 5, 0}, {9, 6, 0}, {10, 7, 0},
             {12, 8, 1}, {13, 9, 0}, {16, 11, 0}, {17, 12, 1}};
  GDALDatasetH ds;
  double gt[6];
  float *band;
  FILE *csv = tmpfile();
  char *rows, *line;
  int fd = mkstemp(path);
  CHECK(fd >= 0 && csv != NULL);
  if (fd < 0 || !csv) return;
  close(fd);
  snprintf(tif, sizeof tif, "%s", path);
  CHECK_INT_EQ(bmd_footprintgis_geotiff(tif, sc, o, f, why, sizeof why), BMD_OK);
  ds = GDALOpen(tif, GA_ReadOnly);
  CHECK(ds != NULL);
  if (!ds) return;
  CHECK_INT_EQ(GDALGetRasterXSize(ds), NLON);
  CHECK_INT_EQ(GDALGetRasterYSize(ds), NLAT);
  CHECK_INT_EQ(GDALGetRasterCount(ds), 3 + 13 * NL);
  /* the grid's edges: 10 E, 60 N, cells of 0.25 deg, exactly */
  CHECK_INT_EQ(GDALGetGeoTransform(ds, gt), CE_None);
  CHECK(gt[0] == 10.0 && gt[1] == G && gt[2] == 0.0 && gt[3] == 60.0 && gt[4] == 0.0 && gt[5] == -G);
  {
    OGRSpatialReferenceH srs = OSRNewSpatialReference(GDALGetProjectionRef(ds));
    const char *code = srs ? OSRGetAuthorityCode(srs, NULL) : NULL;
    CHECK(code && strcmp(code, "4326") == 0);
    OSRDestroySpatialReference(srs);
  }
  CHECK(strcmp(GDALGetMetadataItem(ds, "SCENARIO", NULL), "test-scenario") == 0);
  CHECK(strcmp(GDALGetMetadataItem(ds, "MISSILE", NULL), "test-irbm") == 0);
  CHECK(strstr(GDALGetMetadataItem(ds, "LAUNCH_POINTS", NULL), "semnan (35.2300 N, 53.9200 E); tabriz") != NULL);
  CHECK(strncmp(GDALGetMetadataItem(ds, "CLASS_1", NULL), "kinematic-only: ", 16) == 0);
  CHECK(strcmp(GDALGetDescription(GDALGetRasterBand(ds, 1)), "class") == 0);
  CHECK(strcmp(GDALGetDescription(GDALGetRasterBand(ds, 4 + 13 + 3)), "tabriz: time_of_flight_s") == 0);
  {
    int has = 0;
    CHECK(isnan(GDALGetRasterNoDataValue(GDALGetRasterBand(ds, 2), &has)) && has);
  }
  band = malloc((size_t)NLAT * NLON * (3 + 13 * NL) * sizeof *band);
  CHECK(band != NULL);
  if (!band) return;
  for (int b = 0; b < 3 + 13 * NL; b++)
    CHECK_INT_EQ(GDALRasterIO(GDALGetRasterBand(ds, b + 1), GF_Read, 0, 0, NLON, NLAT, band + (size_t)b * NLAT * NLON,
                              NLON, NLAT, GDT_Float32, 0, 0),
                 CE_None);
  GDALClose(ds);
  unlink(tif);
  /* the class bands against the combined values */
  for (int i = 0; i < NLAT; i++)
    for (int j = 0; j < NLON; j++) {
      int opp, kin, c;
      size_t px = (size_t)(NLAT - 1 - i) * NLON + (size_t)j;
      bmd_footprint_combined(f, i, j, &opp, &kin);
      c = bmd_footprint_class(opp, kin);
      CHECK(c < 0 ? isnan(band[px]) : band[px] == (float)c);
      CHECK(opp < 0 ? isnan(band[(size_t)NLAT * NLON + px]) : band[(size_t)NLAT * NLON + px] == (float)opp);
      CHECK(opp < 0 ? isnan(band[2 * (size_t)NLAT * NLON + px]) : band[2 * (size_t)NLAT * NLON + px] == (float)kin);
    }
  /* every CSV row against the bands of its launch point, at its cell */
  CHECK_INT_EQ(bmd_footprintout_csv(csv, sc, o, f), 0);
  rows = slurp(csv);
  fclose(csv);
  line = rows ? strchr(rows, '\n') + 1 : NULL;
  {
    long nrow = 0, nval = 0;
    static const char *const status[] = {"ok", "beyond-range", "too-close", "failed"};
    while (line && *line) {
      char buf[64], *next = strchr(line, '\n');
      int k = strncmp(line, "semnan,", 7) == 0 ? 0 : 1;
      double lat = atof_safe(field(line, 1, buf, sizeof buf)), lon = atof_safe(field(line, 2, buf, sizeof buf));
      int i = (int)lround((lat - f->lat0_deg) / G), j = (int)lround((lon - f->lon0_deg) / G);
      size_t px = (size_t)(NLAT - 1 - i) * NLON + (size_t)j;
      const float *lb = band + (size_t)(3 + 13 * k) * NLAT * NLON;
      const char *st = field(line, 3, buf, sizeof buf);
      CHECK(st && strcmp(st, status[(int)lb[px]]) == 0);
      for (size_t m = 0; m < sizeof map / sizeof map[0]; m++) {
        const char *t = field(line, map[m].col, buf, sizeof buf);
        float v = lb[(size_t)map[m].v * NLAT * NLON + px];
        if (!t) {
          CHECK(isnan(v));
        } else {
          /* the CSV rounds to dec decimals; the band holds the value as a float */
          double tol = 0.5 * pow(10.0, -map[m].dec) + 1e-6 * fabs((double)v);
          CHECK_NEAR((double)v, atof_safe(t), tol);
          nval++;
        }
      }
      {
        /* first_site: the CSV names it, the band indexes the scenario's sites */
        const char *t = field(line, 14, buf, sizeof buf);
        float v = lb[(size_t)10 * NLAT * NLON + px];
        CHECK(t ? !isnan(v) && strcmp(t, sc->sites[(int)v].name) == 0 : isnan(v));
      }
      nrow++;
      line = next ? next + 1 : NULL;
    }
    CHECK_INT_EQ(nrow, (long)NL * NLAT * NLON);
    CHECK(nval > 10000);
  }
  free(rows);
  free(band);
}

int main(void) {
  static struct bmd_scenario sc;
  static struct bmd_footprint_opts o;
  static struct bmd_missile m;
  static struct bmd_missile kv;
  static struct bmd_scen_site sites[3];
  struct bmd_footprint f;
  char why[256];
  if (bmd_footprintgis_available(why, sizeof why) != BMD_OK) {
    fprintf(stderr, "GDAL: %s\n", why);
    CHECK(0);
    return check_report("test_footprintgis");
  }
  GDALAllRegister();
  snprintf(sc.name, sizeof sc.name, "test-scenario");
  snprintf(m.name, sizeof m.name, "test-irbm");
  snprintf(kv.name, sizeof kv.name, "test-kv");
  sc.nsites = 3;
  sc.sites = sites;
  for (int s = 0; s < 3; s++) {
    snprintf(sc.sites[s].name, sizeof sc.sites[s].name, "site-%c", 'a' + s);
    sc.sites[s].interceptor = &kv;
  }
  o.missile = &m;
  o.nlaunch = NL;
  snprintf(o.launch[0].name, sizeof o.launch[0].name, "semnan");
  o.launch[0].lat_deg = 35.23;
  o.launch[0].lon_deg = 53.92;
  snprintf(o.launch[1].name, sizeof o.launch[1].name, "tabriz");
  o.launch[1].lat_deg = 38.08;
  o.launch[1].lon_deg = 46.29;
  o.grid_deg = G;
  make(&f);
  test_ring_area();
  test_geojson(&sc, &o, &f);
  test_geotiff(&sc, &o, &f);
  return check_report("test_footprintgis");
}
