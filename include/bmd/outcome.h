/*
 * outcome.h - the one vocabulary of what became of a threat in a run (docs/outcomes.md).
 * Every writer that names an outcome or counts outcomes -- the run table, --json, the
 * events CSV, summary.json, mc per trial and aggregated, sweep metrics and exports, the
 * live page and its feed, the HTML reports and every figure legend -- takes the names
 * from this table, so that one word means one thing everywhere.
 *
 * Each threat of a run has exactly one outcome:
 *   killed     engaged, and an interceptor hit it before it reached its target;
 *   leaked     engaged (at least one interceptor was fired at it) and not killed;
 *   unengaged  never fired at; its reason code (intercept.h, enum bmd_engage_reason)
 *              says why no interceptor was fired.
 * The count readers want is derived from them: reached_target = leaked + unengaged, the
 * threats that arrived at their target. A scenario whose threat cannot reach its target
 * (out of its missile's range) is refused before it runs (sim.h, BMD_ERANGE), so every
 * threat that is not killed reaches its target and the identity holds for every run.
 */
#ifndef BMD_OUTCOME_H
#define BMD_OUTCOME_H

/* The machine names: the word in every output (keys, columns, metric names, labels). */
#define BMD_OUTCOME_KILLED_NAME "killed"
#define BMD_OUTCOME_LEAKED_NAME "leaked"
#define BMD_OUTCOME_UNENGAGED_NAME "unengaged"

/* (enum name, machine name, one-line meaning) */
#define BMD_OUTCOMES(X)                                                                  \
  X(KILLED, BMD_OUTCOME_KILLED_NAME, "engaged, and an interceptor hit it before it reached its target") \
  X(LEAKED, BMD_OUTCOME_LEAKED_NAME, "engaged (at least one interceptor fired at it) and not killed: it reached its target") \
  X(UNENGAGED, BMD_OUTCOME_UNENGAGED_NAME, "never fired at: it reached its target; its reason code says why no interceptor was fired")

enum bmd_outcome {
#define BMD_X_(id, name, text) BMD_OUTCOME_##id,
  BMD_OUTCOMES(BMD_X_)
#undef BMD_X_
  BMD_OUTCOME_COUNT
};

/* The derived count: threats that reached their target (leaked + unengaged). */
#define BMD_OUTCOME_REACHED_TARGET "reached_target"
#define BMD_OUTCOME_REACHED_TARGET_TEXT "threats that reached their target: leaked + unengaged"
/* Its words in prose and figure labels ("4 reached their target"). */
#define BMD_OUTCOME_REACHED_TARGET_WORDS "reached their target"

/* Where the vocabulary is documented; every command's --help names it. */
#define BMD_OUTCOME_DOC "docs/outcomes.md"

/* bmd_outcome_name - "killed", "leaked", "unengaged"; "unknown" for any other value. */
const char *bmd_outcome_name(int o);

/* bmd_outcome_text - the outcome's one-line meaning; "unknown" for any other value. */
const char *bmd_outcome_text(int o);

/* bmd_outcome_reached_target - 1 if a threat with outcome o reached its target (leaked or
   unengaged), else 0. */
int bmd_outcome_reached_target(int o);

/* bmd_outcome_parse - the outcome named name (exact machine name), or -1. */
int bmd_outcome_parse(const char *name);

/* Counts of a run's (or a trial's) outcomes. */
struct bmd_outcome_counts {
  int n[BMD_OUTCOME_COUNT];          /* threats with each outcome */
  int reached_target;                /* n[LEAKED] + n[UNENGAGED] */
};

/* bmd_outcome_counts_add - count one threat with outcome o (enum bmd_outcome; any other
   value is not counted). Start from a zeroed struct. */
void bmd_outcome_counts_add(struct bmd_outcome_counts *c, int o);

#endif
