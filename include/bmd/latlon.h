/*
 * latlon.h - a position as text for people: "38.90 N, 77.04 W".
 *
 * Every text output (tables, notes, event log) writes latitude and longitude with this one
 * function: magnitudes with the hemisphere letter, never a signed number beside a letter
 * ("-77.04 E" is Washington written wrongly). Machine outputs (JSON, CSV, GeoJSON, KML)
 * keep signed decimal degrees, north and east positive.
 */
#ifndef BMD_LATLON_H
#define BMD_LATLON_H

#include <stddef.h>

/* bmd_latlon_text - "LAT H, LON H" with decimals digits after the point (0 to 9) into
   buf[cap]; lon_deg is first brought into (-180, 180]; a value that rounds to zero takes
   N or E; a non-finite value is written "?". Returns buf. */
char *bmd_latlon_text(char *buf, size_t cap, double lat_deg, double lon_deg, int decimals);

#endif
