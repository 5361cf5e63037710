/*
 * shape.h - the trajectory shape asked of a threat, as text: "min-energy", "lofted:KM",
 * "depressed:KM" or "quasi:KM" (the apogee in km, in (0, 20000]), or "glide" (a
 * boost-glide vehicle's flight, glide.h). One parser for the
 * catalog's default flights (data/missiles.yaml 'trajectory'), scenarios and the command
 * line (docs/models/quasi.md).
 */
#ifndef BMD_SHAPE_H
#define BMD_SHAPE_H

#include <stddef.h>

#include "aim.h"

#define BMD_SHAPE_SYNTAX "min-energy, lofted:APOGEE_KM, depressed:APOGEE_KM, quasi:APOGEE_KM or glide"

/* bmd_shape_parse - text -> kind and apogee (km; 0 for min-energy and glide). Returns 0,
   -1 if the text is none of the five forms, -2 if the apogee is not a number in (0, 20000]. */
int bmd_shape_parse(const char *text, enum bmd_aim_kind *kind, double *apogee_km);

/* bmd_shape_format - the text of a shape (as parsed: "quasi:50"), into buf. */
void bmd_shape_format(enum bmd_aim_kind kind, double apogee_km, char *buf, size_t len);

/* bmd_shape_word - "min-energy", "lofted", "depressed", "quasi-ballistic", "boost-glide". */
const char *bmd_shape_word(enum bmd_aim_kind kind);

#endif
