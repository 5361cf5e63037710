/* cmd_compare.c - bmdsim compare: one attack against several architectures, side by side
   (compare.h; docs/compare.md). The table (text, JSON, CSV) is made here; the figures and
   the HTML report in compare_out.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/arch.h>
#include <bmd/assumptions.h>
#include <bmd/compare.h>
#include <bmd/csv.h>
#include <bmd/damage.h>
#include <bmd/intercept.h>
#include <bmd/names.h>
#include <bmd/outcome.h>
#include <bmd/status.h>

#include "cli.h"
#include "compare_out.h"

static const struct cli_opt compare_opts[] = {
    {"attack", 'a', "ATTACK", CLI_OPT_REQUIRED, "the attack: a built-in attack or an attack file (docs/scenario.md)"},
    {"what", 'w', "Q", 0, "the questions, comma-separated: run (one run, each threat's\n"
                          "outcome), coverage (reach per threat corridor: kinematic,\n"
                          "engageable, the cue it needs), mc (P(kill) with 95% intervals),\n"
                          "footprint (defended area); default run"},
    {"seed", 's', "N", 0, "random seed of run and mc (default: the attack's)"},
    {"trials", 'n', "N", 0, "mc trials per architecture, 1 to 1000000 (default 1000)"},
    {"grid-deg", 'g', "D", 0, "footprint cell size in degrees, 0.1 to 10 (default 0.5)"},
    {"threads", 'T', "N", 0, "worker threads (default: all cores)"},
    {"csv", 'c', "FILE", 0, "write the side-by-side table as CSV to FILE"},
    {"out", 'o', "DIR", 0, "write compare.json, compare.csv and one figure per question\n"
                           "(compare-run, compare-coverage, compare-mc, and\n"
                           "compare-footprint-ARCH per architecture; .png/.svg)"},
    {"format", 'F', "F", 0, "figure formats: png, svg or png,svg (default)"},
    {"report", 'R', "DIR", 0, "also write DIR/report.html (tables, figures, the assumptions\n"
                              "that differ, and each architecture's assumptions and sources)"},
    {"json", 'j', NULL, 0, "the table as JSON on stdout"},
    {"data", 'd', "DIR", 0, "catalog files from DIR"},
    {NULL, 0, NULL, 0, NULL}};

static void compare_more(FILE *fp) {
  for (int k = 0; k < BMD_PART_N; k++) {
    int col = fprintf(fp, "\nbuilt-in %s:", k == BMD_PART_ATTACK ? "attacks" : "architectures") - 1;
    for (const char *const *b = bmd_part_builtin_names((enum bmd_part)k); *b; b++) {
      if (col + 1 + (int)strlen(*b) + 1 > 88) col = fprintf(fp, "\n ") - 1;
      col += fprintf(fp, " %s%s", *b, b[1] ? "," : "");
    }
  }
  fprintf(fp, "\n(bmdsim scenario list shows them; bmdsim scenario show --architecture NAME writes one out).\n");
}

static const struct cli_command compare_cmd = {
    "compare", "ARCH...", 1, BMD_COMPARE_MAX_COLUMNS, compare_opts,
    "One attack against several architectures, side by side: the same threats and the same\n"
    "seed against each ARCH (a built-in architecture or an architecture file), one column\n"
    "each, for the questions --what asks. The assumptions that differ between the columns\n"
    "(command and control, early warning, interceptors) are listed first. Each question\n"
    "is the analysis of the one-scenario command (run, coverage --no-sweep, mc, footprint)\n"
    "on the scenario that names the architecture and the attack (docs/compare.md).\n",
    compare_more, "exit status: 0 done, 1 a failed run or write, 2 bad input\n", NULL};

static const char *cue_word(int cue) { return cue < 0 ? "none" : bmd_coverage_cue_name((enum bmd_coverage_cue)cue); }

void cmp_reach_text(const struct bmd_compare_reach *r, char *buf, size_t cap) {
  static const char *const shortcue[BMD_CUE_N] = {"launch", "EW", "detection", "track"};
  if (r->engageable) snprintf(buf, cap, "engageable");
  else if (r->kinematic) snprintf(buf, cap, "kinematic, %s cue", r->cue >= 0 ? shortcue[r->cue] : "no");
  else if (r->cue >= 0) snprintf(buf, cap, "only on %s cue", shortcue[r->cue]);
  else snprintf(buf, cap, "no reach");
}

/* ---- the assumptions that differ between the columns ---------------------------------- */

