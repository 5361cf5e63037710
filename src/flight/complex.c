/* complex.c - a threat complex flown object by object (complex.h). */
#include <bmd/complex.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/atmos.h>
#include <bmd/ballistic.h>
#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>
#include <bmd/vec3.h>

#define REENTRY_ALT_M 100000.0  /* phase of the samples, as traj.c */
#define AIM_ITER_MAX 12

const char *bmd_object_kind_name(int k) {
  static const char *const n[] = {
#define BMD_X_(name, word) word,
      BMD_COMPLEX_OBJECT_KINDS(BMD_X_)
#undef BMD_X_
  };
  return k >= 0 && k < BMD_OBJ_N ? n[k] : "";
}

int bmd_object_kind_parse(const char *s) {
  for (int k = 0; k < BMD_OBJ_N; k++)
    if (strcmp(s, bmd_object_kind_name(k)) == 0) return k;
  return -1;
}

int bmd_object_is_rv(int kind) { return kind == BMD_OBJ_RV || kind == BMD_OBJ_RV_BALLOON; }

const char *bmd_band_name(int b) {
  static const char *const n[BMD_BAND_N] = {"uhf", "s", "x"};
  return b >= 0 && b < BMD_BAND_N ? n[b] : "";
}

int bmd_band_parse(const char *s) {
  for (int b = 0; b < BMD_BAND_N; b++)
    if (strcmp(s, bmd_band_name(b)) == 0) return b;
  return -1;
}

int bmd_complex_nrv(const struct bmd_complex_spec *cs) {
  int n = 0;
  for (int k = 0; k < cs->nobj; k++) n += bmd_object_is_rv(cs->obj[k].kind);
  return n;
}

double bmd_complex_decel_mps2(int i) { return i == 0 ? 0.1 * BMD_US76_G0_MPS2 : BMD_US76_G0_MPS2; }

void bmd_complex_release(struct bmd_complex_object *out, int n) {
  if (!out) return;
  for (int k = 0; k < n; k++) bmd_traj_result_release(&out[k].traj);
}

/* ---- one object's free flight -------------------------------------------------------- */

struct follow {
  const struct bmd_physics *phys;
  struct bmd_traj_result *res;      /* NULL: not recorded (the aim solve) */
  struct bmd_complex_object *ob;    /* NULL: no deceleration record */
  double inv_beta, mass_kg;
  int filter;                       /* 1: stop once filtered out */
  int stop, oom, have_prev;
  double prev_h, prev_speed, prev_decel;
};

static int push_sample(struct bmd_traj_result *res, double t, const double *y, double mass, int phase) {
  struct bmd_traj_sample *s;
  if (res->nsamples == res->cap) {
    long nc = res->cap ? res->cap * 2 : 256;
    struct bmd_traj_sample *ns = realloc(res->samples, (size_t)nc * sizeof *ns);
    if (!ns) return -1;
    res->samples = ns;
    res->cap = nc;
  }
  s = &res->samples[res->nsamples++];
  s->t_s = t;
  memcpy(s->r_ecef_m, y, sizeof s->r_ecef_m);
  memcpy(s->v_ecef_mps, y + 3, sizeof s->v_ecef_mps);
  s->mass_kg = mass;
  s->phase = phase;
  return 0;
}

