/* runout.c - scenario-run writers (runout.h). */
#include <bmd/runout.h>

#include <math.h>
#include <string.h>
#include <time.h>

#include <bmd/const.h>
#include <bmd/traj.h>

/* CSV text field: names and notes never contain quotes; commas are quoted */
static void csv_text(FILE *fp, const char *s) {
  if (strchr(s, ',')) fprintf(fp, "\"%s\"", s);
  else fputs(s, fp);
}

int bmd_runout_events_csv(FILE *fp, const struct bmd_scenario *sc, const struct bmd_sim_result *r) {
  fputs("t_s,event,threat,site,radar,alt_km,lat_deg,lon_deg,value,outcome,reason,note\n", fp);
  for (long k = 0; k < r->nevents; k++) {
    const struct bmd_sim_event *e = &r->events[k];
    fprintf(fp, "%.3f,%s,%s,%s,%s,%.3f,%.5f,%.5f,%.3f,", e->t_s,
            bmd_sim_event_name((enum bmd_sim_event_kind)e->kind),
            e->threat >= 0 ? sc->threats[e->threat].id : "",
            e->site >= 0 ? sc->sites[e->site].name : "", e->radar >= 0 ? sc->radars[e->radar].name : "",
            e->alt_m / 1e3, e->lat_deg, e->lon_deg, e->value);
    /* the outcome (threat-destroyed, reached-target) and the reason code (no-engagement,
       reached-target of an unengaged threat): docs/outcomes.md */
    csv_text(fp, e->outcome >= 0 ? bmd_outcome_name(e->outcome) : "");
    fputc(',', fp);
    csv_text(fp, e->reason != BMD_ENGAGE_NONE ? bmd_engage_reason_word((enum bmd_engage_reason)e->reason) : "");
    fputc(',', fp);
    csv_text(fp, e->note);
    fputc('\n', fp);
  }
  return ferror(fp) ? -1 : 0;
}

static void ll(const struct bmd_scenario *sc, const double r[3], double *lat, double *lon, double *h) {
  double la, lo;
  bmd_physics_from_ecef(&sc->phys, r, &la, &lo, h);
  *lat = la / BMD_DEG;
  *lon = lo / BMD_DEG;
}

/* interceptor path: a straight chord in (lat, lon, alt) from the site to the intercept
   point, sampled every 10 s (a display aid; the physics is in the fan) */
static void shot_point(const struct bmd_scenario *sc, const struct bmd_sim_shot *sh, double f,
                       double *lat, double *lon, double *alt) {
  const struct bmd_scen_site *st = &sc->sites[sh->site];
  double dl = sh->ic.lon_deg - st->lon_deg;
  if (dl > 180.0) dl -= 360.0;
  if (dl < -180.0) dl += 360.0;
  *lat = st->lat_deg + f * (sh->ic.lat_deg - st->lat_deg);
  *lon = st->lon_deg + f * dl;
  /* altitude rises fastest early, as in a boost-then-coast fly-out */
  *alt = st->alt_m + sqrt(f) * (sh->ic.alt_m - st->alt_m);
}

int bmd_runout_geojson(FILE *fp, const struct bmd_scenario *sc, const struct bmd_sim_result *r) {
  int first = 1;
  fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", fp);
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    fprintf(fp, "%s{\"type\":\"Feature\",\"properties\":{\"kind\":\"threat\",\"id\":\"%s\",\"missile\":\"%s\","
                "\"from\":\"%s\",\"to\":\"%s\",\"outcome\":\"%s\",\"launch_t_s\":%.1f},"
                "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[",
            first ? "" : ",\n", sc->threats[i].id, sc->threats[i].missile->name, sc->threats[i].from,
            sc->threats[i].to, bmd_outcome_name(th->outcome), th->launch_t_s);
    first = 0;
    double tend = isnan(th->kill_t_s) ? HUGE_VAL : th->kill_t_s - th->launch_t_s;
    int w = 0;
    for (long k = 0; k < th->traj.nsamples; k++) {
      double la, lo, h;
      if (th->traj.samples[k].t_s > tend) break;
      if (k % 5 && k + 1 < th->traj.nsamples) continue;
      ll(sc, th->traj.samples[k].r_ecef_m, &la, &lo, &h);
      fprintf(fp, "%s[%.5f,%.5f,%.0f]", w++ ? "," : "", lo, la, h);
    }
    fputs("]}}", fp);
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      fprintf(fp, ",\n{\"type\":\"Feature\",\"properties\":{\"kind\":\"interceptor\",\"threat\":\"%s\",\"site\":\"%s\","
                  "\"interceptor\":\"%s\",\"launch_t_s\":%.1f,\"intercept_t_s\":%.1f,\"hit\":%s},"
                  "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[",
              sc->threats[i].id, sc->sites[sh->site].name, sc->sites[sh->site].interceptor->name,
              sh->launch_t_s, th->launch_t_s + sh->ic.t_s, sh->hit ? "true" : "false");
      for (int q = 0; q <= 20; q++) {
        double la, lo, h;
        shot_point(sc, sh, q / 20.0, &la, &lo, &h);
        fprintf(fp, "%s[%.5f,%.5f,%.0f]", q ? "," : "", lo, la, h);
      }
      fputs("]}}", fp);
    }
  }
  for (int s = 0; s < sc->nsites; s++)
    fprintf(fp, ",\n{\"type\":\"Feature\",\"properties\":{\"kind\":\"site\",\"name\":\"%s\",\"interceptor\":\"%s\","
                "\"inventory\":%d,\"spent\":%d},\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]}}",
            sc->sites[s].name, sc->sites[s].interceptor->name, sc->sites[s].inventory, r->spent[s],
            sc->sites[s].lon_deg, sc->sites[s].lat_deg);
  for (int k = 0; k < sc->nradars; k++)
    fprintf(fp, ",\n{\"type\":\"Feature\",\"properties\":{\"kind\":\"radar\",\"name\":\"%s\",\"type\":\"%s\"},"
                "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]}}",
            sc->radars[k].name, sc->radars[k].type->name, sc->radars[k].lon_deg, sc->radars[k].lat_deg);
  fputs("\n]}\n", fp);
  return ferror(fp) ? -1 : 0;
}

