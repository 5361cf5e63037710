/* cmd_propagate.c - bmdsim propagate: many free-flying objects to impact (the bench-ref
   contract). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/ballistic.h>
#include <bmd/infile.h>
#include <bmd/outfile.h>
#include <bmd/states.h>
#include <bmd/status.h>

#include "cli.h"

static const struct cli_opt propagate_opts[] = {
    {"in", 'i', "FILE", CLI_OPT_REQUIRED, "states to propagate (a regular file, or '-' for standard input)"},
    {"out", 'o', "FILE", CLI_OPT_REQUIRED, "impacts, written whole or not at all"},
    {"earth", 'E', "wgs84-j2|sphere", 0, "Earth model (default wgs84-j2)"},
    {"rotation", 'R', "on|off", 0, "Earth rotation (default on)"},
    {"drag", 'D', "on|off", 0, "aerodynamic drag (default on)"},
    {"threads", 't', "N", 0, "worker threads, 1 to 256 (default: all cores)"},
    {"atol-m", 'a', "X", 0, "absolute position tolerance per step (default 1e-2 m; the\n"
                            "velocity tolerance is X * 1e-3 s^-1)"},
    {"kernel", 'k', "K", 0, "how the steps are taken: auto (default), scalar (one object\n"
                            "at a time), or 16 objects at a time in SIMD lanes: avx512,\n"
                            "avx2 (x86-64), neon (aarch64), generic (any CPU; lanes-NAME\n"
                            "is the same). auto takes the first of avx512, avx2, neon,\n"
                            "generic that this CPU runs; a kernel it cannot run is\n"
                            "refused. Every kernel gives the same bits"},
    {"json", 'j', NULL, 0, "print a run summary as JSON on stdout"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command propagate_cmd = {
    "propagate", NULL, 0, 0, propagate_opts,
    "Propagate free-flying objects (point masses with a ballistic coefficient) to ground\n"
    "impact over the rotating WGS84 Earth with J2 gravity and US76 drag.\n"
    "\n"
    "input  CSV: id,lat_deg,lon_deg,alt_m,v_east_mps,v_north_mps,v_up_mps,beta_kgm2\n"
    "            (geodetic position; velocity relative to the rotating Earth, local ENU;\n"
    "            ids unique, decimal numbers, beta_kgm2 >= 1)\n"
    "output CSV: id,impact_lat_deg,impact_lon_deg,time_of_flight_s,apogee_alt_m\n",
    NULL,
    "Objects that do not reach the ground within 86400 s (in orbit, or escaping) are left\n"
    "out of the output and named on stderr. A bad input row stops the run (exit 2) before\n"
    "anything is written.\n", NULL};

/* why kernel k cannot run here (bmd_ballistic_kernel_available said no) */
static const char *kernel_missing(enum bmd_ballistic_kernel k) {
  int built = bmd_ballistic_kernel_built(k);
  switch (k) {
  case BMD_KERNEL_LANES_AVX512:
    return built ? "this CPU lacks AVX-512F" : "this build has no AVX-512 kernel (x86-64 only)";
  case BMD_KERNEL_LANES_AVX2:
    return built ? "this CPU lacks AVX2" : "this build has no AVX2 kernel (x86-64 only)";
  case BMD_KERNEL_LANES_NEON:
    return built ? "this CPU lacks Advanced SIMD" : "this build has no NEON kernel (aarch64 only)";
  default: return "not available";
  }
}

struct sum {
  long n, written;
  double seconds;
  long nfev;
};

