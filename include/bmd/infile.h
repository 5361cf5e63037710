/*
 * infile.h - opening an input file named by a user (a scenario, a catalog file, a sweep,
 * a states CSV, a token file): regular files only.
 *
 * A FIFO, a character or block device, a socket or a directory is refused at once with a
 * message naming what it is: the path is opened with O_NONBLOCK, so that opening a FIFO
 * with no writer does not wait, and checked with fstat before anything is read. (Standard
 * input stays available where a command documents '-'.) Reading is capped: a file larger
 * than the cap is refused from its size, before it is read.
 */
#ifndef BMD_INFILE_H
#define BMD_INFILE_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* bmd_infile_open - open path for reading if it is a regular file. Returns BMD_OK with
   *fd (blocking, close-on-exec), or BMD_EIO (cannot open: d says why, with strerror) or
   BMD_EPARSE (not a regular file: d says what it is). d names path. */
int bmd_infile_open(const char *path, int *fd, struct bmd_diag *d);

/* bmd_infile_fopen - bmd_infile_open as a stdio stream ("r"); same returns, *fp set on
   BMD_OK (the caller fcloses it). */
int bmd_infile_fopen(const char *path, FILE **fp, struct bmd_diag *d);

/* bmd_infile_read - the whole of the regular file path, at most max bytes, into a new
   buffer *buf (NUL-terminated; *len bytes without the NUL; the caller frees it). Returns
   BMD_OK, BMD_EIO or BMD_EPARSE as bmd_infile_open, BMD_EPARSE "file larger than max
   bytes", or BMD_ENOMEM. */
int bmd_infile_read(const char *path, size_t max, char **buf, size_t *len, struct bmd_diag *d);

#endif
