/*
 * mc.h - Monte Carlo over a scenario's uncertainties: how well does the defence work?
 * N trials of the engine (sim.h) on one shared prepared scenario; each trial draws the
 * scenario's uncertainties (scenario.h, struct bmd_scen_uncertainty: launch times,
 * early-warning delays, decision latency, SSPK and reliability) and runs with its own
 * seed, so the per-shot hit draws, radar noise and early-warning errors differ too.
 * Results, in the outcome vocabulary of outcome.h (docs/outcomes.md): each trial's threats
 * killed, leaked and unengaged and the derived reached_target (leaked + unengaged); the
 * distribution of reached_target and of interceptors spent; P(no threat reaches its
 * target) and each threat's kill probability with 95% Wilson score intervals, and, where
 * it applies, the analytic kill probability of independent shots.
 *
 * Reproducibility: trial k's seed is output k of SplitMix64 started at the run's seed
 * (counter-based: computed from (seed, k) alone), so the results are bit-identical for any
 * number of threads and any scheduling. The low 32 bits seed the engine's stream (GSL's
 * taus2 takes 32 bits), the high 32 bits the stream of the trial's uncertainty draws
 * (taus2 too).
 * A trial of the ENGINE model of a scenario without uncertainty (all sigmas 0) is the run
 * `bmdsim run --seed R` with R its run seed, the low 32 bits (trials.csv's run_seed):
 * the same outcomes, threat by threat (tests/cli/outcomes_consistency.py).
 *
 * References: SplitMix64: Steele, Lea & Flood, OOPSLA 2014. Wilson score interval: E. B.
 * Wilson, J. Am. Stat. Assoc. 22 (1927) 209-212; recommended over the Wald interval by
 * Agresti & Coull, Am. Stat. 52 (1998) 119-126. Independent-shot kill probability
 * 1 - prod(1 - reliability x SSPK): Wilkening, Science & Global Security 8 (2000) 183-215.
 * Model notes, distributions and limits: docs/models/montecarlo.md.
 */
#ifndef BMD_MC_H
#define BMD_MC_H

#include <stdint.h>

#include "sim.h"

#define BMD_MC_MAX_TRIALS 100000000L   /* cap on trials (per-trial rows are kept) */
#define BMD_MC_MAX_THREADS 256

/* What a trial simulates:
   ENGINE  the whole engine (sim.h) per trial: sensing with noise, tracking, the battle
           manager deciding again in every trial, every uncertainty of the scenario;
   PLAN    the engagement plan held fixed: the shots each threat meets when every shot
           misses (one engine run), then per trial only the shot outcomes (reliability x
           SSPK, with their per-trial uncertainty), salvo by salvo until a kill. Exact when
           the analytic value applies (bmd_mc_analytic); about a microsecond per trial.
           Launch-time, early-warning and decision-latency uncertainty need ENGINE;
   REFERENCE the reference engine (sim.h, bmd_sim_ref_work_run) per trial, with every
           uncertainty as ENGINE: the engine of commit 2d8827a, to check ENGINE against
           (the same outcome distribution within Monte Carlo error) and to measure its
           speed beside. */
enum bmd_mc_model { BMD_MC_ENGINE = 0, BMD_MC_PLAN, BMD_MC_REFERENCE };

struct bmd_mc_opts {
  long trials;                   /* >= 1, <= BMD_MC_MAX_TRIALS */
  uint64_t seed;
  int threads;                   /* 0: all online cores; capped at BMD_MC_MAX_THREADS */
  bmd_sim_progress progress;     /* may be NULL; called from one thread only, with
                                    (trials done, trials) */
  void *progress_ctx;
  int model;                     /* enum bmd_mc_model (0: ENGINE) */
};

/* A proportion with its 95% Wilson score interval. */
struct bmd_mc_prop {
  long x, n;
  double p, ci95_lo, ci95_hi;
};

