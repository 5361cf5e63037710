/* family.c - interpolated minimum-energy trajectories from one launch point (family.h). */
#include <bmd/family.h>

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/aim.h>
#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/pool.h>
#include <bmd/status.h>
#include <bmd/vec3.h>

#define RECORD_H_MAX_S 8.0   /* members' recorded steps: Hermite error ~ h^4 |r''''| / 384 */
#define SAMPLE_DT_S 1.5      /* interpolated trajectories: a sample at least this often */
/* ...but above the atmosphere (geocentric radius beyond the equator's plus 100 km) only
   every COAST_STRIDE-th (6 s): read linearly (traj.h) the position errs there by at most
   g dt^2 / 8, 45 m, against the family's own interpolation error of ~1 km (test_family),
   and 60% fewer samples to blend, scan and search */
#define COAST_STRIDE 4
#define EXO_R_M (BMD_WGS84_A_M + 100e3)
/* the top member's fraction of the maximum range: beyond about 0.985 of it the
   minimum-energy flight-path condition goes out of reach (the burn would have to be
   longer than the propellant allows) and the aim holds the pitch-over at its
   maximum-range value instead (aim.h), a different branch that must not be blended */
#define U_TOP 0.98
/* member j of nu at u = U_TOP (j / nu)^U_POWER: closer together at short range, where
   the cut-off time changes fastest with range */
#define U_POWER 2.0

struct member {
  int valid;
  struct bmd_traj_control ctl;
  double J[9];               /* the aim's Jacobian, handed to the neighbour's aim */
  double az_imp_deg;         /* impact azimuth from the launch point */
  double range_m, tof_s, tb_s, apogee_m;
  struct bmd_traj_result raw;
  double *q;                 /* [ns + 1][6]: canonical position (m) and d/ds (m) */
};

struct node {
  double az_deg, rmax_m, kmax_deg;
  double daz_deg;            /* impact azimuth of the maximum-range flight - az_deg */
  int ok;
};

struct bmd_family {
  const struct bmd_vehicle *v;
  struct bmd_traj_opts o;
  double lat_deg, lon_deg, alt_m;
  double g[3];               /* unit vector from the Earth's centre to the launch point */
  struct bmd_family_opts fo;
  int naz, nu, all_around;
  double *u;                 /* [nu + 1]: u[j] = member j's fraction of the maximum range */
  struct node *node;         /* [naz] */
  struct member *m;          /* [naz * nu]; member (a, j) at m[a * nu + j - 1] */
  int n1, n2;                /* sample intervals before and after thrust termination */
  double *buf;
  long aims_full, failed;
  double max_tof_s;
  pthread_mutex_t lock;
  int pass;                  /* range_node's pass */
  int status;
};

/* rotation by angle th (rad, right-handed) about the unit axis g (Rodrigues' formula) */
static void rotation(const double g[3], double th, double R[9]) {
  double c = cos(th), s = sin(th), k = 1.0 - c;
  R[0] = c + g[0] * g[0] * k;
  R[1] = g[0] * g[1] * k - g[2] * s;
  R[2] = g[0] * g[2] * k + g[1] * s;
  R[3] = g[1] * g[0] * k + g[2] * s;
  R[4] = c + g[1] * g[1] * k;
  R[5] = g[1] * g[2] * k - g[0] * s;
  R[6] = g[2] * g[0] * k - g[1] * s;
  R[7] = g[2] * g[1] * k + g[0] * s;
  R[8] = c + g[2] * g[2] * k;
}

static void mul(const double R[9], const double x[3], double y[3]) {
  y[0] = R[0] * x[0] + R[1] * x[1] + R[2] * x[2];
  y[1] = R[3] * x[0] + R[4] * x[1] + R[5] * x[2];
  y[2] = R[6] * x[0] + R[7] * x[1] + R[8] * x[2];
}

static struct member *member_at(const struct bmd_family *f, int a, int j) {
  return &f->m[(size_t)a * (size_t)f->nu + (size_t)(j - 1)];
}

