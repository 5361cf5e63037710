/* bench_mc_equiv.c - the engine's Monte Carlo against the reference engine's (issue 29):
   TRIALS trials of each (reference: seed 1, engine: seed 2; 2 threads), their rates side by
   side, and a chi-square test of homogeneity of every outcome distribution (each threat's
   killed / leaked / unengaged counts, the reached-target histogram, the interceptors-spent
   histogram; the test of tests/unit/test_mc.c (h), which holds the engine to a stored run of
   the reference). Prints `NAME VALUE UNIT` lines; not a test (the reference takes minutes).
   usage: bench_mc_equiv [TRIALS [SCENARIO]]   (default 100000 epaa-phase3) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_cdf.h>

#include <bmd/catalog.h>
#include <bmd/mc.h>
#include <bmd/outcome.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Pearson's chi-square test of homogeneity of two samples' counts over k categories
   (Agresti, Categorical Data Analysis, 3rd ed. (2013), sec. 3.2.1); categories whose two
   counts add up to less than 20 pooled into one (dropped if the pool is still under 20).
   The p-value, the degrees of freedom in *dof. */
static double chi2_two(const long *a, const long *b, int k, int *dof) {
  double na = 0, nb = 0, x2 = 0.0, pa = 0, pb = 0;
  int cols = 0;
  for (int j = 0; j < k; j++) {
    na += (double)a[j];
    nb += (double)b[j];
  }
  for (int j = 0; j <= k; j++) {
    double ca, cb, ea, eb;
    if (j < k && a[j] + b[j] < 20) {
      pa += (double)a[j];
      pb += (double)b[j];
      continue;
    }
    ca = j < k ? (double)a[j] : pa;
    cb = j < k ? (double)b[j] : pb;
    if (ca + cb < 20) continue;
    ea = (ca + cb) * na / (na + nb);
    eb = (ca + cb) * nb / (na + nb);
    x2 += (ca - ea) * (ca - ea) / ea + (cb - eb) * (cb - eb) / eb;
    cols++;
  }
  *dof = cols - 1;
  return cols > 1 ? gsl_cdf_chisq_Q(x2, cols - 1) : 1.0;
}

static int run(const struct bmd_sim_prep *prep, int model, uint64_t seed, long n, struct bmd_mc_result *r,
               double *rate) {
  struct bmd_mc_opts o;
  struct bmd_diag d;
  double a, b;
  memset(&o, 0, sizeof o);
  o.trials = n;
  o.seed = seed;
  o.threads = 2;
  o.model = model;
  a = now();
  if (bmd_mc_run(prep, &o, r, &d) != BMD_OK) {
    fprintf(stderr, "bench_mc_equiv: %s\n", d.msg);
    return 0;
  }
  b = now();
  *rate = (double)n / (b - a);
  return 1;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
  const char *name = argc > 2 ? argv[2] : "epaa-phase3";
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_sim_prep *prep = NULL;
  struct bmd_diag d;
  struct bmd_mc_result ref, eng;
  double rr, re, pmin = 1.0;
  int dof, ntest = 0, smax;
  long *sa, *sb;
  if (n < 1 || bmd_catalog_load_embedded(&cat, &d) != BMD_OK || bmd_scenario_load_builtin(&sc, name, &cat, &d) != BMD_OK ||
      bmd_sim_prep_alloc(&sc, &prep, &d, NULL, NULL) != BMD_OK)
    return 1;
  memset(&ref, 0, sizeof ref);
  memset(&eng, 0, sizeof eng);
  if (!run(prep, BMD_MC_REFERENCE, 1, n, &ref, &rr) || !run(prep, BMD_MC_ENGINE, 2, n, &eng, &re)) return 1;
  printf("mc_equiv_%s_trials %ld trials\n", name, n);
  printf("mc_equiv_%s_reference_trials_per_s_2threads %.1f trials/s\n", name, rr);
  printf("mc_equiv_%s_engine_trials_per_s_2threads %.1f trials/s\n", name, re);
  printf("mc_equiv_%s_speedup %.1f x\n", name, re / rr);
  for (int i = 0; i < sc.nthreats; i++) {
    double p = chi2_two(&ref.threat_count[i * BMD_OUTCOME_COUNT], &eng.threat_count[i * BMD_OUTCOME_COUNT],
                        BMD_OUTCOME_COUNT, &dof);
    printf("mc_equiv_%s_p_kill_%s %.4f %.4f reference/engine\n", name, sc.threats[i].id, ref.p_kill[i].p,
           eng.p_kill[i].p);
    printf("mc_equiv_%s_chi2_p_outcomes_%s %.4f p(%d dof)\n", name, sc.threats[i].id, p, dof);
    if (p < pmin) pmin = p;
    ntest++;
  }
  {
    double p = chi2_two(ref.reached_target_hist, eng.reached_target_hist, sc.nthreats + 1, &dof);
    printf("mc_equiv_%s_reached_target_mean %.4f %.4f reference/engine\n", name, ref.reached_target_mean,
           eng.reached_target_mean);
    printf("mc_equiv_%s_chi2_p_reached_target %.4f p(%d dof)\n", name, p, dof);
    if (p < pmin) pmin = p;
    ntest++;
  }
  smax = ref.spent_max > eng.spent_max ? ref.spent_max : eng.spent_max;
  sa = calloc((size_t)smax + 1, sizeof *sa);
  sb = calloc((size_t)smax + 1, sizeof *sb);
  if (!sa || !sb) return 1;
  for (int j = 0; j <= ref.spent_max; j++) sa[j] = ref.spent_hist[j];
  for (int j = 0; j <= eng.spent_max; j++) sb[j] = eng.spent_hist[j];
  {
    double p = chi2_two(sa, sb, smax + 1, &dof);
    printf("mc_equiv_%s_spent_mean %.4f %.4f reference/engine\n", name, ref.spent_mean, eng.spent_mean);
    printf("mc_equiv_%s_chi2_p_spent %.4f p(%d dof)\n", name, p, dof);
    if (p < pmin) pmin = p;
    ntest++;
  }
  printf("mc_equiv_%s_chi2_min_p %.4f p(of %d tests)\n", name, pmin, ntest);
  free(sa);
  free(sb);
  bmd_mc_result_release(&ref);
  bmd_mc_result_release(&eng);
  bmd_sim_prep_free(prep);
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return 0;
}
