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

/* the sample of closest approach to the site in straight-line distance, ignoring points
   within 1 km of the site (a threat launched from the site itself); -1 if none; site_r
   gets the site's position */
static long closest_sample(const struct bmd_traj_result *th, const struct bmd_physics *phys,
                           double slat, double slon, double site_r[3]) {
  double best = HUGE_VAL;
  long kb = -1;
  bmd_physics_to_ecef(phys, slat * BMD_DEG, slon * BMD_DEG, 0.0, site_r);
  for (long i = 0; i < th->nsamples; i++) {
    const double *r = th->samples[i].r_ecef_m;
    double dx = r[0] - site_r[0], dy = r[1] - site_r[1], dz = r[2] - site_r[2];
    double d2 = dx * dx + dy * dy + dz * dz;   /* squared */
    if (d2 < best && d2 > 1e6) {
      best = d2;
      kb = i;
    }
  }
  return kb;
}

double bmd_engage_fan_azimuth_approx(const struct bmd_traj_result *th, const struct bmd_physics *phys,
                                     double slat, double slon) {
  double site_r[3], s2, c2, so2, co2, y1, x1, daz1;
  struct bmd_geodesic_from gf;
  long kb = closest_sample(th, phys, slat, slon, site_r);
  if (kb < 0) return 0.0;
  bmd_physics_geodetic_fast(phys, th->samples[kb].r_ecef_m, &s2, &c2, &so2, &co2);
  /* the initial azimuth on geodesic.h's auxiliary sphere, without the ellipsoid's
     correction (a fresh solver has none) */
  bmd_geodesic_from_init(&gf, phys->earth, slat, slon, 64);
  bmd_geodesic_from_azimuth1_parts(&gf, s2, c2, so2, co2, &y1, &x1, &daz1);
  return atan2(y1, x1) / BMD_DEG;
}

double bmd_engage_fan_azimuth(const struct bmd_traj_result *th, const struct bmd_physics *phys,
                              double slat, double slon) {
  double site_r[3], az = 0.0;
  /* closest approach in straight-line distance (one geodesic for its azimuth) */
  long kb = closest_sample(th, phys, slat, slon, site_r);
  if (kb >= 0) {
    double la, lo, h;
    bmd_physics_from_ecef(phys, th->samples[kb].r_ecef_m, &la, &lo, &h);
    bmd_geodesic_inverse(phys->earth, slat, slon, la / BMD_DEG, lo / BMD_DEG, NULL, &az, NULL);
  }
  return az;
}

/* What a scan of the threat trajectory finds that does not depend on the ready time. */
struct scan_counts {
  long n_reach, n_band, n_endure, n_close;
  double max_launch;
  int receding_at_max;
};

/* the reported form of a kept scan point */
static void finish_point(const struct bmd_engage_point *q, struct bmd_intercept *ic) {
  ic->t_s = q->t_s;
  ic->launch_t_s = q->launch_t_s;
  ic->tof_s = q->tof_s;
  ic->alt_m = q->alt_m;
  ic->lat_deg = atan2(q->slat, q->clat) / BMD_DEG;
  ic->lon_deg = atan2(q->slon, q->clon) / BMD_DEG;
  ic->ground_range_m = q->ground_range_m;
  ic->closing_mps = q->closing_mps;
  ic->crossing_deg = bmd_vec3_angle(q->vt_enu, q->vi_enu) / BMD_DEG;
  ic->launch_az_deg = atan2(q->az1_y, q->az1_x) / BMD_DEG + q->daz1_deg;
  ic->launch_az_deg -= 360.0 * floor((ic->launch_az_deg + 180.0) / 360.0);
  ic->kick_deg = q->kick_deg;
}

int bmd_scan_track_set(struct bmd_scan_track *trk, const struct bmd_traj_result *th,
                       const struct bmd_physics *phys, double dt_s) {
  long n;
  if (!th || th->nsamples < 2 || !(dt_s > 0.0)) return BMD_EINVAL;
  n = (long)floor(th->samples[th->nsamples - 1].t_s / dt_s) + 1;
  if (n > trk->cap) {
    unsigned char *h = realloc(trk->have, (size_t)n);
    if (h) trk->have = h;
    double *q = realloc(trk->pt, (size_t)n * BMD_SCAN_TRACK_STRIDE * sizeof *q);
    if (q) trk->pt = q;
    if (!h || !q) return BMD_ENOMEM;
    trk->cap = n;
  }
  trk->threat = th;
  trk->phys = *phys;
  trk->dt_s = dt_s;
  trk->vmax_mps = bmd_traj_speed_bound(th);
  trk->n = n;
  memset(trk->have, 0, (size_t)n);
  return BMD_OK;
}

