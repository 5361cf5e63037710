/* live_impl.h - what live.c and live_sitelog.c share (live.h). Not an API; include only
   from src/server/. */
#ifndef BMD_LIVE_IMPL_H
#define BMD_LIVE_IMPL_H

#include <cjson/cJSON.h>

#include <bmd/live.h>

/* a message of a run's static list: due at t_s; body is its JSON object without "id" and
   "run", which are added on release */
struct bmd_live_msg {
  double t_s;
  char *body;
};

/* bmd_live_mode_name - "standby", "search", "track" (enum bmd_live_radar_mode). */
const char *bmd_live_mode_name(int mode);

/* bmd_live_json_text - j as compact JSON text (malloc'd; NULL when out of memory); j is
   deleted. */
char *bmd_live_json_text(cJSON *j);

/* bmd_live_site_log_build - the site-state log of run res (threat i ends, killed or at
   impact, at threat_end_s[i]) in time order, into *out[*nout] (malloc'd). Returns BMD_OK
   or BMD_ENOMEM. */
int bmd_live_site_log_build(const struct bmd_scenario *sc, const struct bmd_sim_result *res,
                            const double *threat_end_s, struct bmd_live_site_change **out, long *nout);

/* bmd_live_observer_build - the observer messages, one per log record, made from the log
   and the names of radars and sites and from nothing else: it cannot see threat data;
   keep its parameters so. *out[n] is malloc'd, each body too. Returns BMD_OK or
   BMD_ENOMEM. */
int bmd_live_observer_build(const struct bmd_live_site_change *log, long n, const struct bmd_scen_radar *radars,
                            int nradars, const struct bmd_scen_site *sites, int nsites, struct bmd_live_msg **out);

/* bmd_live_features_build - the scenario's sites, radars (with coverage sectors at the
   smallest RCS of its threats) and threats as a JSON array of GeoJSON features (malloc'd
   text; NULL when out of memory). live_features.c. */
char *bmd_live_features_build(const struct bmd_scenario *sc);

#endif
