/*
 * test_reach.c - an interceptor's reach over the ground at kill-vehicle altitudes
 * (reach.h's bmd_reach_ground_m, the rings of the coverage map) is physically consistent:
 *  - over every pair of catalog interceptors with the same kill-vehicle limits (altitude
 *    band, closing speed, published reach, endurance), the faster one (maximum burnout speed,
 *    aim.h) never shows less reach, in two directions from the site (the Earth's rotation
 *    helps one and hinders the other); equal speeds on equal stages give equal reach;
 *  - scaling one interceptor's specific impulse up never shrinks its reach (the GBI, whose
 *    reach is the kinematics within its endurance, strictly grows; the SM-3 IIA, capped by
 *    its published 2,500 km, never falls);
 *  - the reach is read within the endurance: a longer endurance never shrinks it, and the
 *    6.3 km/s GBI's ring is smaller than the 8.5 km/s one's (the regression of issue 24:
 *    6,790 against 4,975 km when the fan's 1,800-s coasts counted and a 2,000 km ceiling cut
 *    the faster one's higher arcs).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <bmd/aim.h>
#include <bmd/catalog.h>
#include <bmd/fan.h>
#include <bmd/reach.h>
#include <bmd/status.h>

#include "check.h"

#define SITE_LAT 54.47   /* Redzikowo */
#define SITE_LON 17.12
#define TMAX_S 1800.0    /* coverage.c's longest fan */
#define DT_S 2.0         /* coverage.c's fan step */
#define MAXI 32

static const double az_deg[2] = {65.0, 300.0};

/* reach (m) and maximum burnout speed (m/s) of vehicle v with kill vehicle kv along az */
static double reach_of(const struct bmd_vehicle *v, const struct bmd_kill_vehicle *kv, double az,
                       double *vbo) {
  struct bmd_physics ph;
  struct bmd_fan f;
  double r = -1.0;
  bmd_physics_default(&ph);
  CHECK_INT_EQ(bmd_fan_build(&f, v, &ph, SITE_LAT, SITE_LON, 0.0, az, TMAX_S, DT_S), BMD_OK);
  r = bmd_reach_ground_m(&f, kv);
  if (vbo) {
    struct bmd_traj_opts o;
    double kick;
    bmd_traj_opts_default(&o);
    CHECK_INT_EQ(bmd_aim_max_burnout_speed(v, &o, SITE_LAT, SITE_LON, az, vbo, &kick), BMD_OK);
  }
  bmd_fan_release(&f);
  return r;
}

static int same_limits(const struct bmd_kill_vehicle *a, const struct bmd_kill_vehicle *b) {
  return a->min_alt_km == b->min_alt_km && a->max_alt_km == b->max_alt_km &&
         a->min_closing_mps == b->min_closing_mps && a->max_range_km == b->max_range_km &&
         a->max_flyout_s == b->max_flyout_s;
}

