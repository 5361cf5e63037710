/* ballistic.c - free flight to impact, single and batched (ballistic.h). */
#include <bmd/ballistic.h>

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include <bmd/atmos.h>
#include <bmd/const.h>
#include <bmd/status.h>

#include "lanes.h"

void bmd_ballistic_rhs(double t, const double *y, double *dy, void *params) {
  const struct bmd_ballistic_params *p = params;
  double a[3];
  (void)t;
  bmd_physics_gravity(&p->phys, y, a);
  if (p->omega_radps != 0.0) bmd_physics_frame_accel(p->omega_radps, y, y + 3, a);
  if (p->inv_beta > 0.0 && p->layer < 7) {
    double h = bmd_physics_height_near(&p->phys, y);   /* below the atmosphere's top */
    double rho = bmd_atmos_density_layer(h, p->layer);
    double v = sqrt(y[3] * y[3] + y[4] * y[4] + y[5] * y[5]);
    /* drag deceleration rho |v| v / (2 beta) */
    double k = -0.5 * rho * v * p->inv_beta;
    a[0] += k * y[3];
    a[1] += k * y[4];
    a[2] += k * y[5];
  }
  dy[0] = y[3];
  dy[1] = y[4];
  dy[2] = y[5];
  dy[3] = a[0];
  dy[4] = a[1];
  dy[5] = a[2];
}

void bmd_ballistic_state(const struct bmd_physics *phys, const struct bmd_ballistic_in *in,
                         double y[6]) {
  double lat = in->lat_deg * BMD_DEG, lon = in->lon_deg * BMD_DEG, e[3], n[3], u[3];
  bmd_physics_to_ecef(phys, lat, lon, in->alt_m, y);
  bmd_physics_enu_basis(phys, lat, lon, e, n, u);
  for (int i = 0; i < 3; i++)
    y[3 + i] = in->v_east_mps * e[i] + in->v_north_mps * n[i] + in->v_up_mps * u[i];
}

/* the problem of one object: its parameters, the integrator's view of them, its state */
static void setup(const struct bmd_physics *phys, const struct bmd_ballistic_in *in,
                  struct bmd_ballistic_params *prm, struct bmd_integrate_problem *pb, double y[6]) {
  prm->phys = *phys;
  prm->omega_radps = bmd_physics_omega(phys);
  prm->inv_beta = phys->drag ? 1.0 / in->beta_kgm2 : 0.0;
  prm->layer = 7;
  pb->n = 6;
  pb->rhs = bmd_ballistic_rhs;
  pb->params = prm;
  pb->layer = phys->drag ? &prm->layer : NULL;
  pb->phys = phys;
  bmd_ballistic_state(phys, in, y);
}

/* the output row from the integrator's result and status */
static int finish(const struct bmd_physics *phys, const struct bmd_ballistic_in *in,
                  const struct bmd_integrate_result *res, int st, struct bmd_ballistic_out *out) {
  double lat, lon;
  out->id = in->id;
  bmd_physics_from_ecef(phys, res->y, &lat, &lon, NULL);
  out->impact_lat_deg = lat / BMD_DEG;
  out->impact_lon_deg = lon / BMD_DEG;
  out->time_of_flight_s = res->t_s;
  out->apogee_alt_m = res->apogee_h_m;
  out->nfev = res->nfev;
  if (st == BMD_OK && !res->hit_ground) st = BMD_ESTEP;
  out->status = st;
  return st;
}

int bmd_ballistic_impact(const struct bmd_physics *phys, const struct bmd_integrate_opts *o,
                         const struct bmd_ballistic_in *in, struct bmd_ballistic_out *out) {
  struct bmd_ballistic_params prm;
  struct bmd_integrate_problem pb;
  struct bmd_integrate_result res;
  double y[6];
  int st;
  setup(phys, in, &prm, &pb, y);
  st = bmd_integrate_run(&pb, o, 0.0, y, HUGE_VAL, 1, 0.0, NULL, NULL, &res);
  return finish(phys, in, &res, st, out);
}

/* Batch: workers take chunks from an atomic counter; each result lands in its own slot,
   so the output is identical for any thread count (and, the lanes giving the scalar
   step's bits, for any kernel). */
struct batch {
  const struct bmd_physics *phys;
  const struct bmd_integrate_opts *o;
  const struct bmd_ballistic_in *in;
  struct bmd_ballistic_out *out;
  long n;
  bmd_lanes_fn lanes;        /* NULL: one object at a time */
  void (*progress)(void *, long, long);
  void *ctx;
  atomic_long next;
  atomic_long done;
};

#define CHUNK 64

/* the next chunk [*i0, *i1) of objects, or 0 when none is left; the calling thread (caller)
   reports progress here */
static int take_chunk(struct batch *b, int caller, long *i0, long *i1) {
  long a = atomic_fetch_add(&b->next, CHUNK);
  if (caller && b->progress) b->progress(b->ctx, atomic_load(&b->done), b->n);
  if (a >= b->n) return 0;
  *i0 = a;
  *i1 = a + CHUNK < b->n ? a + CHUNK : b->n;
  return 1;
}

/* one object in a lane */
struct lane {
  struct bmd_ballistic_params prm;
  struct bmd_integrate_problem pb;
  struct bmd_integrate_lane L;
  long i;
};

