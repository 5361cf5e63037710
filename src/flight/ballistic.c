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

void bmd_ballistic_rhs(double t, const double *y, double *dy, void *params) {
  const struct bmd_ballistic_params *p = params;
  double a[3];
  (void)t;
  bmd_physics_gravity(&p->phys, y, a);
  if (p->omega_radps != 0.0) bmd_physics_frame_accel(p->omega_radps, y, y + 3, a);
  if (p->inv_beta > 0.0 && p->layer < 7) {
    double h = bmd_physics_height(&p->phys, y, NULL);
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

int bmd_ballistic_impact(const struct bmd_physics *phys, const struct bmd_integrate_opts *o,
                         const struct bmd_ballistic_in *in, struct bmd_ballistic_out *out) {
  struct bmd_ballistic_params prm;
  struct bmd_integrate_problem pb;
  struct bmd_integrate_result res;
  double y[6], lat, lon;
  int st;

  prm.phys = *phys;
  prm.omega_radps = bmd_physics_omega(phys);
  prm.inv_beta = phys->drag ? 1.0 / in->beta_kgm2 : 0.0;
  prm.layer = 7;
  pb.n = 6;
  pb.rhs = bmd_ballistic_rhs;
  pb.params = &prm;
  pb.layer = phys->drag ? &prm.layer : NULL;
  pb.phys = phys;
  bmd_ballistic_state(phys, in, y);
  st = bmd_integrate_run(&pb, o, 0.0, y, HUGE_VAL, 1, 0.0, NULL, NULL, &res);
  out->id = in->id;
  bmd_physics_from_ecef(phys, res.y, &lat, &lon, NULL);
  out->impact_lat_deg = lat / BMD_DEG;
  out->impact_lon_deg = lon / BMD_DEG;
  out->time_of_flight_s = res.t_s;
  out->apogee_alt_m = res.apogee_h_m;
  out->nfev = res.nfev;
  if (st == BMD_OK && !res.hit_ground) st = BMD_ESTEP;
  out->status = st;
  return st;
}

/* Batch: workers take chunks from an atomic counter; each result lands in its own slot,
   so the output is identical for any thread count. */
struct batch {
  const struct bmd_physics *phys;
  const struct bmd_integrate_opts *o;
  const struct bmd_ballistic_in *in;
  struct bmd_ballistic_out *out;
  long n;
  atomic_long next;
  atomic_long done;
};

#define CHUNK 64

static void *worker(void *arg) {
  struct batch *b = arg;
  for (;;) {
    long i0 = atomic_fetch_add(&b->next, CHUNK);
    if (i0 >= b->n) break;
    long i1 = i0 + CHUNK < b->n ? i0 + CHUNK : b->n;
    for (long i = i0; i < i1; i++) bmd_ballistic_impact(b->phys, b->o, &b->in[i], &b->out[i]);
    atomic_fetch_add(&b->done, i1 - i0);
  }
  return NULL;
}

int bmd_ballistic_batch(const struct bmd_physics *phys, const struct bmd_integrate_opts *o,
                        const struct bmd_ballistic_in *in, struct bmd_ballistic_out *out,
                        long n, int nthreads, void (*progress)(void *, long, long),
                        void *ctx) {
  struct batch b;
  pthread_t tid[256];
  int started = 0, status = BMD_OK;


  b.phys = phys;
  b.o = o;
  b.in = in;
  b.out = out;
  b.n = n;
  atomic_init(&b.next, 0);
  atomic_init(&b.done, 0);
  if (nthreads <= 0) {
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    nthreads = nc > 0 ? (int)nc : 1;
  }
  if (nthreads > 256) nthreads = 256;
  for (int i = 1; i < nthreads; i++) {
    if (pthread_create(&tid[started], NULL, worker, &b) != 0) {
      status = BMD_ENOMEM;
      break;
    }
    started++;
  }
  if (progress) {
    /* the calling thread works too, reporting between chunks */
    for (;;) {
      long i0 = atomic_fetch_add(&b.next, CHUNK);
      if (i0 >= n) break;
      long i1 = i0 + CHUNK < n ? i0 + CHUNK : n;
      for (long i = i0; i < i1; i++) bmd_ballistic_impact(phys, o, &in[i], &out[i]);
      atomic_fetch_add(&b.done, i1 - i0);
      progress(ctx, atomic_load(&b.done), n);
    }
  } else {
    worker(&b);
  }
  for (int i = 0; i < started; i++) pthread_join(tid[i], NULL);
  if (progress) progress(ctx, n, n);
  (void)status; /* with no extra thread the calling thread did all the work */
  return BMD_OK;
}
