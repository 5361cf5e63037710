/* footprint.c - defended area on a grid (footprint.h). */
#include <bmd/footprint.h>

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>   /* malloc_trim */
#endif

#include <bmd/aim.h>
#include <bmd/const.h>
#include <bmd/family.h>
#include <bmd/geodesic.h>
#include <bmd/pool.h>
#include <bmd/status.h>

#define BIN_DEG 1.0          /* azimuth bins: neighbours within a bin share a warm start */
#define FAN_SECTOR_DEG 20.0  /* as the engine (sim.c): off the fan azimuth by <= 10 deg, ~1% (test_fan) */
/* fan table step: read linearly, positions err by a t^2 / 8, about 80 m in the coast and
   up to ~800 m in a 10 g boost, against the fan's direction approximation of tens of km
   (fan.h); against 4 s, one cell of the default footprint changes its opportunities (by
   one) and two their first site, for 4% less time (BENCHMARKS.md) */
#define FAN_DT_S 8.0
#define FAN_TMAX_S 1800.0
/* the threat-trajectory family (family.h): nodes 5 deg apart in azimuth, 16 members along
   each; accuracy in test_family and docs/analysis.md */
#define FAMILY_AZ_STEP_DEG 5.0
#define FAMILY_NU 16
/* the family mode's scans stride through engagement windows by SCAN_STRIDE points,
   interpolating where a window is smooth (bmd_engage_table_build_coarse); accuracy in
   docs/models/intercept.md */
#define SCAN_STRIDE 4

struct item {                /* one azimuth bin of one launch: cells by increasing range */
  int launch;
  double az_deg;             /* bin centre */
  long first, n;             /* into order[] */
};

/* Starting guesses for the first cell of every azimuth bin: minimum-energy solutions from a
   launch point along one reference azimuth at ranges SEED_STEP_M apart (the first solved
   from scratch, each next one refined from the one before), computed before the bins are
   shared out, so that no bin starts from scratch and results stay independent of threads. */
#define SEED_MAX 64
#define SEED_STEP_M 250e3
struct seeds {
  int n;
  double range_m[SEED_MAX], kick_deg[SEED_MAX], cutoff_s[SEED_MAX], daz_deg[SEED_MAX];
};

struct job {
  const struct bmd_scenario *sc;
  const struct bmd_footprint_opts *o;
  struct bmd_footprint *fp;
  struct bmd_fancache *fc;
  struct item *items;
  long nitems, next;
  long lo, hi;               /* family mode: the cells not yet taken, [lo, hi) */
  int front;                 /* the last chunk was taken from the front */
  long *order;               /* cell indices (launch-major), grouped by item */
  long done, total;
  int failed;                /* a BMD_ status, first error */
  long aims_full, flown;
  struct seeds *seeds;       /* [nlaunch] */
  struct bmd_family **fam;   /* [nlaunch], family mode */
  pthread_mutex_t lock;
  bmd_footprint_progress progress;
  void *ctx;
};

/* the threat is aimed at a cell's centre to 1% of the cell's size (at most 1 km): the
   targeting stops there instead of at 5 m, which saves most of the refining flights */
static double aim_tol_m(double grid_deg) {
  return fmin(1000.0, 0.01 * grid_deg * BMD_DEG * BMD_SPHERE_R_M);
}

/* Integrator tolerance (m per step; m/s: 1e-3 of it) of the family mode's threat flights,
   instead of traj.h's 1e-5 m and 1e-8 m/s: 1 m at 0.5 deg and coarser grids, scaled down
   with the cell's aim tolerance on finer ones, to 1e-2 m at 0.005 deg. Measured on
   iran-irbm flights over pitch-over angles (bench_tolerance; BENCHMARKS.md, "Fan and
   survey tolerances"): at 1 m the impact moves by <= 331 m (3 km/s x the impact-time
   change included; 1e-2 m: <= 8 m) against an aim tolerance of 556 m at 0.5 deg and the
   family's interpolation error of ~km, for 69% fewer right-hand sides (1e-2 m: 44%).
   --exact keeps traj.h's tolerances. */
static double survey_atol_m(double grid_deg) {
  return fmax(1e-2, fmin(1.0, aim_tol_m(grid_deg) / aim_tol_m(0.5)));
}

static void cell_latlon(const struct bmd_footprint *fp, long c, double *lat, double *lon) {
  long per = (long)fp->nlat * fp->nlon, i = c % per;
  *lat = fp->lat0_deg + (double)(i / fp->nlon) * fp->grid_deg;
  *lon = bmd_wrap180_deg(fp->lon0_deg + (double)(i % fp->nlon) * fp->grid_deg);
}

