/* compare.c - one attack against several architectures, question by question (compare.h). */
#include <bmd/compare.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/arch.h>
#include <bmd/status.h>

static const char *const words[] = {"run", "coverage", "mc", "footprint"};

const char *bmd_compare_what_word(unsigned bit) {
  for (unsigned k = 0; k < 4; k++)
    if (bit == 1u << k) return words[k];
  return "?";
}

unsigned bmd_compare_what_parse(const char *s, char *bad, size_t cap) {
  unsigned what = 0;
  const char *p = s;
  if (bad && cap) bad[0] = 0;
  for (;;) {
    size_t n = strcspn(p, ",");
    unsigned bit = 0;
    for (unsigned k = 0; k < 4; k++)
      if (n == strlen(words[k]) && strncmp(p, words[k], n) == 0) bit = 1u << k;
    if (!bit) {
      if (bad && cap) snprintf(bad, cap, "%.*s", (int)(n < 64 ? n : 64), p);
      return 0;
    }
    what |= bit;
    if (!p[n]) return what;
    p += n + 1;
  }
}

void bmd_compare_opts_default(struct bmd_compare_opts *o) {
  memset(o, 0, sizeof *o);
  o->what = BMD_COMPARE_RUN;
  o->trials = 1000;
  o->threads = 1;
  o->grid_deg = 0.5;
  /* the footprint command's default region: Europe (docs/analysis.md) */
  o->lat_min_deg = 34.0;
  o->lat_max_deg = 72.0;
  o->lon_min_deg = -12.0;
  o->lon_max_deg = 46.0;
}

void bmd_compare_release(struct bmd_compare *cmp) {
  if (!cmp) return;
  for (int i = 0; cmp->col && i < cmp->ncols; i++) {
    struct bmd_compare_col *c = &cmp->col[i];
    bmd_sim_result_release(&c->run);
    bmd_coverage_release(&c->cov);
    free(c->reach);
    bmd_mc_result_release(&c->mc);
    bmd_footprint_summary_release(&c->fs);
    bmd_footprint_release(&c->fp);
    bmd_scenario_release(&c->sc);
  }
  free(cmp->col);
  memset(cmp, 0, sizeof *cmp);
}

/* per corridor: kinematic and engageable reach over the sites, and the latest cue with
   which some site still intercepts (the cues come in the order launch, early warning,
   first detection, fire-control track: a later cue leaves a shorter time) */
static int reach_of(struct bmd_compare_col *c) {
  const struct bmd_coverage *cov = &c->cov;
  c->reach = calloc((size_t)(cov->ncorridors > 0 ? cov->ncorridors : 1), sizeof *c->reach);
  if (!c->reach) return BMD_ENOMEM;
  for (int k = 0; k < cov->ncorridors; k++) {
    struct bmd_compare_reach *r = &c->reach[k];
    r->cue = -1;
    r->site = -1;
    for (int s = 0; s < c->sc.nsites; s++) {
      const struct bmd_coverage_row *row = &cov->row[k * c->sc.nsites + s];
      r->kinematic |= row->kinematic_feasible != 0;
      r->engageable |= row->feasible != 0;
      for (int q = BMD_CUE_N - 1; q > r->cue; q--)
        if (row->feasible_by_cue[q] == 1) {
          r->cue = q;
          r->site = s;
          break;
        }
    }
  }
  return BMD_OK;
}

/* the footprint's threat and launch points, from the attack: its longest-reaching missile
   (as bmdsim footprint) and the distinct launch points of its threats */
static void footprint_opts(struct bmd_compare *cmp, const struct bmd_scenario *sc, const struct bmd_compare_opts *o) {
  struct bmd_footprint_opts *f = &cmp->fo;
  int best = 0;
  memset(f, 0, sizeof *f);
  for (int i = 1; i < sc->nthreats; i++)
    if (sc->threats[i].missile->range_hi_km > sc->threats[best].missile->range_hi_km) best = i;
  f->missile = sc->threats[best].missile;
  f->rcs_dbsm = sc->threats[best].rcs_dbsm;
  for (int i = 0; i < sc->nthreats && f->nlaunch < BMD_FOOTPRINT_MAX_LAUNCHES; i++) {
    int dup = 0;
    for (int k = 0; k < f->nlaunch; k++)
      dup |= f->launch[k].lat_deg == sc->threats[i].from_lat_deg && f->launch[k].lon_deg == sc->threats[i].from_lon_deg;
    if (dup) continue;
    snprintf(f->launch[f->nlaunch].name, sizeof f->launch[0].name, "%s", sc->threats[i].from);
    f->launch[f->nlaunch].lat_deg = sc->threats[i].from_lat_deg;
    f->launch[f->nlaunch].lon_deg = sc->threats[i].from_lon_deg;
    f->launch[f->nlaunch].alt_m = sc->threats[i].from_alt_m;
    f->nlaunch++;
  }
  f->lat_min_deg = o->lat_min_deg;
  f->lat_max_deg = o->lat_max_deg;
  f->lon_min_deg = o->lon_min_deg;
  f->lon_max_deg = o->lon_max_deg;
  f->grid_deg = o->grid_deg;
  f->dt_s = 2.0;
  f->threads = o->threads;
}

