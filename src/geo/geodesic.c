/* geodesic.c - PROJ's geod_ (Karney 2013) behind bmd_ names (geodesic.h). */
#include <bmd/geodesic.h>

#include <geodesic.h>

#include <math.h>
#include <pthread.h>
#include <stddef.h>

#include <bmd/const.h>
#include <bmd/status.h>

static struct geod_geodesic g_sphere, g_wgs84;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

/* PROJ's three functions that bmdsim calls, set once by init_once (shared() first, then
   these) */
static struct {
  void (*init)(struct geod_geodesic *, double, double);
  void (*inverse)(const struct geod_geodesic *, double, double, double, double, double *,
                  double *, double *);
  void (*direct)(const struct geod_geodesic *, double, double, double, double, double *,
                 double *, double *);
} g_proj;

static const char *g_why;   /* why PROJ could not be loaded (NULL: it was) */

#if defined(BMD_PROJ_SONAME)
/* PROJ is opened on first use, not at start: bmdsim uses its geod_ functions alone, and
   its shared library brings 43 others (curl, TLS, Kerberos, LDAP, TIFF, C++): without them
   start-up fell from 21.7 to 8.5 ms (BENCHMARKS.md, "Table density, vector probes, PROJ on
   first use");
   `bmdsim propagate`, which needs no geodesic, skips it */
#include <dlfcn.h>
#include <string.h>

/* dlsym's object pointer as a function pointer (POSIX dlsym: the two have one size) */
static int find(void *lib, const char *name, void *fn, size_t size) {
  void *sym = dlsym(lib, name);
  if (!sym) return 0;
  memcpy(fn, &sym, size);
  return 1;
}

static void load_proj(void) {
  void *lib = dlopen(BMD_PROJ_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    g_why = "cannot open " BMD_PROJ_SONAME " (Debian: apt-get install libproj25)";
    return;
  }
  if (!find(lib, "geod_init", &g_proj.init, sizeof g_proj.init) ||
      !find(lib, "geod_inverse", &g_proj.inverse, sizeof g_proj.inverse) ||
      !find(lib, "geod_direct", &g_proj.direct, sizeof g_proj.direct))
    g_why = BMD_PROJ_SONAME " has no geod_init, geod_inverse or geod_direct";
}
#else
static void load_proj(void) {
  g_proj.init = geod_init;
  g_proj.inverse = geod_inverse;
  g_proj.direct = geod_direct;
}
#endif

static void init_once(void) {
  load_proj();
  if (g_why) return;
  g_proj.init(&g_sphere, BMD_SPHERE_R_M, 0.0);
  g_proj.init(&g_wgs84, BMD_WGS84_A_M, BMD_WGS84_F);
}

/* the two ellipsoids, initialised once (geod_init costs as much as a short inverse); NULL
   if PROJ could not be loaded */
static const struct geod_geodesic *shared(enum bmd_earth_shape shape) {
  pthread_once(&g_once, init_once);
  if (g_why) return NULL;
  return shape == BMD_EARTH_SPHERE ? &g_sphere : &g_wgs84;
}

int bmd_geodesic_load(const char **why) {
  pthread_once(&g_once, init_once);
  if (why) *why = g_why;
  return g_why ? BMD_EIO : BMD_OK;
}

void bmd_geodesic_inverse(enum bmd_earth_shape shape, double lat1, double lon1, double lat2,
                          double lon2, double *s_m, double *azi1, double *azi2) {
  double s, a1, a2;
  const struct geod_geodesic *g = shared(shape);
  if (g)
    g_proj.inverse(g, lat1, lon1, lat2, lon2, &s, &a1, &a2);
  else
    s = a1 = a2 = nan("");
  if (s_m) *s_m = s;
  if (azi1) *azi1 = a1;
  if (azi2) *azi2 = a2;
}

