/* mc.c - Monte Carlo trials on a prepared scenario, threaded, seed-per-trial (mc.h). */
#include <bmd/mc.h>

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <bmd/const.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#define CHUNK 8 /* trials a thread takes at a time: small enough to balance 2-3 threads on
                   a few hundred trials, large enough that the counter is not contended */

uint64_t bmd_mc_trial_seed(uint64_t seed, long k) {
  /* SplitMix64 output k: the state after k + 1 increments, through the finaliser
     (Steele, Lea & Flood, OOPSLA 2014, fig. 16; Vigna's splitmix64.c) */
  uint64_t z = seed + ((uint64_t)k + 1u) * BMD_SPLITMIX64_GAMMA;
  z = (z ^ (z >> 30)) * BMD_SPLITMIX64_M1;
  z = (z ^ (z >> 27)) * BMD_SPLITMIX64_M2;
  return z ^ (z >> 31);
}

void bmd_mc_wilson(long x, long n, double z, double *lo, double *hi) {
  double p, z2n, c, h;
  if (n <= 0) {
    *lo = 0.0;
    *hi = 1.0;
    return;
  }
  /* Wilson (1927); Agresti & Coull (1998) eq. 2 */
  p = (double)x / (double)n;
  z2n = z * z / (double)n;
  c = (p + 0.5 * z2n) / (1.0 + z2n);
  h = z / (1.0 + z2n) * sqrt(p * (1.0 - p) / (double)n + 0.25 * z2n / (double)n);
  /* at x = 0 (x = n) the bound is 0 (1) exactly; rounding would leave ~1e-19 */
  *lo = x <= 0 || c - h < 0.0 ? 0.0 : c - h;
  *hi = x >= n || c + h > 1.0 ? 1.0 : c + h;
}

/* a Beta variate with mean m and standard deviation sd, by the method of moments:
   mean a/(a+b), variance ab/((a+b)^2 (a+b+1)) (Johnson, Kotz & Balakrishnan, Continuous
   Univariate Distributions vol. 2, 2nd ed. (1995), eq. 25.15), so a + b = m(1-m)/sd^2 - 1.
   A variance at or above m(1-m), which no Beta distribution has, is capped at 0.99 m(1-m);
   NEVER from a parsed scenario or sweep, which refuse such a spread (bmd_scenario_beta_ok). */
static double beta_mean_sd(gsl_rng *r, double m, double sd) {
  double v = sd * sd, vmax = m * (1.0 - m), nu;
  if (!(sd > 0.0) || !(m > 0.0) || !(m < 1.0)) return m;
  if (v >= vmax) v = 0.99 * vmax;
  nu = vmax / v - 1.0;
  return gsl_ran_beta(r, m * nu, (1.0 - m) * nu);
}

/* shared, read-only during the trials */
struct shared {
  const struct bmd_sim_prep *prep;
  const struct bmd_scenario *sc;
  const struct bmd_mc_opts *o;
  struct bmd_mc_result *res;
  int nt, ns;
  int nsspk_class, nrel_class;
  int *sspk_class;               /* [site * nt + threat] */
  double *sspk_mean;             /* [class] */
  int *rel_class;                /* [site] */
  /* the PLAN model: threat i's shots plan_shot[plan_off[i] .. plan_off[i + 1]) (sites),
     salvo groups ending where plan_end[k] is 1 */
  int *plan_off, *plan_site;
  unsigned char *plan_end;
  atomic_long next, done;
  atomic_int status;
};

struct worker {
  struct shared *sh;
  int index;
  pthread_t th;
};

/* SplitMix64 as a stream: the uniform deviates of one PLAN trial (Steele, Lea & Flood 2014) */
static double sm_uniform(uint64_t *state) {
  uint64_t z = (*state += BMD_SPLITMIX64_GAMMA);
  z = (z ^ (z >> 30)) * BMD_SPLITMIX64_M1;
  z = (z ^ (z >> 27)) * BMD_SPLITMIX64_M2;
  z ^= z >> 31;
  return (double)(z >> 11) * 0x1.0p-53;
}

