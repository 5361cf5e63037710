/* aim_reach.c - the maximum range along a launch azimuth and the largest burnout speed:
   a scan of pitch-over angles refined by Brent's method (aim.h). */
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>

#include <bmd/const.h>
#include <bmd/physics.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>

#include "aim_impl.h"

/* pitch-over angles scanned before refining (deg): the domain BMD_AIM_KICK_MIN_DEG ..
   BMD_AIM_KICK_MAX_DEG, closer together at small angles, where range changes fastest */
static const double kick_grid[] = {BMD_AIM_KICK_MIN_DEG, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0,
                                   4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0,
                                   40.0, 50.0, 60.0, 70.0, 80.0, BMD_AIM_KICK_MAX_DEG};
#define NGRID ((int)(sizeof kick_grid / sizeof kick_grid[0]))
/* the largest burnout speed is searched up to 80 deg, as when the interceptors were fitted
   to their published burnout speeds (vehicle.md): a kill vehicle's fly-out is a commanded
   pitch program, not the threats' gravity turn whose domain the aims share */
#define NGRID_KV (NGRID - 1)
#define NEAR_FACTOR 1.25   /* bmd_aim_max_range_near's bracket: guess / 1.25 .. guess * 1.25 */

struct maxctx {
  const struct bmd_vehicle *v;
  struct bmd_traj_opts o;
  double lat, lon, alt, az;
  int what;          /* 0 range, 1 burnout speed */
  double s_anti_m;   /* range cap: the distance to the antipode */
  int antipode, orbit;
  long flights;
  double cutoff_s;   /* 1e30: a full burn */
};

int bmd_aim_orbital_energy(const struct bmd_physics *ph, const struct bmd_traj_result *r) {
  const double mu = BMD_WGS84_GM_M3PS2;
  double rb = sqrt(r->burnout_r_ecef_m[0] * r->burnout_r_ecef_m[0] +
                   r->burnout_r_ecef_m[1] * r->burnout_r_ecef_m[1] +
                   r->burnout_r_ecef_m[2] * r->burnout_r_ecef_m[2]);
  double req = ph->earth == BMD_EARTH_SPHERE ? BMD_SPHERE_R_M : BMD_WGS84_A_M;
  double v = r->burnout_speed_inertial_mps;
  /* vis-viva: specific energy v^2/2 - mu/r against -mu/(2a) of the circular orbit at the
     entry interface (Bate, Mueller & White (1971), eq. 1.4-2) */
  return rb > 0.0 && 0.5 * v * v - mu / rb >= -mu / (2.0 * (req + BMD_TRAJ_ORBIT_PERIGEE_M));
}

static double objective(double kick, void *pv) {
  struct maxctx *m = pv;
  struct bmd_traj_control c = {m->az, kick, m->cutoff_s, {0}};
  struct bmd_traj_result r;
  int st = bmd_traj_fly(m->v, &m->o, m->lat, m->lon, m->alt, &c, &r);
  m->flights++;
  if (m->what == 0) {
    /* a flight that passes the antipode or orbits reaches every range of this bearing */
    if ((st == BMD_OK || st == BMD_ERANGE) && bmd_aim_orbital_energy(&m->o.phys, &r)) m->orbit = 1;
    if (st == BMD_ERANGE) {
      /* orbital at burnout, or still flying a day later: past the antipode either way */
      m->antipode = 1;
      return -m->s_anti_m;
    }
    if (st != BMD_OK) return 0.0;
    if (r.past_antipode) {
      m->antipode = 1;
      return -m->s_anti_m;
    }
    return -fmin(r.range_m, m->s_anti_m);
  }
  /* burnout speed: a kill vehicle that goes on into orbit (BMD_ERANGE) still burnt out;
     one that hit the ground while burning did not */
  if (st == BMD_ERANGE) return -r.burnout_speed_mps;
  if (st != BMD_OK || r.impact_t_s <= r.burnout_t_s + 1e-9) return 0.0;
  return -r.burnout_speed_mps;
}

int bmd_aim_brent_min(gsl_function *F, double a, double fa, double x, double fx, double b,
                     double fb, double *best_val, double *best_x) {
  gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
  int st, it = 0;
  if (!s) return BMD_ENOMEM;
  gsl_set_error_handler_off();
  st = gsl_min_fminimizer_set_with_values(s, F, x, fx, a, fa, b, fb);
  while (st == GSL_SUCCESS && it++ < 50) {
    st = gsl_min_fminimizer_iterate(s);
    a = gsl_min_fminimizer_x_lower(s);
    b = gsl_min_fminimizer_x_upper(s);
    if (gsl_min_test_interval(a, b, 1e-4, 0.0) == GSL_SUCCESS) break;
  }
  *best_x = gsl_min_fminimizer_x_minimum(s);
  *best_val = -gsl_min_fminimizer_f_minimum(s);
  gsl_min_fminimizer_free(s);
  return BMD_OK;
}

static int brent(struct maxctx *m, double a, double fa, double x, double fx, double b,
                 double fb, double *best_val, double *best_kick) {
  gsl_function F = {objective, m};
  return bmd_aim_brent_min(&F, a, fa, x, fx, b, fb, best_val, best_kick);
}

static void maxctx_init(struct maxctx *m, const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                        double lat, double lon, double alt, double az, int what) {
  m->v = v;
  m->o = *o;
  m->o.record = 0;
  m->o.t_stop_s = 0.0;
  m->lat = lat;
  m->lon = lon;
  m->alt = alt;
  m->az = az;
  m->what = what;
  m->s_anti_m = what == 0 ? bmd_aim_antipode_m(o->phys.earth, lat, lon) : 0.0;
  m->antipode = m->orbit = 0;
  m->flights = 0;
  m->cutoff_s = 1e30;
}