/* the minimum-energy aim request from launch point L at cell c (c < 0: the target is
   left for the caller to fill in) */
static void cell_request(const struct bmd_footprint *fp, const struct bmd_footprint_launch *L,
                         long c, double grid_deg, struct bmd_aim_request *rq) {
  memset(rq, 0, sizeof *rq);
  rq->kind = BMD_AIM_MIN_ENERGY;
  rq->lat_deg = L->lat_deg;
  rq->lon_deg = L->lon_deg;
  rq->alt_m = L->alt_m;
  rq->tol_m = aim_tol_m(grid_deg);
  if (c >= 0) cell_latlon(fp, c, &rq->tgt_lat_deg, &rq->tgt_lon_deg);
}

struct key {
  double range_m;
  long c;
};

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int cmp_range(const void *a, const void *b) {
  const struct key *x = a, *y = b;
  if (x->range_m != y->range_m) return x->range_m < y->range_m ? -1 : 1;
  return x->c < y->c ? -1 : (x->c > y->c);
}

static void set_failed(struct job *j, int st) {
  pthread_mutex_lock(&j->lock);
  if (!j->failed) j->failed = st;
  pthread_mutex_unlock(&j->lock);
}

/* the seed control at a cell's range (linear between seeds, clamped at the ends) */
static int seed_guess(const struct seeds *sd, const struct bmd_footprint_cell *cell,
                      struct bmd_traj_control *g) {
  int k = 0;
  double u;
  if (sd->n < 1) return 0;
  if (sd->n == 1 || cell->range_m <= sd->range_m[0]) {
    u = 0.0;
  } else {
    while (k + 2 < sd->n && sd->range_m[k + 1] < cell->range_m) k++;
    u = fmin(1.0, (cell->range_m - sd->range_m[k]) / (sd->range_m[k + 1] - sd->range_m[k]));
  }
  {
    int k1 = sd->n == 1 ? 0 : k + 1;
    g->kick_deg = sd->kick_deg[k] + u * (sd->kick_deg[k1] - sd->kick_deg[k]);
    g->cutoff_s = sd->cutoff_s[k] + u * (sd->cutoff_s[k1] - sd->cutoff_s[k]);
    g->azimuth_deg = cell->az_deg + sd->daz_deg[k] + u * (sd->daz_deg[k1] - sd->daz_deg[k]);
  }
  return 1;
}

static void seeds_build(const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                        const struct bmd_footprint_launch *L, double az_deg, struct seeds *sd,
                        long *aims_full) {
  const struct bmd_vehicle *v = &o->missile->vehicle;
  struct bmd_traj_opts topt;
  double rmax = 0.0, kmax = 0.0, J[9] = {nan("")};
  struct bmd_traj_control prev = {0.0, 0.0, 0.0};
  sd->n = 0;
  bmd_traj_opts_default(&topt);
  topt.phys = sc->phys;
  if (bmd_aim_max_range(v, &topt, L->lat_deg, L->lon_deg, L->alt_m, az_deg, &rmax, &kmax) != BMD_OK)
    return;
  for (double r = SEED_STEP_M; r < rmax && sd->n < SEED_MAX; r += SEED_STEP_M) {
    struct bmd_aim_request rq;
    struct bmd_aim_result ar;
    int st;
    cell_request(NULL, L, -1, o->grid_deg, &rq);
    bmd_geodesic_direct(sc->phys.earth, L->lat_deg, L->lon_deg, az_deg, r, &rq.tgt_lat_deg, &rq.tgt_lon_deg);
    if (sd->n > 0) {
      st = bmd_aim_refine(v, &topt, &rq, &prev, rmax, kmax, J, &ar);
    } else {
      st = bmd_aim_solve(v, &topt, &rq, &ar);
      (*aims_full)++;
    }
    if (st != BMD_OK) continue;
    prev = ar.control;
    sd->range_m[sd->n] = r;
    sd->kick_deg[sd->n] = ar.control.kick_deg;
    sd->cutoff_s[sd->n] = ar.control.cutoff_s;
    sd->daz_deg[sd->n] = bmd_wrap180_deg(ar.control.azimuth_deg - az_deg);
    sd->n++;
  }
}

/* the cell's results from a threat trajectory; BMD_OK or a failure of the evaluation
   (recorded in the job) */
