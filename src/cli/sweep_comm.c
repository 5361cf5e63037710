/* sweep_comm.c - the ranks of a distributed sweep (cli.h, struct cli_comm). MPI itself is
   in the module bmdsim-mpi.so (sweep_mpi.c, comm_mpi.h), which is loaded here, and only
   when an MPI launcher started the process: every other run of bmdsim, a one-process
   sweep included, never loads Open MPI. Built without BMD_HAVE_MPI, or started without an
   MPI launcher, this is one rank that talks to nobody. */
#include <stdlib.h>
#include <string.h>

#ifdef BMD_HAVE_MPI
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

#include "comm_mpi.h"
#endif

#include "cli.h"

/* launched by mpirun/srun? (Open MPI, PMIx, PMI-1/2 and Slurm's srun set these) */
static const char *launcher_var(void) {
  static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK", NULL};
  for (int i = 0; vars[i]; i++)
    if (getenv(vars[i])) return vars[i];
  return NULL;
}

#ifdef BMD_HAVE_MPI
static const struct cli_mpi_ops *ops;

/* the module: $BMDSIM_MPI_MODULE, else bmdsim-mpi.so beside the executable */
static const struct cli_mpi_ops *load_module(void) {
  char path[PATH_MAX + 32];
  const char *env = getenv("BMDSIM_MPI_MODULE");
  const struct cli_mpi_ops *(*get)(void);
  void *lib, *sym;
  if (env && *env) {
    snprintf(path, sizeof path, "%s", env);
  } else {
    ssize_t n = readlink("/proc/self/exe", path, PATH_MAX);
    char *slash;
    if (n <= 0) {
      cli_error("MPI: cannot find the bmdsim executable's folder (set BMDSIM_MPI_MODULE)");
      return NULL;
    }
    path[n] = '\0';
    slash = strrchr(path, '/');
    snprintf(slash ? slash + 1 : path, sizeof path - (size_t)(slash ? slash + 1 - path : 0), "bmdsim-mpi.so");
  }
  /* RTLD_GLOBAL: Open MPI's own plugins resolve symbols of libmpi (Open MPI FAQ) */
  lib = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
  if (!lib) {
    cli_error("MPI: cannot load %s: %s", cli_safe(path), dlerror());
    return NULL;
  }
  sym = dlsym(lib, "bmdsim_mpi_ops");
  /* dlsym's object pointer as a function pointer (POSIX dlsym: the two have one size) */
  memcpy(&get, &sym, sizeof get);
  if (!sym || !get() || get()->version != CLI_MPI_OPS_VERSION) {
    cli_error("MPI: %s is not this bmdsim's MPI module", cli_safe(path));
    return NULL;
  }
  return get();
}
#endif

int cli_comm_init(struct cli_comm *c, int *argc, char ***argv) {
  const char *var = launcher_var();
  memset(c, 0, sizeof *c);
  c->size = 1;
  (void)argc;
  (void)argv;
#ifdef BMD_HAVE_MPI
  if (var) {
    if (!ops && !(ops = load_module())) return -1;
    if (ops->init(argc, argv, &c->rank, &c->size) != 0) {
      cli_error("MPI: MPI_Init failed (started by a launcher: %s is set)", var);
      return -1;
    }
    c->mpi = 1;
  }
#else
  (void)var;
#endif
  return 0;
}

void cli_comm_finalize(struct cli_comm *c) {
#ifdef BMD_HAVE_MPI
  if (c->mpi) ops->finalize();
#endif
  c->mpi = 0;
}

int cli_comm_mpi_built(void) {
#ifdef BMD_HAVE_MPI
  return 1;
#else
  return 0;
#endif
}

void cli_comm_bcast(struct cli_comm *c, void *buf, long nbytes) {
#ifdef BMD_HAVE_MPI
  if (c->mpi && c->size > 1) ops->bcast(buf, nbytes);
#else
  (void)c;
  (void)buf;
  (void)nbytes;
#endif
}

void cli_comm_send(struct cli_comm *c, const double *msg, int n) {
#ifdef BMD_HAVE_MPI
  if (c->mpi) ops->send(msg, n);
#else
  (void)c;
  (void)msg;
  (void)n;
#endif
}

int cli_comm_recv(struct cli_comm *c, double *msg, int n, int block) {
#ifdef BMD_HAVE_MPI
  if (!c->mpi) return 0;
  return ops->recv(msg, n, block);
#else
  (void)c;
  (void)msg;
  (void)n;
  (void)block;
  return 0;
#endif
}
