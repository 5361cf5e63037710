/* intercept.c - engagement windows from fly-out fans (intercept.h). */
#include <bmd/intercept.h>

#include <math.h>
#include <stdlib.h>
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

/* What a scan of the threat trajectory finds that does not depend on the ready time. */
struct scan_counts {
  long n_reach, n_band, n_close;
  double max_launch;
  int receding_at_max;
};

/* the scan of bmd_engage_solve: with tab NULL, keep the points launched no earlier than
   p->ready_t_s in res; with tab, append every point that passes the geometric tests (all
   but the ready time) to tab instead. Returns BMD_OK, BMD_EINVAL or BMD_ENOMEM. */
static int scan(const struct bmd_fan *fan, const struct bmd_traj_result *th, const struct bmd_physics *phys,
                const struct bmd_engage_params *p, struct bmd_engage_result *res,
                struct bmd_engage_table *tab, struct scan_counts *c) {
  long j = 0, n_low = 0, n_high = 0;
  memset(c, 0, sizeof *c);
  c->max_launch = -HUGE_VAL;
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
      if (c->n_band == 0 && bmd_fan_reach(fan, s, h - p->site_alt_m, &fp)) {
        c->n_reach++;
        if (h < p->min_alt_m) n_low++; else n_high++;
      }
      continue;
    }
    if (!bmd_fan_reach(fan, s, h - p->site_alt_m, &fp)) continue;
    c->n_reach++;
    c->n_band++;
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
    c->n_close++;
    double tl = t - fp.tof_s;
    double crossing = bmd_vec3_angle(vt_enu, vi_enu) / BMD_DEG;
    if (tl > c->max_launch) {
      c->max_launch = tl;
      /* receding: the threat moves away from the site along the site -> P direction */
      c->receding_at_max = vt_enu[0] * sin(a2) + vt_enu[1] * cos(a2) > 0.0;
    }
    if (!tab && tl < p->ready_t_s) continue;
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
    if (tab) {
      if (tab->n == tab->cap) {
        long nc = tab->cap ? 2 * tab->cap : 256;
        struct bmd_intercept *np = realloc(tab->pts, (size_t)nc * sizeof *np);
        if (!np) return BMD_ENOMEM;
        tab->pts = np;
        tab->cap = nc;
      }
      tab->pts[tab->n++] = ic;
      continue;
    }
    if (res->npoints == 0) res->earliest = ic;
    res->latest = ic;
    res->npoints++;
  }
  if (c->n_band == 0 && c->n_reach > 0) c->n_band = n_low >= n_high ? -1 : -2; /* too low / too high */
  return BMD_OK;
}

/* the verdict from the points kept and the counts (bmd_engage_solve's rules) */
static void finish(struct bmd_engage_result *res, const struct scan_counts *c) {
  if (c->n_close > 0) res->latest_launch_s = c->max_launch;
  if (res->npoints > 0) {
    res->feasible = 1;
    res->reason = BMD_ENGAGE_NONE;
    res->window_s = res->latest.t_s - res->earliest.t_s;
  } else if (c->n_reach == 0) {
    res->reason = BMD_ENGAGE_OUT_OF_RANGE;
  } else if (c->n_band <= 0) {
    res->reason = c->n_band == -1 ? BMD_ENGAGE_TOO_LOW : BMD_ENGAGE_TOO_HIGH;
  } else if (c->n_close == 0) {
    res->reason = BMD_ENGAGE_TAIL_CHASE;
  } else {
    /* launched too late for every reachable point: if even a launch with the threat would
       be too late while the threat recedes from the site, the interceptor is chasing it
       from behind; otherwise the window closed, or the cue came too late */
    if (c->max_launch < 0.0)
      res->reason = c->receding_at_max ? BMD_ENGAGE_TAIL_CHASE : BMD_ENGAGE_WINDOW_CLOSED;
    else
      res->reason = BMD_ENGAGE_NOT_TRACKED;
  }
}

int bmd_engage_solve(const struct bmd_fan *fan, const struct bmd_traj_result *th,
                     const struct bmd_physics *phys, const struct bmd_engage_params *p,
                     struct bmd_engage_result *res) {
  struct scan_counts c;
  int st;
  memset(res, 0, sizeof *res);
  res->latest_launch_s = nan("");
  st = scan(fan, th, phys, p, res, NULL, &c);
  if (st != BMD_OK) return st;
  finish(res, &c);
  return BMD_OK;
}

int bmd_engage_table_build(struct bmd_engage_table *tab, const struct bmd_fan *fan,
                           const struct bmd_traj_result *th, const struct bmd_physics *phys,
                           const struct bmd_engage_params *p) {
  struct scan_counts c;
  int st;
  memset(tab, 0, sizeof *tab);
  st = scan(fan, th, phys, p, NULL, tab, &c);
  if (st != BMD_OK) {
    bmd_engage_table_release(tab);
    return st;
  }
  tab->n_reach = c.n_reach;
  tab->n_band = c.n_band;
  tab->n_close = c.n_close;
  tab->max_launch_s = c.max_launch;
  tab->receding_at_max = c.receding_at_max;
  return BMD_OK;
}

void bmd_engage_table_solve(const struct bmd_engage_table *tab, double ready_t_s,
                            struct bmd_engage_result *res) {
  struct scan_counts c;
  long k = 0;
  memset(res, 0, sizeof *res);
  res->latest_launch_s = nan("");
  c.n_reach = tab->n_reach;
  c.n_band = tab->n_band;
  c.n_close = tab->n_close;
  c.max_launch = tab->max_launch_s;
  c.receding_at_max = tab->receding_at_max;
  for (; k < tab->n; k++) {
    const struct bmd_intercept *ic = &tab->pts[k];
    if (ic->launch_t_s < ready_t_s) continue;
    if (res->npoints == 0) res->earliest = *ic;
    res->latest = *ic;
    res->npoints++;
  }
  finish(res, &c);
}

void bmd_engage_table_release(struct bmd_engage_table *tab) {
  if (!tab) return;
  free(tab->pts);
  memset(tab, 0, sizeof *tab);
}