static int eval_traj(struct job *j, struct bmd_reach_ws *ws, const struct bmd_traj_result *tr,
                     struct bmd_footprint_cell *cell) {
  const struct bmd_scenario *sc = j->sc;
  struct bmd_reach r;
  int st = bmd_reach_eval(ws, j->fc, tr, j->o->rcs_dbsm, j->o->dt_s, &r);
  if (st != BMD_OK) {
    set_failed(j, st);
    return st;
  }
  cell->status = BMD_FOOTPRINT_OK;
  cell->tof_s = (float)tr->impact_t_s;
  cell->apogee_alt_m = (float)tr->apogee_alt_m;
  cell->cue_t_s = (float)r.cue.cue_t_s;
  cell->firm_t_s = (float)r.cue.firm_t_s;
  cell->opportunities = r.opportunities;
  cell->kin_opportunities = r.kin_opportunities;
  cell->first_site = r.first_site;
  cell->kin_first_site = r.kin_first_site;
  cell->first_alt_m = r.first_site >= 0 ? (float)r.first.alt_m : NAN;
  cell->first_t_s = r.first_site >= 0 ? (float)r.first.t_s : NAN;
  cell->kin_first_alt_m = r.kin_first_site >= 0 ? (float)r.kin_first.alt_m : NAN;
  for (int s = 0; s < sc->nsites; s++) {
    if (r.site[s].eng.feasible) cell->sites |= (uint64_t)1 << s;
    if (r.site[s].kin.feasible) cell->kin_sites |= (uint64_t)1 << s;
  }
  bmd_reach_release(&r);
  return BMD_OK;
}

/* fly the aimed control (recorded) and evaluate it; BMD_OK also when the flight failed
   (the cell is then marked failed) */
static int eval_control(struct job *j, struct bmd_reach_ws *ws, const struct bmd_footprint_launch *L,
                        const struct bmd_traj_opts *topt, const struct bmd_traj_control *c,
                        struct bmd_footprint_cell *cell) {
  struct bmd_traj_result tr, dense;
  struct bmd_traj_opts ro = *topt;
  int st;
  ro.record = 1;
  /* --exact: recorded at <= 2 s steps, read linearly by the scans; family mode: at the
     integrator's own steps up to 30 s, then filled in to <= 1.5 s on Hermite cubics
     (traj.h; as the family's members, family.h), a quarter of the right-hand sides */
  ro.io.h_max_s = j->o->exact ? 2.0 : 30.0;
  memset(&tr, 0, sizeof tr);
  memset(&dense, 0, sizeof dense);
  st = bmd_traj_fly(&j->o->missile->vehicle, &ro, L->lat_deg, L->lon_deg, L->alt_m, c, &tr);
  if (st == BMD_OK && !j->o->exact) {
    st = bmd_traj_densify(&tr, 1.5, &dense);
    bmd_traj_result_release(&tr);
    tr = dense;
  }
  if (st != BMD_OK) {
    bmd_traj_result_release(&tr);
    if (st == BMD_ENOMEM) set_failed(j, BMD_ENOMEM);
    cell->status = BMD_FOOTPRINT_FAILED;
    return BMD_OK;
  }
  st = eval_traj(j, ws, &tr, cell);
  bmd_traj_result_release(&tr);
  return st;
}

static void solve_item(struct job *j, const struct item *it, struct bmd_reach_ws *ws,
                       const struct bmd_traj_opts *topt, long *aims_full) {
  const struct bmd_footprint_launch *L = &j->o->launch[it->launch];
  const struct bmd_vehicle *v = &j->o->missile->vehicle;
  double rmax = 0.0, kmax = 0.0;
  struct bmd_traj_control guess = {0.0, 0.0, 0.0}, prev = {0.0, 0.0, 0.0};
  double guess_daz = 0.0, prev_daz = 0.0, guess_r = 0.0, prev_r = 0.0;
  int have_guess = 0, have_max;
  double J[9] = {nan("")};

  have_max = bmd_aim_max_range(v, topt, L->lat_deg, L->lon_deg, L->alt_m, it->az_deg, &rmax,
                               &kmax) == BMD_OK;
  for (long q = 0; q < it->n; q++) {
    long c = j->order[it->first + q];
    struct bmd_footprint_cell *cell = &j->fp->cell[c];
    struct bmd_aim_request rq;
    struct bmd_aim_result ar;
    int st;
    if (cell->range_m < 1e3) {
      cell->status = BMD_FOOTPRINT_TOO_CLOSE;
      continue;
    }
    if (!have_max || cell->range_m > rmax) {
      /* no maximum range: no flight of its search landed, the solver's failure (aim.h) */
      cell->status = have_max ? BMD_FOOTPRINT_BEYOND_RANGE : BMD_FOOTPRINT_FAILED;
      continue;
    }
    cell_request(j->fp, L, c, j->fp->grid_deg, &rq);
    if (have_guess) {
      struct bmd_traj_control g = guess;
      g.azimuth_deg = cell->az_deg + guess_daz;
      if (have_guess > 1 && fabs(guess_r - prev_r) > 1e3) {
        /* linear predictor in range from the two previous cells of the bin */
        double u = (cell->range_m - guess_r) / (guess_r - prev_r);
        if (fabs(u) < 3.0) {
          g.kick_deg += u * (guess.kick_deg - prev.kick_deg);
          g.cutoff_s += u * (guess.cutoff_s - prev.cutoff_s);
          g.azimuth_deg += u * (guess_daz - prev_daz);
        }
      }
      st = bmd_aim_refine(v, topt, &rq, &g, rmax, kmax, J, &ar);
    } else if (seed_guess(&j->seeds[it->launch], cell, &guess)) {
      st = bmd_aim_refine(v, topt, &rq, &guess, rmax, kmax, J, &ar);
    } else {
      st = bmd_aim_solve(v, topt, &rq, &ar);
      (*aims_full)++;
    }
    if (st == BMD_ERANGE) {
      cell->status = BMD_FOOTPRINT_BEYOND_RANGE;
      continue;
    }
    if (st == BMD_EINVAL) {
      cell->status = BMD_FOOTPRINT_TOO_CLOSE;
      continue;
    }
    if (st != BMD_OK) {
      cell->status = BMD_FOOTPRINT_FAILED;
      continue;
    }
    prev = guess;
    prev_daz = guess_daz;
    prev_r = guess_r;
    guess = ar.control;
    guess_daz = bmd_wrap180_deg(ar.control.azimuth_deg - cell->az_deg);
    guess_r = cell->range_m;
    have_guess++;
    if (eval_control(j, ws, L, topt, &ar.control, cell) != BMD_OK) return;
  }
}

