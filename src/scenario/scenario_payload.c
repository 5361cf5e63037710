/* scenario_payload.c - threats that carry a payload option (scenario.h, docs/scenario.md
   'payload:'): one threat per object of the payload, the RVs aimed by 'rv_targets:'. */
#include <bmd/scenario.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/names.h>
#include <bmd/status.h>
#include <bmd/yamldoc.h>

#include "scenario_ev.h"

#define TRY(x) do { int st_ = (x); if (st_ != BMD_OK) return st_; } while (0)

double bmd_scenario_threat_rcs(const struct bmd_scen_threat *th, const struct bmd_radar_type *rt) {
  if (!th->payload) return th->rcs_dbsm;
  return th->payload->spec.obj[th->object].rcs_dbsm[rt && rt->band >= 0 ? rt->band : BMD_BAND_X];
}

int bmd_scenario_has_payloads(const struct bmd_scenario *sc) {
  for (int i = 0; i < sc->nthreats; i++)
    if (sc->threats[i].payload) return 1;
  return 0;
}

/* entry i's payload and RV aim points (aim[2 * nrv]) from its YAML mapping t */
static int entry_payload(const struct bmd_scen_threat *th, const struct bmd_yamldoc *y, int t, const struct bmd_catalog *cat,
                         const struct bmd_payload **pl, double *aim, struct bmd_diag *d) {
  char name[BMD_NAME_MAX];
  int tn = bmd_yamldoc_get(y, t, "rv_targets"), nrv;
  *pl = NULL;
  if (!bmd_yamldoc_get(y, t, "payload")) {
    if (tn) return bmd_yamldoc_error(y, tn, d, "'rv_targets' needs a 'payload' with re-entry vehicles");
    return BMD_OK;
  }
  TRY(bmd_yamldoc_string(y, t, "payload", 1, name, sizeof name, d));
  *pl = bmd_catalog_payload(cat, name);
  if (!*pl) {
    char h[96];
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, t, "payload"), d, "unknown payload '%s'%s (see bmdsim catalog --name %s)", name,
                             bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(cat, BMD_CATALOG_PAYLOAD, name)), th->missile->name);
  }
  if ((*pl)->missile != th->missile)
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, t, "payload"), d, "payload '%s' is carried by %s, not by this threat's %s",
                             name, (*pl)->missile->name, th->missile->name);
  if (bmd_yamldoc_get(y, t, "rcs_dbsm"))
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, t, "rcs_dbsm"), d,
                             "'rcs_dbsm' with a 'payload': each object's cross-sections come from the payload (data/missiles.yaml)");
  nrv = bmd_complex_nrv(&(*pl)->spec);
  for (int k = 0; k < nrv; k++) aim[2 * k] = th->to_lat_deg, aim[2 * k + 1] = th->to_lon_deg;
  if (tn) {
    TRY(bmd_yamldoc_expect(y, tn, BMD_YAML_SEQ, "rv_targets", d));
    if (bmd_yamldoc_seq_len(y, tn) != nrv)
      return bmd_yamldoc_error(y, tn, d, "'rv_targets' lists %d targets; payload '%s' has %d re-entry vehicles", bmd_yamldoc_seq_len(y, tn),
                               name, nrv);
    for (int k = 0; k < nrv; k++) {
      /* each item as 'to' is written: a site slug or "lat,lon" */
      int e = bmd_yamldoc_seq_at(y, tn, k);
      if (bmd_yamldoc_kind(y, e) != BMD_YAML_SCALAR) return bmd_yamldoc_error(y, e, d, "'rv_targets' items must be a site or \"lat,lon\"");
      {
        const char *txt = bmd_yamldoc_scalar(y, e);
        const struct bmd_site *st = bmd_catalog_site(cat, txt);
        char *end1, *end2;
        const char *comma = strchr(txt, ',');
        if (st) {
          aim[2 * k] = st->lat_deg;
          aim[2 * k + 1] = st->lon_deg;
          continue;
        }
        if (comma) {
          double la = strtod(txt, &end1), lo = strtod(comma + 1, &end2);
          if (end1 == comma && end2 != comma + 1 && *end2 == '\0' && isfinite(la) && isfinite(lo) && fabs(la) <= 90.0 &&
              fabs(lo) <= 180.0) {
            aim[2 * k] = la;
            aim[2 * k + 1] = lo;
            continue;
          }
        }
        return bmd_yamldoc_error(y, e, d, "'rv_targets': '%s' is neither a site (bmdsim catalog --sites) nor \"lat,lon\" in degrees", txt);
      }
    }
  }
  return BMD_OK;
}