/* fly member m's control, recorded, and note where it lands */
static int fly_member(struct bmd_family *f, struct member *m) {
  struct bmd_traj_opts ro = f->o;
  double s, az;
  int st;
  ro.record = 1;
  ro.io.h_max_s = RECORD_H_MAX_S;
  memset(&m->raw, 0, sizeof m->raw);
  st = bmd_traj_fly(f->v, &ro, f->lat_deg, f->lon_deg, f->alt_m, &m->ctl, &m->raw);
  if (st != BMD_OK || m->raw.nsamples < 2 || !(m->raw.burnout_t_s > 0.0) ||
      !(m->raw.impact_t_s > m->raw.burnout_t_s)) {
    bmd_traj_result_release(&m->raw);
    return st == BMD_ENOMEM ? BMD_ENOMEM : BMD_ENOCONV;
  }
  /* kept until the resampling, possibly for all of a footprint's families at once
     (bmd_family_solve_set): no spare capacity (the recording grows it by doubling) */
  if (m->raw.cap > m->raw.nsamples) {
    struct bmd_traj_sample *p = realloc(m->raw.samples, (size_t)m->raw.nsamples * sizeof *p);
    if (p) {
      m->raw.samples = p;
      m->raw.cap = m->raw.nsamples;
    }
  }
  bmd_geodesic_inverse(f->o.phys.earth, f->lat_deg, f->lon_deg, m->raw.impact_lat_deg,
                       m->raw.impact_lon_deg, &s, &az, NULL);
  m->range_m = s;
  m->az_imp_deg = az;
  m->tof_s = m->raw.impact_t_s;
  m->tb_s = m->raw.burnout_t_s;
  m->apogee_m = m->raw.apogee_alt_m;
  m->valid = 1;
  return BMD_OK;
}

/* aim member (a, j < nu) from a guess (NULL: from scratch) and fly it */
static int solve_member(struct bmd_family *f, int a, int j, const struct bmd_traj_control *guess,
                        const double *J0, long *aims_full) {
  const struct node *nd = &f->node[a];
  struct member *m = member_at(f, a, j);
  struct bmd_aim_request rq;
  struct bmd_aim_result ar;
  int st;
  memset(&rq, 0, sizeof rq);
  rq.kind = BMD_AIM_MIN_ENERGY;
  rq.lat_deg = f->lat_deg;
  rq.lon_deg = f->lon_deg;
  rq.alt_m = f->alt_m;
  rq.tol_m = f->fo.tol_m;
  rq.branch_only = 1;   /* a held-pitch-over answer would be left out below */
  bmd_geodesic_direct(f->o.phys.earth, f->lat_deg, f->lon_deg, nd->az_deg,
                      nd->rmax_m * f->u[j], &rq.tgt_lat_deg, &rq.tgt_lon_deg);
  m->J[0] = nan("");
  if (guess) {
    if (J0) memcpy(m->J, J0, sizeof m->J);
    st = bmd_aim_refine(f->v, &f->o, &rq, guess, nd->rmax_m, nd->kmax_deg, m->J, &ar);
  } else {
    st = bmd_aim_solve(f->v, &f->o, &rq, &ar);
    (*aims_full)++;
  }
  if (st != BMD_OK) return st == BMD_ENOMEM ? st : BMD_ENOCONV;
  if (ar.shape_fixed) return BMD_ENOCONV;   /* the other branch: left out */
  m->ctl = ar.control;
  return fly_member(f, m);
}

/* the members of node a: each from the same range on node b (the neighbour, -1: none),
   extrapolated linearly from node b2 beyond it (-1: none) where both have it, else from
   the range below on this node */