static void *worker(void *pv) {
  struct job *j = pv;
  struct bmd_reach_ws *ws = bmd_reach_ws_alloc(j->sc);
  struct bmd_traj_opts topt;
  long aims_full = 0;
  bmd_traj_opts_default(&topt);
  topt.phys = j->sc->phys;
  if (!ws) {
    pthread_mutex_lock(&j->lock);
    j->failed = BMD_ENOMEM;
    pthread_mutex_unlock(&j->lock);
    return NULL;
  }
  for (;;) {
    long k;
    pthread_mutex_lock(&j->lock);
    k = j->failed ? j->nitems : j->next++;
    pthread_mutex_unlock(&j->lock);
    if (k >= j->nitems) break;
    solve_item(j, &j->items[k], ws, &topt, &aims_full);
    pthread_mutex_lock(&j->lock);
    j->done += j->items[k].n;
    if (j->progress) j->progress(j->ctx, j->done, j->total);
    pthread_mutex_unlock(&j->lock);
  }
  pthread_mutex_lock(&j->lock);
  j->aims_full += aims_full;
  pthread_mutex_unlock(&j->lock);
  bmd_reach_ws_free(ws);
  return NULL;
}


/* Family mode: every cell's trajectory interpolated from its launch point's family
   (family.h); cells the family does not cover are aimed (from the nearest member) and
   flown. Cells are independent, so they are shared out in fixed chunks. */
#define CHUNK 64
#define CHUNK_MIN 4

static void solve_cell_family(struct job *j, long c, struct bmd_reach_ws *ws,
                              const struct bmd_traj_opts *topt, struct bmd_traj_result *tr,
                              long *aims_full, long *flown) {
  struct bmd_footprint_cell *cell = &j->fp->cell[c];
  int k = (int)(c / ((long)j->fp->nlat * j->fp->nlon)), st;
  const struct bmd_footprint_launch *L = &j->o->launch[k];
  const struct bmd_vehicle *v = &j->o->missile->vehicle;
  const struct bmd_family *fam = j->fam[k];
  struct bmd_aim_request rq;
  struct bmd_aim_result ar;
  struct bmd_traj_control g;
  double rmax, kmax, J[9];
  if (cell->range_m < 1e3) {
    cell->status = BMD_FOOTPRINT_TOO_CLOSE;
    return;
  }
  if (!fam) {
    cell->status = BMD_FOOTPRINT_BEYOND_RANGE;
    return;
  }
  st = bmd_family_traj(fam, cell->az_deg, cell->range_m, tr);
  if (st == BMD_OK) {
    eval_traj(j, ws, tr, cell);
    return;
  }
  if (st == BMD_ENOMEM) {
    set_failed(j, st);
    return;
  }
  if (st == BMD_ERANGE) {
    cell->status = BMD_FOOTPRINT_BEYOND_RANGE;
    return;
  }
  /* not covered: aim and fly */
  if (!bmd_family_max_range(fam, cell->az_deg, &rmax, &kmax) &&
      bmd_aim_max_range(v, topt, L->lat_deg, L->lon_deg, L->alt_m, cell->az_deg, &rmax, &kmax) != BMD_OK) {
    /* no flight of the maximum-range search landed: the solver's failure (aim.h) */
    cell->status = BMD_FOOTPRINT_FAILED;
    return;
  }
  if (cell->range_m > rmax) {
    cell->status = BMD_FOOTPRINT_BEYOND_RANGE;
    return;
  }
  cell_request(j->fp, L, c, j->fp->grid_deg, &rq);
  if (bmd_family_guess(fam, cell->az_deg, cell->range_m, &g, J)) {
    st = bmd_aim_refine(v, topt, &rq, &g, rmax, kmax, J, &ar);
  } else {
    st = bmd_aim_solve(v, topt, &rq, &ar);
    (*aims_full)++;
  }
  (*flown)++;
  if (st == BMD_ERANGE) {
    cell->status = BMD_FOOTPRINT_BEYOND_RANGE;
  } else if (st == BMD_EINVAL) {
    cell->status = BMD_FOOTPRINT_TOO_CLOSE;
  } else if (st != BMD_OK) {
    cell->status = BMD_FOOTPRINT_FAILED;
  } else {
    eval_control(j, ws, L, topt, &ar.control, cell);
  }
}