static void diff_value(const struct bmd_scenario *sc, int k, char *buf, size_t cap) {
  const struct bmd_scen_c2 *c = &sc->c2;
  switch (k) {
  case 0: snprintf(buf, cap, "%g", c->decision_latency_s); break;
  case 1: snprintf(buf, cap, "%s", c->doctrine == BMD_DOCTRINE_SLS ? "shoot-look-shoot" : "salvo"); break;
  case 2: snprintf(buf, cap, "%d", c->salvo); break;
  case 3: snprintf(buf, cap, "%g", c->kill_assessment_s); break;
  case 4: snprintf(buf, cap, "%s", c->priority == BMD_PRIORITY_TARGET_VALUE ? "target-value" : "time-to-impact"); break;
  case 5: snprintf(buf, cap, "%g", c->sspk); break;
  case 6: snprintf(buf, cap, "%g", c->reliability); break;
  case 7: snprintf(buf, cap, "%d", c->firm_track_updates); break;
  case 8: snprintf(buf, cap, "%g", c->kv_homing_s); break;
  case 9: snprintf(buf, cap, "%g", c->track_q_m2ps3); break;
  case 10: snprintf(buf, cap, "%d", c->nsspk); break;
  default: snprintf(buf, cap, "%s", sc->ew ? sc->ew->name : "none"); break;
  }
}

static const char *const diff_field[CMP_NDIFF] = {
    "c2.decision_latency_s", "c2.doctrine", "c2.salvo", "c2.kill_assessment_s", "c2.priority", "c2.sspk",
    "c2.reliability", "c2.firm_track_updates", "c2.kv_homing_s", "c2.track_process_noise_m2ps3",
    "c2.sspk_pairs (count)", "sensors.early_warning"};

const char *cmp_diff_field(int k) { return diff_field[k]; }

void cmp_diff_cell(const struct bmd_compare *cmp, int col, int k, char *buf, size_t cap) {
  const struct bmd_scenario *sc = &cmp->col[col].sc;
  char v[64];
  const char *cls = "unstated";
  diff_value(sc, k, v, sizeof v);
  if (sc->ev)
    for (int i = 0; i < sc->ev->nvalues; i++)
      if (strcmp(sc->ev->values[i].field, diff_field[k]) == 0) {
        cls = sc->ev->values[i].cite >= 0 ? bmd_evidence_class_word(sc->ev->cites[sc->ev->values[i].cite].cls)
              : sc->ev->values[i].dflt   ? "default"
                                         : "unstated";
        break;
      }
  snprintf(buf, cap, "%s (%s)", v, cls);
}

int cmp_diff_differs(const struct bmd_compare *cmp, int k) {
  char a[64], b[64];
  diff_value(&cmp->col[0].sc, k, a, sizeof a);
  for (int i = 1; i < cmp->ncols; i++) {
    diff_value(&cmp->col[i].sc, k, b, sizeof b);
    if (strcmp(a, b) != 0) return 1;
  }
  return 0;
}

void cmp_interceptors(const struct bmd_scenario *sc, char *buf, size_t cap) {
  size_t n = 0;
  buf[0] = 0;
  for (int s = 0; s < sc->nsites && n < cap; s++) {
    int first = 1, total = 0;
    for (int q = 0; q < s; q++) first &= sc->sites[q].interceptor != sc->sites[s].interceptor;
    if (!first) continue;
    for (int q = s; q < sc->nsites; q++)
      if (sc->sites[q].interceptor == sc->sites[s].interceptor) total += sc->sites[q].inventory;
    n += (size_t)snprintf(buf + n, cap - n, "%s%d %s", n ? ", " : "", total, sc->sites[s].interceptor->name);
  }
}

/* ---- text ----------------------------------------------------------------------------- */

#define W 21

static void row_head(const char *label) { printf("  %-30.30s", label); }

/* the run's summary rows: the outcomes, reached_target, interceptors fired, and the sites
   and radars lost to battle damage (disabled or destroyed: docs/models/damage.md) */
#define RUN_NSUMMARY (BMD_OUTCOME_COUNT + 4)
static const char *summary_name(int o) {
  if (o < BMD_OUTCOME_COUNT) return bmd_outcome_name(o);
  switch (o - BMD_OUTCOME_COUNT) {
  case 0: return BMD_OUTCOME_REACHED_TARGET;
  case 1: return "interceptors_fired";
  case 2: return "sites_lost";
  default: return "radars_lost";
  }
}
static long summary_value(const struct bmd_sim_result *r, int o) {
  long v = 0;
  if (o < BMD_OUTCOME_COUNT) return r->count.n[o];
  switch (o - BMD_OUTCOME_COUNT) {
  case 0: return r->count.reached_target;
  case 1:
    for (int s = 0; s < r->nsites; s++) v += r->spent[s];
    return v;
  case 2:
    for (int s = 0; r->loss && s < r->nsites; s++) v += r->loss[s].level != BMD_DAMAGE_NONE;
    return v;
  default:
    for (int k = 0; r->loss && k < r->nradars; k++) v += r->loss[r->nsites + k].level != BMD_DAMAGE_NONE;
    return v;
  }
}

