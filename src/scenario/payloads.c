/* payloads.c - missiles.yaml's 'payloads:' list: the threat complexes a missile can carry
   (catalog.h struct bmd_payload, complex.h; format in docs/data.md). */
#include <bmd/catalog.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/evidence.h>
#include <bmd/names.h>
#include <bmd/status.h>
#include <bmd/yamldoc.h>

#define TRY(x) do { int st_ = (x); if (st_ != BMD_OK) return st_; } while (0)

/* a list of one number per band (uhf, s, x) in [lo, hi] */
static int band_list(const struct bmd_yamldoc *y, int map, const char *key, double lo, double hi, int whole,
                     double out[BMD_BAND_N], struct bmd_diag *d) {
  int node = bmd_yamldoc_get(y, map, key);
  if (!node) return bmd_yamldoc_error(y, map, d, "missing '%s' (one value per band: [uhf, s, x])", key);
  TRY(bmd_yamldoc_expect(y, node, BMD_YAML_SEQ, key, d));
  if (bmd_yamldoc_seq_len(y, node) != BMD_BAND_N)
    return bmd_yamldoc_error(y, node, d, "'%s' must list %d values, one per band: [uhf, s, x]", key, BMD_BAND_N);
  for (int b = 0; b < BMD_BAND_N; b++) {
    int e = bmd_yamldoc_seq_at(y, node, b);
    TRY(bmd_yamldoc_to_number(y, e, key, lo, hi, &out[b], d));
    if (whole && out[b] != (double)(int)out[b])
      return bmd_yamldoc_error(y, e, d, "'%s' values must be whole numbers (Swerling cases 0 to 4)", key);
  }
  return BMD_OK;
}

/* one 'objects' entry: count objects of one kind, appended to ps */
static int parse_group(const struct bmd_yamldoc *y, int m, struct bmd_complex_spec *ps, struct bmd_diag *d) {
  static const char *const keys[] = {"kind", "count", "mass_kg", "beta_kgm2", "rcs_dbsm", "swerling",
                                     "release_s", "interval_s", "sep_mps", "cite", NULL};
  char kind[32];
  double count = 1.0, interval = 0.0, sw[BMD_BAND_N];
  struct bmd_object_spec o;
  int k;
  memset(&o, 0, sizeof o);
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "objects entry", d));
  TRY(bmd_yamldoc_check_keys(y, m, keys, d));
  TRY(bmd_yamldoc_string(y, m, "kind", 1, kind, sizeof kind, d));
  k = bmd_object_kind_parse(kind);
  if (k < 0)
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "kind"), d,
                             "unknown object kind '%s' (rv, rv-in-balloon, replica, balloon, stage, fragment, chaff)", kind);
  o.kind = k;
  TRY(bmd_yamldoc_number(y, m, "count", 0, 1.0, BMD_COMPLEX_MAX_OBJECTS, &count, d));
  if (count != (double)(int)count) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "count"), d, "'count' must be a whole number");
  TRY(bmd_yamldoc_number(y, m, "mass_kg", 1, 1e-3, 1e5, &o.mass_kg, d));
  TRY(bmd_yamldoc_number(y, m, "beta_kgm2", 1, 1e-3, 1e6, &o.beta_kgm2, d));
  TRY(band_list(y, m, "rcs_dbsm", -60.0, 40.0, 0, o.rcs_dbsm, d));
  TRY(band_list(y, m, "swerling", 0.0, 4.0, 1, sw, d));
  for (int b = 0; b < BMD_BAND_N; b++) o.swerling[b] = (int)sw[b];
  TRY(bmd_yamldoc_number(y, m, "release_s", 1, 0.0, 7200.0, &o.release_s, d));
  TRY(bmd_yamldoc_number(y, m, "interval_s", 0, 0.0, 3600.0, &interval, d));
  if (bmd_object_is_rv(k)) {
    if (bmd_yamldoc_get(y, m, "sep_mps"))
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "sep_mps"), d,
                               "'sep_mps' is for objects other than RVs: an RV leaves the bus with the velocity change that aims it");
  } else {
    TRY(bmd_yamldoc_number(y, m, "sep_mps", 1, 0.0, 1000.0, &o.sep_mps, d));
  }
  if (ps->nobj + (int)count > BMD_COMPLEX_MAX_OBJECTS)
    return bmd_yamldoc_error(y, m, d, "a payload holds at most %d objects", BMD_COMPLEX_MAX_OBJECTS);
  for (int j = 0; j < (int)count; j++) {
    struct bmd_object_spec *t = &ps->obj[ps->nobj++];
    *t = o;
    t->release_s = o.release_s + j * interval;
    t->group_k = j;
    t->group_n = (int)count;
  }
  return BMD_OK;
}

