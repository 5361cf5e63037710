/* sweep_mpi.c - the only file that calls MPI: how the ranks of `mpirun -np N bmdsim sweep`
   talk (comm_mpi.h). Built as the module bmdsim-mpi.so, linked with Open MPI, which
   bmdsim loads when an MPI launcher started it (sweep_comm.c). */
#include <mpi.h>

#include "comm_mpi.h"

#define TAG_RESULT 17

static int comm_init(int *argc, char ***argv, int *rank, int *size) {
  if (MPI_Init(argc, argv) != MPI_SUCCESS) return -1;
  MPI_Comm_rank(MPI_COMM_WORLD, rank);
  MPI_Comm_size(MPI_COMM_WORLD, size);
  return 0;
}

static void comm_finalize(void) { MPI_Finalize(); }

static void comm_bcast(void *buf, long nbytes) {
  /* in pieces: MPI counts are int */
  for (long off = 0; off < nbytes; off += 1L << 30) {
    long n = nbytes - off < (1L << 30) ? nbytes - off : (1L << 30);
    MPI_Bcast((char *)buf + off, (int)n, MPI_BYTE, 0, MPI_COMM_WORLD);
  }
}

static void comm_send(const double *msg, int n) { MPI_Send(msg, n, MPI_DOUBLE, 0, TAG_RESULT, MPI_COMM_WORLD); }

static int comm_recv(double *msg, int n, int block) {
  int flag = 1;
  if (!block) MPI_Iprobe(MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
  if (!flag) return 0;
  MPI_Recv(msg, n, MPI_DOUBLE, MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return 1;
}

const struct cli_mpi_ops *bmdsim_mpi_ops(void) {
  static const struct cli_mpi_ops ops = {CLI_MPI_OPS_VERSION, comm_init, comm_finalize, comm_bcast, comm_send, comm_recv};
  return &ops;
}
