/*
 * pool.h - run one worker function on several threads at once (the calling thread is one
 * of them) and wait for all. The workers share their argument and take work from it under
 * their own lock; results must not depend on which thread did what.
 */
#ifndef BMD_POOL_H
#define BMD_POOL_H

/* bmd_pool_run - fn(arg) on nthreads threads (>= 1), the caller's included; returns when
   all have returned. Returns the number of threads that ran (fewer than asked when a
   thread could not be created; the caller's always runs). */
int bmd_pool_run(int nthreads, void *(*fn)(void *), void *arg);

#endif
