/* intercept.c - engagement windows from fly-out fans (intercept.h). */
#include <bmd/intercept.h>

#include <math.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>
#include <bmd/vec3.h>
#include <bmd/wgs84.h>

const char *bmd_engage_reason_word(enum bmd_engage_reason r) {
  switch (r) {
#define BMD_X_(name, word, text) case BMD_ENGAGE_##name: return word;
    BMD_ENGAGE_REASONS(BMD_X_)
#undef BMD_X_
  }
  return "unknown";
}

const char *bmd_engage_reason_text(enum bmd_engage_reason r) {
  switch (r) {
#define BMD_X_(name, word, text) case BMD_ENGAGE_##name: return text;
    BMD_ENGAGE_REASONS(BMD_X_)
#undef BMD_X_
  }
  return "unknown";
}

/* launched too late for every reachable point: if even a launch with the threat would be
   too late while the threat recedes from the site, the interceptor is chasing it from
   behind; otherwise the window closed, or the cue came too late */
static enum bmd_engage_reason late_reason(double max_launch_s, int receding) {
  if (max_launch_s < 0.0) return receding ? BMD_ENGAGE_TAIL_CHASE : BMD_ENGAGE_WINDOW_CLOSED;
  return BMD_ENGAGE_NOT_TRACKED;
}

double bmd_engage_fan_azimuth(const struct bmd_traj_result *th, const struct bmd_physics *phys,
                              double slat, double slon) {
  double best = HUGE_VAL, site_r[3], az = 0.0;
  long kb = -1;
  bmd_physics_to_ecef(phys, slat * BMD_DEG, slon * BMD_DEG, 0.0, site_r);
  /* closest approach in straight-line distance (one geodesic for its azimuth), ignoring
     points within 1 km of the site (a threat launched from the site itself) */
  for (long i = 0; i < th->nsamples; i++) {
    const double *r = th->samples[i].r_ecef_m;
    double d[3] = {r[0] - site_r[0], r[1] - site_r[1], r[2] - site_r[2]};
    double dn = bmd_vec3_norm(d);
    if (dn < best && dn > 1e3) {
      best = dn;
      kb = i;
    }
  }
  if (kb >= 0) {
    double la, lo, h;
    bmd_physics_from_ecef(phys, th->samples[kb].r_ecef_m, &la, &lo, &h);
    bmd_geodesic_inverse(phys->earth, slat, slon, la / BMD_DEG, lo / BMD_DEG, NULL, &az, NULL);
  }
  return az;
}

/* the scan behind bmd_engage_solve and bmd_engage_scan: pts (may be NULL) receives every
   point that meets the launch-time condition, up to cap */