/* a track for one site's scan: no memory, the points are read as the scan goes */
static int track_single(struct bmd_scan_track *trk, const struct bmd_traj_result *th,
                        const struct bmd_physics *phys, double dt_s) {
  memset(trk, 0, sizeof *trk);
  if (!th || th->nsamples < 2 || !(dt_s > 0.0)) return BMD_EINVAL;
  trk->threat = th;
  trk->phys = *phys;
  trk->dt_s = dt_s;
  trk->vmax_mps = bmd_traj_speed_bound(th);
  trk->n = (long)floor(th->samples[th->nsamples - 1].t_s / dt_s) + 1;
  return BMD_OK;
}

void bmd_scan_track_release(struct bmd_scan_track *trk) {
  if (!trk) return;
  free(trk->have);
  free(trk->pt);
  memset(trk, 0, sizeof *trk);
}

/* scan point i of a track: its state (state only) or also its geodetic coordinates, read
   and kept on first use; NULL past the recorded times. hint: the scan's own (increasing i).
   A track without memory (a single site's scan: nothing to share) keeps the last point
   alone, in one's 11 doubles. */
static const double *track_point(struct bmd_scan_track *trk, long i, int geodetic, long *hint,
                                 double *one, long *one_i) {
  if (!trk->pt) {
    if (*one_i != i) {
      if (!bmd_traj_state_at(trk->threat, i * trk->dt_s, hint, one, one + 3)) return NULL;
      *one_i = i;
      one[6] = nan("");
    }
    if (geodetic && isnan(one[6]))
      one[6] = bmd_physics_geodetic_fast(&trk->phys, one, &one[7], &one[8], &one[9], &one[10]);
    return one;
  }
  double *q = trk->pt + i * BMD_SCAN_TRACK_STRIDE;
  if (trk->have[i] == 0) {
    if (!bmd_traj_state_at(trk->threat, i * trk->dt_s, hint, q, q + 3)) return NULL;
    trk->have[i] = 1;
  }
  if (geodetic && trk->have[i] == 1) {
    /* geodetic height and the sines and cosines of latitude and longitude (one Bowring
       step, wgs84.h; the ellipsoid normal follows) */
    q[6] = bmd_physics_geodetic_fast(&trk->phys, q, &q[7], &q[8], &q[9], &q[10]);
    trk->have[i] = 2;
  }
  return q;
}

/* how many scan points after this one can be passed over: a test failed by margin gap,
   which the threat closes by at most step per point (floor(gap / step) - 1 of them, at
   least 0, at most n) */
static long skip_points(double gap, double step, long n) {
  double k = floor(gap / step) - 1.0;
  if (!(k > 0.0)) return 0;
  return k < (double)n ? (long)k : n;
}

/* The state of one scan: the site, the pre-test radii, the counts so far. */
struct scanner {
  const struct bmd_fan *fan;
  struct bmd_scan_track *trk;
  const struct bmd_engage_params *p;
  struct scan_counts *c;
  long j, n_low, n_high, one_i;   /* j: the track's read hint */
  double one[BMD_SCAN_TRACK_STRIDE];
  double site_r[3], reach, reach2, vmax;
  struct bmd_geodesic_from gf;
};

static void scanner_init(struct scanner *sn, const struct bmd_fan *fan, struct bmd_scan_track *trk,
                         const struct bmd_engage_params *p, struct scan_counts *c) {
  const struct bmd_physics *phys = &trk->phys;
  memset(c, 0, sizeof *c);
  c->max_launch = -HUGE_VAL;
  sn->fan = fan;
  sn->trk = trk;
  sn->p = p;
  sn->c = c;
  sn->j = sn->n_low = sn->n_high = 0;
  sn->one_i = -1;
  bmd_physics_to_ecef(phys, p->site_lat_deg * BMD_DEG, p->site_lon_deg * BMD_DEG, p->site_alt_m, sn->site_r);
  bmd_geodesic_from_init(&sn->gf, phys->earth, p->site_lat_deg, p->site_lon_deg, 64);
  /* straight-line pre-test: a fan built along another azimuth reaches a few per cent
     farther or shorter (fan.h); 10% and 20 km of margin keep every reachable point */
  sn->reach = fan->reach_m * 1.1 + 20e3;
  sn->reach2 = sn->reach * sn->reach;
  /* the threat closes on the site at most this fast (5% over the largest sampled speed
     covers the speed between samples): far out of reach, scan points that cannot be inside
     are skipped without being computed */
  sn->vmax = trk->vmax_mps;
}