static int solve_node(struct bmd_family *f, int a, int b, int b2, long *aims_full) {
  const struct node *nd = &f->node[a];
  int st;
  if (!nd->ok) return BMD_OK;
  for (int j = 1; j <= f->nu; j++) {
    struct bmd_traj_control g;
    const struct member *nb = b >= 0 && f->node[b].ok ? member_at(f, b, j) : NULL;
    const struct member *p1 = j > 1 ? member_at(f, a, j - 1) : NULL;
    const struct member *p2 = j > 2 ? member_at(f, a, j - 2) : NULL;
    const struct member *nb2 = nb && b2 >= 0 && f->node[b2].ok ? member_at(f, b2, j) : NULL;
    if (nb && nb->valid) {
      g = nb->ctl;
      if (nb2 && nb2->valid) {
        /* linear predictor along azimuth from the two nodes before (evenly spaced) */
        g.azimuth_deg += bmd_wrap180_deg(nb->ctl.azimuth_deg - nb2->ctl.azimuth_deg);
        g.kick_deg += nb->ctl.kick_deg - nb2->ctl.kick_deg;
        g.cutoff_s += nb->ctl.cutoff_s - nb2->ctl.cutoff_s;
      } else {
        g.azimuth_deg += bmd_wrap180_deg(nd->az_deg - f->node[b].az_deg);
      }
      st = solve_member(f, a, j, &g, nb->J, aims_full);
    } else if (p1 && p1->valid) {
      g = p1->ctl;
      if (p2 && p2->valid) {
        /* linear predictor along range from the two members below */
        double x = (f->u[j] - f->u[j - 1]) / (f->u[j - 1] - f->u[j - 2]);
        g.kick_deg += x * (p1->ctl.kick_deg - p2->ctl.kick_deg);
        g.cutoff_s += x * (p1->ctl.cutoff_s - p2->ctl.cutoff_s);
        g.azimuth_deg += x * bmd_wrap180_deg(p1->ctl.azimuth_deg - p2->ctl.azimuth_deg);
      }
      st = solve_member(f, a, j, &g, p1->J, aims_full);
    } else {
      st = solve_member(f, a, j, NULL, NULL, aims_full);
    }
    if (st == BMD_ENOMEM) return st;
  }
  return BMD_OK;
}

static void set_status(struct bmd_family *f, int st) {
  pthread_mutex_lock(&f->lock);
  if (!f->status) f->status = st;
  pthread_mutex_unlock(&f->lock);
}

/* the maximum range of node a: the full scan on every RANGE_STRIDE-th node and the last
   (pass 0), the others started from the best pitch-over of the scanned node below them
   (pass 1; bmd_aim_max_range_near) */
#define RANGE_STRIDE 4
static int scanned(const struct bmd_family *f, int a) {
  return a % RANGE_STRIDE == 0 || a == f->naz - 1;
}

static void range_node(struct bmd_family *f, int a) {
  struct node *nd = &f->node[a];
  const struct node *ref = &f->node[a - a % RANGE_STRIDE];
  struct bmd_traj_result r;
  struct bmd_traj_control c;
  double s, az;
  if (scanned(f, a) != (f->pass == 0)) return;
  if (f->pass == 0 || !ref->ok)
    nd->ok = bmd_aim_max_range(f->v, &f->o, f->lat_deg, f->lon_deg, f->alt_m, nd->az_deg,
                               &nd->rmax_m, &nd->kmax_deg) == BMD_OK;
  else
    nd->ok = bmd_aim_max_range_near(f->v, &f->o, f->lat_deg, f->lon_deg, f->alt_m,
                                    nd->az_deg, ref->kmax_deg, &nd->rmax_m,
                                    &nd->kmax_deg) == BMD_OK;
  nd->ok = nd->ok && nd->rmax_m > 0.0;
  if (!nd->ok) return;
  /* where that flight lands: the Earth's rotation turns it off the launch azimuth */
  c.azimuth_deg = nd->az_deg;
  c.kick_deg = nd->kmax_deg;
  c.cutoff_s = 1e30;
  nd->ok = bmd_traj_fly(f->v, &f->o, f->lat_deg, f->lon_deg, f->alt_m, &c, &r) == BMD_OK;
  if (!nd->ok) return;
  bmd_geodesic_inverse(f->o.phys.earth, f->lat_deg, f->lon_deg, r.impact_lat_deg,
                       r.impact_lon_deg, &s, &az, NULL);
  nd->daz_deg = bmd_wrap180_deg(az - nd->az_deg);
}

/* one side of the middle node, each node from its inner neighbour */
static void solve_side(struct bmd_family *f, int side) {
  int c = f->all_around ? 0 : f->naz / 2;
  long aims = 0;
  int st = BMD_OK;
  if (side == 0) {
    int last = f->all_around ? f->naz / 2 : f->naz - 1;
    for (int a = c + 1; a <= last && st == BMD_OK; a++)
      st = solve_node(f, a, a - 1, a - 2 >= c ? a - 2 : -1, &aims);
  } else {
    int last = f->all_around ? f->naz / 2 + 1 : 0;
    for (int a = (c - 1 + f->naz) % f->naz, b = c; a >= last && a != c && st == BMD_OK;
         b = a, a--)
      st = solve_node(f, a, b, b != c ? (b + 1) % f->naz : -1, &aims);
  }
  pthread_mutex_lock(&f->lock);
  f->aims_full += aims;
  pthread_mutex_unlock(&f->lock);
  if (st != BMD_OK) set_status(f, st);
}

