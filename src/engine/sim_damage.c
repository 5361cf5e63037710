/* sim_damage.c - battle damage in the engine (sim_impl.h; model: damage.h,
   docs/models/damage.md): which defence elements each threat's impact can reach, found once
   in the prep, and per run the draw of each impact point and the elements it takes out. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include <bmd/const.h>
#include <bmd/damage.h>
#include <bmd/geodesic.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "sim_impl.h"

/* an element farther than this many per-axis sigmas beyond its larger lethal radius from
   the aim point is out of reach (P < 1e-30) */
#define REACH_SIGMAS 12.0

/* the damage stream's seed: SplitMix64's second output after seed (the early-warning report
   stream takes its first, sim.c) */
static unsigned long dmg_seed(unsigned long seed) {
  /* SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): its second output from seed */
  uint64_t z = (uint64_t)seed + 2u * (uint64_t)BMD_SPLITMIX64_GAMMA;
  z = (z ^ (z >> 30)) * BMD_SPLITMIX64_M1;
  z = (z ^ (z >> 27)) * BMD_SPLITMIX64_M2;
  return (unsigned long)((z ^ (z >> 31)) & 0xffffffffu);
}

/* element e's position and hardness; 0 if it cannot be struck in the model (no hardness
   stated, or a ship) */
static int element(const struct bmd_scenario *sc, int e, double *lat, double *lon, struct bmd_hardness *h) {
  if (e < sc->nsites) {
    const struct bmd_scen_site *s = &sc->sites[e];
    if (s->kind[0] == 's') return 0; /* ship: a moving target at sea, not modelled */
    *lat = s->lat_deg;
    *lon = s->lon_deg;
    *h = s->interceptor->launcher_hardness;
  } else {
    const struct bmd_scen_radar *r = &sc->radars[e - sc->nsites];
    *lat = r->lat_deg;
    *lon = r->lon_deg;
    *h = r->type->hardness;
  }
  return h->disable_kpa > 0.0;
}

void bmd_sim_dmg_where(const struct bmd_scenario *sc, int el, double pos[3]) {
  if (el < sc->nsites) {
    pos[0] = sc->sites[el].alt_m, pos[1] = sc->sites[el].lat_deg, pos[2] = sc->sites[el].lon_deg;
  } else {
    const struct bmd_scen_radar *r = &sc->radars[el - sc->nsites];
    pos[0] = r->alt_m, pos[1] = r->lat_deg, pos[2] = r->lon_deg;
  }
}

int bmd_sim_dmg_prep(struct bmd_sim_prep *p) {
  const struct bmd_scenario *sc = p->sc;
  int ne = sc->nsites + sc->nradars, n = 0, cap = 0;
  p->dmg_first = calloc((size_t)p->nthreats + 1, sizeof *p->dmg_first);
  if (!p->dmg_first) return BMD_ENOMEM;
  for (int i = 0; i < p->nthreats; i++) {
    const struct bmd_warhead *w = &sc->threats[i].missile->warhead;
    const struct bmd_traj_result *fl = &p->traj[p->alias[i]];
    p->dmg_first[i] = n;
    if (w->kind == BMD_WARHEAD_NONE) continue;
    for (int e = 0; e < ne; e++) {
      struct bmd_hardness h;
      struct bmd_sim_dmg_target *t;
      double lat, lon, dist, az, lr_dis, lr_des;
      if (!element(sc, e, &lat, &lon, &h)) continue;
      lr_dis = bmd_damage_lethal_radius_m(w, h.disable_kpa);
      lr_des = bmd_damage_lethal_radius_m(w, h.destroy_kpa);
      bmd_geodesic_inverse(sc->phys.earth, fl->impact_lat_deg, fl->impact_lon_deg, lat, lon, &dist, &az, NULL);
      if (dist > lr_dis + REACH_SIGMAS * bmd_damage_sigma_m(w->cep_m)) continue;
      if (n == cap) {
        int nc = cap ? 2 * cap : 16;
        struct bmd_sim_dmg_target *nt = realloc(p->dmg, (size_t)nc * sizeof *nt);
        if (!nt) return BMD_ENOMEM;
        p->dmg = nt;
        cap = nc;
      }
      t = &p->dmg[n++];
      t->element = e;
      t->off_n_m = dist * cos(az * BMD_DEG);
      t->off_e_m = dist * sin(az * BMD_DEG);
      t->lr_disable_m = lr_dis;
      t->lr_destroy_m = lr_des;
      t->p_disable = bmd_damage_probability(lr_dis, w->cep_m, dist);
      t->p_destroy = bmd_damage_probability(lr_des, w->cep_m, dist);
    }
  }
  p->dmg_first[p->nthreats] = n;
  return BMD_OK;
}