static void print_text(const struct bmd_compare *cmp, long trials) {
  const struct bmd_scenario *s0 = &cmp->col[0].sc;
  char buf[160];
  printf("attack %s: %s\n", cli_safe(s0->attack), cli_safe(s0->attack_title));
  printf("seed %llu; %d threats; questions:", (unsigned long long)cmp->seed, s0->nthreats);
  for (unsigned b = 1; b <= BMD_COMPARE_FOOTPRINT; b <<= 1)
    if (cmp->what & b) printf(" %s", bmd_compare_what_word(b));
  printf("\n\narchitectures:\n");
  for (int i = 0; i < cmp->ncols; i++) {
    const struct bmd_scenario *sc = &cmp->col[i].sc;
    cmp_interceptors(sc, buf, sizeof buf);
    printf("  %-20s %-8s %s\n  %-20s %-8s %d sites (%s), %d radars\n", cli_safe(sc->architecture),
           cli_safe(sc->arch_date[0] ? sc->arch_date : "-"), cli_safe(sc->arch_title), "", "", sc->nsites,
           cli_safe(buf), sc->nradars);
  }
  printf("\nassumptions that differ between the columns (value and evidence):\n");
  row_head("");
  for (int i = 0; i < cmp->ncols; i++) printf(" %-*.*s", W, W, cli_safe(cmp->col[i].sc.architecture));
  printf("\n");
  {
    int any = 0;
    for (int k = 0; k < CMP_NDIFF; k++) {
      if (!cmp_diff_differs(cmp, k)) continue;
      any = 1;
      for (int line = 0; line < 2; line++) {
        row_head(line ? "  evidence" : diff_field[k]);
        for (int i = 0; i < cmp->ncols; i++) {
          char *sp;
          cmp_diff_cell(cmp, i, k, buf, sizeof buf);
          sp = strrchr(buf, ' ');
          if (sp) *sp = 0, sp[strlen(sp + 1)] = 0;
          printf(" %-*.*s", W, W, line ? (sp ? sp + 2 : "") : buf);
        }
        printf("\n");
      }
    }
    if (!any) printf("  (none: the columns share their command and control and early warning)\n");
  }
  if (cmp->what & BMD_COMPARE_RUN) {
    printf("\nrun (seed %llu): each threat's outcome (unengaged: the reason no interceptor was fired)\n",
           (unsigned long long)cmp->seed);
    for (int t = 0; t < s0->nthreats; t++) {
      const struct bmd_scen_threat *th = &s0->threats[t];
      snprintf(buf, sizeof buf, "%.12s %.16s %.24s>%.24s", th->id, th->missile->name, th->from, th->to);
      row_head(cli_safe(buf));
      for (int line = 0, why = 0; line < 1 + why; line++) {
        if (line) row_head("  why unengaged");
        for (int i = 0; i < cmp->ncols; i++) {
          const struct bmd_sim_threat *r = &cmp->col[i].run.threats[t];
          why |= r->outcome == BMD_OUTCOME_UNENGAGED;
          if (line)
            snprintf(buf, sizeof buf, "%s", r->outcome == BMD_OUTCOME_UNENGAGED ? bmd_engage_reason_word((enum bmd_engage_reason)r->reason) : "");
          else if (r->outcome == BMD_OUTCOME_UNENGAGED)
            snprintf(buf, sizeof buf, "unengaged");
          else
            snprintf(buf, sizeof buf, "%s (%d shot%s)", bmd_outcome_name(r->outcome), r->nshots, r->nshots == 1 ? "" : "s");
          printf(" %-*.*s", W, W, buf);
        }
        printf("\n");
      }
    }
    for (int o = 0; o < RUN_NSUMMARY; o++) {
      row_head(summary_name(o));
      for (int i = 0; i < cmp->ncols; i++) printf(" %-*ld", W, summary_value(&cmp->col[i].run, o));
      printf("\n");
    }
  }
  if (cmp->what & BMD_COMPARE_COVERAGE) {
    const struct bmd_coverage *c0 = &cmp->col[0].cov;
    printf("\ncoverage: reach per threat corridor -- engageable (fire-control track) or kinematic\n"
           "(first cue) from some site, and the latest cue with which some site still intercepts\n");
    for (int k = 0; k < c0->ncorridors; k++) {
      const struct bmd_scen_threat *th = &s0->threats[c0->corridor[k].threat];
      snprintf(buf, sizeof buf, "%.12s %.16s %.24s>%.24s", th->id, th->missile->name, th->from, th->to);
      row_head(cli_safe(buf));
      for (int i = 0; i < cmp->ncols; i++) {
        const struct bmd_compare_reach *r = &cmp->col[i].reach[k];
        cmp_reach_text(r, buf, sizeof buf);
        printf(" %-*.*s", W, W, buf);
      }
      printf("\n");
    }
    for (int q = 0; q < 3; q++) {
      row_head(q == 0 ? "corridors engageable" : q == 1 ? "corridors kinematic" : "corridors with any cue");
      for (int i = 0; i < cmp->ncols; i++) {
        int n = 0;
        for (int k = 0; k < c0->ncorridors; k++) {
          const struct bmd_compare_reach *r = &cmp->col[i].reach[k];
          n += q == 0 ? r->engageable : q == 1 ? r->kinematic : r->cue >= 0;
        }
        snprintf(buf, sizeof buf, "%d of %d", n, c0->ncorridors);
        printf(" %-*s", W, buf);
      }
      printf("\n");
    }
  }
  if (cmp->what & BMD_COMPARE_MC) {
    printf("\nmc (%ld trials, seed %llu): P(kill) of each threat [95%% interval]\n", trials,
           (unsigned long long)cmp->seed);
    for (int t = 0; t <= s0->nthreats; t++) {
      const struct bmd_scen_threat *th = t < s0->nthreats ? &s0->threats[t] : NULL;
      if (th) snprintf(buf, sizeof buf, "%.12s %.16s %.24s>%.24s", th->id, th->missile->name, th->from, th->to);
      row_head(th ? cli_safe(buf) : "P(no threat reaches target)");
      for (int i = 0; i < cmp->ncols; i++) {
        const struct bmd_mc_prop *p = th ? &cmp->col[i].mc.p_kill[t] : &cmp->col[i].mc.p_none_reached_target;
        snprintf(buf, sizeof buf, "%.3f [%.3f,%.3f]", p->p, p->ci95_lo, p->ci95_hi);
        printf(" %-*s", W, buf);
      }
      printf("\n");
    }
  }
  if (cmp->what & BMD_COMPARE_FOOTPRINT) {
    printf("\nfootprint: %s from", cli_safe(cmp->fo.missile->name));
    for (int k = 0; k < cmp->fo.nlaunch; k++) printf(" %s", cli_safe(cmp->fo.launch[k].name));
    printf(", %g deg cells over %g..%g N, %g..%g E (areas in km2, area-weighted)\n", cmp->fo.grid_deg,
           cmp->fo.lat_min_deg, cmp->fo.lat_max_deg, cmp->fo.lon_min_deg, cmp->fo.lon_max_deg);
    for (int q = 0; q < 4; q++) {
      row_head(q == 0 ? "defended fraction" : q == 1 ? "threatened area" : q == 2 ? "defended area" : "kinematic area");
      for (int i = 0; i < cmp->ncols; i++) {
        const struct bmd_footprint_layer *L = &cmp->col[i].fs.combined;
        if (q == 0) snprintf(buf, sizeof buf, "%.3f", L->defended_fraction);
        else snprintf(buf, sizeof buf, "%.0f", q == 1 ? L->threatened.area_km2 : q == 2 ? L->defended.area_km2
                                                                                       : L->kinematic.area_km2);
        printf(" %-*s", W, buf);
      }
      printf("\n");
    }
  }
}

