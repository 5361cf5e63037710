/* sim_impl.h - what the engine's files share (sim.c runs, sim_prep.c prepares): the
   prepared scenario's layout. Not an API; include only from src/engine/. */
#ifndef BMD_SIM_IMPL_H
#define BMD_SIM_IMPL_H

#include <bmd/fan.h>
#include <bmd/intercept.h>
#include <bmd/radar.h>
#include <bmd/scenario.h>
#include <bmd/traj.h>

/* The prepared, read-only part (sim.h): shared by every run and every thread. */
struct bmd_sim_prep {
  const struct bmd_scenario *sc;
  int nthreats, nsites, nradars, nlaunchers;
  struct bmd_traj_result *traj;  /* [threat]: flown flights; an alias's entry is empty */
  int *alias;                    /* [threat]: first earlier threat with the same flight, or itself */
  struct bmd_radar *radars;
  struct bmd_fan *fans;          /* [site * FAN_SECTORS + sector], freed once tables are made */
  int *fan_of;                   /* [threat * nsites + site]: index into fans */
  struct bmd_engage_table *tab;  /* [threat * nsites + site]: engagement table of a flown
                                    threat (aliases use their flight's) against a site */
  double *sspk;                  /* [site * nthreats + threat]: the scenario's SSPK */
  int *launcher_off;             /* offset of each site's launchers */
};

#endif