/* the observer: samples, entry state, deceleration thresholds, peak, the filter's stop */
static void follow_step(void *ctx, double t, const double *y) {
  struct follow *f = ctx;
  double up[3], h = bmd_physics_height(f->phys, y, up), speed = bmd_vec3_norm(y + 3);
  double vup = bmd_vec3_dot(y + 3, up);
  double decel = f->inv_beta > 0.0 && h < BMD_US76_TOP_M && h > 0.0
                     ? 0.5 * bmd_atmos_density(h) * speed * speed * f->inv_beta : 0.0;
  struct bmd_complex_object *ob = f->ob;
  if (f->res && !f->oom) {
    int phase = (h < REENTRY_ALT_M && vup < 0.0) ? BMD_PHASE_REENTRY : BMD_PHASE_MIDCOURSE;
    if (push_sample(f->res, t, y, f->mass_kg, phase) != 0) f->oom = 1;
  }
  if (ob && f->have_prev) {
    /* the top of the model atmosphere, on the way down: the entry state */
    if (f->prev_h >= BMD_US76_TOP_M && h < BMD_US76_TOP_M && !(ob->entry_speed_mps > 0.0)) {
      double s = (f->prev_h - BMD_US76_TOP_M) / (f->prev_h - h);
      ob->entry_speed_mps = f->prev_speed + s * (speed - f->prev_speed);
      ob->entry_gamma_deg = speed > 0.0 ? -asin(fmax(-1.0, fmin(1.0, vup / speed))) / BMD_DEG : 0.0;
    }
    for (int i = 0; i < 2; i++) {
      double thr = bmd_complex_decel_mps2(i);
      if (!isnan(ob->decel_alt_m[i]) || decel < thr) continue;
      if (!(f->prev_decel > 0.0)) {
        /* the step came from above the atmosphere's top, where the density jumps from 0 */
        ob->decel_alt_m[i] = BMD_US76_TOP_M;
        ob->decel_at_top[i] = 1;
      } else {
        double a = log(f->prev_decel), b = log(decel);
        ob->decel_alt_m[i] = b > a ? f->prev_h + (log(thr) - a) / (b - a) * (h - f->prev_h) : h;
      }
    }
    if (decel > ob->peak_decel_g * BMD_US76_G0_MPS2) {
      ob->peak_decel_g = decel / BMD_US76_G0_MPS2;
      ob->peak_decel_alt_m = h;
    }
    if (f->filter && ob->entry_speed_mps > 0.0 && h < BMD_US76_TOP_M && vup < 0.0 &&
        speed < BMD_COMPLEX_FILTER_FRACTION * ob->entry_speed_mps)
      f->stop = 1;
  }
  f->prev_h = h;
  f->prev_speed = speed;
  f->prev_decel = decel;
  f->have_prev = 1;
}

/* fly from (t0, y0) with beta until the ground (or the filter's stop); ir gets the end */
static int fly_free(const struct bmd_traj_opts *o, double beta, double t0, const double *y0, struct follow *f,
                    struct bmd_integrate_result *ir) {
  struct bmd_ballistic_params bp;
  struct bmd_integrate_problem pb;
  struct bmd_integrate_lane L;
  struct bmd_dop853 w;
  double y1[BMD_DOP853_NMAX];
  int st;
  bp.phys = o->phys;
  bp.omega_radps = bmd_physics_omega(&o->phys);
  bp.inv_beta = o->phys.drag ? 1.0 / beta : 0.0;
  bp.layer = 7;
  pb.n = 6;
  pb.rhs = bmd_ballistic_rhs;
  pb.params = &bp;
  pb.layer = o->phys.drag ? &bp.layer : NULL;
  pb.phys = &o->phys;
  f->phys = &o->phys;
  f->inv_beta = bp.inv_beta;
  w.n = 6;
  if (bmd_integrate_lane_begin(&L, &pb, &o->io, t0, y0, t0 + 86400.0, 1, 0.0, follow_step, f)) {
    double err;
    do {
      err = bmd_dop853_step(&w, pb.rhs, pb.params, L.t, L.y, L.f, L.step_h, o->io.atol, o->io.rtol, y1);
    } while (bmd_integrate_lane_next(&L, y1, err) && !f->stop);
  }
  st = bmd_integrate_lane_end(&L, ir);
  if (st == BMD_OK && f->oom) st = BMD_ENOMEM;
  if (st == BMD_OK && !ir->hit_ground && !f->stop) st = BMD_ERANGE; /* orbits or escapes */
  return st;
}

/* ---- the release state and the aim of an RV ------------------------------------------ */

/* local axes at a state: a along the velocity, c cross-track (a x r), n completing them */
static void axes(const double *r, const double *v, double a[3], double c[3], double n[3]) {
  double s = bmd_vec3_norm(v);
  for (int i = 0; i < 3; i++) a[i] = v[i] / s;
  bmd_vec3_cross(a, r, c);
  s = bmd_vec3_norm(c);
  for (int i = 0; i < 3; i++) c[i] /= s;
  bmd_vec3_cross(c, a, n);
}

/* the impact of an object released at (t0, r0, v0 + dv) with beta: (east, north) offset of
   the impact from the aim point (m) */