/* trial k's threat i ended with outcome o */
static void set_outcome(struct bmd_mc_result *res, long k, size_t i, int o) {
  res->outcome[(size_t)k * (size_t)res->nthreats + i] = (unsigned char)o;
  res->count[(size_t)k * BMD_OUTCOME_COUNT + (size_t)o]++;
  res->reached_target[k] += bmd_outcome_reached_target(o);
}

static void clear_trial(struct bmd_mc_result *res, long k) {
  for (int o = 0; o < BMD_OUTCOME_COUNT; o++) res->count[(size_t)k * BMD_OUTCOME_COUNT + (size_t)o] = 0;
  res->reached_target[k] = 0;
}

/* one PLAN trial: salvos in plan order until one kills; shots after the kill are not fired */
static void plan_trial(const struct shared *sh, uint64_t z, const double *sspk, const double *rel, long k) {
  struct bmd_mc_result *res = sh->res;
  size_t nt = (size_t)sh->nt, ns = (size_t)sh->ns;
  uint64_t state = z;
  int spent = 0;
  clear_trial(res, k);
  for (size_t s = 0; s < ns; s++) res->spent_site[(size_t)k * ns + s] = 0;
  for (size_t i = 0; i < nt; i++) {
    int kill = 0;
    for (int q = sh->plan_off[i]; q < sh->plan_off[i + 1] && !kill; q++) {
      /* the whole salvo flies; the threat dies if any of its shots hits */
      int g = q;
      for (;; g++) {
        int s = sh->plan_site[g];
        double p = rel[s] * sspk[(size_t)s * nt + i];
        res->spent_site[(size_t)k * ns + (size_t)s]++;
        spent++;
        if (sm_uniform(&state) < p) kill = 1;
        if (sh->plan_end[g]) break;
      }
      q = g;
    }
    set_outcome(res, k, i,
                kill ? BMD_OUTCOME_KILLED
                     : (sh->plan_off[i + 1] > sh->plan_off[i] ? BMD_OUTCOME_LEAKED : BMD_OUTCOME_UNENGAGED));
  }
  res->trial_seed[k] = z;
  res->spent[k] = spent;
}

