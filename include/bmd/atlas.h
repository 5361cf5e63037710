/*
 * atlas.h - the world basemap compiled into the binary: Natural Earth 1:50m land rings
 * (coastlines, lakes as holes) and land borders between countries, from data/atlas-50m.bin
 * (converted from the world-atlas 2.0.2 npm package by tools/atlas/convert.js; format and
 * provenance in data/atlas.md). Natural Earth is public domain.
 *
 * Positions are quantized to 0.001 deg. Land rings are closed (first point = last point)
 * and should be filled with the even-odd rule (holes are separate rings). Antarctica's ring
 * runs along the antimeridian and the -90 parallel to close; callers that stroke coastlines
 * skip those legs (bmd_atlas_is_seam).
 */
#ifndef BMD_ATLAS_H
#define BMD_ATLAS_H

#include <stddef.h>

struct bmd_atlas {
  int nland;          /* land rings: lines 0 .. nland-1 */
  int nborder;        /* border arcs: lines nland .. nland+nborder-1 */
  long *start;        /* line k has points start[k] .. start[k+1]-1 (nland+nborder+1 values) */
  long npoints;
  double *lat_deg;    /* geodetic latitude (deg) */
  double *lon_deg;    /* longitude (deg, -180..180) */
};

/* bmd_atlas_parse - decode an atlas file held in buf[0..len). Returns BMD_OK, BMD_EPARSE
   (bad magic, truncated or inconsistent data) or BMD_ENOMEM; on failure a is empty. */
int bmd_atlas_parse(struct bmd_atlas *a, const unsigned char *buf, size_t len);

/* bmd_atlas_load - decode the embedded atlas-50m.bin (BMD_ENOTFOUND if not embedded). */
int bmd_atlas_load(struct bmd_atlas *a);

/* bmd_atlas_is_seam - 1 if the leg from point i to point j is an artificial closing leg
   (both ends on the antimeridian, or both at the south-pole edge), else 0. */
int bmd_atlas_is_seam(const struct bmd_atlas *a, long i, long j);

/* bmd_atlas_release - free the contents; accepts a zeroed atlas. */
void bmd_atlas_release(struct bmd_atlas *a);

#endif