static int impact_offset(const struct bmd_traj_opts *o, double beta, double t0, const double *r0,
                         const double *v0, const double *dv, double alat, double alon, double off[2]) {
  struct follow f;
  struct bmd_integrate_result ir;
  double y[6], la, lo, s, az;
  int st;
  memset(&f, 0, sizeof f);
  for (int i = 0; i < 3; i++) y[i] = r0[i], y[3 + i] = v0[i] + dv[i];
  st = fly_free(o, beta, t0, y, &f, &ir);
  if (st != BMD_OK) return st;
  bmd_physics_from_ecef(&o->phys, ir.y, &la, &lo, NULL);
  bmd_geodesic_inverse(o->phys.earth, alat, alon, la / BMD_DEG, lo / BMD_DEG, &s, &az, NULL);
  off[0] = s * sin(az * BMD_DEG);
  off[1] = s * cos(az * BMD_DEG);
  return BMD_OK;
}

/* the velocity offset dv (ECEF) that lands an RV released at (t0, r0, v0 + dv) on (alat,
   alon): Gauss-Newton steps of least norm from the start value in dv (finite-difference
   Jacobian in the local axes, 1 m/s). Returns BMD_OK with *miss the final miss (m). */
static int aim_rv(const struct bmd_traj_opts *o, double beta, double t0, const double *r0, const double *v0,
                  double alat, double alon, double dv[3], double *miss) {
  double ax[3][3], off[2];
  int st;
  axes(r0, v0, ax[0], ax[1], ax[2]);
  st = impact_offset(o, beta, t0, r0, v0, dv, alat, alon, off);
  for (int it = 0; st == BMD_OK && it < AIM_ITER_MAX; it++) {
    double J[2][3], JJt[2][2], det, q[2];
    *miss = hypot(off[0], off[1]);
    if (*miss <= BMD_COMPLEX_AIM_TOL_M) return BMD_OK;
    for (int j = 0; j < 3 && st == BMD_OK; j++) {
      double d2[3], o2[2];
      for (int i = 0; i < 3; i++) d2[i] = dv[i] + ax[j][i];
      st = impact_offset(o, beta, t0, r0, v0, d2, alat, alon, o2);
      J[0][j] = o2[0] - off[0];
      J[1][j] = o2[1] - off[1];
    }
    if (st != BMD_OK) break;
    for (int a = 0; a < 2; a++)
      for (int b = 0; b < 2; b++) JJt[a][b] = J[a][0] * J[b][0] + J[a][1] * J[b][1] + J[a][2] * J[b][2];
    det = JJt[0][0] * JJt[1][1] - JJt[0][1] * JJt[1][0];
    if (!(fabs(det) > 0.0)) return BMD_ESOLVER;
    /* step = -J^T (J J^T)^-1 off */
    q[0] = (JJt[1][1] * off[0] - JJt[0][1] * off[1]) / det;
    q[1] = (-JJt[1][0] * off[0] + JJt[0][0] * off[1]) / det;
    for (int j = 0; j < 3; j++) {
      double step = -(J[0][j] * q[0] + J[1][j] * q[1]);
      for (int i = 0; i < 3; i++) dv[i] += step * ax[j][i];
    }
    st = impact_offset(o, beta, t0, r0, v0, dv, alat, alon, off);
  }
  if (st != BMD_OK) return st;
  *miss = hypot(off[0], off[1]);
  return *miss <= BMD_COMPLEX_AIM_TOL_M ? BMD_OK : BMD_ESOLVER;
}

/* the separation direction of object k of n in its group (complex.h) */
static void sep_dir(const double *r, const double *v, int k, int n, double d[3]) {
  double a[3], c[3], nn[3], z = 1.0 - (2.0 * k + 1.0) / (n > 0 ? n : 1), s = sqrt(fmax(0.0, 1.0 - z * z));
  double phi = k * BMD_PI * (3.0 - sqrt(5.0));
  axes(r, v, a, c, nn);
  for (int i = 0; i < 3; i++) d[i] = z * a[i] + s * (cos(phi) * c[i] + sin(phi) * nn[i]);
}

/* ---- the complex ---------------------------------------------------------------------- */

/* order[0..n): the objects by release time, catalog order among equals (insertion sort:
   n <= BMD_COMPLEX_MAX_OBJECTS) */
static void by_release(const struct bmd_complex_spec *cs, int *order) {
  for (int k = 0; k < cs->nobj; k++) {
    int j = k;
    while (j > 0 && cs->obj[order[j - 1]].release_s > cs->obj[k].release_s) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = k;
  }
}