/* scan point i: 1 if it passes the geometric tests (q filled but for its launch azimuth,
   which scanner_azimuth adds), 0 if not, with *skip the number of points after it that
   cannot pass either; -1 past the track's end. Counts as bmd_engage_solve's scan. */
static int scan_point(struct scanner *sn, long i, struct bmd_engage_point *q, long *skip) {
  const struct bmd_engage_params *p = sn->p;
  const struct bmd_fan *fan = sn->fan;
  struct scan_counts *c = sn->c;
  const double dt = sn->trk->dt_s, t = i * dt, vmax = sn->vmax;
  const long n = sn->trk->n;
  const double *q0 = track_point(sn->trk, i, 0, &sn->j, sn->one, &sn->one_i), *r, *v;
  const double *site_r = sn->site_r;
  double up[3], h, s, sl, cl, so, co;
  struct bmd_fan_point fp;
  *skip = 0;
  if (!q0) return -1;
  r = q0;
  v = q0 + 3;
  {
    double dx = r[0] - site_r[0], dy = r[1] - site_r[1], dz = r[2] - site_r[2];
    double d2 = dx * dx + dy * dy + dz * dz;
    if (d2 > sn->reach2) {
      *skip = skip_points(sqrt(d2) - sn->reach, vmax * dt, n);
      return 0;
    }
  }
  /* the point's geodetic height and the sines and cosines of its latitude and longitude
     (track_point), then the geodesic from the site */
  q0 = track_point(sn->trk, i, 1, &sn->j, sn->one, &sn->one_i);
  h = q0[6];
  sl = q0[7];
  cl = q0[8];
  so = q0[9];
  co = q0[10];
  if (c->n_band > 0 && (h < p->min_alt_m || h > p->max_alt_m)) {
    /* the height changes no faster than the threat moves: the band is at least this
       far off for the next points too (once in the band, points outside it only count
       toward nothing) */
    *skip = skip_points(h < p->min_alt_m ? p->min_alt_m - h : h - p->max_alt_m, vmax * dt, n);
    return 0;
  }
  up[0] = cl * co;
  up[1] = cl * so;
  up[2] = sl;
  {
    /* the geodesic to the foot point is no shorter than the chord to it: beyond the
       published range, or beyond the fan's reach at this height, skip the geodesic */
    double fx = r[0] - h * up[0] - site_r[0], fy = r[1] - h * up[1] - site_r[1],
           fz = r[2] - h * up[2] - site_r[2], chord2 = fx * fx + fy * fy + fz * fz;
    if (p->max_range_m > 0.0 && chord2 > p->max_range_m * p->max_range_m) {
      /* the foot point moves no faster than the threat at heights >= 0 (its speed is
         the horizontal speed times R / (R + h)): the next points' chords exceed the
         range too until the threat has closed the difference (1% margin for the few
         metres below the ellipsoid at the ends of a flight) */
      *skip = skip_points(sqrt(chord2) - p->max_range_m, 1.01 * vmax * dt, n);
      return 0;
    }
    if (bmd_fan_outside(fan, sqrt(chord2), h - p->site_alt_m)) {
      /* the chord shrinks and the height changes no faster than the threat moves (1% on
         the chord as above): the next points stay outside while the fan's extent over
         the heights they can reach stays short of their chords */
      *skip = bmd_fan_outside_run(fan, sqrt(chord2), h - p->site_alt_m, 1.01 * vmax * dt,
                                  vmax * dt, n);
      return 0;
    }
  }
  bmd_geodesic_from_inverse(&sn->gf, sl, cl, so, co, &s, NULL, NULL);
  if (p->max_range_m > 0.0 && s > p->max_range_m) return 0;
  /* outside the altitude band the fan is consulted only while it matters for the reason
     (the look-up is the costly part of the scan) */
  if (h < p->min_alt_m || h > p->max_alt_m) {
    if (c->n_band == 0 && bmd_fan_reach(fan, s, h - p->site_alt_m, &fp)) {
      c->n_reach++;
      if (h < p->min_alt_m) sn->n_low++; else sn->n_high++;
    }
    return 0;
  }
  if (!bmd_fan_reach(fan, s, h - p->site_alt_m, &fp)) return 0;
  c->n_reach++;
  c->n_band++;
  /* the kill vehicle's endurance: the fan's flights coast on to the tables' end, the kill
     vehicle does not */
  if (p->max_tof_s > 0.0 && fp.tof_s > p->max_tof_s) return 0;
  c->n_endure++;
  /* interceptor velocity at P, in the vertical plane through the site, ENU at P */
  double vi_enu[3], vt_enu[3], rel[3];
  double sa2, ca2;
  bmd_geodesic_from_azimuth2_sc(&sn->gf, sl, cl, so, co, &sa2, &ca2);
  vi_enu[0] = fp.vh_mps * sa2;
  vi_enu[1] = fp.vh_mps * ca2;
  vi_enu[2] = fp.vu_mps;
  /* the threat's velocity in the local-level frame at P (basis of bmd_wgs84_enu_basis) */
  vt_enu[0] = -so * v[0] + co * v[1];
  vt_enu[1] = -sl * co * v[0] - sl * so * v[1] + cl * v[2];
  vt_enu[2] = cl * co * v[0] + cl * so * v[1] + sl * v[2];
  for (int k = 0; k < 3; k++) rel[k] = vt_enu[k] - vi_enu[k];
  double closing = bmd_vec3_norm(rel);
  if (closing < p->min_closing_mps) return 0;
  c->n_close++;
  double tl = t - fp.tof_s;
  if (tl > c->max_launch) {
    c->max_launch = tl;
    /* receding: the threat moves away from the site along the site -> P direction */
    c->receding_at_max = vt_enu[0] * sa2 + vt_enu[1] * ca2 > 0.0;
  }
  q->t_s = t;
  q->launch_t_s = tl;
  q->tof_s = fp.tof_s;
  q->alt_m = h;
  q->ground_range_m = s;
  q->closing_mps = closing;
  q->kick_deg = fp.kick_deg;
  q->slat = sl;
  q->clat = cl;
  q->slon = so;
  q->clon = co;
  memcpy(q->vt_enu, vt_enu, sizeof vt_enu);
  memcpy(q->vi_enu, vi_enu, sizeof vi_enu);
  return 1;
}