/* a missile whose full burn flies so high that it lands nearer (the Earth turning under a
   flight of hours) than a shorter burn does: the best over pitch-over and cut-off of a grid
   (the scan's angles; cut-offs every 5% of the burn from half of it), refined by Brent's
   method in the pitch-over; the antipode as soon as a flight passes it. Called when a burn
   cut at 97% flies farther than the full one at the best pitch-over (*best_val, *best_kick
   in and out). */
#define OVER_NT 11
static int over_energy(struct maxctx *m, double *best_val, double *best_kick) {
  const double T = bmd_vehicle_total_burn_s(m->v);
  double best = -*best_val, cut = 1e30, k = *best_kick;
  for (int j = 0; j < OVER_NT - 1; j++) {
    m->cutoff_s = T * (0.5 + 0.5 * j / (OVER_NT - 1));
    for (int i = 0; i < NGRID; i++) {
      double f = objective(kick_grid[i], m);
      if (m->antipode) {
        *best_val = m->s_anti_m;
        *best_kick = kick_grid[i];
        m->cutoff_s = 1e30;
        return BMD_OK;
      }
      if (f < best) {
        best = f;
        k = kick_grid[i];
        cut = m->cutoff_s;
      }
    }
  }
  m->cutoff_s = cut;
  *best_val = -best;
  *best_kick = k;
  {
    /* Brent's method in the pitch-over at that cut-off */
    double a = fmax(k / NEAR_FACTOR, kick_grid[0]), b = fmin(k * NEAR_FACTOR, kick_grid[NGRID - 1]);
    double fa = objective(a, m), fb = objective(b, m);
    if (best < fa && best < fb) brent(m, a, fa, k, best, b, fb, best_val, best_kick);
  }
  if (m->antipode) *best_val = m->s_anti_m;
  m->cutoff_s = 1e30;
  return BMD_OK;
}

/* the check that calls over_energy: a burn cut at 97% of it that flies farther */
static int shorter_flies_farther(struct maxctx *m, double val, double kick) {
  double f;
  if (m->antipode) return 0;
  m->cutoff_s = 0.97 * bmd_vehicle_total_burn_s(m->v);
  f = objective(kick, m);
  m->cutoff_s = 1e30;
  return m->antipode || -f > val;
}

static int maximise(struct maxctx *m, double *best_val, double *best_kick) {
  const int n = m->what == 0 ? NGRID : NGRID_KV;
  double f[NGRID];
  int ib = 0, st;
  for (int i = 0; i < n; i++) {
    f[i] = objective(kick_grid[i], m);
    if (f[i] < f[ib]) ib = i;
  }
  if (f[ib] >= 0.0) return BMD_ESOLVER;
  if (ib == 0 || ib == n - 1 || (m->what == 0 && -f[ib] >= m->s_anti_m)) {
    /* an end of the domain, or the antipode (a plateau: any such angle will do) */
    *best_val = -f[ib];
    *best_kick = kick_grid[ib];
    st = BMD_OK;
  } else {
    st = brent(m, kick_grid[ib - 1], f[ib - 1], kick_grid[ib], f[ib], kick_grid[ib + 1],
               f[ib + 1], best_val, best_kick);
  }
  if (st == BMD_OK && m->what == 0 && shorter_flies_farther(m, *best_val, *best_kick))
    st = over_energy(m, best_val, best_kick);
  return st;
}

int bmd_aim_scan(const struct bmd_vehicle *v, const struct bmd_traj_opts *o, double lat,
                 double lon, double alt, double az, double *range_m, double *kick_deg,
                 int *antipode, int *orbit, long *flights) {
  struct maxctx m;
  int st;
  maxctx_init(&m, v, o, lat, lon, alt, az, 0);
  st = maximise(&m, range_m, kick_deg);
  if (antipode) *antipode = m.antipode;
  if (orbit) *orbit = m.orbit;
  if (flights) *flights += m.flights;
  return st;
}

int bmd_aim_max_range(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                      double lat, double lon, double alt, double az, double *range_m,
                      double *kick_deg) {
  return bmd_aim_scan(v, o, lat, lon, alt, az, range_m, kick_deg, NULL, NULL, NULL);
}

int bmd_aim_max_range_near(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                           double lat, double lon, double alt, double az, double kick_guess_deg,
                           double *range_m, double *kick_deg) {
  struct maxctx m;
  double x = kick_guess_deg, a = x / NEAR_FACTOR, b = x * NEAR_FACTOR, fx, fa, fb;
  maxctx_init(&m, v, o, lat, lon, alt, az, 0);
  if (!(x > kick_grid[0]) || !(b < kick_grid[NGRID - 1])) return maximise(&m, range_m, kick_deg);
  fx = objective(x, &m);
  fa = objective(a, &m);
  fb = objective(b, &m);
  /* the maximum is not bracketed (or no flight lands, or the antipode's plateau): the
     full scan */
  if (!(fx < 0.0 && fx < fa && fx < fb) || m.antipode) return maximise(&m, range_m, kick_deg);
  if (brent(&m, a, fa, x, fx, b, fb, range_m, kick_deg) != BMD_OK) return BMD_ENOMEM;
  if (shorter_flies_farther(&m, *range_m, *kick_deg)) return maximise(&m, range_m, kick_deg);
  return BMD_OK;
}

int bmd_aim_max_burnout_speed(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                              double lat, double lon, double az, double *speed,
                              double *kick_deg) {
  struct maxctx m;
  maxctx_init(&m, v, o, lat, lon, 0.0, az, 1);
  return maximise(&m, speed, kick_deg);
}