static void *worker_family(void *pv) {
  struct job *j = pv;
  struct bmd_reach_ws *ws = bmd_reach_ws_alloc(j->sc);
  struct bmd_traj_opts topt;
  struct bmd_traj_result tr;
  long aims_full = 0, flown = 0;
  bmd_traj_opts_default(&topt);
  topt.phys = j->sc->phys;
  bmd_traj_opts_atol(&topt, survey_atol_m(j->o->grid_deg));
  memset(&tr, 0, sizeof tr);
  if (!ws) {
    set_failed(j, BMD_ENOMEM);
    return NULL;
  }
  bmd_reach_ws_set_stride(ws, SCAN_STRIDE);
  for (;;) {
    long c0, n;
    /* chunks from both ends of the cell list in turn: two threads then start on
       different launch points and regions, so they seldom wait for the same fan
       (fancache.c builds each on first use). A chunk is an eighth of the cells left per
       thread, CHUNK at most and CHUNK_MIN at least, so that the threads finish together
       (a chunk of CHUNK cells near the end left one idle for ~13 ms) */
    pthread_mutex_lock(&j->lock);
    n = (j->hi - j->lo) / (8L * j->o->threads);
    n = n > CHUNK ? CHUNK : n < CHUNK_MIN ? CHUNK_MIN : n;
    if (n > j->hi - j->lo) n = j->hi - j->lo;
    if (j->failed) n = 0;
    j->front = !j->front;
    if (j->front) {
      c0 = j->lo;
      j->lo += n;
    } else {
      c0 = j->hi - n;
      j->hi -= n;
    }
    pthread_mutex_unlock(&j->lock);
    if (n <= 0) break;
    for (long c = c0; c < c0 + n; c++) solve_cell_family(j, c, ws, &topt, &tr, &aims_full, &flown);
    pthread_mutex_lock(&j->lock);
    j->done += n;
    if (j->progress) j->progress(j->ctx, j->done, j->total);
    pthread_mutex_unlock(&j->lock);
  }
  pthread_mutex_lock(&j->lock);
  j->aims_full += aims_full;
  j->flown += flown;
  pthread_mutex_unlock(&j->lock);
  bmd_traj_result_release(&tr);
  bmd_reach_ws_free(ws);
  return NULL;
}

/* the family spec of launch k over the azimuths of the cells (the smallest arc holding
   them all, or all around); BMD_OK or BMD_ENOMEM */
static int family_spec(const struct bmd_footprint_opts *o, const struct bmd_footprint *fp, int k,
                       struct bmd_family_spec *sp) {
  long per = (long)fp->nlat * fp->nlon;
  const struct bmd_footprint_launch *L = &o->launch[k];
  struct bmd_family_opts *fo = &sp->fo;
  double *az = malloc((size_t)per * sizeof *az), gap = -1.0, start = 0.0;
  long n = 0;
  if (!az) return BMD_ENOMEM;
  for (long c = 0; c < per; c++)
    if (fp->cell[k * per + c].range_m >= 1e3) az[n++] = fp->cell[k * per + c].az_deg;
  memset(sp, 0, sizeof *sp);
  sp->lat_deg = L->lat_deg;
  sp->lon_deg = L->lon_deg;
  sp->alt_m = L->alt_m;
  fo->az_step_deg = FAMILY_AZ_STEP_DEG;
  fo->nu = FAMILY_NU;
  fo->tol_m = aim_tol_m(o->grid_deg);
  fo->threads = o->threads;
  if (n > 0) {
    qsort(az, (size_t)n, sizeof *az, cmp_double);
    for (long q = 0; q < n; q++) {
      double g = q + 1 < n ? az[q + 1] - az[q] : az[0] + 360.0 - az[q];
      if (g > gap) {
        gap = g;
        start = q + 1 < n ? az[q + 1] : az[0];
      }
    }
  }
  free(az);
  if (gap < 60.0) {
    fo->all_around = 1;
  } else {
    /* a node beyond each end: the maximum range is looked up at the azimuth the Earth's
       rotation turns a launch toward, up to a few degrees off */
    double span = 360.0 - gap;
    fo->az0_deg = start - FAMILY_AZ_STEP_DEG;
    fo->naz = (int)ceil(span / FAMILY_AZ_STEP_DEG) + 3;
  }
  return BMD_OK;
}