/* time on member m at normalised time index i */
static double member_t(const struct bmd_family *f, const struct member *m, int i, double *dtds) {
  int ns = f->n1 + f->n2;
  if (i <= f->n1) {
    *dtds = m->tb_s * ns / f->n1;
    return m->tb_s * i / f->n1;
  }
  *dtds = (m->tof_s - m->tb_s) * ns / f->n2;
  return m->tb_s + (m->tof_s - m->tb_s) * (i - f->n1) / f->n2;
}

/* the longest burn and coast of the valid members, and the longest time of flight */
static void extent(struct bmd_family *f, double *tb, double *coast) {
  size_t nm = (size_t)f->naz * (size_t)f->nu;
  *tb = *coast = 0.0;
  for (size_t k = 0; k < nm; k++)
    if (f->m[k].valid) {
      *tb = fmax(*tb, f->m[k].tb_s);
      *coast = fmax(*coast, f->m[k].tof_s - f->m[k].tb_s);
      f->max_tof_s = fmax(f->max_tof_s, f->m[k].tof_s);
    }
}

/* resample every valid member onto the normalised times, turned onto the reference
   meridian */
static int resample(struct bmd_family *f) {
  double tb, coast;
  size_t nm = (size_t)f->naz * (size_t)f->nu, per;
  int ns;
  extent(f, &tb, &coast);
  f->n1 = (int)ceil(tb / SAMPLE_DT_S);
  f->n2 = (int)ceil(coast / SAMPLE_DT_S);
  if (f->n1 < 1 || f->n2 < 1) return BMD_ENOCONV;
  ns = f->n1 + f->n2;
  per = (size_t)(ns + 1) * 6;
  f->buf = malloc(nm * per * sizeof *f->buf);
  if (!f->buf) return BMD_ENOMEM;
  for (size_t k = 0; k < nm; k++) {
    struct member *m = &f->m[k];
    double R[9];
    long hint = 0;
    m->q = f->buf + k * per;
    if (!m->valid) continue;
    rotation(f->g, m->az_imp_deg * BMD_DEG, R);
    for (int i = 0; i <= ns; i++) {
      double dtds, t = member_t(f, m, i, &dtds), p[3], v[3];
      bmd_traj_state_hermite(&m->raw, fmin(t, m->raw.samples[m->raw.nsamples - 1].t_s), &hint, p, v);
      for (int c = 0; c < 3; c++) v[c] *= dtds;
      mul(R, p, m->q + 6 * i);
      mul(R, v, m->q + 6 * i + 3);
    }
    bmd_traj_result_release(&m->raw);
  }
  return BMD_OK;
}

/* a new family's nodes and members, nothing solved yet; NULL when out of memory */
static struct bmd_family *family_new(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                                     const struct bmd_family_spec *sp) {
  const struct bmd_family_opts *fo = &sp->fo;
  struct bmd_family *f = calloc(1, sizeof *f);
  double r0[3];
  if (!f) return NULL;
  f->v = v;
  f->o = *o;
  f->o.record = 0;
  f->lat_deg = sp->lat_deg;
  f->lon_deg = sp->lon_deg;
  f->alt_m = sp->alt_m;
  f->fo = *fo;
  f->all_around = fo->all_around;
  f->naz = fo->all_around ? (int)ceil(360.0 / fo->az_step_deg - 1e-9) : fo->naz;
  if (f->all_around) f->fo.az_step_deg = 360.0 / f->naz;
  f->nu = fo->nu;
  bmd_physics_to_ecef(&f->o.phys, sp->lat_deg * BMD_DEG, sp->lon_deg * BMD_DEG, sp->alt_m, r0);
  bmd_vec3_unit(r0, f->g);
  pthread_mutex_init(&f->lock, NULL);
  f->node = calloc((size_t)f->naz, sizeof *f->node);
  f->m = calloc((size_t)f->naz * (size_t)f->nu, sizeof *f->m);
  f->u = calloc((size_t)f->nu + 1, sizeof *f->u);
  if (!f->node || !f->m || !f->u) {
    bmd_family_free(f);
    return NULL;
  }
  for (int j = 1; j <= f->nu; j++) f->u[j] = U_TOP * pow((double)j / f->nu, U_POWER);
  for (int a = 0; a < f->naz; a++)
    f->node[a].az_deg = fmod(fmod(f->fo.az0_deg + a * f->fo.az_step_deg, 360.0) + 360.0, 360.0);
  return f;
}

