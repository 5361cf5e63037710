/*
 * fit_catalog.c - developer tool: fit one parameter per catalog entry so that the simulated
 * performance matches the middle of its stated band (the 'performance:' map).
 *
 * The simulated performance is the reference one of refperf.h (threats: maximum range;
 * interceptors: burnout speed; launched from 45 N 0 E due north under the default physics,
 * full burn, best pitch-over), the figure `bmdsim catalog` shows beside the stated one and
 * a --data catalog is checked against at load. The fitted parameter is a common factor k on
 * the vacuum Isp of every stage (the exhaust speed), found by bisection to 0.2%
 * (bmd_refperf_fit). A threat calibrated to a lofted flight test ('performance: test:') is
 * fitted to the test instead: k makes its full-burn flight to the test's range peak at the
 * published apogee (bmd_flighttest_fit_isp); target, achieved and unfitted are then apogees
 * (km) and "fit" says "test". Prints one JSON line per entry: name, fit ("stated" or
 * "test"), k, target, achieved, unfitted (the figure with the file's Isp), isp (after) and
 * isp0 (in the file). tools/apply_fit.py writes them into data/missiles.yaml and its 'fit:'
 * records.
 *
 * usage: fit_catalog DATA_DIR [NAME...]
 */
#include <stdio.h>
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/flighttest.h>
#include <bmd/refperf.h>
#include <bmd/status.h>

int main(int argc, char **argv) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  if (argc < 2) {
    fprintf(stderr, "usage: fit_catalog DATA_DIR [NAME...]\n");
    return 2;
  }
  if (bmd_catalog_load_dir(&cat, argv[1], &d) != BMD_OK) {
    fprintf(stderr, "fit_catalog: %s:%d:%d: %s\n", d.file, d.line, d.col, d.msg);
    return 2;
  }
  for (int i = 0; i < cat.nmissiles; i++) {
    const struct bmd_missile *m = &cat.missiles[i];
    const struct bmd_vehicle *v = &m->vehicle;
    int wanted = argc == 2, st;
    double target, k = 1.0;
    struct bmd_refperf got, base;
    for (int a = 2; a < argc; a++)
      if (strcmp(argv[a], m->name) == 0) wanted = 1;
    if (!wanted) continue;
    if (!m->interceptor && m->test.have) {
      struct bmd_traj_opts o;
      struct bmd_flighttest_result r;
      bmd_traj_opts_default(&o);
      target = m->test.t.apogee_km;
      base.value = bmd_flighttest_full_burn(v, &o, &m->test.t, &r) == BMD_OK ? r.apogee_km : 0.0;
      st = bmd_flighttest_fit_isp(v, &o, &m->test.t, 0.4, 1.6, BMD_REFPERF_FIT_TOL, &k, &r);
      got.value = r.apogee_km;
    } else {
      target = m->interceptor ? 0.5 * (m->vbo_lo_mps + m->vbo_hi_mps) : 0.5 * (m->range_lo_km + m->range_hi_km);
      if (bmd_refperf_compute(v, m->interceptor, &base) != BMD_OK) base.value = 0.0;
      st = bmd_refperf_fit(v, m->interceptor, target, 0.0, &k, &got);
    }
    if (st != BMD_OK) {
      fprintf(stderr, "fit_catalog: %s: no Isp factor in [0.4, 1.6] reaches %.1f: %s\n", m->name, target,
              bmd_strerror(st));
      continue;
    }
    printf("{\"name\":\"%s\",\"fit\":\"%s\",\"k\":%.4f,\"target\":%.1f,\"achieved\":%.1f,\"unfitted\":%.1f,\"isp\":[",
           m->name, !m->interceptor && m->test.have ? "test" : "stated", k, target, got.value, base.value);
    for (int s = 0; s < v->nstages; s++) printf("%s%.1f", s ? "," : "", v->stage[s].isp_s * k);
    printf("],\"isp0\":[");
    for (int s = 0; s < v->nstages; s++) printf("%s%.1f", s ? "," : "", v->stage[s].isp_s);
    printf("]}\n");
    fflush(stdout);
  }
  bmd_catalog_release(&cat);
  return 0;
}