static void *work(void *arg) {
  struct worker *wk = arg;
  struct shared *sh = wk->sh;
  const struct bmd_scen_uncertainty *u = &sh->sc->unc;
  struct bmd_mc_result *res = sh->res;
  struct bmd_sim_work *w = NULL;
  struct bmd_sim_ref_work *rw = NULL;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
  size_t nt = (size_t)sh->nt, ns = (size_t)sh->ns;
  double *launch = calloc(nt + 1, sizeof *launch), *ew = calloc(nt + 1, sizeof *ew);
  double *sspk = calloc(nt * ns + 1, sizeof *sspk), *rel = calloc(ns + 1, sizeof *rel);
  double *cls = calloc((size_t)sh->nsspk_class + 1, sizeof *cls);
  double *rcls = calloc((size_t)sh->nrel_class + 1, sizeof *rcls);
  int st = BMD_OK;

  if (!r || !launch || !ew || !sspk || !rel || !cls || !rcls ||
      (sh->o->model == BMD_MC_ENGINE && bmd_sim_work_alloc(sh->prep, &w) != BMD_OK) ||
      (sh->o->model == BMD_MC_REFERENCE && bmd_sim_ref_work_alloc(sh->prep, &rw) != BMD_OK)) {
    st = BMD_ENOMEM;
    goto fail;
  }
  while (atomic_load(&sh->status) == BMD_OK) {
    long k0 = atomic_fetch_add(&sh->next, CHUNK);
    if (k0 >= res->trials) break;
    for (long k = k0; k < k0 + CHUNK && k < res->trials; k++) {
      uint64_t z = bmd_mc_trial_seed(res->seed, k);
      struct bmd_sim_perturb pert;
      const struct bmd_sim_result *out;
      int spent = 0;
      memset(&pert, 0, sizeof pert);
      /* the trial's uncertainties, from their own stream, in a fixed order */
      if (u->launch_time_sigma_s > 0.0 || u->ew_delay_sigma_s > 0.0 || u->decision_latency_sigma_s > 0.0 ||
          u->sspk_sigma > 0.0 || u->reliability_sigma > 0.0)
        gsl_rng_set(r, (unsigned long)(z >> 32));
      if (u->launch_time_sigma_s > 0.0) {
        for (size_t i = 0; i < nt; i++) launch[i] = gsl_ran_gaussian(r, u->launch_time_sigma_s);
        pert.launch_dt_s = launch;
      }
      if (u->ew_delay_sigma_s > 0.0) {
        for (size_t i = 0; i < nt; i++) ew[i] = gsl_ran_gaussian(r, u->ew_delay_sigma_s);
        pert.ew_delay_dt_s = ew;
      }
      if (u->decision_latency_sigma_s > 0.0) pert.decision_latency_dt_s = gsl_ran_gaussian(r, u->decision_latency_sigma_s);
      if (u->sspk_sigma > 0.0) {
        for (int c = 0; c < sh->nsspk_class; c++) cls[c] = beta_mean_sd(r, sh->sspk_mean[c], u->sspk_sigma);
        for (size_t q = 0; q < nt * ns; q++) sspk[q] = cls[sh->sspk_class[q]];
        pert.sspk = sspk;
      }
      if (u->reliability_sigma > 0.0) {
        for (int c = 0; c < sh->nrel_class; c++) rcls[c] = beta_mean_sd(r, sh->sc->c2.reliability, u->reliability_sigma);
        for (size_t s = 0; s < ns; s++) rel[s] = rcls[sh->rel_class[s]];
        pert.reliability = rel;
      }
      if (sh->o->model == BMD_MC_PLAN) {
        if (!pert.sspk)
          for (size_t q = 0; q < nt * ns; q++) sspk[q] = sh->sspk_mean[sh->sspk_class[q]];
        if (!pert.reliability)
          for (size_t s = 0; s < ns; s++) rel[s] = sh->sc->c2.reliability;
        plan_trial(sh, z, sspk, rel, k);
        continue;
      }
      if (rw)
        st = bmd_sim_ref_work_run(rw, (unsigned long)(z & 0xffffffffu), &pert, &out);
      else
        st = bmd_sim_work_run(w, (unsigned long)(z & 0xffffffffu), &pert, 0, &out);
      if (st != BMD_OK) goto fail;
      res->trial_seed[k] = z;
      clear_trial(res, k);
      for (size_t i = 0; i < nt; i++) set_outcome(res, k, i, out->threats[i].outcome);
      for (size_t s = 0; s < ns; s++) {
        res->spent_site[(size_t)k * ns + s] = out->spent[s];
        spent += out->spent[s];
      }
      for (int e = 0; !rw && e < res->nelements; e++)
        res->lost[(size_t)k * (size_t)res->nelements + (size_t)e] = (unsigned char)out->loss[e].level;
      res->spent[k] = spent;
    }
    {
      long n = atomic_fetch_add(&sh->done, CHUNK) + CHUNK;
      if (wk->index == 0 && sh->o->progress) sh->o->progress(sh->o->progress_ctx, n < res->trials ? n : res->trials, res->trials);
    }
  }
fail:
  if (st != BMD_OK) {
    int ok = BMD_OK;
    atomic_compare_exchange_strong(&sh->status, &ok, st);
  }
  bmd_sim_work_free(w);
  bmd_sim_ref_work_free(rw);
  gsl_rng_free(r);
  free(launch);
  free(ew);
  free(sspk);
  free(rel);
  free(cls);
  free(rcls);
  return NULL;
}