/* Several families built together: each step below runs as one pool over the work items
   of every family still standing, so that one family's serial steps (its middle node, its
   two sides) overlap another's. Every item's work is what bmd_family_build would do for
   it, in the same order within a family, so the families do not depend on threads. */
enum step { STEP_RANGE0, STEP_RANGE1, STEP_MIDDLE, STEP_SIDES, STEP_RESAMPLE };

struct set {
  struct bmd_family **f;
  int n, *order;           /* families by decreasing nodes: the longest work first */
  long *count;             /* [n]: items of family order[k] in this step, fixed at its start
                              (a family failing during the step must not shift the others) */
  enum step step;
  long next, total;
  pthread_mutex_t lock;
};

static long items(const struct bmd_family *f, enum step step) {
  if (!f || f->status) return 0;
  switch (step) {
    case STEP_RANGE0:
    case STEP_RANGE1: return f->naz;
    case STEP_SIDES: return 2;
    default: return 1;
  }
}

static void *work_set(void *pv) {
  struct set *S = pv;
  for (;;) {
    long q, i;
    int k = 0;
    struct bmd_family *f;
    pthread_mutex_lock(&S->lock);
    q = S->next++;
    pthread_mutex_unlock(&S->lock);
    if (q >= S->total) break;
    /* item q: the families' items one family after another, in S->order */
    for (i = q; k < S->n && i >= S->count[k]; k++) i -= S->count[k];
    if (k >= S->n) break;
    f = S->f[S->order[k]];
    switch (S->step) {
      case STEP_RANGE0:
      case STEP_RANGE1:
        range_node(f, (int)i);
        break;
      case STEP_MIDDLE: {
        long aims = 0;
        int st = BMD_ENOCONV;
        for (int a = 0; a < f->naz; a++)
          if (f->node[a].ok) st = BMD_OK;   /* some azimuth has a maximum range */
        if (st == BMD_OK) st = solve_node(f, f->all_around ? 0 : f->naz / 2, -1, -1, &aims);
        f->aims_full += aims;
        if (st != BMD_OK) set_status(f, st);
        break;
      }
      case STEP_SIDES:
        solve_side(f, (int)i);
        break;
      case STEP_RESAMPLE: {
        int st;
        for (size_t m = 0; m < (size_t)f->naz * (size_t)f->nu; m++) f->failed += !f->m[m].valid;
        st = resample(f);
        if (st != BMD_OK) set_status(f, st);
        break;
      }
    }
  }
  return NULL;
}

