/* bench_mc.c - Monte Carlo speed: preparation time and trials per second of `bmdsim mc` on
   built-in scenarios, on 1 and 2 threads. Prints `NAME VALUE UNIT` lines.
   usage: bench_mc [TRIALS [SCENARIO...]]   (default 200 epaa-phase3 russia-deterrent) */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

#include <bmd/catalog.h>
#include <bmd/mc.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  static const char *const dflt[] = {"epaa-phase3", "russia-deterrent"};
  const char *const *names = argc > 2 ? (const char *const *)(argv + 2) : dflt;
  int nnames = argc > 2 ? argc - 2 : 2;
  long trials = argc > 1 ? strtol(argv[1], NULL, 10) : 200;
  struct bmd_catalog cat;
  struct bmd_diag d;
  if (trials < 1 || bmd_catalog_load_embedded(&cat, &d) != BMD_OK) return 1;
  for (int k = 0; k < nnames; k++) {
    struct bmd_scenario sc;
    struct bmd_sim_prep *prep = NULL;
    double t0, t1;
    if (bmd_scenario_load_builtin(&sc, names[k], &cat, &d) != BMD_OK) return 1;
    t0 = now();
    if (bmd_sim_prep_alloc(&sc, &prep, &d, NULL, NULL) != BMD_OK) return 1;
    t1 = now();
    printf("mc_prep_%s %.3f s\n", names[k], t1 - t0);
    for (int model = BMD_MC_ENGINE; model <= BMD_MC_PLAN; model++) {
      /* the plan model needs no launch-time uncertainty: run it on a copy without */
      const char *mname = model == BMD_MC_PLAN ? "plan" : "engine";
      long n = model == BMD_MC_PLAN ? trials * 5000 : trials;
      for (int th = 1; th <= 2; th++) {
        struct bmd_mc_opts o;
        struct bmd_mc_result r;
        double a, b;
        memset(&o, 0, sizeof o);
        o.trials = n;
        o.seed = 1;
        o.threads = th;
        o.model = model;
        a = now();
        if (bmd_mc_run(prep, &o, &r, &d) != BMD_OK) {
          printf("mc_%s_%s skipped (%s)\n", mname, names[k], d.msg);
          break;
        }
        b = now();
        printf("mc_%s_trials_per_s_%s_%dthread %.1f trials/s\n", mname, names[k], th, (double)n / (b - a));
        printf("mc_%s_trial_us_%s_%dthread %.3f us\n", mname, names[k], th, 1e6 * (b - a) * th / (double)n);
        bmd_mc_result_release(&r);
      }
    }
    bmd_sim_prep_free(prep);
    bmd_scenario_release(&sc);
  }
  bmd_catalog_release(&cat);
  return 0;
}
