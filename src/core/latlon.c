/* latlon.c - positions as text with hemisphere letters (latlon.h). */
#include <bmd/latlon.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

/* |v| with its letter (pos when v is >= 0 or rounds to 0) into buf */
static void part(char *buf, size_t cap, double v, int decimals, char pos, char neg) {
  char num[40];
  int zero;
  if (!isfinite(v)) {
    snprintf(buf, cap, "?");
    return;
  }
  snprintf(num, sizeof num, "%.*f", decimals, fabs(v));
  zero = strspn(num, "0.") == strlen(num);   /* -0.001 at 2 decimals is 0.00 N, not S */
  snprintf(buf, cap, "%s %c", num, v < 0.0 && !zero ? neg : pos);
}

char *bmd_latlon_text(char *buf, size_t cap, double lat_deg, double lon_deg, int decimals) {
  char la[48], lo[48];
  if (!buf || cap == 0) return buf;
  if (decimals < 0) decimals = 0;
  if (decimals > 9) decimals = 9;
  if (isfinite(lon_deg)) {
    lon_deg = fmod(lon_deg, 360.0);
    if (lon_deg > 180.0) lon_deg -= 360.0;
    else if (lon_deg <= -180.0) lon_deg += 360.0;
  }
  part(la, sizeof la, lat_deg, decimals, 'N', 'S');
  part(lo, sizeof lo, lon_deg, decimals, 'E', 'W');
  snprintf(buf, cap, "%s, %s", la, lo);
  return buf;
}