/* the launch azimuth of a point that passed */
static void scanner_azimuth(struct scanner *sn, struct bmd_engage_point *q) {
  bmd_geodesic_from_azimuth1_parts(&sn->gf, q->slat, q->clat, q->slon, q->clon, &q->az1_y,
                                   &q->az1_x, &q->daz1_deg);
}

static int table_append(struct bmd_engage_table *tab, const struct bmd_engage_point *q) {
  if (tab->n == tab->cap) {
    long nc = tab->cap ? 2 * tab->cap : 256;
    struct bmd_engage_point *np = realloc(tab->pts, (size_t)nc * sizeof *np);
    if (!np) return BMD_ENOMEM;
    tab->pts = np;
    tab->cap = nc;
  }
  tab->pts[tab->n++] = *q;
  return BMD_OK;
}

/* every point from i0 to i1 scanned (but those a failed test lets it pass over), the
   passing ones appended to tab; the track's read hint starts from hint0 (a point at or
   before i0) and is put back after */
static int scan_exact(struct scanner *sn, long i0, long i1, long hint0, struct bmd_engage_table *tab) {
  long keep = sn->j, skip;
  int st = BMD_OK;
  sn->j = hint0;
  for (long i = i0; i <= i1 && st == BMD_OK; i += 1 + skip) {
    struct bmd_engage_point q;
    int k = scan_point(sn, i, &q, &skip);
    if (k < 0) break;
    if (k > 0) {
      scanner_azimuth(sn, &q);
      st = table_append(tab, &q);
    }
  }
  sn->j = keep;
  return st;
}

/* the points strictly between two passing points a (index ia) and b (ib), linear in
   the index: every quantity but the time, which is the point's own */
