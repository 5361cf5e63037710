/* outcome.c - the outcome vocabulary (outcome.h). */
#include <bmd/outcome.h>

#include <string.h>

static const struct {
  const char *name, *text;
} table[BMD_OUTCOME_COUNT] = {
#define BMD_X_(id, name, text) {name, text},
    BMD_OUTCOMES(BMD_X_)
#undef BMD_X_
};

const char *bmd_outcome_name(int o) { return o >= 0 && o < BMD_OUTCOME_COUNT ? table[o].name : "unknown"; }

const char *bmd_outcome_text(int o) { return o >= 0 && o < BMD_OUTCOME_COUNT ? table[o].text : "unknown"; }

int bmd_outcome_reached_target(int o) { return o == BMD_OUTCOME_LEAKED || o == BMD_OUTCOME_UNENGAGED; }

int bmd_outcome_parse(const char *name) {
  for (int o = 0; name && o < BMD_OUTCOME_COUNT; o++)
    if (strcmp(name, table[o].name) == 0) return o;
  return -1;
}

void bmd_outcome_counts_add(struct bmd_outcome_counts *c, int o) {
  if (o < 0 || o >= BMD_OUTCOME_COUNT) return;
  c->n[o]++;
  c->reached_target += bmd_outcome_reached_target(o);
}
