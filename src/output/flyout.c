/* flyout.c - the flown path of an interceptor, ending at its intercept (flyout.h). */
#include <bmd/flyout.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>
#include <bmd/traj.h>

void bmd_flyout_release(struct bmd_flyout *f) {
  if (!f) return;
  free(f->t_s);
  memset(f, 0, sizeof *f);
}

int bmd_flyout_path(const struct bmd_scenario *sc, const struct bmd_sim_shot *sh, double max_dt_s,
                    struct bmd_flyout *out) {
  const struct bmd_scen_site *s = &sc->sites[sh->site];
  const double tof = sh->ic.tof_s;
  struct bmd_traj_opts o;
  struct bmd_traj_result tr;
  struct bmd_traj_control c = {sh->ic.launch_az_deg, sh->ic.kick_deg, 1e9 /* full burn */, {0}};
  double r_end[3], r_ic[3], gap[3], az_ic = 0.0;
  long hint = 0;
  int rc, n;
  memset(out, 0, sizeof *out);
  if (!(max_dt_s > 0.0) || !(tof > 0.0) || !isfinite(tof)) return BMD_EINVAL;
  bmd_traj_opts_default(&o);
  o.phys = sc->phys;
  o.record = 1;
  o.t_stop_s = tof;   /* no need to fly on to the ground */
  if (o.io.h_max_s > max_dt_s) o.io.h_max_s = max_dt_s;
  memset(&tr, 0, sizeof tr);
  bmd_physics_to_ecef(&sc->phys, sh->ic.lat_deg * BMD_DEG, sh->ic.lon_deg * BMD_DEG, sh->ic.alt_m, r_ic);
  bmd_geodesic_inverse(sc->phys.earth, s->lat_deg, s->lon_deg, sh->ic.lat_deg, sh->ic.lon_deg, NULL, &az_ic, NULL);
  /* aim off for the Earth's rotation: the fan is flown along one azimuth and keeps no
     cross-range drift, so the shot's azimuth points at the intercept while the flight
     curves away from it (Coriolis); the azimuth is turned by the drift seen at the
     intercept time until the flight ends on the intercept's bearing (2-3 passes) */
  for (int pass = 0; pass < 4; pass++) {
    double la, lo, h, az_end;
    bmd_traj_result_release(&tr);
    memset(&tr, 0, sizeof tr);
    rc = bmd_traj_fly(&s->interceptor->vehicle, &o, s->lat_deg, s->lon_deg, s->alt_m, &c, &tr);
    if (rc != BMD_OK) goto done;
    if (tr.nsamples < 1) {
      rc = BMD_EINVAL;
      goto done;
    }
    /* the flown state at the intercept time (the last sample if the flight ended before
       it: an interceptor that hits the ground first has the rest drawn as the shift) */
    hint = 0;
    if (!bmd_traj_state_at(&tr, tof, &hint, r_end, NULL))
      memcpy(r_end, tr.samples[tr.nsamples - 1].r_ecef_m, sizeof r_end);
    bmd_physics_from_ecef(&sc->phys, r_end, &la, &lo, &h);
    bmd_geodesic_inverse(sc->phys.earth, s->lat_deg, s->lon_deg, la / BMD_DEG, lo / BMD_DEG, NULL, &az_end, NULL);
    double daz = remainder(az_ic - az_end, 360.0);
    if (fabs(daz) < 1e-4 || fabs(daz) > 20.0) break;   /* on the bearing, or not a drift */
    c.azimuth_deg += daz;
  }
  for (int k = 0; k < 3; k++) gap[k] = r_ic[k] - r_end[k];
  out->gap_m = sqrt(gap[0] * gap[0] + gap[1] * gap[1] + gap[2] * gap[2]);
  /* n + 1 points evenly spaced in time, at most max_dt_s apart and at least 20 intervals,
     read from the record (its accepted steps are shorter than that: linear reads between
     them err by millimetres) */
  n = (int)ceil(tof / fmin(max_dt_s, tof / 20.0) - 1e-9);
  if (n < 1) n = 1;
  if (n > 100000) n = 100000;
  out->t_s = malloc(sizeof(double) * 4 * (size_t)(n + 1));
  if (!out->t_s) {
    rc = BMD_ENOMEM;
    goto done;
  }
  out->lat_deg = out->t_s + n + 1;
  out->lon_deg = out->lat_deg + n + 1;
  out->alt_m = out->lon_deg + n + 1;
  hint = 0;
  for (int i = 0; i <= n; i++) {
    double t = i == n ? tof : tof * i / n, r[3], la, lo, h, f = t / tof;
    if (i == n) memcpy(r, r_end, sizeof r);
    else if (!bmd_traj_state_at(&tr, t, &hint, r, NULL))
      memcpy(r, tr.samples[t <= tr.samples[0].t_s ? 0 : tr.nsamples - 1].r_ecef_m, sizeof r);
    for (int k = 0; k < 3; k++) r[k] += f * gap[k];
    bmd_physics_from_ecef(&sc->phys, r, &la, &lo, &h);
    out->t_s[i] = t;
    out->lat_deg[i] = la / BMD_DEG;
    out->lon_deg[i] = lo / BMD_DEG;
    out->alt_m[i] = h;
  }
  /* the last point is the intercept point itself, exactly as the shot reports it */
  out->lat_deg[n] = sh->ic.lat_deg;
  out->lon_deg[n] = sh->ic.lon_deg;
  out->alt_m[n] = sh->ic.alt_m;
  out->n = n + 1;
  rc = BMD_OK;
done:
  bmd_traj_result_release(&tr);
  if (rc != BMD_OK) bmd_flyout_release(out);
  return rc;
}