int bmd_mc_analytic(const struct bmd_sim_prep *prep, unsigned long seed, double *p_kill, double *p_none,
                    int *applies) {
  const struct bmd_scenario *sc = bmd_sim_prep_scenario(prep);
  const struct bmd_scen_uncertainty *u = &sc->unc;
  struct bmd_sim_work *w = NULL;
  const struct bmd_sim_result *out;
  struct bmd_sim_perturb pert;
  double *zero = calloc((size_t)sc->nthreats * (size_t)sc->nsites + 1, sizeof *zero), pz = 1.0;
  int st, ok;
  if (!zero) return BMD_ENOMEM;
  st = bmd_sim_work_alloc(prep, &w);
  if (st != BMD_OK) goto done;
  /* every shot misses: the longest shot sequence each threat can meet */
  memset(&pert, 0, sizeof pert);
  pert.sspk = zero;
  st = bmd_sim_work_run(w, seed, &pert, 0, &out);
  if (st != BMD_OK) goto done;
  /* battle damage makes one threat's plan depend on another's fate */
  ok = u->launch_time_sigma_s == 0.0 && u->ew_delay_sigma_s == 0.0 && u->decision_latency_sigma_s == 0.0 &&
       u->sspk_sigma == 0.0 && u->reliability_sigma == 0.0 && !bmd_sim_prep_damage_possible(prep);
  for (int s = 0; s < sc->nsites; s++) {
    const struct bmd_scen_site *site = &sc->sites[s];
    if (out->spent[s] >= site->inventory || (site->reload_s <= 0.0 && out->spent[s] >= site->launchers)) ok = 0;
  }
  for (int i = 0; i < sc->nthreats; i++) {
    const struct bmd_sim_threat *th = &out->threats[i];
    double q = 1.0;
    /* Wilkening (2000): independent shots, survival = prod (1 - reliability x SSPK) */
    for (int k = 0; k < th->nshots; k++) {
      const struct bmd_missile *ic = sc->sites[th->shots[k].site].interceptor;
      q *= 1.0 - sc->c2.reliability * bmd_scenario_sspk(sc, ic, sc->threats[i].missile);
    }
    p_kill[i] = 1.0 - q;
    pz *= 1.0 - q;
  }
  if (p_none) *p_none = pz;
  if (applies) *applies = ok;
done:
  bmd_sim_work_free(w);
  free(zero);
  return st;
}

void bmd_mc_result_release(struct bmd_mc_result *r) {
  if (!r) return;
  free(r->trial_seed);
  free(r->outcome);
  free(r->count);
  free(r->reached_target);
  free(r->spent);
  free(r->spent_site);
  free(r->lost);
  free(r->p_lost);
  free(r->reached_target_hist);
  free(r->threat_count);
  free(r->spent_hist);
  free(r->spent_site_mean);
  free(r->spent_site_sd);
  free(r->p_kill);
  free(r->p_kill_analytic);
  memset(r, 0, sizeof *r);
}

/* mean and sample standard deviation of n integers from their exact sums */
static void mean_sd(long n, long long s1, long long s2, double *mean, double *sd) {
  double m = (double)s1 / (double)n;
  double v = n > 1 ? ((double)s2 - (double)n * m * m) / (double)(n - 1) : 0.0;
  *mean = m;
  *sd = v > 0.0 ? sqrt(v) : 0.0;
}

static void prop(struct bmd_mc_prop *p, long x, long n) {
  p->x = x;
  p->n = n;
  p->p = (double)x / (double)n;
  bmd_mc_wilson(x, n, BMD_Z95, &p->ci95_lo, &p->ci95_hi);
}

/* the PLAN model's shots: the engine run in which every shot misses (as bmd_mc_analytic),
   each threat's shots in order, salvos = consecutive shots of one site at one launch time */
