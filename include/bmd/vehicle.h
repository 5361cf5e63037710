/*
 * vehicle.h - multi-stage rockets: stages (propellant, dry mass, Isp, burn time, reference
 * area, Cd vs Mach), coast between stages, and the payload / re-entry vehicle.
 *
 * Model: constant mass flow and vacuum thrust per stage, T = mdot Isp g0 (Sutton & Biblarz,
 * Rocket Propulsion Elements, 8th ed. (2010), eq. 2-5); the atmospheric back-pressure loss
 * of nozzle thrust is left out: 4-23% of thrust at lift-off, 2-7% of a first stage's
 * impulse, nil above ~30 km (bracketed in docs/models/vehicle.md); the catalog fit absorbs
 * it into the fitted Isp. Each stage is dropped at its burnout together with its dry mass.
 * The payload separates at the last burnout (or at thrust termination) and flies on as a
 * point mass with ballistic coefficient beta = m / (Cd A).
 */
#ifndef BMD_VEHICLE_H
#define BMD_VEHICLE_H

#define BMD_VEHICLE_MAX_STAGES 4
#define BMD_CD_MAX_POINTS 32

struct bmd_cd_table {
  int n;                              /* points, >= 1, mach increasing */
  double mach[BMD_CD_MAX_POINTS];
  double cd[BMD_CD_MAX_POINTS];
};

struct bmd_stage {
  double propellant_kg;
  double dry_kg;        /* structure, engine, interstage: dropped at burnout */
  double isp_s;         /* vacuum specific impulse (s) */
  double burn_time_s;
  double area_m2;       /* reference area for drag (m^2) */
  double coast_s;       /* unpowered coast after this stage's burnout, before the next
                           stage ignites (s); 0 for hot staging */
  struct bmd_cd_table cd;
};

/* A lifting payload: a hypersonic glider (glide.h, docs/models/glide.md). Its ballistic
   coefficient is the payload's rv_beta_kgm2; it flies at lift-to-drag ratios up to
   lift_to_drag. */
struct bmd_glide_params {
  int have;              /* 1: the payload is a glider (0: a ballistic re-entry vehicle) */
  double lift_to_drag;   /* the largest lift-to-drag ratio it flies at (L/D) */
  double kick_deg;       /* the booster's pitch-over for a glide flight (deg) */
  double dive_deg;       /* the dive begins when the target is this far below the local
                            horizontal, seen from the glider (deg) */
  double max_bank_deg;   /* the largest bank angle of its steering (deg) */
};

struct bmd_vehicle {
  int nstages;
  struct bmd_stage stage[BMD_VEHICLE_MAX_STAGES];
  double payload_kg;     /* re-entry vehicle / kill vehicle mass (kg) */
  double rv_beta_kgm2;   /* payload ballistic coefficient (kg/m^2) */
  double vertical_s;     /* vertical rise before pitch-over (s) */
  double pitch_over_s;   /* duration of the pitch-over (s); 0: 10% of the first stage's burn */
  int pitch_hold;        /* 0: gravity turn after the pitch-over (ballistic missiles);
                            1: thrust held at the pitch-over angle from the local vertical
                            until burnout (a commanded, guided fly-out: interceptors) */
  struct bmd_glide_params glide; /* glide.have = 0: a ballistic payload */
};

/* bmd_cd_eval - drag coefficient at Mach number mach, linear between points, constant
   beyond the ends. */
double bmd_cd_eval(const struct bmd_cd_table *t, double mach);

/* bmd_vehicle_total_burn_s - sum of burn and coast times of all stages (s). */
double bmd_vehicle_total_burn_s(const struct bmd_vehicle *v);

/* bmd_vehicle_liftoff_kg - total mass at ignition (kg). */
double bmd_vehicle_liftoff_kg(const struct bmd_vehicle *v);

/* bmd_vehicle_ideal_dv - Tsiolkovsky ideal velocity gain of all stages (m/s):
   sum of Isp g0 ln(m0/mf) (Tsiolkovsky 1903; Sutton & Biblarz eq. 4-6). */
double bmd_vehicle_ideal_dv(const struct bmd_vehicle *v);

/* bmd_vehicle_check - 0 if every value is finite and in its physical range, else writes a
   reason ("stage 2: 'burn_time_s' must be > 0") into why and returns -1. */
int bmd_vehicle_check(const struct bmd_vehicle *v, char *why, unsigned n);

#endif
