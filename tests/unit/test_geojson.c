/*
 * test_geojson.c - the GeoJSON writer (geojson.h):
 *  - strings with quotes, backslashes, control characters, newlines and non-ASCII text are
 *    read back exactly by a JSON parser (cJSON's reader; tests/cli/hostile_writers.py reads
 *    the same files with Python's json);
 *  - numbers are printf's "%.*f" text (compared with snprintf), non-finite ones null;
 *  - positions and lines have the RFC 7946 layout ([lon, lat(, alt)]);
 *  - the collection's layout: one feature per line, the envelope before and after;
 *  - a full disk (/dev/full) is reported with errno ENOSPC.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/geojson.h>

#include "check.h"

int main(void) {
  static const char *const hostile[] = {"K,1", "K\"2", "<K3>&amp;", "back\\slash", "K\n5", "K\xc3\xbcrecik",
                                        "bell\x07", "\xe2\x80\xaerl\x6f", "tab\tx"};
  const int nh = (int)(sizeof hostile / sizeof hostile[0]);
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  struct bmd_geojson g;
  const double lon[3] = {18.123456789, -0.5, 179.999999}, lat[3] = {54.0, -33.25, 0.0}, alt[3] = {1.0, 2.5, 1e5};
  bmd_geojson_begin(&g, fp);
  for (int i = 0; i < nh; i++) {
    cJSON *f = bmd_geojson_feature_alloc(), *p = cJSON_AddObjectToObject(f, "properties");
    cJSON_AddStringToObject(p, "id", hostile[i]);
    bmd_geojson_add_fixed(p, "t_s", i + 0.125, 2);
    bmd_geojson_add_fixed(p, "bad", (double)NAN, 2);
    cJSON_AddItemToObject(f, "geometry", i % 2 ? bmd_geojson_point(lon[0], lat[0], 5)
                                               : bmd_geojson_line(3, lon, lat, i % 4 ? NULL : alt, 4, 1));
    bmd_geojson_put(&g, f);
  }
  CHECK_INT_EQ(bmd_geojson_end(&g), 0);
  fclose(fp);
  CHECK(strncmp(buf, "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",", 59) == 0);
  CHECK(len > 4 && strcmp(buf + len - 4, "\n]}\n") == 0);
  {
    cJSON *doc = cJSON_Parse(buf), *fs = cJSON_GetObjectItem(doc, "features");
    CHECK(doc != NULL && cJSON_GetArraySize(fs) == nh);
    for (int i = 0; i < nh && fs; i++) {
      cJSON *f = cJSON_GetArrayItem(fs, i), *p = cJSON_GetObjectItem(f, "properties");
      cJSON *c = cJSON_GetObjectItem(cJSON_GetObjectItem(f, "geometry"), "coordinates");
      CHECK(strcmp(cJSON_GetObjectItem(p, "id")->valuestring, hostile[i]) == 0);
      {
        char want[32];   /* printf's text: a tie such as 0.125 goes to the even digit, 0.12 */
        snprintf(want, sizeof want, "%.2f", i + 0.125);
        CHECK_NEAR(cJSON_GetObjectItem(p, "t_s")->valuedouble, strtod(want, NULL), 0.0);
      }
      CHECK(cJSON_IsNull(cJSON_GetObjectItem(p, "bad")));
      if (i % 2) {
        CHECK_NEAR(cJSON_GetArrayItem(c, 0)->valuedouble, 18.12346, 1e-12);
        CHECK_INT_EQ(cJSON_GetArraySize(c), 2);
      } else {
        CHECK_INT_EQ(cJSON_GetArraySize(c), 3);
        CHECK_INT_EQ(cJSON_GetArraySize(cJSON_GetArrayItem(c, 2)), i % 4 ? 2 : 3);
        CHECK_NEAR(cJSON_GetArrayItem(cJSON_GetArrayItem(c, 1), 1)->valuedouble, -33.25, 0.0);
      }
    }
    cJSON_Delete(doc);
  }
  /* the numbers' text is printf's */
  CHECK(strstr(buf, "[[18.1235,54.0000,1.0],[-0.5000,-33.2500,2.5],[180.0000,0.0000,100000.0]]") != NULL);
  CHECK(strstr(buf, "\"coordinates\":[18.12346,54.00000]") != NULL);
  free(buf);
  /* a non-finite coordinate: the line is refused (NULL), not written as "nan" */
  {
    const double bad[2] = {1.0, (double)NAN};
    CHECK(bmd_geojson_line(2, bad, bad, NULL, 4, 0) == NULL);
  }
  /* a full disk */
  fp = fopen("/dev/full", "w");
  if (fp) {
    bmd_geojson_begin(&g, fp);
    for (int i = 0; i < 2000; i++) {
      cJSON *f = bmd_geojson_feature_alloc();
      cJSON_AddItemToObject(f, "geometry", bmd_geojson_point(1.0, 2.0, 5));
      bmd_geojson_put(&g, f);
    }
    errno = 0;
    CHECK_INT_EQ(bmd_geojson_end(&g), -1);
    CHECK_INT_EQ(errno, ENOSPC);
    fclose(fp);
  }
  return check_report("test_geojson");
}