static int build_plan(const struct bmd_sim_prep *prep, unsigned long seed, struct shared *sh) {
  const struct bmd_scenario *sc = bmd_sim_prep_scenario(prep);
  struct bmd_sim_work *w = NULL;
  const struct bmd_sim_result *out = NULL;
  struct bmd_sim_perturb pert;
  double *zero = calloc((size_t)sc->nthreats * (size_t)sc->nsites + 1, sizeof *zero);
  int st, n = 0;
  sh->plan_off = calloc((size_t)sc->nthreats + 1, sizeof *sh->plan_off);
  sh->plan_site = calloc((size_t)sc->nthreats * BMD_SIM_MAX_SHOTS + 1, sizeof *sh->plan_site);
  sh->plan_end = calloc((size_t)sc->nthreats * BMD_SIM_MAX_SHOTS + 1, 1);
  if (!zero || !sh->plan_off || !sh->plan_site || !sh->plan_end) {
    free(zero);
    return BMD_ENOMEM;
  }
  st = bmd_sim_work_alloc(prep, &w);
  if (st == BMD_OK) {
    memset(&pert, 0, sizeof pert);
    pert.sspk = zero;
    st = bmd_sim_work_run(w, seed, &pert, 0, &out);
  }
  if (st == BMD_OK)
    for (int i = 0; i < sc->nthreats; i++) {
      const struct bmd_sim_threat *th = &out->threats[i];
      sh->plan_off[i] = n;
      for (int k = 0; k < th->nshots; k++, n++) {
        sh->plan_site[n] = th->shots[k].site;
        sh->plan_end[n] = k + 1 == th->nshots || th->shots[k + 1].site != th->shots[k].site ||
                          th->shots[k + 1].launch_t_s != th->shots[k].launch_t_s;
      }
      sh->plan_off[i + 1] = n;
    }
  bmd_sim_work_free(w);
  free(zero);
  return st;
}

