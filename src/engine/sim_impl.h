/* sim_impl.h - what the engine's files share (sim.c runs, sim_prep.c prepares, sim_sense.c
   senses): the prepared scenario's layout, the sensing schedule and the covariance cache.
   Not an API; include only from src/engine/. */
#ifndef BMD_SIM_IMPL_H
#define BMD_SIM_IMPL_H

#include <pthread.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include <bmd/battle.h>
#include <bmd/damage.h>
#include <bmd/fan.h>
#include <bmd/intercept.h>
#include <bmd/radar.h>
#include <bmd/scenario.h>
#include <bmd/traj.h>

/* The intervals in which one radar sees one threat's flight: [ab[2q], ab[2q + 1]], s after
   launch, q < n. */
struct bmd_sim_vis {
  int n;
  double *ab;
};

/* A run of looks of one radar that see a threat: at ticks m0, m0 + d, ..., m0 + (count - 1) d
   counted from the first tick at or after its launch. */
struct bmd_sim_srun {
  int radar;
  long m0, count, d;
};

/* One threat's sensing in one run: on the engine's ticks n0 + m (s after the epoch, whole),
   m = 0 .. M - 1, the threat is m + phi s after its launch. */
struct bmd_sim_sched {
  int flight;                    /* the prep's flight (alias) */
  double launch_t_s, n0, phi;
  long M;
  long m_ew;                     /* the early-warning report's tick, -1 none */
  long m_detect, m_firm;         /* first look; the look that makes the track firm; -1 none */
  int r_detect, r_firm;          /* their radars */
  int nruns;                     /* runs[0..nruns), by radar then time (prep's maxruns at most) */
  struct bmd_sim_srun *runs;
  long *iter;                    /* [maxruns]: scratch of bmd_sim_iter_ */
  uint64_t hash;                 /* of (flight, runs) */
};

/* A track's covariance along one schedule (its key: flight and runs): the trace of the
   position covariance (m^2) after each tick's looks, for ticks m_first .. m_first + n - 1,
   with the geometry of tick m taken at m (v0) and m + 1 (v1) s after launch. */
struct bmd_sim_cov {
  uint64_t hash;
  int flight, nruns;
  struct bmd_sim_srun *runs;
  long m_first, n, cap;
  double *v0, *v1;
  int ready;                     /* in the cache: 0 being made, 1 made, -1 failed (under
                                    the cache's mu) */
};

/* Covariances shared by every run on a prep, made on first use by the first run that
   needs one (the others wait for it on cv); an entry never changes once made. Lookups and
   insertions under mu. */
struct bmd_sim_covcache {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  struct bmd_sim_cov **slot;     /* open addressing, nslot a power of 2 */
  size_t nslot, n;
  double bytes, max_bytes;
};

/* A defence element within reach of one threat's impact (sim_damage.c): element e is site
   e (< nsites) or radar e - nsites. */
struct bmd_sim_dmg_target {
  int element;
  double off_n_m, off_e_m;       /* the element from the threat's aim point, local north and
                                    east (m) */
  double lr_disable_m, lr_destroy_m;  /* lethal radii at its two hardness levels */
  double p_disable, p_destroy;   /* the probability of each (damage.h), at the stated CEP */
};

/* One element taken out by one impact. */
struct bmd_sim_dmg_hit {
  int element;
  int level;                     /* enum bmd_damage_level */
  double miss_m;                 /* the impact's distance from the element (m) */
  const struct bmd_sim_dmg_target *tg;
};

/* The prepared part (sim.h): shared by every run and every thread; read-only but for the
   covariance cache. */
struct bmd_sim_prep {
  const struct bmd_scenario *sc;
  int nthreats, nsites, nradars, nlaunchers;
  struct bmd_traj_result *traj;  /* [threat]: flown flights; an alias's entry is empty */
  int *alias;                    /* [threat]: first earlier threat with the same flight, or itself */
  struct bmd_radar *radars;
  struct bmd_fan *fans;          /* [site * FAN_SECTORS + sector], freed once tables are made */
  int *fan_of;                   /* [threat * nsites + site]: index into fans */
  struct bmd_engage_table *tab;  /* [threat * nsites + site]: engagement table of a flown
                                    threat (aliases use their flight's) against a site */
  struct bmd_battle_table *btab; /* [threat * nsites + site]: tab indexed for the battle
                                    manager (flown threats only, as tab) */
  double *sspk;                  /* [site * nthreats + threat]: the scenario's SSPK */
  int *launcher_off;             /* offset of each site's launchers */
  struct bmd_sim_vis *vis;       /* [threat * nradars + radar] */
  int maxruns;                   /* most runs a threat's schedule can have */
  struct bmd_sim_covcache *cache;
  /* battle damage (sim_damage.c): the elements within reach of threat i's impact are
     dmg[dmg_first[i] .. dmg_first[i + 1]) */
  int *dmg_first;
  struct bmd_sim_dmg_target *dmg;
};