struct bmd_mc_result {
  long trials;
  uint64_t seed;
  int threads;                   /* threads actually used */
  int model;                     /* enum bmd_mc_model */
  int nthreats;                  /* threats in the scenario */
  int nsites;
  /* per trial, in trial order */
  uint64_t *trial_seed;          /* [trials] */
  unsigned char *outcome;        /* [trials * nthreats] enum bmd_outcome of threat i */
  int *count;                    /* [trials * BMD_OUTCOME_COUNT] threats by outcome */
  int *reached_target;           /* [trials] leaked + unengaged */
  int *spent;                    /* [trials] interceptors fired, all sites */
  int *spent_site;               /* [trials * nsites] */
  int nelements;                 /* sites, then radars (battle damage) */
  unsigned char *lost;           /* [trials * nelements] enum bmd_damage_level of each */
  /* statistics */
  struct bmd_mc_prop p_none_reached_target;  /* trials in which no threat reached its
                                                target (every threat killed) */
  double p_none_reached_target_analytic;     /* NAN where the analytic value does not apply */
  double reached_target_mean, reached_target_sd;
  long *reached_target_hist;     /* [nthreats + 1] trials with 0, 1, ... threats that
                                    reached their target */
  double count_mean[BMD_OUTCOME_COUNT], count_sd[BMD_OUTCOME_COUNT]; /* per trial */
  long *threat_count;            /* [nthreats * BMD_OUTCOME_COUNT] trials in which threat i
                                    had each outcome */
  double spent_mean, spent_sd;
  int spent_max;
  long *spent_hist;              /* [spent_max + 1] */
  double *spent_site_mean;       /* [nsites] */
  double *spent_site_sd;         /* [nsites] */
  struct bmd_mc_prop *p_kill;    /* [nthreats] */
  struct bmd_mc_prop *p_lost;    /* [nelements]: trials in which each site, then each radar,
                                    was disabled or destroyed (battle damage; the engine model
                                    only) */
  double *p_kill_analytic;       /* [nthreats], NAN where it does not apply */
  int analytic_applies;          /* 1: see bmd_mc_analytic */
};

/* bmd_mc_trial_seed - trial k's 64-bit seed: output k (from 0) of SplitMix64 started at
   state seed, i.e. the SplitMix64 finaliser of seed + (k + 1) x golden gamma. */
uint64_t bmd_mc_trial_seed(uint64_t seed, long k);

/* bmd_mc_wilson - the Wilson score interval for x successes in n trials at normal quantile
   z (BMD_Z95 for 95%): centre (p + z^2/2n) / (1 + z^2/n), half-width
   z / (1 + z^2/n) sqrt(p(1-p)/n + z^2/4n^2), p = x/n (Wilson 1927, eq. in sec. 3; Agresti &
   Coull 1998, eq. 2). n = 0 gives [0, 1]. */
void bmd_mc_wilson(long x, long n, double z, double *lo, double *hi);

/* bmd_mc_analytic - the independent-shot kill probability of each threat, p_kill[i] =
   1 - prod over its shots of (1 - reliability x SSPK), and the product of them as
   P(no threat reaches its target). The shots are those the defence fires when every shot misses (a run
   with SSPK 0 and seed `seed`): under shoot-look-shoot the threat survives exactly when
   all of them miss, so the formula is exact for salvo and shoot-look-shoot alike, as long
   as the plan of one threat does not depend on the fate of others. *applies is set to 1
   when that holds as far as can be checked: no uncertainty in the scenario (all sigmas 0)
   and no site runs out of interceptors or launchers in the all-miss run. Radar noise may
   still move a decision by a tick in rare cases (docs/models/montecarlo.md). Returns
   BMD_OK or BMD_ENOMEM. */
int bmd_mc_analytic(const struct bmd_sim_prep *prep, unsigned long seed, double *p_kill,
                    double *p_none_reached_target, int *applies);

/* bmd_mc_run - o->trials trials of the prepared scenario. res is filled (release it with
   bmd_mc_result_release). Returns BMD_OK, BMD_EINVAL (bad options; d says which) or
   BMD_ENOMEM. */
int bmd_mc_run(const struct bmd_sim_prep *prep, const struct bmd_mc_opts *o, struct bmd_mc_result *res,
               struct bmd_diag *d);

/* bmd_mc_result_release - free everything; accepts a zeroed result. */
void bmd_mc_result_release(struct bmd_mc_result *res);

#endif
