/* sweep_mpi.c - the only file that calls MPI (cli.h, struct cli_comm): how the ranks of
   `mpirun -np N bmdsim sweep` talk. Built without BMD_HAVE_MPI, or started without an MPI
   launcher, it is one rank that talks to nobody. */
#include <stdlib.h>
#include <string.h>

#ifdef BMD_HAVE_MPI
#include <mpi.h>
#endif

#include "cli.h"

#define TAG_RESULT 17

/* launched by mpirun/srun? (Open MPI, PMIx, PMI-1/2 and Slurm's srun set these) */
static int launched(void) {
  static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK", NULL};
  for (int i = 0; vars[i]; i++)
    if (getenv(vars[i])) return 1;
  return 0;
}

void cli_comm_init(struct cli_comm *c, int *argc, char ***argv) {
  memset(c, 0, sizeof *c);
  c->size = 1;
  (void)argc;
  (void)argv;
#ifdef BMD_HAVE_MPI
  if (launched()) {
    MPI_Init(argc, argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &c->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &c->size);
    c->mpi = 1;
  }
#else
  (void)launched;
#endif
}

void cli_comm_finalize(struct cli_comm *c) {
#ifdef BMD_HAVE_MPI
  if (c->mpi) MPI_Finalize();
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
  /* in pieces: MPI counts are int */
  for (long off = 0; c->mpi && c->size > 1 && off < nbytes; off += 1L << 30) {
    long n = nbytes - off < (1L << 30) ? nbytes - off : (1L << 30);
    MPI_Bcast((char *)buf + off, (int)n, MPI_BYTE, 0, MPI_COMM_WORLD);
  }
#else
  (void)c;
  (void)buf;
  (void)nbytes;
#endif
}

void cli_comm_send(struct cli_comm *c, const double *msg, int n) {
#ifdef BMD_HAVE_MPI
  if (c->mpi) MPI_Send(msg, n, MPI_DOUBLE, 0, TAG_RESULT, MPI_COMM_WORLD);
#else
  (void)c;
  (void)msg;
  (void)n;
#endif
}

int cli_comm_recv(struct cli_comm *c, double *msg, int n, int block) {
#ifdef BMD_HAVE_MPI
  int flag = 1;
  if (!c->mpi) return 0;
  if (!block) MPI_Iprobe(MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
  if (!flag) return 0;
  MPI_Recv(msg, n, MPI_DOUBLE, MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return 1;
#else
  (void)c;
  (void)msg;
  (void)n;
  (void)block;
  return 0;
#endif
}