/* sim_damage.c */
int bmd_sim_dmg_prep(struct bmd_sim_prep *p);
void bmd_sim_dmg_release(struct bmd_sim_prep *p);
/* threat i reaches its target: draw its impact point from rng (two Gaussian deviates, north
   then east) and list in hits (room for every target of i) the elements it takes out whose
   level (level[element], enum bmd_damage_level) it raises. Returns the number. */
int bmd_sim_dmg_strike(const struct bmd_sim_prep *p, int i, gsl_rng *rng, const int *level,
                       struct bmd_sim_dmg_hit *hits);
/* A run's damage state: the impact-point stream, each element's damage, each radar's end. */
struct bmd_sim_dmg_run {
  gsl_rng *rng;
  int *level;                    /* [nsites + nradars]: enum bmd_damage_level */
  double *radar_end;             /* [nradars]: a lost radar's loss time, else HUGE_VAL */
  struct bmd_sim_dmg_hit *hits;  /* room for one impact's */
};
struct bmd_sim_loss;
/* element el's position: alt_m, lat_deg, lon_deg */
void bmd_sim_dmg_where(const struct bmd_scenario *sc, int el, double pos[3]);
int bmd_sim_dmg_run_alloc(const struct bmd_sim_prep *p, struct bmd_sim_dmg_run *r);
void bmd_sim_dmg_run_free(struct bmd_sim_dmg_run *r);
/* the start of a run with seed: every element intact (loss[nsites + nradars] too) */
void bmd_sim_dmg_run_reset(const struct bmd_sim_prep *p, struct bmd_sim_dmg_run *r, unsigned long seed,
                           struct bmd_sim_loss *loss);

/* sim_sense.c */
int bmd_sim_sense_prep(struct bmd_sim_prep *p);
void bmd_sim_sense_release(struct bmd_sim_prep *p);
/* threat i's schedule for launch and impact at launch_t_s, impact_t_s (s after the epoch)
   and an early-warning report ew_delay_s after launch; s->runs and s->iter hold maxruns */
void bmd_sim_sched_make(const struct bmd_sim_prep *p, int i, double launch_t_s, double impact_t_s,
                        double ew_delay_s, struct bmd_sim_sched *s);
/* the same, with radar k seeing nothing at ticks at or after radar_end_t_s[k] (s after the
   epoch; a radar lost to battle damage) */
void bmd_sim_sched_make_lost(const struct bmd_sim_prep *p, int i, double launch_t_s, double impact_t_s,
                             double ew_delay_s, const double *radar_end_t_s, struct bmd_sim_sched *s);
/* the looks of a schedule in the engine's order (tick, then radar): start, then next
   gives each (m, radar) in turn and 0 at the end */
void bmd_sim_iter_start(const struct bmd_sim_sched *s, long *next);
int bmd_sim_iter_next(const struct bmd_sim_sched *s, long *next, long *m, int *radar);
/* the covariance of schedule s into c (c->v0, v1 grown as needed); look0, look1 (may be
   NULL) get the trace after each look, in the engine's order */
int bmd_sim_cov_fill(const struct bmd_sim_prep *p, const struct bmd_sim_sched *s, struct bmd_sim_cov *c,
                     double *look0, double *look1);
/* the covariance of s from the cache, made and put in on first use; in own when the cache
   is full. NULL with *st = BMD_ENOMEM on failure */
const struct bmd_sim_cov *bmd_sim_cov_get(const struct bmd_sim_prep *p, const struct bmd_sim_sched *s,
                                          struct bmd_sim_cov *own, int *st);
/* the trace of the position covariance at tick m of a threat sensed at m + phi s after
   launch: linear in phi between v0 and v1 (HUGE_VAL before the first look) */
double bmd_sim_cov_var(const struct bmd_sim_cov *c, long m, double phi);
void bmd_sim_cov_free(struct bmd_sim_cov *c);

#endif
