/* pool.c - a worker function on several threads (pool.h). */
#include <bmd/pool.h>

#include <pthread.h>
#include <stdlib.h>

int bmd_pool_run(int nthreads, void *(*fn)(void *), void *arg) {
  pthread_t *thr = nthreads > 1 ? calloc((size_t)nthreads, sizeof *thr) : NULL;
  int started = 0;
  if (thr)
    for (int t = 1; t < nthreads; t++) {
      if (pthread_create(&thr[t], NULL, fn, arg) != 0) break;
      started = t;
    }
  fn(arg);
  for (int t = 1; t <= started; t++) pthread_join(thr[t], NULL);
  free(thr);
  return started + 1;
}
