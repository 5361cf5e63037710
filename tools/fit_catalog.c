/*
 * fit_catalog.c - developer tool: fit one parameter per catalog entry so that the
 * simulated performance matches the middle of its published band.
 *
 * Threats: maximum range (full burn, best pitch-over) launched from 45 N 0 E due north
 * under the default physics. Interceptors: the largest Earth-relative burnout speed over
 * pitch-over angles from the same point. The fitted parameter is a common factor k on the
 * vacuum Isp of every stage (the exhaust velocity), found by bisection to 0.2%.
 * Prints one JSON line per entry: name, k, target, achieved, isp values. tools/apply_fit.py
 * writes them into data/missiles.yaml with a `fit:` record.
 *
 * usage: fit_catalog DATA_DIR [NAME...]
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <bmd/aim.h>
#include <bmd/catalog.h>
#include <bmd/status.h>

static double perf(const struct bmd_missile *m, const struct bmd_vehicle *v,
                   const struct bmd_traj_opts *o) {
  double val = 0.0, kick;
  if (m->interceptor) {
    if (bmd_aim_max_burnout_speed(v, o, 45.0, 0.0, 0.0, &val, &kick) != BMD_OK) return 0.0;
  } else {
    if (bmd_aim_max_range(v, o, 45.0, 0.0, 0.0, 0.0, &val, &kick) != BMD_OK) return 0.0;
    val /= 1e3;
  }
  return val;
}

int main(int argc, char **argv) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  struct bmd_traj_opts o;
  if (argc < 2) {
    fprintf(stderr, "usage: fit_catalog DATA_DIR [NAME...]\n");
    return 2;
  }
  if (bmd_catalog_load_dir(&cat, argv[1], &d) != BMD_OK) {
    fprintf(stderr, "fit_catalog: %s:%d:%d: %s\n", d.file, d.line, d.col, d.msg);
    return 2;
  }
  bmd_traj_opts_default(&o);
  for (int i = 0; i < cat.nmissiles; i++) {
    const struct bmd_missile *m = &cat.missiles[i];
    int wanted = argc == 2;
    for (int a = 2; a < argc; a++)
      if (strcmp(argv[a], m->name) == 0) wanted = 1;
    if (!wanted) continue;
    double target = m->interceptor ? 0.5 * (m->vbo_lo_mps + m->vbo_hi_mps)
                                   : 0.5 * (m->range_lo_km + m->range_hi_km);
    double lo = 0.4, hi = 1.6, k = 1.0, got = 0.0;
    struct bmd_vehicle v;
    for (int it = 0; it < 40; it++) {
      k = 0.5 * (lo + hi);
      v = m->vehicle;
      for (int s = 0; s < v.nstages; s++) v.stage[s].isp_s *= k;
      got = perf(m, &v, &o);
      if (fabs(got / target - 1.0) < 0.002) break;
      if (got < target) lo = k; else hi = k;
    }
    v = m->vehicle;
    double base = perf(m, &v, &o);
    printf("{\"name\":\"%s\",\"k\":%.4f,\"target\":%.1f,\"achieved\":%.1f,\"unfitted\":%.1f,\"isp\":[",
           m->name, k, target, got, base);
    for (int s = 0; s < v.nstages; s++) printf("%s%.1f", s ? "," : "", v.stage[s].isp_s * k);
    printf("],\"isp0\":[");
    for (int s = 0; s < v.nstages; s++) printf("%s%.1f", s ? "," : "", v.stage[s].isp_s);
    printf("]}\n");
    fflush(stdout);
  }
  bmd_catalog_release(&cat);
  return 0;
}
