/*
 * bmd.h - umbrella header of libbmd, the library behind bmdsim.
 *
 * Data flows one way: scenario (catalog, inputs) -> models (geo, flight) -> engine ->
 * analysis -> output. Physics code does no I/O and never exits; all results come back
 * through out-pointers and status codes (status.h).
 */
#ifndef BMD_BMD_H
#define BMD_BMD_H

#define BMD_VERSION "0.1.0"

#include "const.h"
#include "status.h"
#include "diag.h"
#include "physics.h"

#endif
