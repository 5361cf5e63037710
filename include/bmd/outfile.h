/*
 * outfile.h - output files written whole or not at all: data goes to a temporary file in
 * the target's folder and is renamed over the target only when complete, so an interrupted
 * or failed run leaves the previous file or none, never a partial one.
 */
#ifndef BMD_OUTFILE_H
#define BMD_OUTFILE_H

#include <stdio.h>

struct bmd_outfile {
  FILE *fp;          /* write here between open and commit/abort */
  char path[4096];   /* final name */
  char tmp[4096 + 48]; /* temporary name: path.tmp-PID-SEQ */
};

/* bmd_outfile_open - create the temporary file for path. Returns BMD_OK or BMD_EIO
   (errno tells why). */
int bmd_outfile_open(struct bmd_outfile *f, const char *path);

/* bmd_outfile_commit - flush, sync, close and rename over the final name. On any failure
   the temporary file is removed and BMD_EIO returned. */
int bmd_outfile_commit(struct bmd_outfile *f);

/* bmd_outfile_abort - close and remove the temporary file; accepts a closed or NULL f. */
void bmd_outfile_abort(struct bmd_outfile *f);

/* Temporary files still open are listed in one process-wide table (the one piece of global
   state in libbmd: a signal handler has no other way to find them), so that a program
   interrupted by a signal can remove them. At most BMD_OUTFILE_MAX_LIVE are open at once;
   bmd_outfile_open fails with EMFILE beyond that. */
#define BMD_OUTFILE_MAX_LIVE 64

/* bmd_outfile_unlink_live - unlink every temporary file still open. Async-signal-safe (only
   unlink(2) on names already in memory): for a SIGINT/SIGTERM handler, which should then
   end the process. Never call it while other threads may still commit. */
void bmd_outfile_unlink_live(void);

/* bmd_outfile_unlink_live_final - the same for a handler that then ends the process, with
   other threads still writing: bmd_outfile_open creates no file from then on, and files
   another thread is creating at that moment are waited for and unlinked too.
   Async-signal-safe (atomics and unlink(2)). */
void bmd_outfile_unlink_live_final(void);

#endif