/* ---- JSON ------------------------------------------------------------------------------ */

static cJSON *num_arr(void) { return cJSON_CreateArray(); }

cJSON *cmp_json(const struct bmd_compare *cmp, long trials) {
  const struct bmd_scenario *s0 = &cmp->col[0].sc;
  cJSON *j = cJSON_CreateObject(), *a, *q;
  char buf[160];
  cJSON_AddStringToObject(j, "attack", s0->attack);
  cJSON_AddStringToObject(j, "attack_title", s0->attack_title);
  cli_json_seed(j, "seed", cmp->seed);
  q = cJSON_AddArrayToObject(j, "what");
  for (unsigned b = 1; b <= BMD_COMPARE_FOOTPRINT; b <<= 1)
    if (cmp->what & b) cJSON_AddItemToArray(q, cJSON_CreateString(bmd_compare_what_word(b)));
  a = cJSON_AddArrayToObject(j, "architectures");
  for (int i = 0; i < cmp->ncols; i++) {
    const struct bmd_scenario *sc = &cmp->col[i].sc;
    cJSON *o = cJSON_CreateObject(), *ss = cJSON_AddArrayToObject(o, "sites"), *rs;
    cJSON_AddStringToObject(o, "name", sc->architecture);
    cJSON_AddStringToObject(o, "title", sc->arch_title);
    if (sc->arch_date[0]) cJSON_AddStringToObject(o, "date", sc->arch_date);
    else cJSON_AddNullToObject(o, "date");
    cJSON_AddStringToObject(o, "early_warning", sc->ew ? sc->ew->name : "none");
    for (int s = 0; s < sc->nsites; s++) {
      cJSON *x = cJSON_CreateObject();
      cJSON_AddStringToObject(x, "name", sc->sites[s].name);
      cJSON_AddStringToObject(x, "interceptor", sc->sites[s].interceptor->name);
      cJSON_AddNumberToObject(x, "inventory", sc->sites[s].inventory);
      cJSON_AddItemToArray(ss, x);
    }
    rs = cJSON_AddArrayToObject(o, "radars");
    for (int r = 0; r < sc->nradars; r++) {
      cJSON *x = cJSON_CreateObject();
      cJSON_AddStringToObject(x, "name", sc->radars[r].name);
      cJSON_AddStringToObject(x, "type", sc->radars[r].type->name);
      cJSON_AddItemToArray(rs, x);
    }
    if (cli_json_assumptions(o, sc, BMD_ASSUME_THREATS, (cmp->what & BMD_COMPARE_FOOTPRINT) ? &cmp->fo : NULL) != 0) {
      cJSON_Delete(o);
      cJSON_Delete(j);
      return NULL;
    }
    cJSON_AddItemToArray(a, o);
  }
  a = cJSON_AddArrayToObject(j, "differing_assumptions");
  for (int k = 0; k < CMP_NDIFF; k++) {
    cJSON *o, *v, *e;
    if (!cmp_diff_differs(cmp, k)) continue;
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "field", diff_field[k]);
    v = cJSON_AddArrayToObject(o, "values");
    e = cJSON_AddArrayToObject(o, "evidence");
    for (int i = 0; i < cmp->ncols; i++) {
      char *sp;
      cmp_diff_cell(cmp, i, k, buf, sizeof buf);
      sp = strrchr(buf, ' ');
      if (sp) {
        *sp = 0;
        sp[strlen(sp + 1)] = 0; /* the closing parenthesis */
        cJSON_AddItemToArray(e, cJSON_CreateString(sp + 2));
      }
      cJSON_AddItemToArray(v, cJSON_CreateString(buf));
    }
    cJSON_AddItemToArray(a, o);
  }
  if (cmp->what & BMD_COMPARE_RUN) {
    cJSON *r = cJSON_AddObjectToObject(j, "run"), *ts = cJSON_AddArrayToObject(r, "threats"),
          *sm = cJSON_AddArrayToObject(r, "summary");
    for (int t = 0; t < s0->nthreats; t++) {
      cJSON *o = cJSON_CreateObject(), *oc, *rc, *sh;
      cJSON_AddStringToObject(o, "id", s0->threats[t].id);
      cJSON_AddStringToObject(o, "missile", s0->threats[t].missile->name);
      cJSON_AddStringToObject(o, "from", s0->threats[t].from);
      cJSON_AddStringToObject(o, "to", s0->threats[t].to);
      oc = cJSON_AddArrayToObject(o, "outcome");
      rc = cJSON_AddArrayToObject(o, "reason");
      sh = cJSON_AddArrayToObject(o, "shots");
      for (int i = 0; i < cmp->ncols; i++) {
        const struct bmd_sim_threat *th = &cmp->col[i].run.threats[t];
        cJSON_AddItemToArray(oc, cJSON_CreateString(bmd_outcome_name(th->outcome)));
        cJSON_AddItemToArray(rc, th->outcome == BMD_OUTCOME_UNENGAGED
                                     ? cJSON_CreateString(bmd_engage_reason_word((enum bmd_engage_reason)th->reason))
                                     : cJSON_CreateNull());
        cJSON_AddItemToArray(sh, cJSON_CreateNumber(th->nshots));
      }
      cJSON_AddItemToArray(ts, o);
    }
    for (int i = 0; i < cmp->ncols; i++) {
      const struct bmd_sim_result *rr = &cmp->col[i].run;
      cJSON *o = cJSON_CreateObject();
      for (int oo = 0; oo < RUN_NSUMMARY; oo++)
        cJSON_AddNumberToObject(o, summary_name(oo), (double)summary_value(rr, oo));
      cJSON_AddItemToArray(sm, o);
    }
  }
  if (cmp->what & BMD_COMPARE_COVERAGE) {
    const struct bmd_coverage *c0 = &cmp->col[0].cov;
    cJSON *cv = cJSON_AddObjectToObject(j, "coverage"), *cs = cJSON_AddArrayToObject(cv, "corridors");
    for (int k = 0; k < c0->ncorridors; k++) {
      const struct bmd_scen_threat *th = &s0->threats[c0->corridor[k].threat];
      cJSON *o = cJSON_CreateObject(), *ki = num_arr(), *en = num_arr(), *cu = num_arr(), *si = num_arr();
      cJSON_AddStringToObject(o, "threat", th->id);
      cJSON_AddStringToObject(o, "missile", th->missile->name);
      cJSON_AddStringToObject(o, "from", th->from);
      cJSON_AddStringToObject(o, "to", th->to);
      cJSON_AddNumberToObject(o, "threats", c0->corridor[k].nthreats);
      for (int i = 0; i < cmp->ncols; i++) {
        const struct bmd_compare_reach *r = &cmp->col[i].reach[k];
        cJSON_AddItemToArray(ki, cJSON_CreateBool(r->kinematic));
        cJSON_AddItemToArray(en, cJSON_CreateBool(r->engageable));
        cJSON_AddItemToArray(cu, r->cue < 0 ? cJSON_CreateNull() : cJSON_CreateString(cue_word(r->cue)));
        cJSON_AddItemToArray(si, r->site < 0 ? cJSON_CreateNull() : cJSON_CreateString(cmp->col[i].sc.sites[r->site].name));
      }
      cJSON_AddItemToObject(o, "kinematic", ki);
      cJSON_AddItemToObject(o, "engageable", en);
      cJSON_AddItemToObject(o, "latest_cue", cu);
      cJSON_AddItemToObject(o, "latest_cue_site", si);
      cJSON_AddItemToArray(cs, o);
    }
  }
  if (cmp->what & BMD_COMPARE_MC) {
    cJSON *m = cJSON_AddObjectToObject(j, "mc"), *ts = cJSON_AddArrayToObject(m, "threats"), *pn;
    cJSON_AddNumberToObject(m, "trials", (double)trials);
    for (int t = 0; t <= s0->nthreats; t++) {
      cJSON *o = cJSON_CreateObject(), *p = num_arr(), *lo = num_arr(), *hi = num_arr();
      if (t < s0->nthreats) cJSON_AddStringToObject(o, "id", s0->threats[t].id);
      for (int i = 0; i < cmp->ncols; i++) {
        const struct bmd_mc_prop *pp = t < s0->nthreats ? &cmp->col[i].mc.p_kill[t] : &cmp->col[i].mc.p_none_reached_target;
        cJSON_AddItemToArray(p, cJSON_CreateNumber(pp->p));
        cJSON_AddItemToArray(lo, cJSON_CreateNumber(pp->ci95_lo));
        cJSON_AddItemToArray(hi, cJSON_CreateNumber(pp->ci95_hi));
      }
      cJSON_AddItemToObject(o, t < s0->nthreats ? "p_kill" : "p", p);
      cJSON_AddItemToObject(o, "ci95_lo", lo);
      cJSON_AddItemToObject(o, "ci95_hi", hi);
      if (t < s0->nthreats) cJSON_AddItemToArray(ts, o);
      else pn = o, cJSON_AddItemToObject(m, "p_none_reached_target", pn);
    }
  }
  if (cmp->what & BMD_COMPARE_FOOTPRINT) {
    cJSON *f = cJSON_AddObjectToObject(j, "footprint"), *l = cJSON_AddArrayToObject(f, "launch"), *cs;
    cJSON_AddStringToObject(f, "missile", cmp->fo.missile->name);
    for (int k = 0; k < cmp->fo.nlaunch; k++) cJSON_AddItemToArray(l, cJSON_CreateString(cmp->fo.launch[k].name));
    cJSON_AddNumberToObject(f, "grid_deg", cmp->fo.grid_deg);
    cs = cJSON_AddArrayToObject(f, "columns");
    for (int i = 0; i < cmp->ncols; i++) {
      const struct bmd_footprint_layer *L = &cmp->col[i].fs.combined;
      cJSON *o = cJSON_CreateObject();
      cJSON_AddNumberToObject(o, "defended_fraction", L->defended_fraction);
      cJSON_AddNumberToObject(o, "threatened_km2", L->threatened.area_km2);
      cJSON_AddNumberToObject(o, "defended_km2", L->defended.area_km2);
      cJSON_AddNumberToObject(o, "shoot_look_shoot_km2", L->shoot_look_shoot.area_km2);
      cJSON_AddNumberToObject(o, "kinematic_km2", L->kinematic.area_km2);
      cJSON_AddItemToArray(cs, o);
    }
  }
  return j;
}

