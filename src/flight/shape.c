/* shape.c - trajectory shapes as text (shape.h). */
#include <bmd/shape.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
  const char *prefix;
  enum bmd_aim_kind kind;
} forms[] = {{"lofted:", BMD_AIM_LOFTED}, {"depressed:", BMD_AIM_DEPRESSED}, {"quasi:", BMD_AIM_QUASI}};

int bmd_shape_parse(const char *text, enum bmd_aim_kind *kind, double *apogee_km) {
  if (strcmp(text, "min-energy") == 0) {
    *kind = BMD_AIM_MIN_ENERGY;
    *apogee_km = 0.0;
    return 0;
  }
  if (strcmp(text, "glide") == 0) {
    *kind = BMD_AIM_GLIDE;
    *apogee_km = 0.0;
    return 0;
  }
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    size_t n = strlen(forms[i].prefix);
    if (strncmp(text, forms[i].prefix, n) == 0) {
      char *e;
      double a = strtod(text + n, &e);
      if (e == text + n || *e || !(a > 0.0) || a > 20000.0) return -2;
      *kind = forms[i].kind;
      *apogee_km = a;
      return 0;
    }
  }
  return -1;
}

void bmd_shape_format(enum bmd_aim_kind kind, double apogee_km, char *buf, size_t len) {
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
    if (forms[i].kind == kind) {
      snprintf(buf, len, "%s%.15g", forms[i].prefix, apogee_km);
      return;
    }
  snprintf(buf, len, "%s", kind == BMD_AIM_GLIDE ? "glide" : "min-energy");
}

const char *bmd_shape_word(enum bmd_aim_kind kind) {
  switch (kind) {
  case BMD_AIM_LOFTED: return "lofted";
  case BMD_AIM_DEPRESSED: return "depressed";
  case BMD_AIM_QUASI: return "quasi-ballistic";
  case BMD_AIM_GLIDE: return "boost-glide";
  default: return "min-energy";
  }
}
