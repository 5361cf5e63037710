/*
 * catfit.h - the load-time check of a catalog (a --data copy) against its own stated
 * performance: a threat's stages must reproduce its stated maximum range, an interceptor's
 * its stated burnout speed, at the reference conditions of refperf.h, within
 * BMD_REFPERF_TOL of the stated band. Editing the stated figure of a --data copy therefore
 * never changes the listing alone: either the stages agree, or bmdsim fits them, or it
 * refuses to run.
 *
 * For an entry that misses:
 *   - without 'at_load: true' in its 'fit:' map: an error, one line at the stated figure's
 *     file:line:column, saying what the stages give and how to fix it;
 *   - with it: every stage's Isp is scaled by one factor (refperf.h's fit, to the middle of
 *     the stated band), the entry's Isp records become 'fitted' with a note giving the
 *     factor, and note() receives one line for stderr. The factor is cached in cache_dir
 *     (fit-<hash>.txt, keyed by a hash of everything the flight depends on and the stated
 *     band); a cached factor is checked with one evaluation before it is used, so a stale
 *     file costs a refit, never a wrong answer.
 * A threat calibrated to a lofted flight test ('performance: test:', catalog.h) is checked
 * against the test instead: its full-burn flight to the test's range must peak at the
 * published apogee within BMD_REFPERF_TOL (flighttest.h), and 'at_load: true' fits its Isp
 * to that apogee; its stated range band is a comparison, not checked.
 * docs/data.md section 6 documents the rule.
 */
#ifndef BMD_CATFIT_H
#define BMD_CATFIT_H

#include "catalog.h"
#include "diag.h"

typedef void (*bmd_catfit_note)(void *ctx, const char *line);

/* bmd_catfit_check - check (and, where allowed, fit) every missile and interceptor of cat.
   cache_dir may be NULL (no cache). Returns BMD_OK, BMD_EPARSE (d filled: a mismatch
   without at_load, or a stated figure the stages cannot reach with any factor in
   [0.4, 1.6]), BMD_ENOMEM, or a flight's error. */
int bmd_catfit_check(struct bmd_catalog *cat, const char *cache_dir, bmd_catfit_note note,
                     void *ctx, struct bmd_diag *d);

#endif