/* ---- CSV: question, row, measure, then one column per architecture --------------------- */

int cmp_csv(FILE *fp, const struct bmd_compare *cmp) {
  const struct bmd_scenario *s0 = &cmp->col[0].sc;
  struct bmd_csv w;
  char buf[160];
  bmd_csv_init(&w, fp);
  bmd_csv_text(&w, "question");
  bmd_csv_text(&w, "row");
  bmd_csv_text(&w, "measure");
  for (int i = 0; i < cmp->ncols; i++) bmd_csv_text(&w, cmp->col[i].sc.architecture);
  bmd_csv_end(&w);
  for (int k = 0; k < CMP_NDIFF; k++) {
    if (!cmp_diff_differs(cmp, k)) continue;
    bmd_csv_text(&w, "assumptions");
    bmd_csv_text(&w, diff_field[k]);
    bmd_csv_text(&w, "value (evidence)");
    for (int i = 0; i < cmp->ncols; i++) {
      cmp_diff_cell(cmp, i, k, buf, sizeof buf);
      bmd_csv_text(&w, buf);
    }
    bmd_csv_end(&w);
  }
  if (cmp->what & BMD_COMPARE_RUN) {
    for (int t = 0; t < s0->nthreats; t++)
      for (int m = 0; m < 3; m++) {
        bmd_csv_text(&w, "run");
        bmd_csv_text(&w, s0->threats[t].id);
        bmd_csv_text(&w, m == 0 ? "outcome" : m == 1 ? "reason" : "shots");
        for (int i = 0; i < cmp->ncols; i++) {
          const struct bmd_sim_threat *th = &cmp->col[i].run.threats[t];
          if (m == 0) bmd_csv_text(&w, bmd_outcome_name(th->outcome));
          else if (m == 1 && th->outcome == BMD_OUTCOME_UNENGAGED)
            bmd_csv_text(&w, bmd_engage_reason_word((enum bmd_engage_reason)th->reason));
          else if (m == 1) bmd_csv_empty(&w);
          else bmd_csv_int(&w, th->nshots);
        }
        bmd_csv_end(&w);
      }
    for (int o = 0; o < RUN_NSUMMARY; o++) {
      bmd_csv_text(&w, "run");
      bmd_csv_text(&w, "summary");
      bmd_csv_text(&w, summary_name(o));
      for (int i = 0; i < cmp->ncols; i++) bmd_csv_int(&w, summary_value(&cmp->col[i].run, o));
      bmd_csv_end(&w);
    }
  }
  if (cmp->what & BMD_COMPARE_COVERAGE)
    for (int k = 0; k < cmp->col[0].cov.ncorridors; k++)
      for (int m = 0; m < 3; m++) {
        bmd_csv_text(&w, "coverage");
        bmd_csv_text(&w, s0->threats[cmp->col[0].cov.corridor[k].threat].id);
        bmd_csv_text(&w, m == 0 ? "kinematic" : m == 1 ? "engageable" : "latest_cue");
        for (int i = 0; i < cmp->ncols; i++) {
          const struct bmd_compare_reach *r = &cmp->col[i].reach[k];
          if (m == 2) bmd_csv_text(&w, cue_word(r->cue));
          else bmd_csv_int(&w, m == 0 ? r->kinematic : r->engageable);
        }
        bmd_csv_end(&w);
      }
  if (cmp->what & BMD_COMPARE_MC)
    for (int t = 0; t <= s0->nthreats; t++)
      for (int m = 0; m < 3; m++) {
        bmd_csv_text(&w, "mc");
        bmd_csv_text(&w, t < s0->nthreats ? s0->threats[t].id : "all");
        bmd_csv_text(&w, m == 0 ? (t < s0->nthreats ? "p_kill" : "p_none_reached_target") : m == 1 ? "ci95_lo" : "ci95_hi");
        for (int i = 0; i < cmp->ncols; i++) {
          const struct bmd_mc_prop *p = t < s0->nthreats ? &cmp->col[i].mc.p_kill[t] : &cmp->col[i].mc.p_none_reached_target;
          bmd_csv_real(&w, m == 0 ? p->p : m == 1 ? p->ci95_lo : p->ci95_hi);
        }
        bmd_csv_end(&w);
      }
  if (cmp->what & BMD_COMPARE_FOOTPRINT)
    for (int m = 0; m < 4; m++) {
      bmd_csv_text(&w, "footprint");
      bmd_csv_text(&w, "combined");
      bmd_csv_text(&w, m == 0 ? "defended_fraction" : m == 1 ? "threatened_km2" : m == 2 ? "defended_km2" : "kinematic_km2");
      for (int i = 0; i < cmp->ncols; i++) {
        const struct bmd_footprint_layer *L = &cmp->col[i].fs.combined;
        bmd_csv_real(&w, m == 0 ? L->defended_fraction : m == 1 ? L->threatened.area_km2
                                                      : m == 2 ? L->defended.area_km2
                                                               : L->kinematic.area_km2);
      }
      bmd_csv_end(&w);
    }
  return bmd_csv_finish(&w);
}

