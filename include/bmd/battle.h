/*
 * battle.h - the battle manager: told of a track at a decision time, it decides whether
 * the defence fires at it, from which site, how many interceptors and when, by the
 * scenario's doctrine (scenario.h, struct bmd_scen_c2), and keeps the defence's stock.
 *
 * A decision, for one track at time t:
 *  - every site is tried against the engagement table of the object the track follows
 *    (intercept.h, struct bmd_engage_table: every point of the object's flight that the
 *    site's interceptor can reach, with its launch time), for a ready time of t plus the
 *    decision latency. A site whose table has no point left for that ready time can
 *    never engage the object again (the ready time only grows) and is not tried again;
 *  - a site in reach must have an interceptor and a launcher left (one that is reloading
 *    counts), and its kill vehicle must be able to take out the track's error: the divert
 *    check 3 sigma / kv_homing_s <= divert_mps (sigma the track's 3-D 1-sigma position
 *    error at t, taken as its error at intercept because the fire-control radar keeps
 *    tracking during the fly-out);
 *  - of the sites that pass, the one with the earliest intercept fires: one interceptor
 *    under shoot-look-shoot when the window leaves time for a kill assessment and a
 *    second shot (latest launch >= earliest intercept + kill_assessment_s), else a salvo
 *    of c2.salvo, within the site's stock and the launchers free at the launch time;
 *  - otherwise the reason none can (intercept.h, enum bmd_engage_reason): no site; the
 *    track too poor for a site in reach; a site in reach lost to battle damage
 *    (bmd_battle_site_lost); no stock at a site in reach; else the reason of
 *    the site whose geometry came closest (the largest reason code).
 * The caller (the engine, sim.h) owns time: it asks again BMD_BATTLE_RETRY_S later after
 * a decision without an engagement, and after a kill assessment that finds the object
 * alive. Threats are served in the scenario's priority order (bmd_battle_priority).
 *
 * Decisions are per track and read only what the defence knows of it (struct
 * bmd_battle_track) and the engagement tables, so that more objects per threat and a
 * belief about which of them is a warhead enter as more tracks and more fields of a track.
 * Left out: weapon-target assignment across tracks (each decision is greedy, in priority
 * order), launcher and fire-control channel limits beyond the launcher count.
 */
#ifndef BMD_BATTLE_H
#define BMD_BATTLE_H

#include "intercept.h"
#include "scenario.h"

/* an engagement that is impossible now is tried again this much later (s) */
#define BMD_BATTLE_RETRY_S 10.0

/* An engagement table with its index for the look-up by ready time: bmd_engage_table_solve
   scans every point for the first, the last and the number of points launchable at the
   ready time (launch_t_s >= ready time); the index finds them by bisection. */
struct bmd_battle_table {
  const struct bmd_engage_table *tab;  /* not owned */
  double *launch_max;                  /* [tab->n]: running maximum of the points' launch
                                          times (the first point launchable is the first k
                                          with launch_max[k] >= ready) */
  double *launch_smax;                 /* [tab->n]: the maximum from k to the end (the last
                                          is the last k with launch_smax[k] >= ready) */
  double *launch_sorted;               /* [tab->n]: the launch times in ascending order */
};

/* bmd_battle_table_init - index tab (which must outlive bt). Returns BMD_OK or BMD_ENOMEM. */
int bmd_battle_table_init(struct bmd_battle_table *bt, const struct bmd_engage_table *tab);

/* bmd_battle_table_release - accepts a zeroed index. */
void bmd_battle_table_release(struct bmd_battle_table *bt);

/* bmd_battle_table_solve - bmd_engage_table_solve(bt->tab, ready_t_s, er), the same
   result, from the index: three bisections instead of a scan. */
void bmd_battle_table_solve(const struct bmd_battle_table *bt, double ready_t_s, struct bmd_engage_result *er);

/* What the battle manager knows of a track when it decides. */
struct bmd_battle_track {
  int object;           /* the threat the track follows (index into the scenario's threats) */
  double launch_t_s;    /* the object's launch time, s after the epoch: its engagement
                           tables count from it */
  double sigma_m;       /* 3-D 1-sigma position error of the track at the decision time (m) */
  int shots_left;       /* interceptors that may still be fired at it (the caller's record of
                           shots per track is finite) */
};

/* A decision to fire. */
struct bmd_battle_order {
  int site;             /* index into the scenario's sites */
  int nshot;            /* interceptors, fired together */
  int sls;              /* 1: shoot-look-shoot (a kill assessment follows); 0: a salvo */
  double launch_t_s;    /* interceptor launch, s after the epoch */
  struct bmd_engage_result er;  /* the site's engagement; er.earliest is the planned
                                   intercept (times from the object's launch) */
  int never;            /* no engagement, and none will ever be possible: every site has
                           found the object out of its reach for good (or there is no site) */
};

/* The battle manager of one run: the scenario's doctrine, the tables, and the stock. */
struct bmd_battle;

/* bmd_battle_alloc - a battle manager for sc whose object i is engaged with the tables
   tab[flight[i] * sc->nsites + s] (s the site); sc, tab and flight must outlive it.
   Returns BMD_OK or BMD_ENOMEM. */
int bmd_battle_alloc(const struct bmd_scenario *sc, const struct bmd_battle_table *tab, const int *flight,
                     struct bmd_battle **b);

/* bmd_battle_free - accepts NULL. */
void bmd_battle_free(struct bmd_battle *b);

/* bmd_battle_reset - the start of a run: every site's inventory and launchers back, every
   site possible again, decisions taking decision_latency_s (s, >= 0). */
void bmd_battle_reset(struct bmd_battle *b, double decision_latency_s);

/* bmd_battle_decide - decide on track tk at time t_s (s after the epoch). Returns 1 and
   fills o when the defence fires: the interceptors and launchers are taken from the site's
   stock. Returns 0 when it does not, with o->er.reason the reason, or BMD_ENGAGE_NONE when
   a site could fire more interceptors than tk->shots_left. */
int bmd_battle_decide(struct bmd_battle *b, const struct bmd_battle_track *tk, double t_s,
                      struct bmd_battle_order *o);

/* bmd_battle_site_lost - site s is destroyed or disabled (battle damage): it fires nothing
   from now on; a decision that finds it in reach reports BMD_ENGAGE_SITE_LOST (after
   track too poor, before no inventory). Returns the interceptors it had left. */
int bmd_battle_site_lost(struct bmd_battle *b, int s);

/* bmd_battle_priority - the order in which tracks are served: by ascending impact time
   (impact_t_s[i], s) or, for the target-value priority, by descending value, ties in
   index order. Fills order[0..n). */
void bmd_battle_priority(const struct bmd_scenario *sc, const double *impact_t_s, int n, int *order);

#endif
