/*
 * outfile.h - output files written whole or not at all: data goes to a temporary file in
 * the target's folder and is renamed over the target only when complete, so an interrupted
 * or failed run leaves the previous file or none, never a partial one. A command that
 * writes several files into a folder writes them as one set (bmd_outfile_set below), which
 * appears whole or not at all.
 *
 * Targets: bmdsim writes only regular files. A target that exists and is anything else --
 * a symbolic link, a directory, a device, a FIFO or a socket -- is refused (BMD_EINVAL, with
 * the reason in why), never replaced: with rename(2) a device node such as /dev/full would
 * otherwise become a regular file. Symbolic links are refused rather than written through,
 * so that a link planted in an output folder cannot send the data elsewhere; the folder
 * given for a set may itself be a link to a folder (the folder is not replaced, only files
 * in it). docs/reliability.md states the rules.
 */
#ifndef BMD_OUTFILE_H
#define BMD_OUTFILE_H

#include <stdio.h>

#include <stddef.h>

struct bmd_outfile {
  FILE *fp;          /* write here between open and commit/abort */
  char path[4096];   /* final name */
  char tmp[4096 + 48]; /* temporary name: path.tmp-PID-SEQ */
  char why[160];     /* after a failure: the reason, one lowercase phrase */
};

/* bmd_outfile_check - may path be written? BMD_OK when nothing is there or a regular file
   is; BMD_EINVAL when something else is, with why (n bytes) saying what ("is a FIFO, not a
   regular file"); BMD_EIO when it cannot be told (lstat failed other than ENOENT; why and
   errno say why). */
int bmd_outfile_check(const char *path, char *why, size_t n);

/* bmd_outfile_open - create the temporary file for path. Returns BMD_OK, BMD_EINVAL (the
   target is not a regular file: bmd_outfile_check) or BMD_EIO (errno tells why); f->why
   holds the reason in both cases. */
int bmd_outfile_open(struct bmd_outfile *f, const char *path);

/* bmd_outfile_commit - flush, sync, close and rename over the final name. On any failure
   the temporary file is removed and BMD_EIO returned (errno and f->why tell why: "no space
   left on device" for a full disk). */
int bmd_outfile_commit(struct bmd_outfile *f);

/* bmd_outfile_abort - close and remove the temporary file; accepts a closed or NULL f. */
void bmd_outfile_abort(struct bmd_outfile *f);

/* bmd_outfile_fail - bmd_outfile_abort after a write failed with errno value e (0: not
   known): the reason goes into f->why and, for a file of a set, is kept for
   bmd_outfile_set_error (so that a failure on any thread is reported with its cause). */
void bmd_outfile_fail(struct bmd_outfile *f, int e);

/* bmd_outfile_reason - the text of errno value e as one lowercase phrase ("no space left
   on device"), into buf (n bytes); returns buf. */
const char *bmd_outfile_reason(int e, char *buf, size_t n);

/*
 * Output sets: the files one command writes into one folder, appearing whole or not at
 * all. Files are written into a temporary folder (set->tmp: through bmd_outfile_open on
 * set->tmp/NAME, or any writer that uses it, such as plot.h and report.h) and moved into
 * place by bmd_outfile_set_commit once every one of them is complete:
 *   - a folder that does not exist yet: set->tmp is made beside it (DIR.tmp-PID-SEQ, its
 *     missing parents created) and renamed to DIR in one step;
 *   - a folder that exists (or a link to one): set->tmp is made inside it
 *     (DIR/.bmdsim-tmp-PID-SEQ, so on the same file system), and each file is moved
 *     over its namesake by rename(2) after all are written. Files of the folder that the
 *     command does not write are left alone. Before the first move every target is checked
 *     (nothing but regular files are replaced); the old versions are kept as hard links
 *     (or moved aside where links are not supported) until the last move has succeeded,
 *     and put back if one fails. Termination signals are held in the committing thread
 *     meanwhile.
 * On failure or bmd_outfile_set_abort the temporary folder and everything in it are
 * removed; a signal handler's bmd_outfile_unlink_live / _final removes them too.
 */
#define BMD_OUTFILE_MAX_SETS 8        /* sets open at once */
#define BMD_OUTFILE_SET_MAX_FILES 64  /* files per set */

struct bmd_outfile_set {
  char dir[4096];          /* the final folder */
  char tmp[4096 + 64];     /* write the files into this folder until commit */
  int fresh;               /* 1: dir did not exist; tmp is its sibling and becomes it */
  int slot;                /* in the process-wide table of live sets (-1: none) */
  char why[160];           /* after a failure: the reason */
};

/* bmd_outfile_set_open - start a set for folder dir. BMD_OK; BMD_EINVAL when dir exists
   and is not a folder (nor a link to one); BMD_EIO when the temporary folder cannot be
   made (errno); s->why says why. */
int bmd_outfile_set_open(struct bmd_outfile_set *s, const char *dir);

/* bmd_outfile_set_commit - move the set's files into dir (above). BMD_OK; BMD_EINVAL when
   one would replace something that is not a regular file (nothing is replaced; s->why
   names it); BMD_EIO when a move failed (what was moved is put back; s->why). The set is
   finished either way (its temporary folder removed). */
int bmd_outfile_set_commit(struct bmd_outfile_set *s);

/* bmd_outfile_set_abort - remove the temporary folder and its files; accepts a finished
   or NULL set. */
void bmd_outfile_set_abort(struct bmd_outfile_set *s);

/* bmd_outfile_set_error - after a file of the set failed (on any thread): its name and
   the reason, "NAME: no space left on device", into buf; 0 if none was recorded (buf then
   holds ""). */
int bmd_outfile_set_error(const struct bmd_outfile_set *s, char *buf, size_t n);

/* Temporary files still open are listed in one process-wide table (the one piece of global
   state in libbmd: a signal handler has no other way to find them), so that a program
   interrupted by a signal can remove them. At most BMD_OUTFILE_MAX_LIVE are open at once;
   bmd_outfile_open fails with EMFILE beyond that. */
#define BMD_OUTFILE_MAX_LIVE 64

/* bmd_outfile_unlink_live - unlink every temporary file still open, and the files and
   temporary folders of every set not yet committed. Async-signal-safe (only unlink(2) and
   rmdir(2) on names already in memory): for a SIGINT/SIGTERM handler, which should then end
   the process. Never call it while other threads may still commit. */
void bmd_outfile_unlink_live(void);

/* bmd_outfile_unlink_live_final - the same for a handler that then ends the process, with
   other threads still writing: bmd_outfile_open creates no file from then on, and files
   another thread is creating at that moment are waited for and unlinked too.
   Async-signal-safe (atomics and unlink(2)). */
void bmd_outfile_unlink_live_final(void);

#endif