/* ---- the command ------------------------------------------------------------------------ */

int cmd_compare(int argc, char **argv) {
  struct cli_args args;
  struct bmd_compare_opts o;
  struct bmd_compare cmp;
  struct bmd_catalog cat;
  struct bmd_diag d;
  struct cli_progress prog;
  const char *attack = NULL, *data = NULL, *csv = NULL, *out = NULL, *report = NULL;
  char **archs;
  int json = 0, formats = CLI_FMT_PNG | CLI_FMT_SVG, c, narch, st, rc;
  bmd_compare_opts_default(&o);
  o.threads = cli_default_threads();
  memset(&cmp, 0, sizeof cmp);
  cli_args_init(&args, &compare_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    double v;
    char bad[80];
    switch (c) {
    case 'a': attack = args.value; break;
    case 'w':
      o.what = bmd_compare_what_parse(args.value, bad, sizeof bad);
      if (!o.what) {
        cli_error("--what: '%s' is not run, coverage, mc or footprint", bad);
        return CLI_USAGE;
      }
      break;
    case 's': {
      unsigned long s;
      if (cli_parse_seed(args.value, &s) != 0) return CLI_USAGE;
      o.seed = s;
      o.seed_given = 1;
      break;
    }
    case 'n':
      if (cli_parse_double(args.value, &v) != 0 || v != floor(v) || v < 1 || v > 1000000) {
        cli_error("--trials: '%s' must be a whole number from 1 to 1000000", args.value);
        return CLI_USAGE;
      }
      o.trials = (long)v;
      break;
    case 'g':
      if (cli_parse_double(args.value, &v) != 0 || v < 0.1 || v > 10.0) {
        cli_error("--grid-deg: '%s' must be a number from 0.1 to 10", args.value);
        return CLI_USAGE;
      }
      o.grid_deg = v;
      break;
    case 'T':
      if (cli_parse_threads(args.value, &o.threads) != 0) return CLI_USAGE;
      break;
    case 'c': csv = args.value; break;
    case 'o': out = args.value; break;
    case 'F':
      if (cli_parse_formats(args.value, &formats) != 0) return CLI_USAGE;
      break;
    case 'R': report = args.value; break;
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  if ((csv && cli_file_check(csv) != 0) || (out && cli_out_check(out) != 0) || (report && cli_out_check(report) != 0))
    return CLI_USAGE;
  archs = malloc((size_t)argc * sizeof *archs);
  if (!archs) {
    cli_error("out of memory");
    return CLI_FAIL;
  }
  narch = cli_args_operands(&args, archs);
  if (cli_load_catalog(data, &cat) != 0) {
    free(archs);
    return CLI_USAGE;
  }
  cli_progress_init(&prog, "compare");
  st = bmd_compare_run(&cmp, &cat, narch, (const char *const *)archs, attack, &o, &d, cli_progress_update, &prog);
  cli_progress_done(&prog);
  free(archs);
  if (st != BMD_OK) {
    cli_diag(&d);
    bmd_catalog_release(&cat);
    return st == BMD_ENOMEM ? CLI_FAIL : st == BMD_ESOLVER ? CLI_SOLVER : CLI_USAGE;
  }
  rc = cmp_write_outputs(&cmp, &cat, o.trials, csv, out, report, formats);
  if (rc == CLI_OK) {
    if (json) {
      cJSON *j = cmp_json(&cmp, o.trials);
      char *s = j ? cJSON_Print(j) : NULL;
      cJSON_Delete(j);
      if (s) cli_print_json(s);
      else {
        cli_error("out of memory");
        rc = CLI_FAIL;
      }
      free(s);
    } else {
      print_text(&cmp, o.trials);
      if (csv) printf("\nwrote %s\n", cli_safe(csv));
      if (out) printf("wrote %s/{compare.json,compare.csv,figures}\n", cli_safe(out));
      if (report) printf("wrote %s/report.html\n", cli_safe(report));
    }
  }
  bmd_compare_release(&cmp);
  bmd_catalog_release(&cat);
  return rc;
}