static void lane_finish(struct batch *b, struct lane *s) {
  struct bmd_integrate_result res;
  int st = bmd_integrate_lane_end(&s->L, &res);
  finish(b->phys, &b->in[s->i], &res, st, &b->out[s->i]);
  atomic_fetch_add(&b->done, 1);
}

/* BMD_LANES objects at a time: each lane runs its own object's integration (integrate.h's
   state machine) and the steps of all lanes are taken together by the kernel; a lane whose
   object is done takes the next one */
static void run_lanes(struct batch *b, int caller) {
  struct lane sl[BMD_LANES];
  struct bmd_lanes_step st;
  struct bmd_lanes_out out;
  int active[BMD_LANES] = {0}, more = 1;
  long i0 = 0, i1 = 0;
  memset(&st, 0, sizeof st);
  st.omega_radps = bmd_physics_omega(b->phys);
  for (int i = 0; i < 6; i++) st.atol[i] = b->o->atol[i];
  st.rtol = b->o->rtol;
  for (int i = 0; i < 7; i++) bmd_atmos_table_layer(i, &st.tab[i]);
  for (int i = 0; i < 8; i++) st.base_h_m[i] = bmd_atmos_layer_base_h_m(i);
  for (;;) {
    int first = -1;
    for (int l = 0; l < BMD_LANES; l++) {
      while (!active[l] && more) {
        double y[6];
        struct lane *s = &sl[l];
        if (i0 >= i1 && !(more = take_chunk(b, caller, &i0, &i1))) break;
        s->i = i0++;
        setup(b->phys, &b->in[s->i], &s->prm, &s->pb, y);
        if (bmd_integrate_lane_begin(&s->L, &s->pb, b->o, 0.0, y, HUGE_VAL, 1, 0.0, NULL, NULL))
          active[l] = 1;
        else
          lane_finish(b, s);
      }
      if (active[l] && first < 0) first = l;
    }
    if (first < 0) break;
    for (int l = 0; l < BMD_LANES; l++) {
      /* an idle lane repeats the first busy one's step without its drag (harmless work) */
      const struct lane *s = &sl[active[l] ? l : first];
      for (int i = 0; i < 6; i++) {
        st.y[i][l] = s->L.y[i];
        st.f[i][l] = s->L.f[i];
      }
      st.h[l] = s->L.step_h;
      st.inv_beta[l] = s->prm.inv_beta;
      st.layer[l] = active[l] ? s->prm.layer : 7;
    }
    b->lanes(&st, &out);
    for (int l = 0; l < BMD_LANES; l++) {
      double yl[6], fl[6];
      struct bmd_integrate_point pt;
      if (!active[l]) continue;
      for (int i = 0; i < 6; i++) {
        yl[i] = out.y1[i][l];
        fl[i] = out.f1[i][l];
      }
      pt.h_m = out.h_m[l];
      pt.hdot_mps = out.hdot_mps[l];
      pt.layer = out.layer[l];
      for (int i = 0; i < 3; i++) pt.up[i] = out.up[i][l];
      if (!bmd_integrate_lane_next_at(&sl[l].L, yl, out.err[l], &pt, fl, st.layer[l])) {
        lane_finish(b, &sl[l]);
        active[l] = 0;
      }
    }
  }
}

static void run(struct batch *b, int caller) {
  long i0, i1;
  if (b->lanes) {
    run_lanes(b, caller);
    return;
  }
  while (take_chunk(b, caller, &i0, &i1)) {
    for (long i = i0; i < i1; i++) bmd_ballistic_impact(b->phys, b->o, &b->in[i], &b->out[i]);
    atomic_fetch_add(&b->done, i1 - i0);
  }
}

static void *worker(void *arg) {
  run(arg, 0);
  return NULL;
}

int bmd_ballistic_batch(const struct bmd_physics *phys, const struct bmd_integrate_opts *o,
                        const struct bmd_ballistic_in *in, struct bmd_ballistic_out *out,
                        long n, int nthreads, void (*progress)(void *, long, long),
                        void *ctx) {
  return bmd_ballistic_batch_kernel(phys, o, in, out, n, nthreads, BMD_KERNEL_AUTO, progress, ctx);
}

int bmd_ballistic_batch_kernel(const struct bmd_physics *phys, const struct bmd_integrate_opts *o,
                               const struct bmd_ballistic_in *in, struct bmd_ballistic_out *out,
                               long n, int nthreads, enum bmd_ballistic_kernel kernel,
                               void (*progress)(void *, long, long), void *ctx) {
  struct batch b;
  pthread_t tid[256];
  int started = 0;

  b.phys = phys;
  b.o = o;
  b.in = in;
  b.out = out;
  b.n = n;
  b.progress = progress;
  b.ctx = ctx;
  b.lanes = bmd_lanes_kernel(bmd_ballistic_kernel_resolve(phys, kernel));
  atomic_init(&b.next, 0);
  atomic_init(&b.done, 0);
  if (nthreads <= 0) {
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    nthreads = nc > 0 ? (int)nc : 1;
  }
  if (nthreads > 256) nthreads = 256;
  /* if a thread cannot start, the others (the calling thread at least) do its share */
  for (int i = 1; i < nthreads; i++) {
    if (pthread_create(&tid[started], NULL, worker, &b) != 0) break;
    started++;
  }
  run(&b, 1);
  for (int i = 0; i < started; i++) pthread_join(tid[i], NULL);
  if (progress) progress(ctx, n, n);
  return BMD_OK;
}