/* the families of all launch points, solved together (bmd_family_solve_set) but not yet
   resampled: each launch point's tables are made when its cells are taken up and freed
   after them (memory: at 0.1 deg over Europe a family's tables are ~25 MB, BENCHMARKS.md);
   a launch point with no reach at all gets none (every cell beyond range) */
static int families_build(const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                          const struct bmd_footprint *fp, struct bmd_family **fam) {
  struct bmd_family_spec sp[BMD_FOOTPRINT_MAX_LAUNCHES];
  int fst[BMD_FOOTPRINT_MAX_LAUNCHES], st;
  struct bmd_traj_opts topt;
  for (int k = 0; k < o->nlaunch; k++)
    if ((st = family_spec(o, fp, k, &sp[k])) != BMD_OK) return st;
  bmd_traj_opts_default(&topt);
  topt.phys = sc->phys;
  bmd_traj_opts_atol(&topt, survey_atol_m(o->grid_deg));
  st = bmd_family_solve_set(fam, fst, o->nlaunch, &o->missile->vehicle, &topt, sp, o->threads);
  for (int k = 0; k < o->nlaunch && st == BMD_OK; k++)
    if (fst[k] != BMD_OK && fst[k] != BMD_ENOCONV) st = fst[k];
  return st;
}

/* every cell's range and azimuth from its launch point (PROJ's geodesic inverse), in
   blocks taken in turn by the pool's threads */
struct geometry_job {
  const struct bmd_scenario *sc;
  const struct bmd_footprint_opts *o;
  struct bmd_footprint *fp;
  long ncell, next;   /* next: the next block (atomic) */
};

#define GEOMETRY_BLOCK 512

static void *geometry_worker(void *pv) {
  struct geometry_job *g = pv;
  struct bmd_footprint *fp = g->fp;
  long per = (long)fp->nlat * fp->nlon;
  for (;;) {
    long c0 = __atomic_fetch_add(&g->next, 1, __ATOMIC_RELAXED) * GEOMETRY_BLOCK;
    if (c0 >= g->ncell) break;
    for (long c = c0; c < c0 + GEOMETRY_BLOCK && c < g->ncell; c++) {
      struct bmd_footprint_cell *cell = &fp->cell[c];
      const struct bmd_footprint_launch *L = &g->o->launch[c / per];
      double lat, lon;
      cell_latlon(fp, c, &lat, &lon);
      bmd_geodesic_inverse(g->sc->phys.earth, L->lat_deg, L->lon_deg, lat, lon, &cell->range_m,
                           &cell->az_deg, NULL);
      cell->az_deg = fmod(cell->az_deg + 360.0, 360.0);
      cell->first_site = cell->kin_first_site = -1;
      cell->first_alt_m = cell->first_t_s = cell->kin_first_alt_m = NAN;
      cell->firm_t_s = cell->cue_t_s = NAN;
    }
  }
  return NULL;
}