static void when(FILE *fp, double unix_s) {
  char buf[40];
  time_t t = (time_t)floor(unix_s);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  fprintf(fp, "<when>%s.%03dZ</when>\n", buf, (int)((unix_s - floor(unix_s)) * 1000.0) % 1000);
}

int bmd_runout_kml(FILE *fp, const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                   double epoch) {
  fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n"
              "<Document>\n<name>bmdsim run: %s</name>\n"
              "<Style id=\"threat\"><LineStyle><color>ff0000ff</color><width>2</width></LineStyle></Style>\n"
              "<Style id=\"interceptor\"><LineStyle><color>ffff8800</color><width>2</width></LineStyle></Style>\n",
          sc->name);
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    double tend = isnan(th->kill_t_s) ? HUGE_VAL : th->kill_t_s - th->launch_t_s;
    fprintf(fp, "<Placemark><name>%s %s (%s)</name><styleUrl>#threat</styleUrl><gx:Track>"
                "<altitudeMode>absolute</altitudeMode>\n",
            sc->threats[i].id, sc->threats[i].missile->name, bmd_outcome_name(th->outcome));
    for (long k = 0; k < th->traj.nsamples && th->traj.samples[k].t_s <= tend; k++)
      when(fp, epoch + th->launch_t_s + th->traj.samples[k].t_s);
    for (long k = 0; k < th->traj.nsamples && th->traj.samples[k].t_s <= tend; k++) {
      double la, lo, h;
      ll(sc, th->traj.samples[k].r_ecef_m, &la, &lo, &h);
      fprintf(fp, "<gx:coord>%.5f %.5f %.0f</gx:coord>\n", lo, la, h);
    }
    fputs("</gx:Track></Placemark>\n", fp);
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      double t_int = th->launch_t_s + sh->ic.t_s;
      fprintf(fp, "<Placemark><name>%s -> %s (%s)</name><styleUrl>#interceptor</styleUrl><gx:Track>"
                  "<altitudeMode>absolute</altitudeMode>\n",
              sc->sites[sh->site].name, sc->threats[i].id, sh->hit ? "hit" : "miss");
      for (int q = 0; q <= 20; q++) when(fp, epoch + sh->launch_t_s + q / 20.0 * (t_int - sh->launch_t_s));
      for (int q = 0; q <= 20; q++) {
        double la, lo, h;
        shot_point(sc, sh, q / 20.0, &la, &lo, &h);
        fprintf(fp, "<gx:coord>%.5f %.5f %.0f</gx:coord>\n", lo, la, h);
      }
      fputs("</gx:Track></Placemark>\n", fp);
    }
  }
  for (int s = 0; s < sc->nsites; s++)
    fprintf(fp, "<Placemark><name>%s (%s)</name><Point><coordinates>%.5f,%.5f,0</coordinates></Point></Placemark>\n",
            sc->sites[s].name, sc->sites[s].interceptor->name, sc->sites[s].lon_deg, sc->sites[s].lat_deg);
  fputs("</Document>\n</kml>\n", fp);
  return ferror(fp) ? -1 : 0;
}
