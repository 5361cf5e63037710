/* fancache.c - shared interceptor fans per site and azimuth sector (fancache.h). */
#include <bmd/fancache.h>

#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#include <bmd/status.h>

struct entry {
  int state;          /* 0 not built, 2 being built, 1 built, -1 failed (atomic) */
  int used;           /* asked for by bmd_fancache_get (atomic) */
  struct bmd_fan fan;
};

struct bmd_fancache {
  const struct bmd_scenario *sc;
  double t_max_s, dt_s, sector_deg;
  int nsectors;
  struct entry *e;    /* [site * nsectors + sector] */
  int n;
  pthread_mutex_t lock;   /* guards the states' changes */
  pthread_cond_t done;    /* a fan was built */
};

/* a thread that finds the fan it needs being built by another builds, instead of waiting,
   a fan of the same site up to HELP_SECTORS sectors away that no thread has started (a
   large footprint needs every sector sooner or later; a small one wastes at most one fan
   per such wait). Which fans are built then depends on timing; the fans themselves, and
   so every result, do not. A thread waits only when no such fan is left, and no thread
   waits while it holds a fan in the building state, so none waits for ever. */
#define HELP_SECTORS 2

int bmd_fancache_alloc(struct bmd_fancache **out, const struct bmd_scenario *sc, double t_max_s,
                       double dt_s, double sector_deg) {
  struct bmd_fancache *fc;
  *out = NULL;
  if (!(t_max_s > 0.0) || !(dt_s > 0.0) || !(sector_deg > 0.0) ||
      fabs(fmod(360.0, sector_deg)) > 1e-9)
    return BMD_EINVAL;
  fc = calloc(1, sizeof *fc);
  if (!fc) return BMD_ENOMEM;
  fc->sc = sc;
  fc->t_max_s = t_max_s;
  fc->dt_s = dt_s;
  fc->sector_deg = sector_deg;
  fc->nsectors = (int)lround(360.0 / sector_deg);
  fc->n = sc->nsites * fc->nsectors;
  fc->e = calloc((size_t)(fc->n > 0 ? fc->n : 1), sizeof *fc->e);
  if (!fc->e) {
    free(fc);
    return BMD_ENOMEM;
  }
  pthread_mutex_init(&fc->lock, NULL);
  pthread_cond_init(&fc->done, NULL);
  *out = fc;
  return BMD_OK;
}

/* build entry k, whose state the caller (holding fc->lock) found 0; returns holding it */
static void build_locked(struct bmd_fancache *fc, int k) {
  struct entry *e = &fc->e[k];
  const struct bmd_scen_site *st = &fc->sc->sites[k / fc->nsectors];
  int b = k % fc->nsectors, ok;
  __atomic_store_n(&e->state, 2, __ATOMIC_RELAXED);
  pthread_mutex_unlock(&fc->lock);
  ok = bmd_fan_build(&e->fan, &st->interceptor->vehicle, &fc->sc->phys, st->lat_deg,
                     st->lon_deg, st->alt_m, (b + 0.5) * fc->sector_deg, fc->t_max_s,
                     fc->dt_s) == BMD_OK;
  pthread_mutex_lock(&fc->lock);
  __atomic_store_n(&e->state, ok ? 1 : -1, __ATOMIC_RELEASE);
  pthread_cond_broadcast(&fc->done);
}

const struct bmd_fan *bmd_fancache_get(struct bmd_fancache *fc, int s, double az_deg) {
  struct entry *e;
  int b, k, state;
  if (s < 0 || s >= fc->sc->nsites || !isfinite(az_deg)) return NULL;
  b = (int)floor(fmod(fmod(az_deg, 360.0) + 360.0, 360.0) / fc->sector_deg) % fc->nsectors;
  k = s * fc->nsectors + b;
  e = &fc->e[k];
  if (!__atomic_load_n(&e->used, __ATOMIC_RELAXED)) __atomic_store_n(&e->used, 1, __ATOMIC_RELAXED);
  state = __atomic_load_n(&e->state, __ATOMIC_ACQUIRE);
  if (state == 1) return &e->fan;   /* built: read-only from here on */
  pthread_mutex_lock(&fc->lock);
  for (;;) {
    state = __atomic_load_n(&e->state, __ATOMIC_ACQUIRE);
    if (state == 1 || state == -1) break;
    if (state == 0) {
      build_locked(fc, k);
      continue;
    }
    {
      int help = -1;
      for (int d = 1; d <= HELP_SECTORS && help < 0; d++)
        for (int sg = 1; sg >= -1 && help < 0; sg -= 2) {
          int h = s * fc->nsectors + ((b + sg * d) % fc->nsectors + fc->nsectors) % fc->nsectors;
          if (__atomic_load_n(&fc->e[h].state, __ATOMIC_RELAXED) == 0) help = h;
        }
      if (help >= 0)
        build_locked(fc, help);
      else
        pthread_cond_wait(&fc->done, &fc->lock);
    }
  }
  pthread_mutex_unlock(&fc->lock);
  return state == 1 ? &e->fan : NULL;
}

int bmd_fancache_clear_of_edges(const struct bmd_fancache *fc, double az_deg, double margin_deg) {
  double u;
  if (!isfinite(az_deg)) return 0;
  /* the position inside the sector, as bmd_fancache_get finds the sector */
  u = fmod(fmod(az_deg, 360.0) + 360.0, 360.0);
  u -= floor(u / fc->sector_deg) * fc->sector_deg;
  return u >= margin_deg && u <= fc->sector_deg - margin_deg;
}

int bmd_fancache_built(const struct bmd_fancache *fc) {
  int n = 0;
  for (int k = 0; k < fc->n; k++) n += fc->e[k].used && fc->e[k].state == 1;
  return n;
}

void bmd_fancache_free(struct bmd_fancache *fc) {
  if (!fc) return;
  for (int k = 0; k < fc->n; k++) bmd_fan_release(&fc->e[k].fan);
  pthread_mutex_destroy(&fc->lock);
  pthread_cond_destroy(&fc->done);
  free(fc->e);
  free(fc);
}