void bmd_geodesic_direct(enum bmd_earth_shape shape, double lat1, double lon1, double azi1,
                         double s_m, double *lat2, double *lon2) {
  double la, lo;
  const struct geod_geodesic *g = shared(shape);
  la = lo = nan("");
  if (g) g_proj.direct(g, lat1, lon1, azi1, s_m, &la, &lo, NULL);
  if (lat2) *lat2 = la;
  if (lon2) *lon2 = lo;
}

int bmd_geodesic_ring(enum bmd_earth_shape shape, double lat_deg, double lon_deg, double radius_m,
                      double az_from_deg, double az_to_deg, int sector, double step_deg,
                      int max_points, double *lat_out, double *lon_out) {
  const struct geod_geodesic *g = shared(shape);
  double span = sector ? az_to_deg - az_from_deg : 360.0, az0 = sector ? az_from_deg : 0.0;
  int n = 0, room = max_points - (sector ? 1 : 0) - 1, m;
  if (!g || room < 2 || !(step_deg > 0.0)) return 0;
  m = (int)ceil(fabs(span) / step_deg);
  if (m < 2) m = 2;
  if (m > room) m = room;
  if (sector) {
    lat_out[n] = lat_deg;
    lon_out[n] = lon_deg;
    n++;
  }
  for (int k = 0; k <= m; k++) {
    g_proj.direct(g, lat_deg, lon_deg, az0 + span * k / m, radius_m, &lat_out[n], &lon_out[n], NULL);
    n++;
  }
  return n;
}

static double wrap180(double a) {
  return a - 360.0 * floor((a + 180.0) / 360.0);
}

void bmd_geodesic_from_init(struct bmd_geodesic_from *g, enum bmd_earth_shape shape,
                            double lat1_deg, double lon1_deg, int every) {
  double f = shape == BMD_EARTH_SPHERE ? 0.0 : BMD_WGS84_F;
  double sp = sin(lat1_deg * BMD_DEG), cp = cos(lat1_deg * BMD_DEG), k;
  g->shape = shape;
  g->a_m = shape == BMD_EARTH_SPHERE ? BMD_SPHERE_R_M : BMD_WGS84_A_M;
  g->f = f;
  g->lat1_deg = lat1_deg;
  g->lon1_deg = lon1_deg;
  /* reduced latitude: tan(beta) = (1 - f) tan(phi) */
  k = 1.0 / sqrt(cp * cp + (1.0 - f) * (1.0 - f) * sp * sp);
  g->s1 = (1.0 - f) * sp * k;
  g->c1 = cp * k;
  g->so1 = sin(lon1_deg * BMD_DEG);
  g->co1 = cos(lon1_deg * BMD_DEG);
  g->every = every < 1 ? 1 : every;
  g->since = g->every;   /* the first call is exact */
  g->ratio = 1.0;
  g->daz1_deg = g->daz2_deg = 0.0;
  g->u_last[0] = g->u_last[1] = g->u_last[2] = 0.0;
  g->s_last_m = 0.0;
  g->in_[0] = g->in_[1] = g->in_[2] = g->in_[3] = nan("");
}

/* the auxiliary sphere's azimuth components at both ends (unnormalised sine, cosine) */
static void sphere_az(const struct bmd_geodesic_from *g, double s2, double c2, double sdl,
                      double cdl, double *y1, double *x1, double *y2, double *x2) {
  /* Snyder, Map Projections: A Working Manual (1987), eq. 5-4b, at both ends */
  *y1 = c2 * sdl;
  *x1 = g->c1 * s2 - g->s1 * c2 * cdl;
  *y2 = g->c1 * sdl;
  *x2 = -g->s1 * c2 + g->c1 * s2 * cdl;
}

/* reduced latitude and longitude difference of a point (kept for the next call: the
   azimuths are usually asked for the point whose distance was just computed) */