int bmd_compare_run(struct bmd_compare *cmp, const struct bmd_catalog *cat, int narch, const char *const *arch,
                    const char *attack, const struct bmd_compare_opts *o, struct bmd_diag *d,
                    bmd_compare_progress progress, void *ctx) {
  int st = BMD_OK, nq = 0;
  long done = 0, total;
  memset(cmp, 0, sizeof *cmp);
  if (narch < 1 || narch > BMD_COMPARE_MAX_COLUMNS || !o->what || o->trials < 1 || o->threads < 1) {
    bmd_diag_set(d, "", 0, 0, "compare: 1 to %d architectures, a question and at least one trial",
                 BMD_COMPARE_MAX_COLUMNS);
    return BMD_EINVAL;
  }
  for (unsigned b = o->what; b; b &= b - 1) nq++;
  total = (long)narch * (1 + nq);
  cmp->col = calloc((size_t)narch, sizeof *cmp->col);
  if (!cmp->col) return BMD_ENOMEM;
  cmp->what = o->what;
  /* every column first, so that a bad architecture is refused before any work */
  for (int i = 0; i < narch && st == BMD_OK; i++) {
    struct bmd_compare_col *c = &cmp->col[i];
    snprintf(c->arch, sizeof c->arch, "%s", arch[i]);
    st = bmd_scenario_compose(&c->sc, arch[i], attack, cat, d);
    if (st == BMD_OK) {
      cmp->ncols++;
      if (o->seed_given) c->sc.seed = o->seed;
      if ((o->what & BMD_COMPARE_FOOTPRINT) && c->sc.nsites > 64) {
        bmd_diag_set(d, "", 0, 0, "compare: footprint takes at most 64 interceptor sites ('%s' has %d)",
                     c->sc.architecture, c->sc.nsites);
        st = BMD_EINVAL;
      }
    }
    if (progress) progress(ctx, ++done, total);
  }
  if (st == BMD_OK) {
    cmp->seed = cmp->col[0].sc.seed;
    snprintf(cmp->attack, sizeof cmp->attack, "%s", cmp->col[0].sc.attack);
    footprint_opts(cmp, &cmp->col[0].sc, o);
  }
  for (int i = 0; i < cmp->ncols && st == BMD_OK; i++) {
    struct bmd_compare_col *c = &cmp->col[i];
    if (o->what & BMD_COMPARE_RUN) {
      st = bmd_sim_run(&c->sc, (unsigned long)c->sc.seed, &c->run, d, NULL, NULL);
      if (progress) progress(ctx, ++done, total);
    }
    if (st == BMD_OK && (o->what & BMD_COMPARE_COVERAGE)) {
      struct bmd_coverage_opts co = {1.0, 0, o->threads};
      st = bmd_coverage_compute(&c->sc, &co, &c->cov, d, NULL, NULL);
      if (st == BMD_OK) st = reach_of(c);
      if (progress) progress(ctx, ++done, total);
    }
    if (st == BMD_OK && (o->what & BMD_COMPARE_MC)) {
      struct bmd_sim_prep *prep = NULL;
      struct bmd_mc_opts mo;
      memset(&mo, 0, sizeof mo);
      mo.trials = o->trials;
      mo.seed = c->sc.seed;
      mo.threads = o->threads;
      mo.model = BMD_MC_ENGINE;
      st = bmd_sim_prep_alloc(&c->sc, &prep, d, NULL, NULL);
      if (st == BMD_OK) st = bmd_mc_run(prep, &mo, &c->mc, d);
      bmd_sim_prep_free(prep);
      if (progress) progress(ctx, ++done, total);
    }
    if (st == BMD_OK && (o->what & BMD_COMPARE_FOOTPRINT)) {
      st = bmd_footprint_compute(&c->sc, &cmp->fo, &c->fp, NULL, NULL);
      if (st == BMD_OK) st = bmd_footprint_summarize(&c->fp, c->sc.nsites, &c->fs);
      if (progress) progress(ctx, ++done, total);
    }
  }
  if (st != BMD_OK) bmd_compare_release(cmp);
  return st;
}