int cmd_propagate(int argc, char **argv) {
  struct cli_args args;
  const char *in_path = NULL, *out_path = NULL;
  struct bmd_physics phys;
  struct bmd_integrate_opts io;
  int threads = 0, json = 0, c, rc = CLI_FAIL;
  double atol_m = 1e-2;
  enum bmd_ballistic_kernel kernel = BMD_KERNEL_AUTO;
  struct bmd_ballistic_in *rows = NULL;
  struct bmd_ballistic_out *res = NULL;
  long n = 0;
  FILE *fp = NULL;
  struct bmd_diag d;
  struct bmd_outfile of;
  struct cli_progress prog;
  double t0, t1;

  bmd_physics_default(&phys);
  cli_args_init(&args, &propagate_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'i': in_path = args.value; break;
    case 'o': out_path = args.value; break;
    case 'E': if (cli_physics_option(&phys, "earth", args.value) < 0) return CLI_USAGE; break;
    case 'R': if (cli_physics_option(&phys, "rotation", args.value) < 0) return CLI_USAGE; break;
    case 'D': if (cli_physics_option(&phys, "drag", args.value) < 0) return CLI_USAGE; break;
    case 't': {
      double v;
      if (cli_parse_double(args.value, &v) != 0 || v < 1 || v > 256 || v != (int)v) {
        cli_error("--threads: '%s' is not a whole number from 1 to 256", args.value);
        return CLI_USAGE;
      }
      threads = (int)v;
      break;
    }
    case 'a':
      if (cli_parse_double(args.value, &atol_m) != 0 || !(atol_m > 0.0) || atol_m > 1e3) {
        cli_error("--atol-m: '%s' is not a number in (0, 1000]", args.value);
        return CLI_USAGE;
      }
      break;
    case 'j': json = 1; break;
    case 'k':
      if (bmd_ballistic_kernel_parse(args.value, &kernel) != 0) {
        cli_error("--kernel: '%s' is not one of auto, scalar, generic, avx2, avx512, neon", args.value);
        return CLI_USAGE;
      }
      if (!bmd_ballistic_kernel_available(kernel)) {
        char feat[64];
        bmd_ballistic_cpu_features(feat, sizeof feat);
        cli_error("--kernel %s: %s (CPU features: %s)", args.value, kernel_missing(kernel),
                  feat[0] ? feat : "none");
        return CLI_USAGE;
      }
      break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  if (kernel != BMD_KERNEL_AUTO && kernel != BMD_KERNEL_LANES && kernel != BMD_KERNEL_SCALAR &&
      bmd_ballistic_kernel_resolve(&phys, kernel) == BMD_KERNEL_SCALAR) {
    cli_error("--kernel %s: the lanes carry the wgs84-j2 Earth only (--earth sphere runs the "
              "scalar kernel)", bmd_ballistic_kernel_name(kernel));
    return CLI_USAGE;
  }
  if (cli_file_check(out_path) != 0) return CLI_USAGE;   /* before the work */

  /* a path must be a regular file (a FIFO would block: infile.h); a pipe comes as '-' */
  if (strcmp(in_path, "-") == 0) fp = stdin;
  else if (bmd_infile_fopen(in_path, &fp, &d) != BMD_OK) {
    cli_diag(&d);
    return CLI_USAGE;
  }
  c = bmd_states_read(fp, strcmp(in_path, "-") == 0 ? "<stdin>" : in_path, &rows, &n, &d);
  if (fp != stdin) fclose(fp);
  if (c != BMD_OK) {
    if (c == BMD_EPARSE || c == BMD_EIO) cli_diag(&d);
    else cli_error("%s: %s", in_path, bmd_strerror(c));
    return CLI_USAGE;
  }
  res = calloc((size_t)(n > 0 ? n : 1), sizeof *res);
  if (!res) {
    cli_error("out of memory for %ld rows", n);
    goto out;
  }

  bmd_integrate_opts_default(&io);
  for (int i = 0; i < 3; i++) {
    io.atol[i] = atol_m;
    io.atol[3 + i] = atol_m * 1e-3;
  }
  cli_progress_init(&prog, "propagate");
  t0 = cli_now();
  bmd_ballistic_batch_kernel(&phys, &io, rows, res, n, threads, kernel, cli_progress_update, &prog);
  t1 = cli_now();
  cli_progress_done(&prog);

  long missing = 0;
  for (long i = 0; i < n; i++) {
    if (res[i].status != BMD_OK) {
      if (missing < 10)
        cli_error("object %ld: no impact (%s); left out of the output", res[i].id,
                  res[i].status == BMD_ESTEP ? "stays in flight beyond 86400 s or orbits"
                                             : bmd_strerror(res[i].status));
      missing++;
    }
  }
  if (missing > 10) cli_error("... and %ld more objects without impact", missing - 10);

  if ((c = bmd_outfile_open(&of, out_path)) != BMD_OK) {
    cli_error("%s: %s", out_path, of.why);
    if (c == BMD_EINVAL) rc = CLI_USAGE;
    goto out;
  }
  struct bmd_diag wd;
  long written = bmd_states_write_impacts(of.fp, res, n, &wd);
  if (written == -2) {
    bmd_outfile_abort(&of);
    cli_error("%s: %s", out_path, wd.msg);
    goto out;
  }
  if (written < 0) {
    char r[96];
    int e = errno;
    bmd_outfile_abort(&of);
    cli_error("%s: %s", out_path, bmd_outfile_reason(e ? e : EIO, r, sizeof r));
    goto out;
  }
  if (bmd_outfile_commit(&of) != BMD_OK) {
    cli_error("%s: %s", out_path, of.why);
    goto out;
  }
  if (json) {
    long nfev = 0;
    for (long i = 0; i < n; i++) nfev += res[i].nfev;
    cJSON *o = cJSON_CreateObject();
    char phys_s[64], *s;
    bmd_physics_describe(&phys, phys_s, sizeof phys_s);
    cJSON_AddStringToObject(o, "in", in_path);
    cJSON_AddStringToObject(o, "out", out_path);
    cJSON_AddStringToObject(o, "physics", phys_s);
    cJSON_AddNumberToObject(o, "objects", (double)n);
    cJSON_AddNumberToObject(o, "impacts_written", (double)written);
    cJSON_AddNumberToObject(o, "no_impact", (double)missing);
    cJSON_AddNumberToObject(o, "seconds", t1 - t0);
    cJSON_AddNumberToObject(o, "trajectories_per_s", t1 > t0 ? (double)n / (t1 - t0) : 0.0);
    cJSON_AddNumberToObject(o, "rhs_evals_per_object", n > 0 ? (double)nfev / (double)n : 0.0);
    cJSON_AddNumberToObject(o, "atol_m", atol_m);
    cJSON_AddStringToObject(o, "kernel", bmd_ballistic_kernel_name(bmd_ballistic_kernel_resolve(&phys, kernel)));
    {
      char feat[64];
      bmd_ballistic_cpu_features(feat, sizeof feat);
      cJSON_AddStringToObject(o, "cpu_features", feat);
    }
    s = cJSON_Print(o);
    if (s) cli_print_json(s);
    free(s);
    cJSON_Delete(o);
  }
  rc = CLI_OK;
out:
  free(rows);
  free(res);
  return rc;
}
