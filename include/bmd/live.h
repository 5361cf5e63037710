/*
 * live.h - a scenario replayed "live" for bmdsim serve (docs/server.md, docs/http.md): the
 * engine's run (sim.h) turned into two time-ordered feeds of Server-Sent-Event messages and
 * released on a simulation clock that advances at speed x wall time.
 *
 * The engine is deterministic for a seed, so a run is computed once, whole, when the live
 * state is made and at each restart (the prep of sim.h is kept, so a restart costs one
 * prepared run, not a re-aim of every threat); then bmd_live_advance releases what is due.
 * What a client sees at simulation time t is exactly what the engine had logged by t.
 *
 * Feeds (enum bmd_live_feed):
 *   events   - every engine event, position ticks (threats from their flown trajectories,
 *              interceptors from their own flight, below), control, restart and end;
 *   observer - site activity only: radar emitting/mode/sector, launcher loads, launches,
 *              a clock. It is built from a site-state log whose records (struct
 *              bmd_live_site_change) have no threat fields, by a function that sees only
 *              that log and the names of sites and radars: no threat data can reach it.
 *
 * Interceptor positions: each shot is flown directly (bmd_traj_fly) from its site along its
 * launch azimuth at its pitch-over angle, full burn: the member of the fly-out fan (fan.h)
 * that the intercept solver picked, flown again instead of interpolated. The fan's own
 * approximation (reach independent of direction but for rotation and oblateness, linear
 * interpolation between angles) leaves the flown end point up to a few per cent of the
 * range from the solver's intercept point; the difference is blended in linearly in time
 * (r(t) = r_fly(t) + (t / tof) (r_intercept - r_fly(tof)), ECEF) so that every track ends
 * exactly at the logged intercept point. The positions are for display only.
 *
 * Ids: each feed numbers its messages 1, 2, ... over the life of the live state (not
 * reset by restarts); the released messages of the current run are kept (append-only)
 * so a client can resume after any id of the run.
 *
 * Threads: none. The caller serialises every call on one live state (server.c holds one
 * mutex), except bmd_live_run_build, which reads only what never changes and may run
 * concurrently with the others.
 */
#ifndef BMD_LIVE_H
#define BMD_LIVE_H

#include <stddef.h>

#include "scenario.h"
#include "sim.h"

enum bmd_live_feed { BMD_LIVE_EVENTS = 0, BMD_LIVE_OBSERVER = 1, BMD_LIVE_NFEEDS = 2 };

/* Limits (per run) that keep memory bounded whatever the scenario: released messages per
   feed and bytes per feed. Beyond them ticks and clocks are skipped (engine events,
   controls and the end are always released). */
#define BMD_LIVE_MAX_MSGS 2000000L
#define BMD_LIVE_MAX_BYTES (512L * 1024L * 1024L)
#define BMD_LIVE_MAX_SPEED 1000.0  /* largest speed factor */
#define BMD_LIVE_TICK_S 1.0        /* tick period while anything flies (simulated s) */
#define BMD_LIVE_IDLE_TICK_S 10.0  /* tick and observer clock period otherwise (simulated s) */
#define BMD_LIVE_TRACK_HOLD_S 30.0 /* a radar is "track" this long after its last report */
#define BMD_LIVE_STEER_SECTOR_DEG 30.0 /* tracking sector of a steerable radar */

/* Radar modes on the observer feed. */
enum bmd_live_radar_mode { BMD_LIVE_STANDBY = 0, BMD_LIVE_SEARCH, BMD_LIVE_TRACK };

/* What an outside observer could see of the defence at one moment: the site state. On
   purpose it has no threat field; keep it that way (docs/server.md, threat model). */
struct bmd_live_radar_state {
  int emitting;                 /* 1: radiating */
  int mode;                     /* enum bmd_live_radar_mode */
  double sector_az_deg[2];      /* from, to: clockwise from north; to > from */
};
struct bmd_live_launcher_state {
  int loaded;                   /* interceptors left at the site */
  int fired;                    /* interceptors fired so far this run */
};
enum bmd_live_change_kind { BMD_LIVE_CH_RADAR = 0, BMD_LIVE_CH_LAUNCHER, BMD_LIVE_CH_LAUNCH };
struct bmd_live_site_change {
  double t_s;                   /* s after the scenario epoch */
  int kind;                     /* enum bmd_live_change_kind */
  int index;                    /* radar (CH_RADAR) or site (CH_LAUNCHER, CH_LAUNCH) */
  struct bmd_live_radar_state radar;       /* CH_RADAR */
  struct bmd_live_launcher_state launcher; /* CH_LAUNCHER */
  int count;                    /* CH_LAUNCH: interceptors leaving the site */
};

/* One released message: its id and the complete SSE frame ("id: N\ndata: {...}\n\n"). */
struct bmd_live_frame {
  long id;
  double t_s;
  char *text;
  size_t len;
};

/* Counters kept by the server and shown by /api/state and /metrics. */
struct bmd_live_stats {
  long clients[BMD_LIVE_NFEEDS];
  long sent[BMD_LIVE_NFEEDS];   /* frames delivered */
  long dropped;                 /* slow clients disconnected */
  double lag_s;                 /* simulation clock behind speed x wall time */
};