/* object k's flight from its release state (t0, y0): the bus's samples before t0, then its own */
static int fly_object(const struct bmd_complex_spec *cs, int k, const struct bmd_traj_result *bus,
                      const struct bmd_traj_opts *o, double t0, const double *y0, struct bmd_complex_object *ob) {
  const struct bmd_object_spec *sp = &cs->obj[k];
  struct bmd_traj_result *res = &ob->traj;
  struct follow f;
  struct bmd_integrate_result ir;
  double la, lo, e1[3], e2[3], rn;
  int st;
  memset(res, 0, sizeof *res);
  res->status = BMD_OK;
  res->burnout_t_s = bus->burnout_t_s;
  res->burnout_speed_mps = bus->burnout_speed_mps;
  res->burnout_speed_inertial_mps = bus->burnout_speed_inertial_mps;
  res->burnout_alt_m = bus->burnout_alt_m;
  res->burnout_gamma_deg = bus->burnout_gamma_deg;
  memcpy(res->burnout_r_ecef_m, bus->burnout_r_ecef_m, sizeof res->burnout_r_ecef_m);
  memcpy(res->burnout_v_ecef_mps, bus->burnout_v_ecef_mps, sizeof res->burnout_v_ecef_mps);
  res->perigee_alt_m = bus->perigee_alt_m;
  res->fail_stage = -1;
  for (long i = 0; i < bus->nsamples && bus->samples[i].t_s < t0; i++) {
    const struct bmd_traj_sample *s = &bus->samples[i];
    double y[6];
    memcpy(y, s->r_ecef_m, sizeof s->r_ecef_m);
    memcpy(y + 3, s->v_ecef_mps, sizeof s->v_ecef_mps);
    if (push_sample(res, s->t_s, y, s->mass_kg, s->phase) != 0) return BMD_ENOMEM;
  }
  memset(&f, 0, sizeof f);
  f.res = res;
  f.ob = ob;
  f.mass_kg = sp->mass_kg;
  f.filter = !bmd_object_is_rv(sp->kind);
  ob->decel_alt_m[0] = ob->decel_alt_m[1] = nan("");
  ob->peak_decel_alt_m = nan("");
  st = fly_free(o, sp->beta_kgm2, t0, y0, &f, &ir);
  res->nfev = ir.nfev;
  if (st != BMD_OK) {
    res->status = st;
    res->fail_t_s = ir.t_s;
    return st;
  }
  /* the end: the last sample (ground, or the sample where it was filtered out) */
  {
    const struct bmd_traj_sample *e = &res->samples[res->nsamples - 1];
    double h = bmd_physics_height(&o->phys, e->r_ecef_m, NULL);
    ob->end = f.stop ? BMD_OBJ_END_FILTERED : BMD_OBJ_END_IMPACT;
    ob->end_alt_m = f.stop ? h : 0.0;
    res->impact_t_s = e->t_s;
    res->impact_speed_mps = bmd_vec3_norm(e->v_ecef_mps);
    bmd_physics_from_ecef(&o->phys, e->r_ecef_m, &la, &lo, NULL);
    res->impact_lat_deg = la / BMD_DEG;
    res->impact_lon_deg = lo / BMD_DEG;
  }
  /* a peak at the atmosphere's top is its density jump, not the object's: unknown */
  if (ob->decel_at_top[0]) ob->peak_decel_g = ob->peak_decel_alt_m = nan("");
  res->apogee_alt_m = bus->apogee_alt_m;
  res->apogee_t_s = bus->apogee_t_s;
  if (ir.apogee_h_m > res->apogee_alt_m) {
    res->apogee_alt_m = ir.apogee_h_m;
    res->apogee_t_s = ir.apogee_t_s;
  }
  res->reentry_speed_mps = ob->entry_speed_mps > 0.0 ? ob->entry_speed_mps : res->impact_speed_mps;
  /* range and downrange angle from the launch point (the flight's first sample) */
  bmd_physics_from_ecef(&o->phys, res->samples[0].r_ecef_m, &la, &lo, NULL);
  bmd_geodesic_inverse(o->phys.earth, la / BMD_DEG, lo / BMD_DEG, res->impact_lat_deg, res->impact_lon_deg, &res->range_m,
                       NULL, NULL);
  rn = bmd_vec3_norm(res->samples[0].r_ecef_m);
  for (int i = 0; i < 3; i++) e1[i] = res->samples[0].r_ecef_m[i] / rn;
  {
    const double *ri = res->samples[res->nsamples - 1].r_ecef_m;
    double x = bmd_vec3_dot(ri, e1), yy;
    for (int i = 0; i < 3; i++) e2[i] = ri[i] - x * e1[i];
    yy = bmd_vec3_norm(e2);
    res->downrange_rad = bus->past_antipode ? bus->downrange_rad : atan2(yy, x);
    res->past_antipode = bus->past_antipode;
  }
  return BMD_OK;
}

