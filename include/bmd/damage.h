/*
 * damage.h - battle damage: what a threat's warhead does to a defence element (an
 * interceptor site or a radar) near its impact point. Model and references:
 * docs/models/damage.md.
 *
 * Blast: the peak incident overpressure of a burst at the surface, at ground range R,
 *  - conventional high explosive, W kg of TNT equivalent: Kinney & Graham, "Explosive
 *    Shocks in Air" (2nd ed., Springer 1985), eq. for a free-air TNT burst at sea level,
 *      p/pa = 808 (1 + (Z/4.5)^2) / sqrt((1 + (Z/0.048)^2)(1 + (Z/0.32)^2)(1 + (Z/1.35)^2)),
 *    Z = R / (f W)^(1/3) m/kg^(1/3), pa = 101.325 kPa;
 *  - nuclear, Y kt: Brode, "Airblast from nuclear bursts - analytic approximations"
 *    (PSR Report 1419-3, 1987), eq. 33 for a free-air burst at 1 kt,
 *      p = 2/r + 3/r^1.5 + 1.6/r^3 (1 + 105 (10r)^4 / (1 + 12920 (10r)^8))  psi,
 *    r = R / (f Y)^(1/3) in kft/kt^(1/3); Hopkinson-Cranz cube-root scaling in both.
 * f = BMD_DAMAGE_SURFACE_FACTOR: a burst on the ground reflects its blast into a half
 * space; the blast is that of a free-air burst of f times the yield (2 for a perfect
 * reflector, 1.8 over real ground: Brode 1987, section 3).
 *
 * Lethal radius: the ground range within which the peak overpressure reaches an element's
 * hardness (the overpressure that disables or destroys it): the root of p(R) = hardness,
 * found by GSL's Brent solver (p falls monotonically with R).
 *
 * Probability: the impact point is a circular normal distribution about the aim point,
 * sigma = CEP / sqrt(2 ln 2) per axis; an element at distance d from the aim point is taken
 * out when the impact falls within the lethal radius LR of it (the cookie-cutter damage
 * function): P = integral over the disc of radius LR about the element = the Rice
 * distribution's CDF at LR, which for d = 0 is the closed form P = 1 - 0.5^((LR/CEP)^2).
 */
#ifndef BMD_DAMAGE_H
#define BMD_DAMAGE_H

/* the blast of a surface burst is that of a free-air burst of this times the yield */
#define BMD_DAMAGE_SURFACE_FACTOR 1.8

/* the lethal radius is found between these ground ranges (m); an overpressure beyond what
   the blast gives at the inner one counts as a radius of that inner range */
#define BMD_DAMAGE_MIN_RANGE_M 0.5
#define BMD_DAMAGE_MAX_RANGE_M 1e6

/* warhead kinds: none stated (its impacts damage nothing), conventional high explosive,
   nuclear */
enum bmd_warhead_kind { BMD_WARHEAD_NONE = 0, BMD_WARHEAD_HE, BMD_WARHEAD_NUCLEAR };

struct bmd_warhead {
  int kind;                     /* enum bmd_warhead_kind */
  double tnt_kg;                /* HE: TNT-equivalent explosive mass (kg) */
  double yield_kt;              /* nuclear: yield (kt) */
  double cep_m;                 /* circular error probable of the impact point (m) */
};

/* The blast hardness of a defence element: the peak incident overpressure that puts it out
   of action (disable) and that destroys it (destroy), kPa; 0 < disable <= destroy. */
struct bmd_hardness {
  double disable_kpa, destroy_kpa;
};

/* how an element ends when it is hit: the worse of the two thresholds it was within */
enum bmd_damage_level { BMD_DAMAGE_NONE = 0, BMD_DAMAGE_DISABLED, BMD_DAMAGE_DESTROYED };

/* bmd_damage_level_word - "intact", "disabled", "destroyed". */
const char *bmd_damage_level_word(enum bmd_damage_level l);

/* bmd_damage_overpressure_kpa - the peak incident overpressure (kPa) of warhead w burst on
   the ground, at ground range range_m (> 0); 0 for a warhead of kind none. */
double bmd_damage_overpressure_kpa(const struct bmd_warhead *w, double range_m);

/* bmd_damage_lethal_radius_m - the ground range (m) within which w's overpressure reaches
   p_kpa (> 0): BMD_DAMAGE_MIN_RANGE_M when the blast never reaches it beyond that range, 0
   for a warhead of kind none. */
double bmd_damage_lethal_radius_m(const struct bmd_warhead *w, double p_kpa);

/* bmd_damage_sigma_m - the per-axis standard deviation of a circular normal impact
   distribution with this CEP: CEP / sqrt(2 ln 2). */
double bmd_damage_sigma_m(double cep_m);

/* bmd_damage_probability - the probability that an impact aimed offset_m from an element,
   with circular error probable cep_m, falls within lethal radius lr_m of it (the Rice CDF,
   by GSL's adaptive quadrature; the closed form 1 - 0.5^((LR/CEP)^2) for offset 0). cep_m 0:
   1 if offset_m <= lr_m, else 0. */
double bmd_damage_probability(double lr_m, double cep_m, double offset_m);

/* bmd_damage_check_hardness - 0 if h is a hardness (finite, 0 < disable <= destroy), else
   -1 with a one-line reason in why. */
int bmd_damage_check_hardness(const struct bmd_hardness *h, char *why, int whylen);

#endif