static int scan_between(struct scanner *sn, const struct bmd_engage_point *a, long ia,
                        const struct bmd_engage_point *b, long ib, struct bmd_engage_table *tab) {
  for (long i = ia + 1; i < ib; i++) {
    struct bmd_engage_point q;
    double u = (double)(i - ia) / (double)(ib - ia);
#define LERP(f) q.f = a->f + u * (b->f - a->f)
    LERP(tof_s);
    LERP(alt_m);
    LERP(ground_range_m);
    LERP(closing_mps);
    LERP(kick_deg);
    LERP(slat);
    LERP(clat);
    LERP(slon);
    LERP(clon);
    LERP(az1_y);
    LERP(az1_x);
    LERP(daz1_deg);
    for (int k = 0; k < 3; k++) {
      LERP(vt_enu[k]);
      LERP(vi_enu[k]);
    }
#undef LERP
    q.t_s = i * sn->trk->dt_s;
    q.launch_t_s = q.t_s - q.tof_s;
    sn->c->n_reach++;
    sn->c->n_band++;
    sn->c->n_endure++;
    sn->c->n_close++;
    if (table_append(tab, &q) != BMD_OK) return BMD_ENOMEM;
  }
  return BMD_OK;
}

/* the table's scan, striding through windows: from a point that fails the tests the scan
   goes on point by point (or passes over the points the failure rules out), so that
   every window is entered where the full scan enters it; from a point that passes it
   jumps stride points ahead. If that point passes too and the time of flight and closing
   speed are smooth over the last three strided points (second differences under
   SMOOTH_TOF_S and SMOOTH_CLOSING_MPS: linear interpolation then errs by about an eighth
   of that), the points in between are taken to pass and interpolated (scan_between);
   otherwise (the first stride of a window, a change of the fan's branch, the end of a
   window) they are scanned one by one. Only a gap shorter than the stride inside a
   smooth window is missed (filled in). */
#define SMOOTH_TOF_S 2.0
#define SMOOTH_CLOSING_MPS 40.0
static int scan_coarse(struct scanner *sn, int stride, struct bmd_engage_table *tab) {
  long prev = -1, prev2 = -1, prev_hint = 0, i = 0, n = sn->trk->n, skip = 0;
  int prev_pass = 0, prev2_pass = 0, st = BMD_OK;
  struct bmd_engage_point pq, pq2, q;
  memset(&pq, 0, sizeof pq);
  memset(&pq2, 0, sizeof pq2);
  memset(&q, 0, sizeof q);
  while (st == BMD_OK) {
    long hint_before = sn->j, end = i < n ? i : n;
    int k = i < n ? scan_point(sn, i, &q, &skip) : -1;
    if (k > 0) scanner_azimuth(sn, &q);
    if (prev_pass && prev + 1 < end) {
      /* the points since the last passing one */
      int smooth = k > 0 && prev2_pass && i - prev == prev - prev2 &&
                   fabs(q.tof_s - 2.0 * pq.tof_s + pq2.tof_s) < SMOOTH_TOF_S &&
                   fabs(q.closing_mps - 2.0 * pq.closing_mps + pq2.closing_mps) < SMOOTH_CLOSING_MPS;
      if (smooth)
        st = scan_between(sn, &pq, prev, &q, i, tab);
      else
        st = scan_exact(sn, prev + 1, end - 1, prev_hint, tab);
    }
    if (k < 0 || st != BMD_OK) break;
    if (k > 0) st = table_append(tab, &q);
    prev2 = prev;
    prev2_pass = prev_pass;
    pq2 = pq;
    prev = i;
    prev_pass = k > 0;
    pq = q;
    prev_hint = hint_before;
    i += k > 0 ? stride : skip + 1;
  }
  return st;
}

/* the scan of bmd_engage_solve: with tab NULL, keep the points launched no earlier than
   p->ready_t_s in res (the latest in *last, to be finished by the caller); with tab,
   append every point that passes the geometric tests (all but the ready time) to tab
   instead, every stride-th point and those around a change (scan_coarse) when stride > 1;
   the threat, physics and step are the track's. Returns BMD_OK, BMD_EINVAL or BMD_ENOMEM. */