/* the steps of bmd_family_build_set up to and including last */
static int build_set(struct bmd_family **out, int *st, int n, const struct bmd_vehicle *v,
                     const struct bmd_traj_opts *o, const struct bmd_family_spec *spec,
                     int threads, enum step last) {
  struct set S;
  int rc = BMD_OK;
  for (int k = 0; k < n; k++) {
    const struct bmd_family_opts *fo = &spec[k].fo;
    out[k] = NULL;
    st[k] = BMD_OK;
    if (!(fo->az_step_deg > 0.0) || fo->nu < 4 || (!fo->all_around && fo->naz < 2) ||
        !isfinite(fo->az0_deg))
      return BMD_EINVAL;
  }
  if (n < 1 || threads < 1) return BMD_EINVAL;
  memset(&S, 0, sizeof S);
  S.n = n;
  S.f = calloc((size_t)n, sizeof *S.f);
  S.order = calloc((size_t)n, sizeof *S.order);
  S.count = calloc((size_t)n, sizeof *S.count);
  if (!S.f || !S.order || !S.count) {
    free(S.f);
    free(S.order);
    free(S.count);
    return BMD_ENOMEM;
  }
  for (int k = 0; k < n && rc == BMD_OK; k++)
    if (!(S.f[k] = family_new(v, o, &spec[k]))) rc = BMD_ENOMEM;
  if (rc == BMD_OK) {
    for (int k = 0; k < n; k++) S.order[k] = k;
    for (int k = 1; k < n; k++)   /* insertion sort: by decreasing nodes, then index */
      for (int q = k; q > 0 && S.f[S.order[q]]->naz > S.f[S.order[q - 1]]->naz; q--) {
        int t = S.order[q];
        S.order[q] = S.order[q - 1];
        S.order[q - 1] = t;
      }
    pthread_mutex_init(&S.lock, NULL);
    for (int step = STEP_RANGE0; step <= (int)last; step++) {
      S.step = (enum step)step;
      S.next = 0;
      S.total = 0;
      for (int k = 0; k < n; k++) {
        S.f[k]->pass = step == STEP_RANGE1;
        S.count[k] = items(S.f[S.order[k]], S.step);
        S.total += S.count[k];
      }
      if (S.total > 0) bmd_pool_run(threads < S.total ? threads : (int)S.total, work_set, &S);
    }
    pthread_mutex_destroy(&S.lock);
    for (int k = 0; k < n; k++) {
      if (last < STEP_RESAMPLE && S.f[k]->status == BMD_OK) {
        /* what the resampling step counts and finds, without its tables */
        double tb, coast;
        for (size_t m = 0; m < (size_t)S.f[k]->naz * (size_t)S.f[k]->nu; m++) S.f[k]->failed += !S.f[k]->m[m].valid;
        extent(S.f[k], &tb, &coast);
      }
      st[k] = S.f[k]->status;
      if (st[k] == BMD_OK) {
        out[k] = S.f[k];
        S.f[k] = NULL;
      }
    }
  }
  for (int k = 0; k < n; k++) bmd_family_free(S.f[k]);
  free(S.f);
  free(S.order);
  free(S.count);
  return rc;
}

int bmd_family_build_set(struct bmd_family **out, int *st, int n, const struct bmd_vehicle *v,
                         const struct bmd_traj_opts *o, const struct bmd_family_spec *spec,
                         int threads) {
  return build_set(out, st, n, v, o, spec, threads, STEP_RESAMPLE);
}

int bmd_family_solve_set(struct bmd_family **out, int *st, int n, const struct bmd_vehicle *v,
                         const struct bmd_traj_opts *o, const struct bmd_family_spec *spec,
                         int threads) {
  return build_set(out, st, n, v, o, spec, threads, STEP_SIDES);
}

int bmd_family_resample(struct bmd_family *f) {
  if (f->buf) return BMD_OK;
  return resample(f);
}

int bmd_family_build(struct bmd_family **out, const struct bmd_vehicle *v,
                     const struct bmd_traj_opts *o, double lat, double lon, double alt,
                     const struct bmd_family_opts *fo) {
  struct bmd_family_spec sp;
  int st = BMD_OK, rc;
  *out = NULL;
  if (fo->threads < 1) return BMD_EINVAL;
  sp.lat_deg = lat;
  sp.lon_deg = lon;
  sp.alt_m = alt;
  sp.fo = *fo;
  rc = bmd_family_build_set(out, &st, 1, v, o, &sp, fo->threads);
  return rc != BMD_OK ? rc : st;
}

void bmd_family_free(struct bmd_family *f) {
  if (!f) return;
  if (f->m)
    for (size_t k = 0; k < (size_t)f->naz * (size_t)f->nu; k++)
      bmd_traj_result_release(&f->m[k].raw);
  free(f->m);
  free(f->node);
  free(f->u);
  free(f->buf);
  pthread_mutex_destroy(&f->lock);
  free(f);
}

/* the two azimuth nodes around az and the weight of the second; 0 when outside */
static int az_nodes(const struct bmd_family *f, double az, int *a0, int *a1, double *w1) {
  double d = fmod(fmod(az - f->fo.az0_deg, 360.0) + 360.0, 360.0) / f->fo.az_step_deg;
  int a;
  if (!isfinite(d)) return 0;
  if (f->all_around) {
    a = (int)floor(d);
    *a0 = a % f->naz;
    *a1 = (a + 1) % f->naz;
    *w1 = d - a;
  } else {
    if (d > f->naz - 1 + 1e-9) return 0;
    a = d >= f->naz - 1 ? f->naz - 2 : (int)floor(d);
    *a0 = a;
    *a1 = a + 1;
    *w1 = fmin(1.0, d - a);
  }
  return f->node[*a0].ok && f->node[*a1].ok;
}

