/* sweep_run.c - one point of a sweep: its scenario run through the sweep's analysis
   (run, mc, coverage or footprint) and the metrics kept (sweep.h). */
#include <bmd/sweep.h>

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <bmd/coverage.h>
#include <bmd/mc.h>
#include <bmd/sim.h>
#include <bmd/status.h>

static int resolve_threads(int threads) {
  long n;
  if (threads > 0) return threads;
  n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : (n > BMD_MC_MAX_THREADS ? BMD_MC_MAX_THREADS : (int)n);
}

static int run_run(const struct bmd_scenario *sc, uint64_t seed, double *all, struct bmd_diag *d) {
  struct bmd_sim_prep *prep = NULL;
  struct bmd_sim_work *w = NULL;
  const struct bmd_sim_result *r;
  int st = bmd_sim_prep_alloc(sc, &prep, d, NULL, NULL);
  if (st != BMD_OK) goto fail;
  st = bmd_sim_work_alloc(prep, &w);
  if (st != BMD_OK) goto fail;
  /* the low 32 bits seed the engine, as in mc.h: `bmdsim run --seed` replays the point */
  st = bmd_sim_work_run(w, (unsigned long)(seed & 0xffffffffu), NULL, 0, &r);
  if (st != BMD_OK) goto fail;
  all[BMD_SWEEP_M_KILLED] = r->count.n[BMD_OUTCOME_KILLED];
  all[BMD_SWEEP_M_LEAKED] = r->count.n[BMD_OUTCOME_LEAKED];
  all[BMD_SWEEP_M_UNENGAGED] = r->count.n[BMD_OUTCOME_UNENGAGED];
  all[BMD_SWEEP_M_REACHED] = r->count.reached_target;
  all[BMD_SWEEP_M_ENGAGED] = r->engaged;
  all[BMD_SWEEP_M_SPENT] = 0.0;
  for (int s = 0; s < r->nsites; s++) all[BMD_SWEEP_M_SPENT] += r->spent[s];
fail:
  bmd_sim_work_free(w);
  bmd_sim_prep_free(prep);
  return st;
}

static int run_mc(const struct bmd_sweep *sw, const struct bmd_scenario *sc, uint64_t seed, int threads,
                  double *all, struct bmd_diag *d) {
  struct bmd_sim_prep *prep = NULL;
  struct bmd_mc_opts o;
  struct bmd_mc_result r;
  int st;
  memset(&o, 0, sizeof o);
  memset(&r, 0, sizeof r);
  st = bmd_sim_prep_alloc(sc, &prep, d, NULL, NULL);
  if (st != BMD_OK) goto fail;
  o.trials = sw->mc_trials;
  o.seed = seed;
  o.threads = resolve_threads(threads);
  st = bmd_mc_run(prep, &o, &r, d);
  if (st != BMD_OK) goto fail;
  all[BMD_SWEEP_M_P_NONE] = r.p_none_reached_target.p;
  all[BMD_SWEEP_M_P_NONE_LO] = r.p_none_reached_target.ci95_lo;
  all[BMD_SWEEP_M_P_NONE_HI] = r.p_none_reached_target.ci95_hi;
  all[BMD_SWEEP_M_REACHED_MEAN] = r.reached_target_mean;
  all[BMD_SWEEP_M_REACHED_SD] = r.reached_target_sd;
  all[BMD_SWEEP_M_KILLED_MEAN] = r.count_mean[BMD_OUTCOME_KILLED];
  all[BMD_SWEEP_M_LEAKED_MEAN] = r.count_mean[BMD_OUTCOME_LEAKED];
  all[BMD_SWEEP_M_UNENGAGED_MEAN] = r.count_mean[BMD_OUTCOME_UNENGAGED];
  all[BMD_SWEEP_M_SPENT_MEAN] = r.spent_mean;
  all[BMD_SWEEP_M_SPENT_SD] = r.spent_sd;
fail:
  bmd_mc_result_release(&r);
  bmd_sim_prep_free(prep);
  return st;
}

