/* fancache.c - shared interceptor fans per site and azimuth sector (fancache.h). */
#include <bmd/fancache.h>

#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#include <bmd/status.h>

struct entry {
  pthread_mutex_t lock;
  int state;          /* 0 not built, 1 built, -1 failed */
  struct bmd_fan fan;
};

struct bmd_fancache {
  const struct bmd_scenario *sc;
  double t_max_s, dt_s, sector_deg;
  int nsectors;
  struct entry *e;    /* [site * nsectors + sector] */
  int n;
};

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
  for (int k = 0; k < fc->n; k++) pthread_mutex_init(&fc->e[k].lock, NULL);
  *out = fc;
  return BMD_OK;
}

const struct bmd_fan *bmd_fancache_get(struct bmd_fancache *fc, int s, double az_deg) {
  const struct bmd_scen_site *st;
  struct entry *e;
  int b, state;
  if (s < 0 || s >= fc->sc->nsites || !isfinite(az_deg)) return NULL;
  b = (int)floor(fmod(fmod(az_deg, 360.0) + 360.0, 360.0) / fc->sector_deg) % fc->nsectors;
  e = &fc->e[s * fc->nsectors + b];
  st = &fc->sc->sites[s];
  pthread_mutex_lock(&e->lock);
  if (e->state == 0)
    e->state = bmd_fan_build(&e->fan, &st->interceptor->vehicle, &fc->sc->phys, st->lat_deg,
                             st->lon_deg, st->alt_m, (b + 0.5) * fc->sector_deg, fc->t_max_s,
                             fc->dt_s) == BMD_OK ? 1 : -1;
  state = e->state;
  pthread_mutex_unlock(&e->lock);
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
  for (int k = 0; k < fc->n; k++) n += fc->e[k].state == 1;
  return n;
}

void bmd_fancache_free(struct bmd_fancache *fc) {
  if (!fc) return;
  for (int k = 0; k < fc->n; k++) {
    bmd_fan_release(&fc->e[k].fan);
    pthread_mutex_destroy(&fc->e[k].lock);
  }
  free(fc->e);
  free(fc);
}