int bmd_family_max_range(const struct bmd_family *f, double az, double *range_m,
                         double *kick_deg) {
  int a0, a1;
  double w, daz;
  /* the farthest impact at impact azimuth az: the maximum range at the launch azimuth
     whose maximum-range flight lands at az (one fixed-point step on the nodes' offsets) */
  if (!az_nodes(f, az, &a0, &a1, &w)) return 0;
  daz = (1.0 - w) * f->node[a0].daz_deg + w * f->node[a1].daz_deg;
  if (!az_nodes(f, az - daz, &a0, &a1, &w)) return 0;
  *range_m = (1.0 - w) * f->node[a0].rmax_m + w * f->node[a1].rmax_m;
  if (kick_deg) *kick_deg = (1.0 - w) * f->node[a0].kmax_deg + w * f->node[a1].kmax_deg;
  return 1;
}

/* sample i of the blend of members m with weights w, rotated by R (bmd_family_traj) */
static void blend(const struct bmd_family *f, const struct member *const m[8], const double w[8],
                  const double R[9], double tb, double tof, double dtds1, double dtds2, int i,
                  struct bmd_traj_sample *sp) {
  double q[6] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0}, dtds = i <= f->n1 ? dtds1 : dtds2;
  for (int k = 0; k < 8; k++) {
    const double *qm = m[k]->q + 6 * i;
    for (int c = 0; c < 6; c++) q[c] += w[k] * qm[c];
  }
  for (int c = 3; c < 6; c++) q[c] /= dtds;
  sp->t_s = i <= f->n1 ? tb * i / f->n1 : tb + (tof - tb) * (i - f->n1) / f->n2;
  mul(R, q, sp->r_ecef_m);
  mul(R, q + 3, sp->v_ecef_mps);
  sp->mass_kg = 0.0;
  sp->phase = i <= f->n1 ? BMD_PHASE_BOOST : BMD_PHASE_MIDCOURSE;
}

