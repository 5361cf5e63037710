/* aimout.c - the aim's answer in the JSON outputs of fly and engage (cli.h). */
#include <math.h>

#include <cjson/cJSON.h>

#include <bmd/aim.h>
#include <bmd/status.h>

#include "cli.h"

static void add_bound(cJSON *j, const char *key, const char *by_key,
                      const struct bmd_aim_apogee_bound *b) {
  if (!isfinite(b->apogee_km)) return;
  cJSON_AddNumberToObject(j, key, b->apogee_km);
  cJSON_AddStringToObject(j, by_key, bmd_aim_bound_name(b->by));
}

void cli_aim_json(cJSON *j, int st, const struct bmd_aim_result *ar) {
  cJSON_AddStringToObject(j, "aim", bmd_aim_answer(st));
  if (st == BMD_ERANGE) cJSON_AddStringToObject(j, "limit", bmd_aim_limit_name(ar->limit));
  cJSON_AddNumberToObject(j, "target_range_km", ar->target_range_m / 1e3);
  cJSON_AddNumberToObject(j, "max_range_km", ar->max_range_m / 1e3);
  cJSON_AddBoolToObject(j, "reaches_antipode", ar->reaches_antipode);
  cJSON_AddBoolToObject(j, "can_reach_orbit", ar->can_reach_orbit);
  if (st == BMD_ERANGE && ar->limit == BMD_AIM_LIMIT_APOGEE_HIGH)
    cJSON_AddNumberToObject(j, "bound_apogee_km", ar->apogee_hi.apogee_km);
  else if (st == BMD_ERANGE && ar->limit == BMD_AIM_LIMIT_APOGEE_LOW)
    cJSON_AddNumberToObject(j, "bound_apogee_km", ar->apogee_lo.apogee_km);
  if (ar->min_energy_apogee_km > 0.0)
    cJSON_AddNumberToObject(j, "min_energy_apogee_km", ar->min_energy_apogee_km);
  add_bound(j, "apogee_max_km", "apogee_max_bound", &ar->apogee_hi);
  add_bound(j, "apogee_min_km", "apogee_min_bound", &ar->apogee_lo);
}
