/* test_guards.c - numerical guards (issue 7): a non-finite value is caught where it first
   appears and reported with its cause: the integrator (stage and t_s), the propagator, the
   writers (impacts CSV, trajectory CSV/GeoJSON/KML), the YAML number reader. Each guard is
   provoked here; none of these paths may print "nan". */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/ballistic.h>
#include <bmd/catalog.h>
#include <bmd/integrate.h>
#include <bmd/states.h>
#include <bmd/status.h>
#include <bmd/traj.h>
#include <bmd/trajout.h>
#include <bmd/yamldoc.h>

#include "check.h"

/* the whole text written to fp by write(), which must be empty on refusal */
static long written_len(FILE *fp) {
  fflush(fp);
  return ftell(fp);
}

static void integrator_guards(const struct bmd_catalog *cat) {
  const struct bmd_missile *ms = bmd_catalog_missile(cat, "ss-25");
  struct bmd_traj_opts o;
  struct bmd_traj_control c = {30.0, 20.0, 1e9, {0}};
  struct bmd_traj_result r;
  struct bmd_vehicle v;
  CHECK(ms != NULL);
  if (!ms) return;
  bmd_traj_opts_default(&o);

  /* a NaN launch latitude: caught at t = 0 in stage 1 */
  CHECK_INT_EQ(bmd_traj_fly(&ms->vehicle, &o, (double)NAN, 10.0, 0.0, &c, &r), BMD_ENONFINITE);
  CHECK_INT_EQ(r.fail_stage, 0);
  CHECK_NEAR(r.fail_t_s, 0.0, 0.0);
  bmd_traj_result_release(&r);

  /* a NaN specific impulse in stage 2 (the catalog refuses it; a caller might not): caught
     when stage 2 lights, at the end of stage 1's burn (plus its coast) */
  v = ms->vehicle;
  CHECK(v.nstages >= 2);
  v.stage[1].isp_s = (double)NAN;
  CHECK_INT_EQ(bmd_traj_fly(&v, &o, 45.0, 10.0, 0.0, &c, &r), BMD_ENONFINITE);
  CHECK_INT_EQ(r.fail_stage, 1);
  CHECK_NEAR(r.fail_t_s, v.stage[0].burn_time_s + v.stage[0].coast_s, 1e-6);
  bmd_traj_result_release(&r);

  /* an infinite payload drag coefficient in free flight: stage -1 (free flight) */
  v = ms->vehicle;
  v.rv_beta_kgm2 = 0.0; /* 1/beta = inf */
  CHECK(bmd_traj_fly(&v, &o, 45.0, 10.0, 0.0, &c, &r) != BMD_OK);
  CHECK_INT_EQ(r.fail_stage, -1);
  CHECK(r.fail_t_s > v.stage[0].burn_time_s);
  bmd_traj_result_release(&r);
}

static void propagator_guard(void) {
  struct bmd_physics ph;
  struct bmd_integrate_opts io;
  struct bmd_ballistic_in in = {7, 10.0, 20.0, 1e5, 1000.0, 2000.0, 3000.0, 5000.0};
  struct bmd_ballistic_out out;
  bmd_physics_default(&ph);
  bmd_integrate_opts_default(&io);
  in.v_up_mps = (double)NAN;
  bmd_ballistic_impact(&ph, &io, &in, &out);
  CHECK_INT_EQ(out.status, BMD_ENONFINITE);
  CHECK(out.id == 7);
}

static void impacts_writer_guard(void) {
  struct bmd_ballistic_out out[2] = {{1, 10.0, 20.0, 300.0, 1e5, BMD_OK, 0},
                                     {42, 10.0, (double)NAN, 300.0, 1e5, BMD_OK, 0}};
  struct bmd_diag d;
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  memset(&d, 0, sizeof d);
  CHECK(bmd_states_write_impacts(fp, out, 2, &d) == -2);
  CHECK(written_len(fp) == 0);
  CHECK(strstr(d.msg, "object 42") != NULL);
  CHECK(strstr(d.msg, "'impact_lon_deg'") != NULL);
  fprintf(stderr, "  impacts guard: %s\n", d.msg);
  /* a failed object (status != OK) is left out, not a reason to refuse */
  out[1].status = BMD_ENONFINITE;
  CHECK(bmd_states_write_impacts(fp, out, 2, &d) == 1);
  fclose(fp);
  CHECK(strstr(buf, "nan") == NULL);
  free(buf);
}

static void traj_writer_guard(const struct bmd_catalog *cat) {
  const struct bmd_missile *ms = bmd_catalog_missile(cat, "ss-25");
  struct bmd_traj_opts o;
  struct bmd_traj_control c = {30.0, 20.0, 1e9, {0}};
  struct bmd_traj_result r;
  struct bmd_trajout_meta m = {"ss-25", "a", "b", 45.0, 10.0, 50.0, 20.0, 0.0};
  char why[256] = "";
  char *buf = NULL;
  size_t len = 0;
  FILE *fp;
  bmd_traj_opts_default(&o);
  o.record = 1;
  CHECK_INT_EQ(bmd_traj_fly(&ms->vehicle, &o, 45.0, 10.0, 0.0, &c, &r), BMD_OK);
  CHECK(r.nsamples > 10);
  CHECK_INT_EQ(bmd_trajout_check(&o.phys, &r, why, sizeof why), BMD_OK);
  r.samples[5].v_ecef_mps[1] = (double)INFINITY; /* as if a step had blown up */
  CHECK_INT_EQ(bmd_trajout_check(&o.phys, &r, why, sizeof why), BMD_ENONFINITE);
  CHECK(strstr(why, "sample 5 (t_s = ") != NULL);
  CHECK(strstr(why, "'speed_mps' is inf") != NULL);
  fprintf(stderr, "  trajectory guard: %s\n", why);
  fp = open_memstream(&buf, &len);
  CHECK_INT_EQ(bmd_trajout_csv(fp, &o.phys, &r), BMD_ENONFINITE);
  CHECK_INT_EQ(bmd_trajout_geojson(fp, &o.phys, &r, &m), BMD_ENONFINITE);
  CHECK_INT_EQ(bmd_trajout_kml(fp, &o.phys, &r, &m), BMD_ENONFINITE);
  CHECK(written_len(fp) == 0);
  fclose(fp);
  free(buf);
  bmd_traj_result_release(&r);
}

static void yaml_number_guard(void) {
  static const char *const bad[] = {".nan", "-.inf", "nan", "inf", "Infinity", "1e400", "0x10", NULL};
  for (int i = 0; bad[i]; i++) {
    char text[64];
    struct bmd_yamldoc *y = NULL;
    struct bmd_diag d;
    double v = 0.0;
    snprintf(text, sizeof text, "x: %s\n", bad[i]);
    CHECK_INT_EQ(bmd_yamldoc_load(&y, text, strlen(text), "g.yaml", &d), BMD_OK);
    CHECK_INT_EQ(bmd_yamldoc_number(y, bmd_yamldoc_root(y), "x", 1, -1e300, 1e300, &v, &d), BMD_EPARSE);
    CHECK_INT_EQ(d.line, 1);
    CHECK_INT_EQ(d.col, 4);
    CHECK(v == 0.0); /* untouched on error */
    bmd_yamldoc_free(y);
  }
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  integrator_guards(&cat);
  propagator_guard();
  impacts_writer_guard();
  traj_writer_guard(&cat);
  yaml_number_guard();
  bmd_catalog_release(&cat);
  return check_report("test_guards");
}