static void reduce(struct bmd_geodesic_from *g, double sp2, double cp2, double so2,
                   double co2, double *s2, double *c2, double *sdl, double *cdl) {
  if (sp2 == g->in_[0] && cp2 == g->in_[1] && so2 == g->in_[2] && co2 == g->in_[3]) {
    *s2 = g->out_[0];
    *c2 = g->out_[1];
    *sdl = g->out_[2];
    *cdl = g->out_[3];
    return;
  }
  double f = g->f, k = 1.0 / sqrt(cp2 * cp2 + (1.0 - f) * (1.0 - f) * sp2 * sp2);
  *s2 = (1.0 - f) * sp2 * k;   /* tan(beta) = (1 - f) tan(phi) */
  *c2 = cp2 * k;
  *sdl = so2 * g->co1 - co2 * g->so1;   /* sine and cosine of the longitude difference */
  *cdl = co2 * g->co1 + so2 * g->so1;
  g->in_[0] = sp2, g->in_[1] = cp2, g->in_[2] = so2, g->in_[3] = co2;
  g->out_[0] = *s2, g->out_[1] = *c2, g->out_[2] = *sdl, g->out_[3] = *cdl;
}

/* the distance (and azimuths if asked for) of bmd_geodesic_from_inverse; near: solve
   exactly within 10 km of the fixed point, where the azimuths turn fastest (the distance
   alone is good there without: Andoyer-Lambert errs by O(f^2 s) < 0.1 m) */
static void from_solve(struct bmd_geodesic_from *g, double sp2, double cp2, double so2,
                       double co2, int near, double *s_m, double *azi1_deg, double *azi2_deg) {
  double f = g->f, s2, c2, sdl, cdl, y1, x1, y2, x2;
  reduce(g, sp2, cp2, so2, co2, &s2, &c2, &sdl, &cdl);
  /* the auxiliary sphere: central angle by Vincenty's well-conditioned formula (Snyder
     (1987) eq. 5-3a); the azimuths only when asked for, or to refresh their corrections */
  double a = c2 * sdl, b = g->c1 * s2 - g->s1 * c2 * cdl;
  double ssig = sqrt(a * a + b * b), csig = g->s1 * s2 + g->c1 * c2 * cdl;
  double sigma = atan2(ssig, csig), sapp;
  /* Andoyer-Lambert first-order flattening correction (Lambert, "The distance between two
     widely separated points on the surface of the earth", J. Washington Acad. Sci. 32 (1942)
     125-130): s = a (sigma - f/2 (X + Y)), errors O(f^2 s) */
  {
    double sp = 0.5 * (g->s1 + s2), sq = 0.5 * (s2 - g->s1);   /* sin P cos Q, cos P sin Q */
    double ch2 = 0.5 * (1.0 + csig), sh2 = 0.5 * (1.0 - csig);  /* cos^2, sin^2 of sigma/2 */
    double X = 0.0, Y = 0.0;
    if (ch2 > 1e-15 && sh2 > 1e-15) {
      double inv = 1.0 / (ch2 * sh2);
      X = (sigma - ssig) * sp * sp * sh2 * inv;
      Y = (sigma + ssig) * sq * sq * ch2 * inv;
    }
    sapp = g->a_m * (sigma - 0.5 * f * (X + Y));
  }
  double u[3] = {cp2 * co2, cp2 * so2, sp2};
  double du[3] = {u[0] - g->u_last[0], u[1] - g->u_last[1], u[2] - g->u_last[2]};
  /* half the distance, at most 500 km (as a unit-vector chord): test_geodesic measures
     the errors of geodesic.h at this rule */
  double moved = fmin(0.5 * g->s_last_m, 500e3) / BMD_SPHERE_R_M;
  if (g->since >= g->every || du[0] * du[0] + du[1] * du[1] + du[2] * du[2] > moved * moved ||
      (near && sapp < 10e3)) {
    double s, a1, a2;
    const struct geod_geodesic *e = shared(g->shape);
    s = a1 = a2 = nan("");
    if (e)
      g_proj.inverse(e, g->lat1_deg, g->lon1_deg, atan2(sp2, cp2) / BMD_DEG,
                     atan2(so2, co2) / BMD_DEG, &s, &a1, &a2);
    sphere_az(g, s2, c2, sdl, cdl, &y1, &x1, &y2, &x2);
    g->ratio = sapp > 1.0 ? s / sapp : 1.0;
    g->daz1_deg = wrap180(a1 - atan2(y1, x1) / BMD_DEG);
    g->daz2_deg = wrap180(a2 - atan2(y2, x2) / BMD_DEG);
    g->sd2 = sin(g->daz2_deg * BMD_DEG);
    g->cd2 = cos(g->daz2_deg * BMD_DEG);
    g->since = 0;
    g->s_last_m = s;
    g->u_last[0] = u[0];
    g->u_last[1] = u[1];
    g->u_last[2] = u[2];
    if (s_m) *s_m = s;
    if (azi1_deg) *azi1_deg = a1;
    if (azi2_deg) *azi2_deg = a2;
    return;
  }
  g->since++;
  if (s_m) *s_m = sapp * g->ratio;
  if (azi1_deg || azi2_deg) bmd_geodesic_from_azimuths(g, sp2, cp2, so2, co2, azi1_deg, azi2_deg);
}

