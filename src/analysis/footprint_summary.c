/* footprint_summary.c - the footprint's counts, areas and defended fraction, computed once
   for every output (footprint.h). */
#include <bmd/footprint.h>

#include <stdlib.h>
#include <string.h>

#include <bmd/status.h>

static void tally(struct bmd_footprint_tally *t, double area_km2) {
  t->cells++;
  t->area_km2 += area_km2;
}

static void fraction(struct bmd_footprint_layer *l) {
  l->defended_fraction = l->threatened.area_km2 > 0.0 ? l->defended.area_km2 / l->threatened.area_km2 : 0.0;
}

int bmd_footprint_summarize(const struct bmd_footprint *fp, int nsites, struct bmd_footprint_summary *s) {
  size_t n;
  memset(s, 0, sizeof *s);
  if (nsites < 0 || nsites > 64 || fp->nlaunch < 0 || fp->nlaunch > BMD_FOOTPRINT_MAX_LAUNCHES) return BMD_EINVAL;
  s->nlaunch = fp->nlaunch;
  s->nsites = nsites;
  n = (size_t)fp->nlaunch * (size_t)nsites;
  s->site_engage = calloc(n + 1, sizeof *s->site_engage);
  s->site_reach = calloc(n + 1, sizeof *s->site_reach);
  if (!s->site_engage || !s->site_reach) {
    bmd_footprint_summary_release(s);
    return BMD_ENOMEM;
  }
  for (int i = 0; i < fp->nlat; i++) {
    /* the cells of one row have one area */
    double a = bmd_footprint_cell_area_m2(fp, i) / 1e6;
    for (int j = 0; j < fp->nlon; j++) {
      int opp, kin, failed = 0;
      for (int k = 0; k < fp->nlaunch; k++) {
        const struct bmd_footprint_cell *c = bmd_footprint_at(fp, k, i, j);
        struct bmd_footprint_layer *l = &s->launch[k];
        l->failed += c->status == BMD_FOOTPRINT_FAILED;
        failed |= c->status == BMD_FOOTPRINT_FAILED;
        if (c->status != BMD_FOOTPRINT_OK) continue;
        tally(&l->threatened, a);
        if (c->opportunities > 0) tally(&l->defended, a);
        if (c->opportunities >= 2) tally(&l->shoot_look_shoot, a);
        if (c->kin_opportunities > 0) tally(&l->kinematic, a);
        for (int q = 0; q < nsites; q++) {
          if (c->sites >> q & 1) tally(&s->site_engage[(size_t)k * (size_t)nsites + (size_t)q], a);
          if (c->kin_sites >> q & 1) tally(&s->site_reach[(size_t)k * (size_t)nsites + (size_t)q], a);
        }
      }
      s->combined.failed += failed;
      bmd_footprint_combined(fp, i, j, &opp, &kin);
      if (opp < 0) continue;
      tally(&s->combined.threatened, a);
      if (opp > 0) tally(&s->combined.defended, a);
      if (opp >= 2) tally(&s->combined.shoot_look_shoot, a);
      if (kin > 0) tally(&s->combined.kinematic, a);
    }
  }
  for (int k = 0; k < fp->nlaunch; k++) fraction(&s->launch[k]);
  fraction(&s->combined);
  return BMD_OK;
}

void bmd_footprint_summary_release(struct bmd_footprint_summary *s) {
  if (!s) return;
  free(s->site_engage);
  free(s->site_reach);
  memset(s, 0, sizeof *s);
}

/* the footprint's cell classes (footprint.h; docs/outcomes.md, "Footprint cell classes") */
static const struct {
  const char *name, *label, *meaning;
} classes[BMD_FOOTPRINT_NCLASS] = {
    {"not-defended", "not defended",
     "the threat reaches the cell and cannot be engaged: against some launch point that reaches it no site has an "
     "engagement opportunity, and none could even reach the threat kinematically"},
    {"kinematic-only", "kinematic reach only",
     "the threat reaches the cell and cannot be engaged (no fire-control track in time against some launch point), "
     "although an interceptor launched on the first cue could reach it from every launch point"},
    {"1", "1 opportunity",
     "defended: against every launch point that reaches the cell, at least 1 engagement opportunity (the fewest is 1)"},
    {"2", "2 (shoot-look-shoot)",
     "defended with 2 sequential engagement opportunities at the fewest: shoot-look-shoot is possible"},
    {"3", "3", "defended with 3 sequential engagement opportunities at the fewest (shoot-look-shoot possible)"},
    {"4", "4", "defended with 4 sequential engagement opportunities at the fewest (shoot-look-shoot possible)"},
    {"5-or-more", "5 or more",
     "defended with 5 or more sequential engagement opportunities at the fewest (shoot-look-shoot possible)"}};

int bmd_footprint_class(int opp, int kin) {
  if (opp < 0) return BMD_FOOTPRINT_CLASS_NONE;
  if (opp == 0) return kin > 0 ? 1 : 0;
  return opp >= 5 ? 6 : opp + 1;
}

const char *bmd_footprint_class_name(int cls) {
  return cls >= 0 && cls < BMD_FOOTPRINT_NCLASS ? classes[cls].name : "none";
}

const char *bmd_footprint_class_label(int cls) {
  return cls >= 0 && cls < BMD_FOOTPRINT_NCLASS ? classes[cls].label : "not threatened";
}

const char *bmd_footprint_class_meaning(int cls) {
  return cls >= 0 && cls < BMD_FOOTPRINT_NCLASS ? classes[cls].meaning
                                                 : "no launch point's threat reaches the cell (beyond range, or too close)";
}

int bmd_footprint_class_opportunities(int cls) {
  if (cls < 0 || cls >= BMD_FOOTPRINT_NCLASS) return -1;
  return cls <= 1 ? 0 : cls - 1;
}