struct bmd_live;
struct bmd_live_run;

/* bmd_live_alloc - prepare scenario sc (which must outlive the live state; the engine's
   prep is built here, seconds for a large scenario) and run it with seed at speed (0 <
   speed <= BMD_LIVE_MAX_SPEED); loop 1: restart with the same seed after each end.
   Returns BMD_OK, BMD_EINVAL (speed), BMD_ENOMEM or BMD_ERANGE (d: a threat that cannot
   reach its target). The run's restart message is released at once. */
int bmd_live_alloc(struct bmd_live **out, const struct bmd_scenario *sc, unsigned long seed,
                   double speed, int loop, struct bmd_diag *d);

/* bmd_live_free - accepts NULL. */
void bmd_live_free(struct bmd_live *lv);

/* bmd_live_run_build - run the engine once with seed and build the run's message lists,
   reading only what never changes in lv (safe concurrently with the other calls). The run
   is handed to bmd_live_restart or freed with bmd_live_run_free. Returns BMD_OK or
   BMD_ENOMEM. */
int bmd_live_run_build(const struct bmd_live *lv, unsigned long seed, struct bmd_live_run **out);
void bmd_live_run_free(struct bmd_live_run *run);

/* bmd_live_restart - make run (from bmd_live_run_build; lv takes it over) the current one:
   the previous run's messages are dropped, the clock goes to 0 and the restart message
   and the opening site states are released. Pause and speed are kept. */
void bmd_live_restart(struct bmd_live *lv, struct bmd_live_run *run);

/* bmd_live_advance - let wall_dt_s seconds of wall time pass: unless paused or ended the
   simulation clock moves by speed x wall_dt_s and every message due by then is released,
   in time order. At the end (every event released) the end message is released; with loop
   set, returns 1 to ask for a restart, else 0. Returns -1 on allocation failure (the
   clock still moves). */
int bmd_live_advance(struct bmd_live *lv, double wall_dt_s);

/* bmd_live_pause, bmd_live_resume, bmd_live_set_speed - control; each releases a control
   message on both feeds (also when nothing changes). set_speed returns BMD_EINVAL
   (nothing changes) unless 0 < x <= BMD_LIVE_MAX_SPEED. */
void bmd_live_pause(struct bmd_live *lv);
void bmd_live_resume(struct bmd_live *lv);
int bmd_live_set_speed(struct bmd_live *lv, double x);

/* Accessors. */
double bmd_live_time(const struct bmd_live *lv);      /* simulation clock (s) */
double bmd_live_end_time(const struct bmd_live *lv);  /* time of the run's last event (s) */
double bmd_live_speed(const struct bmd_live *lv);
int bmd_live_paused(const struct bmd_live *lv);
int bmd_live_ended(const struct bmd_live *lv);
int bmd_live_run_number(const struct bmd_live *lv);   /* 1 for the first run */
unsigned long bmd_live_seed(const struct bmd_live *lv);
const struct bmd_scenario *bmd_live_scenario(const struct bmd_live *lv);
/* bmd_live_result - the engine's result of the current run (times absolute). */
const struct bmd_sim_result *bmd_live_result(const struct bmd_live *lv);
struct bmd_live_stats *bmd_live_stats(struct bmd_live *lv);
const struct bmd_live_stats *bmd_live_stats_const(const struct bmd_live *lv);

/* bmd_live_last_id - the id of the last released message of feed (0: none yet). */
long bmd_live_last_id(const struct bmd_live *lv, int feed);

/* bmd_live_first_index - where a client that has seen up to id after_id (-1: nothing)
   resumes: the index into bmd_live_frame of the first message it has not seen. A client
   with no id, an id from before the current run, or an id the server has not issued (an
   earlier server process) starts at the current run's restart message. */
long bmd_live_first_index(const struct bmd_live *lv, int feed, long after_id);

/* bmd_live_nframes - released messages of feed in the current run; bmd_live_frame - the
   k-th (0 <= k < nframes), valid until the next restart. bmd_live_bytes_from - bytes
   of the frames from index k to the end (a client's backlog). */
long bmd_live_nframes(const struct bmd_live *lv, int feed);
const struct bmd_live_frame *bmd_live_frame(const struct bmd_live *lv, int feed, long k);
size_t bmd_live_bytes_from(const struct bmd_live *lv, int feed, long k);

/* bmd_live_site_log - the current run's site-state changes, in time order (the observer
   feed's only source): *n of them. */
const struct bmd_live_site_change *bmd_live_site_log(const struct bmd_live *lv, long *n);

/* JSON documents (NUL-terminated, malloc'd, the caller frees; NULL when out of memory):
   bmd_live_scenario_geojson - /api/scenario; bmd_live_state_json - /api/state;
   bmd_live_metrics_text - /metrics (Prometheus text 0.0.4). */
char *bmd_live_scenario_geojson(const struct bmd_live *lv);
char *bmd_live_state_json(const struct bmd_live *lv);
char *bmd_live_metrics_text(const struct bmd_live *lv);

#endif