void bmd_geodesic_from_inverse(struct bmd_geodesic_from *g, double sp2, double cp2, double so2,
                               double co2, double *s_m, double *azi1_deg, double *azi2_deg) {
  from_solve(g, sp2, cp2, so2, co2, 1, s_m, azi1_deg, azi2_deg);
}

double bmd_geodesic_from_distance(struct bmd_geodesic_from *g, double sp2, double cp2,
                                  double so2, double co2) {
  double s;
  from_solve(g, sp2, cp2, so2, co2, 0, &s, NULL, NULL);
  return s;
}

void bmd_geodesic_from_azimuths(struct bmd_geodesic_from *g, double sp2, double cp2,
                                double so2, double co2, double *azi1_deg, double *azi2_deg) {
  double s2, c2, sdl, cdl, y1, x1, y2, x2;
  reduce(g, sp2, cp2, so2, co2, &s2, &c2, &sdl, &cdl);
  sphere_az(g, s2, c2, sdl, cdl, &y1, &x1, &y2, &x2);
  if (azi1_deg) *azi1_deg = wrap180(atan2(y1, x1) / BMD_DEG + g->daz1_deg);
  if (azi2_deg) *azi2_deg = wrap180(atan2(y2, x2) / BMD_DEG + g->daz2_deg);
}

void bmd_geodesic_from_azimuth2_sc(struct bmd_geodesic_from *g, double sp2, double cp2,
                                   double so2, double co2, double *sin_az2, double *cos_az2) {
  double s2, c2, sdl, cdl, y1, x1, y2, x2, n;
  reduce(g, sp2, cp2, so2, co2, &s2, &c2, &sdl, &cdl);
  sphere_az(g, s2, c2, sdl, cdl, &y1, &x1, &y2, &x2);
  n = sqrt(x2 * x2 + y2 * y2);
  if (!(n > 0.0)) {
    x2 = 1.0;
    y2 = 0.0;
  } else {
    x2 /= n;
    y2 /= n;
  }
  /* rotate by the measured correction: sin(a + d), cos(a + d) */
  *sin_az2 = y2 * g->cd2 + x2 * g->sd2;
  *cos_az2 = x2 * g->cd2 - y2 * g->sd2;
}

void bmd_geodesic_from_azimuth1_parts(struct bmd_geodesic_from *g, double sp2, double cp2,
                                      double so2, double co2, double *y1, double *x1,
                                      double *daz1_deg) {
  double s2, c2, sdl, cdl, y2, x2;
  reduce(g, sp2, cp2, so2, co2, &s2, &c2, &sdl, &cdl);
  sphere_az(g, s2, c2, sdl, cdl, y1, x1, &y2, &x2);
  *daz1_deg = g->daz1_deg;
}