static int scan(const struct bmd_fan *fan, const struct bmd_traj_result *th,
                const struct bmd_physics *phys, const struct bmd_engage_params *p,
                struct bmd_engage_result *res, struct bmd_intercept *pts, long cap, long *npts) {
  long j = 0;
  long n_reach = 0, n_band = 0, n_close = 0, n_low = 0, n_high = 0;
  double max_launch = -HUGE_VAL;
  int receding_at_max = 0;
  memset(res, 0, sizeof *res);
  res->latest_launch_s = nan("");
  if (!th || th->nsamples < 2 || !(p->dt_s > 0.0)) return BMD_EINVAL;
  double t_end = th->samples[th->nsamples - 1].t_s;
  double site_r[3], reach2;
  bmd_physics_to_ecef(phys, p->site_lat_deg * BMD_DEG, p->site_lon_deg * BMD_DEG, p->site_alt_m, site_r);
  /* straight-line pre-test: a fan built along another azimuth reaches a few per cent
     farther or shorter (fan.h); 10% and 20 km of margin keep every reachable point */
  reach2 = fan->reach_m * 1.1 + 20e3;
  reach2 *= reach2;
  for (double t = 0.0; t <= t_end; t += p->dt_s) {
    double r[3], v[3], la, lo, h, s, az1, az2;
    struct bmd_fan_point fp;
    if (!bmd_traj_state_at(th, t, &j, r, v)) break;
    {
      double dx = r[0] - site_r[0], dy = r[1] - site_r[1], dz = r[2] - site_r[2];
      if (dx * dx + dy * dy + dz * dz > reach2) continue;
    }
    bmd_physics_from_ecef(phys, r, &la, &lo, &h);
    la /= BMD_DEG;
    lo /= BMD_DEG;
    bmd_geodesic_inverse(phys->earth, p->site_lat_deg, p->site_lon_deg, la, lo, &s, &az1, &az2);
    if (p->max_range_m > 0.0 && s > p->max_range_m) continue;
    /* outside the altitude band the fan is consulted only while it matters for the reason
       (the look-up is the costly part of the scan) */
    if (h < p->min_alt_m || h > p->max_alt_m) {
      if (n_band == 0 && bmd_fan_reach(fan, s, h - p->site_alt_m, &fp)) {
        n_reach++;
        if (h < p->min_alt_m) n_low++; else n_high++;
      }
      continue;
    }
    if (!bmd_fan_reach(fan, s, h - p->site_alt_m, &fp)) continue;
    n_reach++;
    n_band++;
    /* interceptor velocity at P, in the vertical plane through the site, ENU at P */
    double vi_enu[3], vt_enu[3], rel[3];
    double a2 = az2 * BMD_DEG, cg = cos(fp.gamma_rad);
    vi_enu[0] = fp.speed_mps * cg * sin(a2);
    vi_enu[1] = fp.speed_mps * cg * cos(a2);
    vi_enu[2] = fp.speed_mps * sin(fp.gamma_rad);
    bmd_wgs84_ecef_to_enu(la * BMD_DEG, lo * BMD_DEG, v, vt_enu);
    for (int i = 0; i < 3; i++) rel[i] = vt_enu[i] - vi_enu[i];
    double closing = bmd_vec3_norm(rel);
    if (closing < p->min_closing_mps) continue;
    n_close++;
    double tl = t - fp.tof_s;
    double crossing = bmd_vec3_angle(vt_enu, vi_enu) / BMD_DEG;
    if (tl > max_launch) {
      max_launch = tl;
      /* receding: the threat moves away from the site along the site -> P direction */
      receding_at_max = vt_enu[0] * sin(a2) + vt_enu[1] * cos(a2) > 0.0;
    }
    if (tl < p->ready_t_s) continue;
    struct bmd_intercept ic;
    ic.t_s = t;
    ic.launch_t_s = tl;
    ic.tof_s = fp.tof_s;
    ic.alt_m = h;
    ic.lat_deg = la;
    ic.lon_deg = lo;
    ic.ground_range_m = s;
    ic.closing_mps = closing;
    ic.crossing_deg = crossing;
    ic.launch_az_deg = az1;
    ic.kick_deg = fp.kick_deg;
    if (res->npoints == 0) res->earliest = ic;
    res->latest = ic;
    if (pts && res->npoints < cap) pts[res->npoints] = ic;
    res->npoints++;
  }
  if (npts) *npts = res->npoints < cap ? res->npoints : cap;
  res->receding_at_latest_launch = receding_at_max;
  if (n_close > 0) res->latest_launch_s = max_launch;
  if (res->npoints > 0) {
    res->feasible = 1;
    res->reason = BMD_ENGAGE_NONE;
    res->window_s = res->latest.t_s - res->earliest.t_s;
  } else if (n_reach == 0) {
    res->reason = BMD_ENGAGE_OUT_OF_RANGE;
  } else if (n_band == 0) {
    res->reason = n_low >= n_high ? BMD_ENGAGE_TOO_LOW : BMD_ENGAGE_TOO_HIGH;
  } else if (n_close == 0) {
    res->reason = BMD_ENGAGE_TAIL_CHASE;
  } else {
    res->reason = late_reason(max_launch, receding_at_max);
  }
  return BMD_OK;
}

int bmd_engage_solve(const struct bmd_fan *fan, const struct bmd_traj_result *th,
                     const struct bmd_physics *phys, const struct bmd_engage_params *p,
                     struct bmd_engage_result *res) {
  return scan(fan, th, phys, p, res, NULL, 0, NULL);
}

int bmd_engage_scan(const struct bmd_fan *fan, const struct bmd_traj_result *th,
                    const struct bmd_physics *phys, const struct bmd_engage_params *p,
                    struct bmd_engage_result *res, struct bmd_intercept *pts, long cap,
                    long *npts) {
  struct bmd_engage_params q = *p;
  q.ready_t_s = -HUGE_VAL;
  *npts = 0;
  return scan(fan, th, phys, &q, res, pts, cap, npts);
}

void bmd_engage_select(const struct bmd_engage_result *all, const struct bmd_intercept *pts,
                       long npts, double ready_t_s, struct bmd_engage_result *res) {
  long first = -1, last = -1;
  *res = *all;
  for (long k = 0; k < npts; k++)
    if (pts[k].launch_t_s >= ready_t_s) {
      if (first < 0) first = k;
      last = k;
    }
  if (first < 0) {
    memset(&res->earliest, 0, sizeof res->earliest);
    memset(&res->latest, 0, sizeof res->latest);
    res->feasible = 0;
    res->window_s = 0.0;
    res->npoints = 0;
    if (all->feasible) res->reason = late_reason(all->latest_launch_s, all->receding_at_latest_launch);
    return;
  }
  res->feasible = 1;
  res->reason = BMD_ENGAGE_NONE;
  res->earliest = pts[first];
  res->latest = pts[last];
  res->window_s = res->latest.t_s - res->earliest.t_s;
  res->npoints = 0;
  for (long k = first; k <= last; k++) res->npoints += pts[k].launch_t_s >= ready_t_s;
}