/* names: the kind, numbered when the payload has more than one of it ("rv3", "stage") */
static void name_objects(struct bmd_complex_spec *ps) {
  int total[BMD_OBJ_N] = {0}, seen[BMD_OBJ_N] = {0};
  for (int k = 0; k < ps->nobj; k++) total[ps->obj[k].kind]++;
  for (int k = 0; k < ps->nobj; k++) {
    int kd = ps->obj[k].kind;
    seen[kd]++;
    if (total[kd] > 1) snprintf(ps->obj[k].name, sizeof ps->obj[k].name, "%s%d", bmd_object_kind_name(kd), seen[kd]);
    else snprintf(ps->obj[k].name, sizeof ps->obj[k].name, "%s", bmd_object_kind_name(kd));
  }
}

static int parse_payload(struct bmd_catalog *cat, const struct bmd_yamldoc *y, int m, struct bmd_payload *pl,
                         struct bmd_diag *d) {
  static const char *const keys[] = {"name", "title", "missile", "bus_dv_mps", "objects", "cite", NULL};
  char ms[BMD_NAME_MAX];
  int objs, nrv = 0;
  double carried = 0.0;
  memset(pl, 0, sizeof *pl);
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "payloads entry", d));
  TRY(bmd_evidence_no_source(y, m, d));
  TRY(bmd_yamldoc_check_keys(y, m, keys, d));
  TRY(bmd_yamldoc_string(y, m, "name", 1, pl->name, sizeof pl->name, d));
  for (const char *p = pl->name; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "name"), d, "'name' must be a lowercase slug (a-z, 0-9, '-'), not '%s'",
                               pl->name);
  if (bmd_catalog_payload(cat, pl->name))
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "name"), d, "duplicate payload name '%s'", pl->name);
  TRY(bmd_yamldoc_string(y, m, "title", 1, pl->title, sizeof pl->title, d));
  TRY(bmd_yamldoc_string(y, m, "missile", 1, ms, sizeof ms, d));
  pl->missile = bmd_catalog_missile(cat, ms);
  if (!pl->missile || pl->missile->interceptor)
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "missile"), d, "unknown threat missile '%s'", ms);
  TRY(bmd_yamldoc_number(y, m, "bus_dv_mps", 1, 0.0, 5000.0, &pl->spec.bus_dv_mps, d));
  objs = bmd_yamldoc_get(y, m, "objects");
  if (!objs) return bmd_yamldoc_error(y, m, d, "missing 'objects'");
  TRY(bmd_yamldoc_expect(y, objs, BMD_YAML_SEQ, "objects", d));
  if (bmd_yamldoc_seq_len(y, objs) < 1) return bmd_yamldoc_error(y, objs, d, "'objects' needs at least one entry");
  for (int i = 0; i < bmd_yamldoc_seq_len(y, objs); i++)
    TRY(parse_group(y, bmd_yamldoc_seq_at(y, objs, i), &pl->spec, d));
  for (int k = 0; k < pl->spec.nobj; k++) {
    const struct bmd_object_spec *o = &pl->spec.obj[k];
    nrv += bmd_object_is_rv(o->kind);
    if (o->kind != BMD_OBJ_STAGE && o->kind != BMD_OBJ_FRAGMENT) carried += o->mass_kg;
  }
  if (nrv < 1) return bmd_yamldoc_error(y, objs, d, "a payload needs at least one re-entry vehicle (kind rv or rv-in-balloon)");
  /* what the bus carries must fit in the payload mass the missile's flight is computed with */
  if (carried > pl->missile->vehicle.payload_kg * (1.0 + 1e-9))
    return bmd_yamldoc_error(y, objs, d,
                             "the objects the bus carries weigh %.0f kg, more than the %.0f kg payload of '%s' (its 'payload: mass_kg')",
                             carried, pl->missile->vehicle.payload_kg, pl->missile->name);
  name_objects(&pl->spec);
  return bmd_evidence_collect(&cat->ev, y, m, BMD_EVS_PAYLOAD, pl->name, 1, NULL, d);
}

int bmd_catalog_parse_payloads(struct bmd_catalog *cat, const struct bmd_yamldoc *y, int seq, struct bmd_diag *d) {
  int n;
  TRY(bmd_yamldoc_expect(y, seq, BMD_YAML_SEQ, "payloads", d));
  n = bmd_yamldoc_seq_len(y, seq);
  cat->payloads = calloc((size_t)(n > 0 ? n : 1), sizeof *cat->payloads);
  if (!cat->payloads) return BMD_ENOMEM;
  for (int i = 0; i < n; i++) {
    TRY(parse_payload(cat, y, bmd_yamldoc_seq_at(y, seq, i), &cat->payloads[cat->npayloads], d));
    cat->npayloads++;
  }
  return BMD_OK;
}