static int run_coverage(const struct bmd_sweep *sw, const struct bmd_scenario *sc, int threads, double *all,
                        struct bmd_diag *d) {
  struct bmd_coverage cov;
  struct bmd_coverage_opts o;
  int st, ce = 0, ck = 0, re = 0, rk = 0;
  memset(&cov, 0, sizeof cov);
  memset(&o, 0, sizeof o);
  o.dt_s = 1.0;
  o.sweep = sw->coverage_thresholds;
  o.threads = resolve_threads(threads);
  st = bmd_coverage_compute(sc, &o, &cov, d, NULL, NULL);
  if (st != BMD_OK) goto fail;
  for (int c = 0; c < cov.ncorridors; c++) {
    int e = 0, k = 0;
    for (int s = 0; s < sc->nsites; s++) {
      const struct bmd_coverage_row *r = &cov.row[c * sc->nsites + s];
      e |= r->feasible;
      k |= r->kinematic_feasible;
      re += r->feasible != 0;
      rk += r->kinematic_feasible != 0;
    }
    ce += e != 0;
    ck += k != 0;
  }
  all[BMD_SWEEP_M_CORRIDORS] = cov.ncorridors;
  all[BMD_SWEEP_M_CORR_ENG] = ce;
  all[BMD_SWEEP_M_CORR_KIN] = ck;
  all[BMD_SWEEP_M_ROWS_ENG] = re;
  all[BMD_SWEEP_M_ROWS_KIN] = rk;
fail:
  bmd_coverage_release(&cov);
  return st;
}

static int run_footprint(const struct bmd_sweep *sw, const struct bmd_scenario *sc, int threads, double *all,
                         struct bmd_diag *d) {
  struct bmd_footprint f;
  struct bmd_footprint_summary sm;
  struct bmd_footprint_opts o = sw->fp;
  int st;
  memset(&f, 0, sizeof f);
  memset(&sm, 0, sizeof sm);
  o.threads = resolve_threads(threads);
  st = bmd_footprint_compute(sc, &o, &f, NULL, NULL);
  if (st == BMD_OK) st = bmd_footprint_summarize(&f, sc->nsites, &sm);
  if (st != BMD_OK) {
    bmd_diag_set(d, sw->file, 0, 0, "footprint: %s", bmd_strerror(st));
    goto fail;
  }
  /* the combined numbers, as bmdsim footprint reports them (footprint.json's "combined") */
  all[BMD_SWEEP_M_CELLS] = (double)f.nlat * f.nlon;
  all[BMD_SWEEP_M_CELLS_THR] = (double)sm.combined.threatened.cells;
  all[BMD_SWEEP_M_CELLS_DEF] = (double)sm.combined.defended.cells;
  all[BMD_SWEEP_M_CELLS_SLS] = (double)sm.combined.shoot_look_shoot.cells;
  all[BMD_SWEEP_M_CELLS_KIN] = (double)sm.combined.kinematic.cells;
  all[BMD_SWEEP_M_AREA_THR] = round(sm.combined.threatened.area_km2);
  all[BMD_SWEEP_M_AREA_DEF] = round(sm.combined.defended.area_km2);
  all[BMD_SWEEP_M_DEF_FRAC] = sm.combined.defended_fraction;
fail:
  bmd_footprint_summary_release(&sm);
  bmd_footprint_release(&f);
  return st;
}

int bmd_sweep_point_run(const struct bmd_sweep *sw, long idx, int threads, double *values, struct bmd_diag *d) {
  struct bmd_sweep_scenario ps;
  double all[BMD_SWEEP_M_COUNT];
  int st;
  for (int m = 0; m < BMD_SWEEP_M_COUNT; m++) all[m] = nan("");
  st = bmd_sweep_apply(sw, idx, &ps, d);
  if (st != BMD_OK) return st;
  switch (sw->analysis) {
  case BMD_SWEEP_RUN: st = run_run(&ps.sc, ps.seed, all, d); break;
  case BMD_SWEEP_MC: st = run_mc(sw, &ps.sc, ps.seed, threads, all, d); break;
  case BMD_SWEEP_COVERAGE: st = run_coverage(sw, &ps.sc, threads, all, d); break;
  default: st = run_footprint(sw, &ps.sc, threads, all, d); break;
  }
  bmd_sweep_scenario_release(&ps);
  if (st != BMD_OK) return st;
  for (int k = 0; k < sw->nmetrics; k++) values[k] = all[sw->metric[k]];
  return BMD_OK;
}