int bmd_mc_run(const struct bmd_sim_prep *prep, const struct bmd_mc_opts *o, struct bmd_mc_result *res,
               struct bmd_diag *d) {
  const struct bmd_scenario *sc = bmd_sim_prep_scenario(prep);
  struct shared sh;
  struct worker *wk = NULL;
  size_t nt = (size_t)sc->nthreats, ns = (size_t)sc->nsites, n;
  int nthr = o->threads, st = BMD_OK, started = 0;
  long long s1 = 0, s2 = 0;

  memset(res, 0, sizeof *res);
  memset(&sh, 0, sizeof sh);
  if (o->trials < 1 || o->trials > BMD_MC_MAX_TRIALS) {
    bmd_diag_set(d, "", 0, 0, "trials must be from 1 to %ld", BMD_MC_MAX_TRIALS);
    return BMD_EINVAL;
  }
  if (nthr < 0) {
    bmd_diag_set(d, "", 0, 0, "threads must be >= 0 (0: all cores)");
    return BMD_EINVAL;
  }
  if (o->model != BMD_MC_ENGINE && o->model != BMD_MC_PLAN && o->model != BMD_MC_REFERENCE) {
    bmd_diag_set(d, "", 0, 0, "model must be engine, plan or reference");
    return BMD_EINVAL;
  }
  if (nthr == 0) {
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    nthr = c > 0 ? (int)(c < BMD_MC_MAX_THREADS ? c : BMD_MC_MAX_THREADS) : 1;
  }
  if (nthr > BMD_MC_MAX_THREADS) nthr = BMD_MC_MAX_THREADS;
  if ((long)nthr > (o->trials + CHUNK - 1) / CHUNK) nthr = (int)((o->trials + CHUNK - 1) / CHUNK);
  n = (size_t)o->trials;
  res->trials = o->trials;
  res->seed = o->seed;
  res->threads = nthr;
  res->model = o->model;
  res->nthreats = sc->nthreats;
  res->nsites = sc->nsites;
  res->trial_seed = calloc(n, sizeof *res->trial_seed);
  res->outcome = calloc(n * nt + 1, 1);
  res->count = calloc(n * BMD_OUTCOME_COUNT, sizeof *res->count);
  res->reached_target = calloc(n, sizeof *res->reached_target);
  res->spent = calloc(n, sizeof *res->spent);
  res->spent_site = calloc(n * ns + 1, sizeof *res->spent_site);
  res->nelements = sc->nsites + sc->nradars;
  res->lost = calloc(n * (size_t)res->nelements + 1, 1);
  res->p_lost = calloc((size_t)res->nelements + 1, sizeof *res->p_lost);
  res->reached_target_hist = calloc(nt + 1, sizeof *res->reached_target_hist);
  res->threat_count = calloc(nt * BMD_OUTCOME_COUNT + 1, sizeof *res->threat_count);
  res->spent_site_mean = calloc(ns + 1, sizeof *res->spent_site_mean);
  res->spent_site_sd = calloc(ns + 1, sizeof *res->spent_site_sd);
  res->p_kill = calloc(nt + 1, sizeof *res->p_kill);
  res->p_kill_analytic = calloc(nt + 1, sizeof *res->p_kill_analytic);
  sh.sspk_class = calloc(nt * ns + 1, sizeof *sh.sspk_class);
  sh.sspk_mean = calloc(nt * ns + 1, sizeof *sh.sspk_mean);
  sh.rel_class = calloc(ns + 1, sizeof *sh.rel_class);
  wk = calloc((size_t)nthr, sizeof *wk);
  if (!res->trial_seed || !res->outcome || !res->count || !res->reached_target || !res->spent || !res->spent_site ||
      !res->lost || !res->p_lost ||
      !res->reached_target_hist || !res->threat_count ||
      !res->spent_site_mean || !res->spent_site_sd || !res->p_kill || !res->p_kill_analytic || !sh.sspk_class ||
      !sh.sspk_mean || !sh.rel_class || !wk) {
    st = BMD_ENOMEM;
    goto fail;
  }

  /* uncertainty classes: one SSPK draw per interceptor/threat-missile pair, one reliability
     draw per interceptor type, in the order of first appearance (site-major) */
  for (size_t s = 0; s < ns; s++) {
    const struct bmd_missile *ic = sc->sites[s].interceptor;
    int c = -1;
    for (size_t q = 0; q < s && c < 0; q++)
      if (sc->sites[q].interceptor == ic) c = sh.rel_class[q];
    if (c < 0) c = sh.nrel_class++;
    sh.rel_class[s] = c;
    for (size_t i = 0; i < nt; i++) {
      const struct bmd_missile *tm = sc->threats[i].missile;
      int k = -1;
      for (size_t q = 0; q < s * nt + i && k < 0; q++) {
        size_t qs = q / nt, qi = q % nt;
        if (sc->sites[qs].interceptor == ic && sc->threats[qi].missile == tm) k = sh.sspk_class[q];
      }
      if (k < 0) {
        k = sh.nsspk_class++;
        sh.sspk_mean[k] = bmd_scenario_sspk(sc, ic, tm);
      }
      sh.sspk_class[s * nt + i] = k;
    }
  }

  if (o->model != BMD_MC_ENGINE && bmd_sim_prep_damage_possible(prep)) {
    /* the plan model fixes the plan, and the reference engine predates battle damage */
    bmd_diag_set(d, sc->file, 0, 0, "an impact of this scenario can destroy a site or radar (battle damage, "
                 "docs/models/damage.md), which only the engine model simulates: use --model engine");
    st = BMD_EINVAL;
    goto fail_quiet;
  }
  if (o->model == BMD_MC_PLAN) {
    const struct bmd_scen_uncertainty *u = &sc->unc;
    if (u->launch_time_sigma_s > 0.0 || u->ew_delay_sigma_s > 0.0 || u->decision_latency_sigma_s > 0.0) {
      bmd_diag_set(d, sc->file, 0, 0, "the plan model holds the engagement plan fixed: launch-time, early-warning "
                   "and decision-latency uncertainty need the engine model");
      st = BMD_EINVAL;
      goto fail_quiet;
    }
    st = build_plan(prep, (unsigned long)(o->seed & 0xffffffffu), &sh);
    if (st != BMD_OK) goto fail;
  }
  sh.prep = prep;
  sh.sc = sc;
  sh.o = o;
  sh.res = res;
  sh.nt = sc->nthreats;
  sh.ns = sc->nsites;
  atomic_init(&sh.next, 0);
  atomic_init(&sh.done, 0);
  atomic_init(&sh.status, BMD_OK);
  for (int t = 0; t < nthr; t++) {
    wk[t].sh = &sh;
    wk[t].index = t;
  }
  /* thread 0 is this one; the others are started */
  for (int t = 1; t < nthr; t++) {
    if (pthread_create(&wk[t].th, NULL, work, &wk[t]) != 0) {
      int ok = BMD_OK;
      atomic_compare_exchange_strong(&sh.status, &ok, BMD_ENOMEM);
      break;
    }
    started = t;
  }
  work(&wk[0]);
  for (int t = 1; t <= started; t++) pthread_join(wk[t].th, NULL);
  st = atomic_load(&sh.status);
  if (st != BMD_OK) goto fail;

  /* statistics, in trial order (exact integer sums: independent of the threads) */
  {
    long zero = 0;
    for (size_t k = 0; k < n; k++) {
      res->reached_target_hist[res->reached_target[k]]++;
      s1 += res->reached_target[k];
      s2 += (long long)res->reached_target[k] * res->reached_target[k];
      if (res->reached_target[k] == 0) zero++;
      if (res->spent[k] > res->spent_max) res->spent_max = res->spent[k];
    }
    mean_sd(o->trials, s1, s2, &res->reached_target_mean, &res->reached_target_sd);
    prop(&res->p_none_reached_target, zero, o->trials);
    for (int c = 0; c < BMD_OUTCOME_COUNT; c++) {
      s1 = s2 = 0;
      for (size_t k = 0; k < n; k++) {
        long long v = res->count[k * BMD_OUTCOME_COUNT + (size_t)c];
        s1 += v;
        s2 += v * v;
      }
      mean_sd(o->trials, s1, s2, &res->count_mean[c], &res->count_sd[c]);
    }
    res->spent_hist = calloc((size_t)res->spent_max + 1, sizeof *res->spent_hist);
    if (!res->spent_hist) {
      st = BMD_ENOMEM;
      goto fail;
    }
    s1 = s2 = 0;
    for (size_t k = 0; k < n; k++) {
      res->spent_hist[res->spent[k]]++;
      s1 += res->spent[k];
      s2 += (long long)res->spent[k] * res->spent[k];
    }
    mean_sd(o->trials, s1, s2, &res->spent_mean, &res->spent_sd);
    for (size_t s = 0; s < ns; s++) {
      s1 = s2 = 0;
      for (size_t k = 0; k < n; k++) {
        long long v = res->spent_site[k * ns + s];
        s1 += v;
        s2 += v * v;
      }
      mean_sd(o->trials, s1, s2, &res->spent_site_mean[s], &res->spent_site_sd[s]);
    }
    for (size_t k = 0; k < n; k++)
      for (size_t i = 0; i < nt; i++) res->threat_count[i * BMD_OUTCOME_COUNT + res->outcome[k * nt + i]]++;
    for (size_t i = 0; i < nt; i++)
      prop(&res->p_kill[i], res->threat_count[i * BMD_OUTCOME_COUNT + BMD_OUTCOME_KILLED], o->trials);
    for (int e = 0; e < res->nelements; e++) {
      long x = 0;
      for (size_t k = 0; k < n; k++) x += res->lost[k * (size_t)res->nelements + (size_t)e] != 0;
      prop(&res->p_lost[e], x, o->trials);
    }
  }
  st = bmd_mc_analytic(prep, (unsigned long)(o->seed & 0xffffffffu), res->p_kill_analytic,
                       &res->p_none_reached_target_analytic, &res->analytic_applies);
  if (st != BMD_OK) goto fail;
  if (!res->analytic_applies) {
    for (size_t i = 0; i < nt; i++) res->p_kill_analytic[i] = nan("");
    res->p_none_reached_target_analytic = nan("");
  }
  free(sh.sspk_class);
  free(sh.sspk_mean);
  free(sh.rel_class);
  free(sh.plan_off);
  free(sh.plan_site);
  free(sh.plan_end);
  free(wk);
  return BMD_OK;
fail:
  bmd_diag_set(d, sc->file, 0, 0, "%s", bmd_strerror(st));
fail_quiet:
  free(sh.plan_off);
  free(sh.plan_site);
  free(sh.plan_end);
  free(sh.sspk_class);
  free(sh.sspk_mean);
  free(sh.rel_class);
  free(wk);
  bmd_mc_result_release(res);
  return st;
}
