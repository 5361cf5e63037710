/*
 * const.h - physical and geodetic constants, one line each with unit and source.
 *
 * Every constant used by more than one module lives here; no module re-types one.
 */
#ifndef BMD_CONST_H
#define BMD_CONST_H

#define BMD_PI 3.14159265358979323846264338327950288
#define BMD_DEG (BMD_PI / 180.0)              /* radians per degree */

/* WGS84 ellipsoid and Earth model: NIMA TR8350.2 (3rd ed., 2000), tables 3.1-3.3 */
#define BMD_WGS84_A_M 6378137.0               /* semi-major axis (m) */
#define BMD_WGS84_F (1.0 / 298.257223563)     /* flattening (-) */
#define BMD_WGS84_GM_M3PS2 3.986004418e14     /* Earth's gravitational parameter (m^3/s^2) */
#define BMD_WGS84_OMEGA_RADPS 7.292115e-5     /* Earth's rotation rate (rad/s) */
#define BMD_WGS84_J2 1.08262668e-3            /* second zonal harmonic, unnormalised (-);
                                                 value of ../shared/bench-ref contract (EGM96
                                                 C20 = -4.84165371736e-4 -> 1.0826267e-3) */

/* Spherical validation Earth: IUGG mean radius R1 = (2a + b)/3, Moritz, Geodetic Reference
   System 1980, Bull. Geod. 54 (1980); rounded as in the issue text */
#define BMD_SPHERE_R_M 6371008.8              /* radius (m) */

/* U.S. Standard Atmosphere 1976, NOAA-S/T 76-1562 (1976) */
#define BMD_US76_G0_MPS2 9.80665              /* standard gravity (m/s^2), also for Isp */
#define BMD_US76_R_JPKGK 287.05287            /* specific gas constant of air (J/(kg K)) */
#define BMD_US76_R0_M 6356766.0               /* effective Earth radius for geopotential (m) */
#define BMD_US76_GAMMA 1.4                    /* ratio of specific heats of air (-) */
#define BMD_US76_TOP_M 86000.0                /* geometric altitude above which density = 0 (m) */

/* Statistics */
#define BMD_Z95 1.959963984540054             /* standard normal quantile 0.975: the two-sided
                                                 95% z (Abramowitz & Stegun 26.2.23 / table
                                                 26.1 give 1.95996) */

/* SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
   OOPSLA 2014; constants of Vigna's reference splitmix64.c) */
#define BMD_SPLITMIX64_GAMMA 0x9E3779B97F4A7C15ULL /* golden-ratio increment */
#define BMD_SPLITMIX64_M1 0xBF58476D1CE4E5B9ULL
#define BMD_SPLITMIX64_M2 0x94D049BB133111EBULL

#endif