int bmd_sim_prep_damage_possible(const struct bmd_sim_prep *p) { return p->dmg_first[p->nthreats] > 0; }

void bmd_sim_dmg_release(struct bmd_sim_prep *p) {
  free(p->dmg_first);
  free(p->dmg);
}

int bmd_sim_dmg_run_alloc(const struct bmd_sim_prep *p, struct bmd_sim_dmg_run *r) {
  size_t ne = (size_t)p->nsites + (size_t)p->nradars, most = 0;
  for (int i = 0; i < p->nthreats; i++)
    if ((size_t)(p->dmg_first[i + 1] - p->dmg_first[i]) > most) most = (size_t)(p->dmg_first[i + 1] - p->dmg_first[i]);
  r->rng = gsl_rng_alloc(gsl_rng_taus2);
  r->level = calloc(ne + 1, sizeof *r->level);
  r->radar_end = calloc((size_t)p->nradars + 1, sizeof *r->radar_end);
  r->hits = calloc(most + 1, sizeof *r->hits);
  return r->rng && r->level && r->radar_end && r->hits ? BMD_OK : BMD_ENOMEM;
}

void bmd_sim_dmg_run_free(struct bmd_sim_dmg_run *r) {
  gsl_rng_free(r->rng);
  free(r->level);
  free(r->radar_end);
  free(r->hits);
}

void bmd_sim_dmg_run_reset(const struct bmd_sim_prep *p, struct bmd_sim_dmg_run *r, unsigned long seed,
                           struct bmd_sim_loss *loss) {
  static const struct bmd_sim_loss intact = {BMD_DAMAGE_NONE, (double)NAN, -1, 0.0, 0.0, 0};
  gsl_rng_set(r->rng, dmg_seed(seed));
  for (int k = 0; k < p->nsites + p->nradars; k++) {
    loss[k] = intact;
    r->level[k] = BMD_DAMAGE_NONE;
  }
  for (int k = 0; k < p->nradars; k++) r->radar_end[k] = HUGE_VAL;
}

int bmd_sim_dmg_strike(const struct bmd_sim_prep *p, int i, gsl_rng *rng, const int *level,
                       struct bmd_sim_dmg_hit *hits) {
  const struct bmd_warhead *w = &p->sc->threats[i].missile->warhead;
  double sigma = bmd_damage_sigma_m(w->cep_m), dn, de;
  int nh = 0;
  if (p->dmg_first[i + 1] == p->dmg_first[i]) return 0;
  /* the impact point about the aim point: circular normal, north then east */
  dn = gsl_ran_gaussian(rng, sigma);
  de = gsl_ran_gaussian(rng, sigma);
  for (int q = p->dmg_first[i]; q < p->dmg_first[i + 1]; q++) {
    const struct bmd_sim_dmg_target *t = &p->dmg[q];
    double miss = hypot(dn - t->off_n_m, de - t->off_e_m);
    int lv = miss <= t->lr_destroy_m ? BMD_DAMAGE_DESTROYED : (miss <= t->lr_disable_m ? BMD_DAMAGE_DISABLED : BMD_DAMAGE_NONE);
    if (lv <= level[t->element]) continue;
    hits[nh].element = t->element;
    hits[nh].level = lv;
    hits[nh].miss_m = miss;
    hits[nh].tg = t;
    nh++;
  }
  return nh;
}