int bmd_footprint_compute(const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                          struct bmd_footprint *fp, bmd_footprint_progress progress, void *ctx) {
  struct job j;
  long per, ncell, *count = NULL;
  int nb = (int)(360.0 / BIN_DEG), st = BMD_OK;
  double lon_max;

  memset(fp, 0, sizeof *fp);
  memset(&j, 0, sizeof j);
  if (!o->missile || o->nlaunch < 1 || o->nlaunch > BMD_FOOTPRINT_MAX_LAUNCHES ||
      !(o->grid_deg > 0.0) || !(o->dt_s > 0.0) || sc->nsites > 64 || o->threads < 1 ||
      !(o->lat_max_deg > o->lat_min_deg) || o->lat_min_deg < -90.0 || o->lat_max_deg > 90.0)
    return BMD_EINVAL;
  lon_max = o->lon_max_deg;
  if (lon_max <= o->lon_min_deg) lon_max += 360.0;   /* the region crosses the antimeridian */
  fp->grid_deg = o->grid_deg;
  fp->nlat = (int)floor((o->lat_max_deg - o->lat_min_deg) / o->grid_deg + 1e-9);
  fp->nlon = (int)floor((lon_max - o->lon_min_deg) / o->grid_deg + 1e-9);
  if (fp->nlat < 1 || fp->nlon < 1 || (double)fp->nlat * fp->nlon > 4e6) return BMD_EINVAL;
  fp->nlaunch = o->nlaunch;
  fp->lat0_deg = o->lat_min_deg + 0.5 * o->grid_deg;
  fp->lon0_deg = o->lon_min_deg + 0.5 * o->grid_deg;
  per = (long)fp->nlat * fp->nlon;
  ncell = per * o->nlaunch;
  fp->cell = calloc((size_t)ncell, sizeof *fp->cell);
  if (!fp->cell) {
    st = BMD_ENOMEM;
    goto done;
  }
  /* geometry of every cell from its launch point (on all threads) */
  {
    struct geometry_job g = {sc, o, fp, ncell, 0};
    bmd_pool_run(o->threads, geometry_worker, &g);
  }
  /* exact mode: the cells in azimuth bins, by range within each (the family mode takes
     cells in index order and needs none of this: 24 bytes a cell, 26 MB at 0.1 deg over
     Europe with 5 launch points, BENCHMARKS.md) */
  if (o->exact) {
    j.order = malloc((size_t)ncell * sizeof *j.order);
    j.items = calloc((size_t)(nb * o->nlaunch), sizeof *j.items);
    count = calloc((size_t)(nb * o->nlaunch) + 1, sizeof *count);
    if (!j.order || !j.items || !count) {
      st = BMD_ENOMEM;
      goto done;
    }
    for (long c = 0; c < ncell; c++)
      count[(c / per) * nb + (int)floor(fp->cell[c].az_deg / BIN_DEG) % nb]++;
    {
      long off = 0;
      for (int k = 0; k < o->nlaunch; k++)
        for (int b = 0; b < nb; b++) {
          long n = count[k * nb + b];
          if (n == 0) continue;
          j.items[j.nitems].launch = k;
          j.items[j.nitems].az_deg = (b + 0.5) * BIN_DEG;
          j.items[j.nitems].first = off;
          j.items[j.nitems].n = 0;
          count[k * nb + b] = j.nitems++;   /* now: the item index of this bin */
          off += n;
        }
      for (long c = 0; c < ncell; c++) {
        int b = (int)floor(fp->cell[c].az_deg / BIN_DEG) % nb;
        struct item *it = &j.items[count[(c / per) * nb + b]];
        j.order[it->first + it->n++] = c;
      }
      {
        struct key *keys = malloc((size_t)ncell * sizeof *keys);
        if (!keys) {
          st = BMD_ENOMEM;
          goto done;
        }
        for (long q = 0; q < ncell; q++) {
          keys[q].c = j.order[q];
          keys[q].range_m = fp->cell[j.order[q]].range_m;
        }
        for (long k = 0; k < j.nitems; k++)
          qsort(keys + j.items[k].first, (size_t)j.items[k].n, sizeof *keys, cmp_range);
        for (long q = 0; q < ncell; q++) j.order[q] = keys[q].c;
        free(keys);
      }
    }
  }
  j.sc = sc;
  j.o = o;
  j.fp = fp;
  j.total = ncell;
  j.progress = progress;
  j.ctx = ctx;
  pthread_mutex_init(&j.lock, NULL);
  if (o->exact) {
    st = bmd_fancache_alloc(&j.fc, sc, FAN_TMAX_S, FAN_DT_S, FAN_SECTOR_DEG);
    if (st != BMD_OK) goto done_locked;
    j.seeds = calloc((size_t)o->nlaunch, sizeof *j.seeds);
    if (!j.seeds) {
      st = BMD_ENOMEM;
      goto done_locked;
    }
    for (int k = 0; k < o->nlaunch; k++) {
      /* along the azimuth to the region's centre */
      double az, clat = 0.5 * (o->lat_min_deg + o->lat_max_deg), clon = bmd_wrap180_deg(o->lon_min_deg + 0.5 * (lon_max - o->lon_min_deg));
      bmd_geodesic_inverse(sc->phys.earth, o->launch[k].lat_deg, o->launch[k].lon_deg, clat, clon, NULL, &az, NULL);
      seeds_build(sc, o, &o->launch[k], az, &j.seeds[k], &j.aims_full);
    }
    bmd_pool_run(o->threads, worker, &j);
  } else {
    /* the fans need reach no further in time than the longest threat flight: an intercept
       comes before the impact */
    double tmax = 0.0;
    j.fam = calloc((size_t)o->nlaunch, sizeof *j.fam);
    if (!j.fam) {
      st = BMD_ENOMEM;
      goto done_locked;
    }
    st = families_build(sc, o, fp, j.fam);
    if (st != BMD_OK) goto done_locked;
    for (int k = 0; k < o->nlaunch; k++) {
      double mt = 0.0;
      if (!j.fam[k]) continue;
      bmd_family_count(j.fam[k], NULL, NULL, NULL, &mt);
      tmax = fmax(tmax, mt);
    }
    tmax = fmin(FAN_TMAX_S, FAN_DT_S * (ceil(tmax / FAN_DT_S) + 2.0));
    st = bmd_fancache_alloc(&j.fc, sc, tmax > 0.0 ? tmax : FAN_TMAX_S, FAN_DT_S, FAN_SECTOR_DEG);
    if (st != BMD_OK) goto done_locked;
    /* launch point by launch point: its family's tables made, its cells (from both ends
       of its list, worker_family), the tables freed; the fans stay for the next one */
    for (int k = 0; k < o->nlaunch && st == BMD_OK && !j.failed; k++) {
      if (j.fam[k]) {
        int rs = bmd_family_resample(j.fam[k]);
        if (rs == BMD_ENOCONV) {
          bmd_family_free(j.fam[k]);   /* as a family whose build gave BMD_ENOCONV */
          j.fam[k] = NULL;
        } else if (rs != BMD_OK) {
          st = rs;
          break;
        } else {
          long members = 0, failed = 0, cold = 0;
          bmd_family_count(j.fam[k], &members, &failed, &cold, NULL);
          fp->family_members += members;
          fp->family_failed += failed;
          j.aims_full += cold;
        }
      }
      j.lo = k * per;
      j.hi = (k + 1) * per;
      bmd_pool_run(o->threads, worker_family, &j);
      bmd_family_free(j.fam[k]);
      j.fam[k] = NULL;
    }
    fp->cells_flown = j.flown;
    if (st != BMD_OK) goto done_locked;
  }
  st = j.failed;
  for (long c = 0; c < ncell; c++) fp->cells_solved += fp->cell[c].status == BMD_FOOTPRINT_OK;
  if (o->exact) fp->cells_flown = fp->cells_solved;
  fp->aims_full = j.aims_full;
  fp->fans_built = bmd_fancache_built(j.fc);
done_locked:
  pthread_mutex_destroy(&j.lock);
done:
  if (j.fam)
    for (int k = 0; k < o->nlaunch; k++) bmd_family_free(j.fam[k]);
  free(j.fam);
  free(j.seeds);
  bmd_fancache_free(j.fc);
  free(count);
  free(j.order);
  free(j.items);
  if (st != BMD_OK) bmd_footprint_release(fp);
#if defined(__GLIBC__)
  /* the fans and families (about 100 MB at 0.1 deg over Europe with 5 launch points) were
     freed in pieces that glibc keeps for reuse; hand them back, so that the writers, which
     allocate through other libraries (GDAL, cairo), do not stack their peak on top of them
     (BENCHMARKS.md: 277 MB peak without this, in the writers) */
  malloc_trim(0);
#endif
  return st;
}