int bmd_scenario_expand_payloads(struct bmd_scenario *sc, const struct bmd_yamldoc *y, int seq,
                                 const struct bmd_catalog *cat, struct bmd_diag *d) {
  int n = sc->nthreats, total = 0, st = BMD_OK;
  const struct bmd_payload **pls = calloc((size_t)n + 1, sizeof *pls);
  double *aims = calloc((size_t)n * 2 * BMD_COMPLEX_MAX_OBJECTS + 1, sizeof *aims);
  struct bmd_scen_threat *out = NULL;
  if (!pls || !aims) {
    st = BMD_ENOMEM;
    goto done;
  }
  for (int i = 0; i < n && st == BMD_OK; i++) {
    st = entry_payload(&sc->threats[i], y, bmd_yamldoc_seq_at(y, seq, i), cat, &pls[i], aims + (size_t)i * 2 * BMD_COMPLEX_MAX_OBJECTS, d);
    total += pls[i] ? pls[i]->spec.nobj : 1;
  }
  if (st != BMD_OK) goto done;
  if (total == n) goto done; /* no payloads: the threats as parsed */
  if (total > BMD_SCEN_MAX_THREATS) {
    st = bmd_yamldoc_error(y, seq, d, "the threats' payloads make %d objects: a scenario takes at most %d", total, BMD_SCEN_MAX_THREATS);
    goto done;
  }
  out = calloc((size_t)total, sizeof *out);
  if (!out) {
    st = BMD_ENOMEM;
    goto done;
  }
  {
    int j = 0;
    int *first = calloc((size_t)n + 1, sizeof *first);
    if (!first) {
      st = BMD_ENOMEM;
      goto done;
    }
    for (int i = 0; i < n && st == BMD_OK; i++) {
      const struct bmd_scen_threat *th = &sc->threats[i];
      const double *aim = aims + (size_t)i * 2 * BMD_COMPLEX_MAX_OBJECTS;
      int nrv = pls[i] ? bmd_complex_nrv(&pls[i]->spec) : 0, aims_of = j;
      first[i] = j;
      /* the first earlier entry with this payload and these aim points */
      for (int q = 0; q < i && pls[i]; q++)
        if (pls[q] == pls[i] && memcmp(aims + (size_t)q * 2 * BMD_COMPLEX_MAX_OBJECTS, aim, (size_t)nrv * 2 * sizeof *aim) == 0) {
          aims_of = first[q];
          break;
        }
      if (!pls[i]) {
        out[j] = *th;
        out[j].entry = j;
        j++;
        continue;
      }
      for (int k = 0, r = 0; k < pls[i]->spec.nobj; k++, j++) {
        const struct bmd_object_spec *ob = &pls[i]->spec.obj[k];
        struct bmd_scen_threat *t = &out[j];
        *t = *th;
        if (snprintf(t->id, sizeof t->id, "%s.%s", th->id, ob->name) >= (int)sizeof t->id) {
          st = bmd_yamldoc_error(y, bmd_yamldoc_get(y, bmd_yamldoc_seq_at(y, seq, i), "id"), d,
                                 "threat id '%s' with its object names ('%s.%s') must be shorter than %d characters", th->id, th->id,
                                 ob->name, BMD_NAME_MAX);
          break;
        }
        t->payload = pls[i];
        t->object = k;
        t->entry = first[i];
        t->aims_of = aims_of;
        t->rcs_dbsm = ob->rcs_dbsm[BMD_BAND_X];
        if (bmd_object_is_rv(ob->kind)) {
          t->aim_lat_deg = aim[2 * r];
          t->aim_lon_deg = aim[2 * r + 1];
          r++;
        }
      }
    }
    free(first);
  }
  if (st != BMD_OK) goto done;
  /* ids stay unique: "<id>.<object>" must not be another threat's id */
  for (int a = 0; a < total && st == BMD_OK; a++)
    for (int b = 0; b < a; b++)
      if (strcmp(out[a].id, out[b].id) == 0) {
        st = bmd_yamldoc_error(y, seq, d, "two threats are called '%s' once the payloads' objects are named", out[a].id);
        break;
      }
  if (st != BMD_OK) goto done;
  free(sc->threats);
  sc->threats = out;
  sc->nthreats = total;
  out = NULL;
done:
  free(out);
  free(pls);
  free(aims);
  return st;
}
