/* lanes_generic.c - the lanes kernel (lanes.h) for any target. */
#define BMD_LANES_FN bmd_lanes_step_generic
#include "lanes.inc"