const struct bmd_footprint_cell *bmd_footprint_at(const struct bmd_footprint *fp, int k, int ilat,
                                                  int ilon) {
  return &fp->cell[((long)k * fp->nlat + ilat) * fp->nlon + ilon];
}

void bmd_footprint_combined(const struct bmd_footprint *fp, int ilat, int ilon, int *opp, int *kin) {
  *opp = *kin = -1;
  for (int k = 0; k < fp->nlaunch; k++) {
    const struct bmd_footprint_cell *c = bmd_footprint_at(fp, k, ilat, ilon);
    if (c->status != BMD_FOOTPRINT_OK) continue;
    if (*opp < 0 || c->opportunities < *opp) *opp = c->opportunities;
    if (*kin < 0 || c->kin_opportunities < *kin) *kin = c->kin_opportunities;
  }
}

double bmd_footprint_cell_area_m2(const struct bmd_footprint *f, int ilat) {
  double lat = f->lat0_deg + ilat * f->grid_deg, h = 0.5 * f->grid_deg;
  double a = fmax(-90.0, lat - h) * BMD_DEG, b = fmin(90.0, lat + h) * BMD_DEG;
  /* Snyder (1987): area of a quadrangle on the sphere */
  return BMD_SPHERE_R_M * BMD_SPHERE_R_M * f->grid_deg * BMD_DEG * (sin(b) - sin(a));
}

void bmd_footprint_release(struct bmd_footprint *fp) {
  if (!fp) return;
  free(fp->cell);
  memset(fp, 0, sizeof *fp);
}
