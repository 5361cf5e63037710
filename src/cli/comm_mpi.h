/*
 * comm_mpi.h - the interface between bmdsim and its MPI module (bmdsim-mpi.so, built from
 * sweep_mpi.c, the only file that calls MPI). bmdsim loads the module with dlopen only
 * when an MPI launcher started the process (sweep_comm.c), so that no other run loads
 * Open MPI and its libraries: they were about half of every command's start-up
 * (BENCHMARKS.md, "propagate on AVX2").
 */
#ifndef BMD_COMM_MPI_H
#define BMD_COMM_MPI_H

#define CLI_MPI_OPS_VERSION 1

struct cli_mpi_ops {
  int version;                                       /* CLI_MPI_OPS_VERSION */
  /* MPI_Init and the rank and size in MPI_COMM_WORLD; 0, or -1 when MPI_Init failed */
  int (*init)(int *argc, char ***argv, int *rank, int *size);
  void (*finalize)(void);
  void (*bcast)(void *buf, long nbytes);             /* from rank 0 to every rank */
  void (*send)(const double *msg, int n);            /* n doubles to rank 0 */
  int (*recv)(double *msg, int n, int block);        /* rank 0: one message from any rank */
};

/* bmdsim_mpi_ops - the module's one exported symbol. */
const struct cli_mpi_ops *bmdsim_mpi_ops(void);

#endif
