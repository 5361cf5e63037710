/*
 * arch.h - the two halves of a scenario, each a YAML file of its own (docs/scenario.md,
 * "Architectures and attacks"):
 *
 *   an architecture -- the defence: `sensors` (early warning and radars), `sites`
 *     (interceptors and inventories) and `c2` (doctrine, decision latency, kill
 *     assessment, SSPK, reliability); keys `architecture` (its slug), `title`, `date` (the
 *     time it describes, as text), `source`, `cite`;
 *   an attack -- the threats: `threats` (missile, launch point, target, launch time,
 *     trajectory, radar cross section, value), and `seed`, the random seed of a run of it
 *     (so that every architecture compared on one attack meets the same draws); keys
 *     `attack` (its slug), `title`, `source`, `cite`.
 *
 * Each section is parsed by the scenario parser (scenario.h: the same strict rules and
 * file:line:column messages). A scenario names its halves with `architecture: REF` and
 * `attack: REF` instead of giving the sections inline; REF is a built-in name (the files
 * of architectures/ and attacks/, compiled into the binary) or a file path, relative to
 * the directory of the file that names it. A scenario's own `seed` overrides the attack's.
 */
#ifndef BMD_ARCH_H
#define BMD_ARCH_H

#include <stddef.h>

#include "catalog.h"
#include "diag.h"
#include "scenario.h"

enum bmd_part { BMD_PART_ARCHITECTURE = 0, BMD_PART_ATTACK, BMD_PART_N };

/* bmd_part_word - "architecture" or "attack" (also the key that names one). */
const char *bmd_part_word(enum bmd_part k);

/* bmd_part_builtin_names - NULL-terminated list of the built-in architectures or attacks. */
const char *const *bmd_part_builtin_names(enum bmd_part k);

/* bmd_part_builtin_find - the canonical name of the built-in called name in any case, or
   NULL. */
const char *bmd_part_builtin_find(enum bmd_part k, const char *name);

/* bmd_part_builtin_text - the YAML text of a built-in exactly as shipped
   (architectures/NAME.yaml, attacks/NAME.yaml), *len bytes and NUL-terminated, or NULL. */
const char *bmd_part_builtin_text(enum bmd_part k, const char *name, size_t *len);

/* bmd_part_load - one architecture or attack on its own, by REF (a built-in name, or a
   path: one with '/', ".yaml"/".yml", or that exists): a scenario named after it with the
   architecture's sensors, sites and c2 and no threats, or the attack's threats and seed and
   no sites. Returns BMD_OK, BMD_EPARSE/BMD_EIO (d located), BMD_ENOTFOUND (no built-in of
   that name and not a path: d holds the closest name as a hint) or BMD_ENOMEM. */
int bmd_part_load(struct bmd_scenario *sc, enum bmd_part k, const char *ref,
                  const struct bmd_catalog *cat, struct bmd_diag *d);

/* bmd_scenario_compose - the scenario of architecture arch_ref against attack attack_ref
   (REFs as bmd_part_load), as a scenario file naming the two would give: named
   "ARCH+ATTACK", seeded by the attack, default physics, no uncertainty section. Returns as
   bmd_part_load. */
int bmd_scenario_compose(struct bmd_scenario *sc, const char *arch_ref, const char *attack_ref,
                         const struct bmd_catalog *cat, struct bmd_diag *d);

/* bmd_part_is_path - whether REF names a file rather than a built-in: it names no built-in
   and holds '/' or ".yaml"/".yml", or a file of that name exists. */
int bmd_part_is_path(enum bmd_part k, const char *ref);

/* bmd_part_file_kind - what the YAML file path holds: BMD_PART_ARCHITECTURE or
   BMD_PART_ATTACK when its top mapping has that key and no 'scenario'; -1 otherwise (a
   scenario, or a file the scenario parser will refuse with its own message). */
int bmd_part_file_kind(const char *path);

#endif