static int same_stages(const struct bmd_vehicle *a, const struct bmd_vehicle *b) {
  if (a->nstages != b->nstages) return 0;
  for (int i = 0; i < a->nstages; i++)
    if (memcmp(&a->stage[i], &b->stage[i], sizeof a->stage[i]) != 0) return 0;
  return 1;
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  const struct bmd_missile *ic[MAXI];
  double reach[MAXI][2], vbo[MAXI][2];
  int n = 0, npairs = 0;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  for (int i = 0; i < cat.nmissiles && n < MAXI; i++)
    if (cat.missiles[i].interceptor) ic[n++] = &cat.missiles[i];
  CHECK(n >= 8);
  for (int i = 0; i < n; i++)
    for (int a = 0; a < 2; a++) {
      reach[i][a] = reach_of(&ic[i]->vehicle, &ic[i]->kv, az_deg[a], &vbo[i][a]);
      printf("%-16s az %3.0f: burnout %5.0f m/s, reach %5.0f km (fly-out <= %.0f s)\n", ic[i]->name,
             az_deg[a], vbo[i][a], reach[i][a] / 1e3, ic[i]->kv.max_flyout_s);
      CHECK(reach[i][a] > 50e3);
    }

  /* every pair with the same limits: faster, no less reach */
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      if (i == j || !same_limits(&ic[i]->kv, &ic[j]->kv)) continue;
      for (int a = 0; a < 2; a++) {
        if (same_stages(&ic[i]->vehicle, &ic[j]->vehicle)) {
          CHECK_NEAR(reach[i][a], reach[j][a], 0.0);
        } else if (vbo[i][a] > vbo[j][a] + 1.0) {
          CHECK(reach[i][a] >= reach[j][a]);
          if (!(reach[i][a] >= reach[j][a]))
            fprintf(stderr, "  %s (%.0f m/s) reaches %.0f km, %s (%.0f m/s) %.0f km\n", ic[i]->name,
                    vbo[i][a], reach[i][a] / 1e3, ic[j]->name, vbo[j][a], reach[j][a] / 1e3);
        }
        if (i < j) npairs++;
      }
    }
  printf("%d pairs (x2 directions) with the same kill-vehicle limits checked\n", npairs / 2);
  CHECK(npairs >= 8);   /* the three GBIs and the two SM-3 IA/IB at least */

  /* the regression: the 6.3 km/s GBI inside the 8.5 km/s GBI's ring */
  {
    const struct bmd_missile *slow = bmd_catalog_missile(&cat, "gbi-2stage-mda"),
                             *fast = bmd_catalog_missile(&cat, "gbi-2stage-fast");
    for (int a = 0; a < 2; a++) {
      double rs = reach_of(&slow->vehicle, &slow->kv, az_deg[a], NULL),
             rf = reach_of(&fast->vehicle, &fast->kv, az_deg[a], NULL);
      CHECK(rf > rs * 1.05);
    }
  }

  /* one interceptor's Isp scaled up: reach never falls (strictly grows where the
     kinematics bind) */
  {
    static const char *const names[] = {"gbi-2stage-mda", "sm-3-iia"};
    for (int m = 0; m < 2; m++) {
      const struct bmd_missile *im = bmd_catalog_missile(&cat, names[m]);
      for (int a = 0; a < 2; a++) {
        double prev = -1.0, pv = -1.0;
        printf("%s az %.0f, Isp x 0.8 .. 1.4:", names[m], az_deg[a]);
        for (double k = 0.8; k < 1.45; k += 0.1) {
          struct bmd_vehicle v = im->vehicle;
          double r, sp;
          for (int s = 0; s < v.nstages; s++) v.stage[s].isp_s *= k;
          r = reach_of(&v, &im->kv, az_deg[a], &sp);
          printf(" %.0f (%.0f m/s)", r / 1e3, sp);
          CHECK(sp > pv);
          if (m == 0) CHECK(r > prev);
          else CHECK(r >= prev);
          prev = r;
          pv = sp;
        }
        printf(" km\n");
      }
    }
  }

  /* the endurance: a longer one never shrinks the reach, and it binds (the GBI reaches
     farther with twice its endurance) */
  {
    const struct bmd_missile *g = bmd_catalog_missile(&cat, "gbi-3stage");
    struct bmd_kill_vehicle kv = g->kv;
    double prev = 0.0, r1 = 0.0, r2 = 0.0;
    for (double t = 200.0; t <= 1200.0; t += 200.0) {
      double r;
      kv.max_flyout_s = t;
      r = reach_of(&g->vehicle, &kv, az_deg[0], NULL);
      CHECK(r >= prev);
      if (t == g->kv.max_flyout_s) r1 = r;
      if (t == 2.0 * g->kv.max_flyout_s) r2 = r;
      prev = r;
    }
    CHECK(r1 > 0.0 && r2 > 1.2 * r1);
  }

  /* a check against a published figure, not a fit (the SM-3 IIA was fitted to its burnout
     speed, not to a range): its kinematic reach at kill-vehicle altitudes, endurance and
     published reach lifted, against the claimed 2,500 km (Asia Economy, Nov 2020, a press
     claim; data/missiles.yaml). Within 5% in both directions. */
  {
    const struct bmd_missile *s3 = bmd_catalog_missile(&cat, "sm-3-iia");
    struct bmd_kill_vehicle kv = s3->kv;
    kv.max_flyout_s = 0.0;
    kv.max_range_km = 0.0;
    for (int a = 0; a < 2; a++) {
      double r = reach_of(&s3->vehicle, &kv, az_deg[a], NULL);
      printf("sm-3-iia kinematic reach az %.0f: %.0f km (claimed 2,500 km)\n", az_deg[a], r / 1e3);
      CHECK_REL(r, 2500e3, 0.05);
    }
  }
  bmd_catalog_release(&cat);
  return check_report("test_reach");
}