int bmd_family_traj(const struct bmd_family *f, double az, double range_m,
                    struct bmd_traj_result *out) {
  int a[2], j0, ns = f->n1 + f->n2;
  double wa, rmax, u, wu[4], w[8], R[9], tb = 0.0, tof = 0.0, apo = 0.0, dtds1, dtds2;
  const struct member *m[8];
  if (!f->buf || !bmd_family_max_range(f, az, &rmax, NULL)) return BMD_EINVAL;
  if (range_m > rmax) return BMD_ERANGE;
  if (!az_nodes(f, az, &a[0], &a[1], &wa)) return BMD_EINVAL;
  /* the members lie at fractions of their own node's maximum range */
  rmax = (1.0 - wa) * f->node[a[0]].rmax_m + wa * f->node[a[1]].rmax_m;
  u = range_m / rmax;
  if (u < f->u[1] || u > f->u[f->nu]) return BMD_EINVAL;
  /* the four members around u: two below and two above where there are; when one of
     them failed, the stencil one member lower or higher if it still brackets u */
  for (j0 = 1; j0 < f->nu - 3 && f->u[j0 + 2] < u; j0++) {}
  {
    const int try_[3] = {j0, j0 - 1, j0 + 1};
    int ok = 0;
    for (int t = 0; t < 3 && !ok; t++) {
      int jj = try_[t];
      if (jj < 1 || jj > f->nu - 3 || u < f->u[jj] || u > f->u[jj + 3]) continue;
      ok = 1;
      for (int side = 0; side < 2 && ok; side++)
        for (int k = 0; k < 4 && ok; k++) ok = member_at(f, a[side], jj + k)->valid;
      if (ok) j0 = jj;
    }
    if (!ok) return BMD_ENOCONV;
  }
  /* Lagrange weights on the four nodes, in xi = u^(1/U_POWER), where the members are
     equally spaced and the time of flight of short flights nearly linear (Lagrange
     interpolation) */
  {
    double xi = pow(u / U_TOP, 1.0 / U_POWER) * f->nu - j0;
    wu[0] = -(xi - 1.0) * (xi - 2.0) * (xi - 3.0) / 6.0;
    wu[1] = xi * (xi - 2.0) * (xi - 3.0) / 2.0;
    wu[2] = -xi * (xi - 1.0) * (xi - 3.0) / 2.0;
    wu[3] = xi * (xi - 1.0) * (xi - 2.0) / 6.0;
  }
  for (int s = 0; s < 2; s++)
    for (int k = 0; k < 4; k++) {
      const struct member *mm = member_at(f, a[s], j0 + k);
      m[4 * s + k] = mm;
      w[4 * s + k] = (s ? wa : 1.0 - wa) * wu[k];
      tb += w[4 * s + k] * mm->tb_s;
      tof += w[4 * s + k] * mm->tof_s;
      apo += w[4 * s + k] * mm->apogee_m;
    }
  if (out->cap < ns + 1) {
    struct bmd_traj_sample *p = realloc(out->samples, (size_t)(ns + 1) * sizeof *p);
    if (!p) return BMD_ENOMEM;
    out->samples = p;
    out->cap = ns + 1;
  }
  rotation(f->g, -az * BMD_DEG, R);
  dtds1 = tb * ns / f->n1;
  dtds2 = (tof - tb) * ns / f->n2;
  {
    /* the boost sample by sample; the coast in strides of COAST_STRIDE where both ends
       of a stride are above the atmosphere (so is all of the arc between), else sample
       by sample */
    struct bmd_traj_sample *sp = out->samples, next;
    long n = 0;
    for (int i = 0; i <= f->n1; i++) blend(f, m, w, R, tb, tof, dtds1, dtds2, i, &sp[n++]);
    for (int i = f->n1; i < ns;) {
      int i1 = i + COAST_STRIDE < ns ? i + COAST_STRIDE : ns;
      blend(f, m, w, R, tb, tof, dtds1, dtds2, i1, &next);
      if (i1 - i > 1 && !(bmd_vec3_norm(sp[n - 1].r_ecef_m) > EXO_R_M && bmd_vec3_norm(next.r_ecef_m) > EXO_R_M))
        for (int k = i + 1; k < i1; k++) blend(f, m, w, R, tb, tof, dtds1, dtds2, k, &sp[n++]);
      sp[n++] = next;
      i = i1;
    }
    out->nsamples = n;
  }
  out->status = BMD_OK;
  out->burnout_t_s = tb;
  out->impact_t_s = tof;
  out->apogee_alt_m = apo;
  out->range_m = range_m;
  {
    double la, lo;
    const struct bmd_traj_sample *b = &out->samples[f->n1], *e = &out->samples[out->nsamples - 1];
    bmd_physics_from_ecef(&f->o.phys, e->r_ecef_m, &la, &lo, NULL);
    out->impact_lat_deg = la / BMD_DEG;
    out->impact_lon_deg = lo / BMD_DEG;
    out->impact_speed_mps = bmd_vec3_norm(e->v_ecef_mps);
    memcpy(out->burnout_r_ecef_m, b->r_ecef_m, sizeof b->r_ecef_m);
    memcpy(out->burnout_v_ecef_mps, b->v_ecef_mps, sizeof b->v_ecef_mps);
    out->burnout_speed_mps = bmd_vec3_norm(b->v_ecef_mps);
  }
  return BMD_OK;
}

int bmd_family_guess(const struct bmd_family *f, double az, double range_m,
                     struct bmd_traj_control *c, double J[9]) {
  int a0, a1, a, j;
  double w, rmax;
  if (!az_nodes(f, az, &a0, &a1, &w)) return 0;
  a = w < 0.5 ? a0 : a1;
  rmax = f->node[a].rmax_m;
  for (j = 1; j < f->nu && f->u[j] < range_m / rmax; j++) {}
  if (j > 1 && range_m / rmax - f->u[j - 1] < f->u[j] - range_m / rmax) j--;
  for (int d = 0; d < f->nu; d++)
    for (int s = -1; s <= 1; s += 2) {
      int jj = j + s * d;
      const struct member *m;
      if (jj < 1 || jj > f->nu) continue;
      m = member_at(f, a, jj);
      if (!m->valid) continue;
      *c = m->ctl;
      c->azimuth_deg += bmd_wrap180_deg(az - f->node[a].az_deg);
      if (J) memcpy(J, m->J, sizeof m->J);
      return 1;
    }
  return 0;
}

void bmd_family_count(const struct bmd_family *f, long *members, long *failed, long *aims_full,
                      double *max_tof_s) {
  if (members) *members = (long)f->naz * f->nu;
  if (failed) *failed = f->failed;
  if (aims_full) *aims_full = f->aims_full;
  if (max_tof_s) *max_tof_s = f->max_tof_s;
}