int bmd_complex_fly(const struct bmd_complex_spec *cs, const struct bmd_traj_result *bus,
                    const struct bmd_traj_opts *o_in, const double *aim, struct bmd_complex_object *out,
                    char *why, size_t nwhy) {
  struct bmd_traj_opts o = *o_in;
  int order[BMD_COMPLEX_MAX_OBJECTS], rvno[BMD_COMPLEX_MAX_OBJECTS], nrv = 0, st = BMD_OK;
  double dv_prev[3] = {0.0, 0.0, 0.0}, used = 0.0;
  long hint = 0;
  if (why && nwhy) why[0] = 0;
  memset(out, 0, (size_t)cs->nobj * sizeof *out);
  if (!bus->samples || bus->nsamples < 2 || cs->nobj < 1 || cs->nobj > BMD_COMPLEX_MAX_OBJECTS) return BMD_EINVAL;
  o.record = 1;
  for (int k = 0; k < cs->nobj; k++) rvno[k] = bmd_object_is_rv(cs->obj[k].kind) ? nrv++ : -1;
  by_release(cs, order);
  for (int q = 0; q < cs->nobj && st == BMD_OK; q++) {
    int k = order[q];
    const struct bmd_object_spec *sp = &cs->obj[k];
    struct bmd_complex_object *ob = &out[k];
    double t0 = bus->burnout_t_s + sp->release_s, r0[3], v0[3], y0[6], dv[3] = {0.0, 0.0, 0.0};
    if (!(t0 < bus->impact_t_s) || !bmd_traj_state_hermite(bus, t0, &hint, r0, v0)) {
      if (why) snprintf(why, nwhy, "object '%s' is released %.0f s after burnout, after the bus has landed", sp->name, sp->release_s);
      st = BMD_EINVAL;
      break;
    }
    ob->release_t_s = t0;
    if (rvno[k] >= 0) {
      double alat = aim ? aim[2 * rvno[k]] : bus->impact_lat_deg, alon = aim ? aim[2 * rvno[k] + 1] : bus->impact_lon_deg;
      double miss = 0.0, step;
      memcpy(dv, dv_prev, sizeof dv);
      st = aim_rv(&o, sp->beta_kgm2, t0, r0, v0, alat, alon, dv, &miss);
      if (st != BMD_OK) {
        if (why) snprintf(why, nwhy, "RV '%s': no velocity change of the bus lands it on its aim point (%.4f, %.4f)", sp->name, alat, alon);
        if (st == BMD_ESOLVER) st = BMD_ERANGE;
        break;
      }
      step = hypot(hypot(dv[0] - dv_prev[0], dv[1] - dv_prev[1]), dv[2] - dv_prev[2]);
      used += step;
      if (used > cs->bus_dv_mps * (1.0 + 1e-9)) {
        if (why)
          snprintf(why, nwhy, "RV '%s': its aim point (%.4f, %.4f) needs the bus to have spent %.0f m/s by its release, more than its %.0f m/s",
                   sp->name, alat, alon, used, cs->bus_dv_mps);
        st = BMD_ERANGE;
        break;
      }
      memcpy(dv_prev, dv, sizeof dv);
      ob->aim_lat_deg = alat;
      ob->aim_lon_deg = alon;
      ob->miss_m = miss;
      ob->bus_dv_used_mps = used;
    } else {
      double d[3];
      sep_dir(r0, v0, sp->group_k, sp->group_n, d);
      for (int i = 0; i < 3; i++) dv[i] = sp->sep_mps * d[i];
    }
    memcpy(ob->dv_mps, dv, sizeof dv);
    ob->dv_norm_mps = bmd_vec3_norm(dv);
    for (int i = 0; i < 3; i++) y0[i] = r0[i], y0[3 + i] = v0[i] + dv[i];
    st = fly_object(cs, k, bus, &o, t0, y0, ob);
    if (st != BMD_OK && why && !why[0]) snprintf(why, nwhy, "object '%s': %s", sp->name, bmd_strerror(st));
    if (st == BMD_OK && rvno[k] < 0) {
      ob->aim_lat_deg = ob->traj.impact_lat_deg;
      ob->aim_lon_deg = ob->traj.impact_lon_deg;
    }
  }
  if (st != BMD_OK) bmd_complex_release(out, cs->nobj);
  return st;
}
