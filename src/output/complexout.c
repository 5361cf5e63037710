/* complexout.c - a flown threat complex as a CSV or JSON table (complexout.h). */
#include <bmd/complexout.h>

#include <math.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include <bmd/csv.h>
#include <bmd/status.h>

/* the numbers of one row, in column order (complexout.h): name, value, decimals */
#define OBJ_NUMBERS(X, s, o)                                                                  \
  X("mass_kg", (s)->mass_kg, 3) X("beta_kgm2", (s)->beta_kgm2, 3)                              \
  X("rcs_uhf_dbsm", (s)->rcs_dbsm[BMD_BAND_UHF], 2) X("rcs_s_dbsm", (s)->rcs_dbsm[BMD_BAND_S], 2) \
  X("rcs_x_dbsm", (s)->rcs_dbsm[BMD_BAND_X], 2)                                                \
  X("swerling_uhf", (double)(s)->swerling[BMD_BAND_UHF], 0) X("swerling_s", (double)(s)->swerling[BMD_BAND_S], 0) \
  X("swerling_x", (double)(s)->swerling[BMD_BAND_X], 0)                                        \
  X("release_s", (o)->release_t_s, 1) X("dv_mps", (o)->dv_norm_mps, 2)                         \
  X("bus_dv_used_mps", rv ? (o)->bus_dv_used_mps : (double)NAN, 2)                                     \
  X("aim_lat_deg", rv ? (o)->aim_lat_deg : (double)NAN, 5) X("aim_lon_deg", rv ? (o)->aim_lon_deg : (double)NAN, 5) \
  X("miss_m", rv ? (o)->miss_m : (double)NAN, 1)

#define OBJ_NUMBERS2(X, s, o)                                                                 \
  X("end_t_s", (o)->traj.impact_t_s, 1) X("end_alt_km", (o)->end_alt_m / 1e3, 3)               \
  X("end_lat_deg", (o)->traj.impact_lat_deg, 5) X("end_lon_deg", (o)->traj.impact_lon_deg, 5)  \
  X("entry_speed_mps", (o)->entry_speed_mps > 0.0 ? (o)->entry_speed_mps : (double)NAN, 1)             \
  X("entry_angle_deg", (o)->entry_speed_mps > 0.0 ? (o)->entry_gamma_deg : (double)NAN, 2)             \
  X("decel_0p1g_alt_km", (o)->decel_alt_m[0] / 1e3, 3) X("decel_1g_alt_km", (o)->decel_alt_m[1] / 1e3, 3) \
  X("decel_0p1g_at_top", (double)(o)->decel_at_top[0], 0) X("decel_1g_at_top", (double)(o)->decel_at_top[1], 0) \
  X("peak_decel_g", (o)->peak_decel_g, 3) X("peak_decel_alt_km", (o)->peak_decel_alt_m / 1e3, 3)

int bmd_complexout_csv(FILE *fp, const struct bmd_complex_spec *cs, const struct bmd_complex_object *ob) {
  struct bmd_csv *w = malloc(sizeof *w);
  int rc;
  if (!w) return -1;
  bmd_csv_init(w, fp);
#define HDR(name, v, dec) "," name
  {
    const struct bmd_object_spec *s = NULL;
    const struct bmd_complex_object *o = NULL;
    int rv = 0;
    (void)s, (void)o, (void)rv;
    bmd_csv_header(w, "object,kind" OBJ_NUMBERS(HDR, s, o) ",end" OBJ_NUMBERS2(HDR, s, o));
  }
#undef HDR
  for (int k = 0; k < cs->nobj; k++) {
    const struct bmd_object_spec *s = &cs->obj[k];
    const struct bmd_complex_object *o = &ob[k];
    int rv = bmd_object_is_rv(s->kind);
#define VAL(name, v, dec)                         \
  {                                               \
    double x_ = (v);                              \
    if (isfinite(x_)) bmd_csv_fixed(w, x_, dec);  \
    else bmd_csv_empty(w);                        \
  }
    bmd_csv_text(w, s->name);
    bmd_csv_text(w, bmd_object_kind_name(s->kind));
    OBJ_NUMBERS(VAL, s, o)
    bmd_csv_text(w, o->end == BMD_OBJ_END_FILTERED ? "filtered" : "impact");
    OBJ_NUMBERS2(VAL, s, o)
#undef VAL
    bmd_csv_end(w);
  }
  rc = bmd_csv_finish(w);
  free(w);
  return rc;
}

cJSON *bmd_complexout_json(const struct bmd_complex_spec *cs, const struct bmd_complex_object *ob) {
  cJSON *a = cJSON_CreateArray();
  if (!a) return NULL;
  for (int k = 0; k < cs->nobj; k++) {
    const struct bmd_object_spec *s = &cs->obj[k];
    const struct bmd_complex_object *o = &ob[k];
    int rv = bmd_object_is_rv(s->kind);
    cJSON *j = cJSON_CreateObject();
    if (!j || !cJSON_AddItemToArray(a, j)) {
      cJSON_Delete(j);
      cJSON_Delete(a);
      return NULL;
    }
#define VAL(name, v, dec)                                        \
  {                                                              \
    double x_ = (v);                                             \
    if (isfinite(x_)) cJSON_AddNumberToObject(j, name, x_);      \
    else cJSON_AddNullToObject(j, name);                         \
  }
    cJSON_AddStringToObject(j, "object", s->name);
    cJSON_AddStringToObject(j, "kind", bmd_object_kind_name(s->kind));
    OBJ_NUMBERS(VAL, s, o)
    cJSON_AddStringToObject(j, "end", o->end == BMD_OBJ_END_FILTERED ? "filtered" : "impact");
    OBJ_NUMBERS2(VAL, s, o)
#undef VAL
  }
  return a;
}