static int scan(const struct bmd_fan *fan, struct bmd_scan_track *trk, const struct bmd_engage_params *p,
                struct bmd_engage_result *res, struct bmd_engage_point *last,
                struct bmd_engage_table *tab, struct scan_counts *c, int stride) {
  struct scanner sn;
  long skip;
  int st = BMD_OK;
  scanner_init(&sn, fan, trk, p, c);
  if (tab && stride > 1) {
    st = scan_coarse(&sn, stride, tab);
  } else {
    for (long i = 0; i < trk->n && st == BMD_OK; i += 1 + skip) {
      struct bmd_engage_point q;
      int k = scan_point(&sn, i, &q, &skip);
      if (k < 0) break;
      if (k == 0 || (!tab && q.launch_t_s < p->ready_t_s)) continue;
      scanner_azimuth(&sn, &q);
      if (tab) {
        st = table_append(tab, &q);
        continue;
      }
      if (res->npoints == 0) finish_point(&q, &res->earliest);
      *last = q;
      res->npoints++;
    }
  }
  if (c->n_band == 0 && c->n_reach > 0) c->n_band = sn.n_low >= sn.n_high ? -1 : -2; /* too low / too high */
  return st;
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
  } else if (c->n_endure == 0) {
    res->reason = BMD_ENGAGE_ENDURANCE;
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
  struct bmd_engage_point last;
  int st;
  struct bmd_scan_track trk;
  memset(res, 0, sizeof *res);
  res->latest_launch_s = nan("");
  st = track_single(&trk, th, phys, p->dt_s);
  if (st == BMD_OK) st = scan(fan, &trk, p, res, &last, NULL, &c, 1);
  if (st != BMD_OK) return st;
  if (res->npoints > 0) finish_point(&last, &res->latest);
  finish(res, &c);
  return BMD_OK;
}

int bmd_engage_table_build(struct bmd_engage_table *tab, const struct bmd_fan *fan,
                           const struct bmd_traj_result *th, const struct bmd_physics *phys,
                           const struct bmd_engage_params *p) {
  struct bmd_scan_track trk;
  int st;
  memset(tab, 0, sizeof *tab);
  st = track_single(&trk, th, phys, p->dt_s);
  if (st == BMD_OK) st = bmd_engage_table_build_track(tab, fan, &trk, p);
  return st;
}

int bmd_engage_table_build_track(struct bmd_engage_table *tab, const struct bmd_fan *fan,
                                 struct bmd_scan_track *trk, const struct bmd_engage_params *p) {
  return bmd_engage_table_build_coarse(tab, fan, trk, p, 1);
}

int bmd_engage_table_build_coarse(struct bmd_engage_table *tab, const struct bmd_fan *fan,
                                  struct bmd_scan_track *trk, const struct bmd_engage_params *p,
                                  int stride) {
  struct scan_counts c;
  int st;
  memset(tab, 0, sizeof *tab);
  if (!trk->threat || trk->n < 1 || stride < 1) return BMD_EINVAL;
  st = scan(fan, trk, p, NULL, NULL, tab, &c, stride);
  if (st != BMD_OK) {
    bmd_engage_table_release(tab);
    return st;
  }
  tab->n_reach = c.n_reach;
  tab->n_band = c.n_band;
  tab->n_endure = c.n_endure;
  tab->n_close = c.n_close;
  tab->max_launch_s = c.max_launch;
  tab->receding_at_max = c.receding_at_max;
  return BMD_OK;
}

void bmd_engage_table_result(const struct bmd_engage_table *tab, long first, long last, long npoints,
                             struct bmd_engage_result *res) {
  struct scan_counts c;
  memset(res, 0, sizeof *res);
  res->latest_launch_s = nan("");
  c.n_reach = tab->n_reach;
  c.n_band = tab->n_band;
  c.n_endure = tab->n_endure;
  c.n_close = tab->n_close;
  c.max_launch = tab->max_launch_s;
  c.receding_at_max = tab->receding_at_max;
  res->npoints = npoints > 0 ? npoints : 0;
  if (res->npoints > 0) {
    finish_point(&tab->pts[first], &res->earliest);
    finish_point(&tab->pts[last], &res->latest);
  }
  finish(res, &c);
}

void bmd_engage_table_solve(const struct bmd_engage_table *tab, double ready_t_s,
                            struct bmd_engage_result *res) {
  long first = -1, last = -1, n = 0;
  for (long k = 0; k < tab->n; k++) {
    if (tab->pts[k].launch_t_s < ready_t_s) continue;
    if (first < 0) first = k;
    last = k;
    n++;
  }
  bmd_engage_table_result(tab, first, last, n, res);
}

void bmd_engage_table_release(struct bmd_engage_table *tab) {
  if (!tab) return;
  free(tab->pts);
  memset(tab, 0, sizeof *tab);
}
