/*
 * diag.h - located diagnostics for bad input (file, line, column, field, message).
 *
 * Parsers and validators fill a caller-owned struct bmd_diag; the CLI prints it as
 * "file:line:col: message" (line and column 1-based; 0 means unknown).
 */
#ifndef BMD_DIAG_H
#define BMD_DIAG_H

#include <stddef.h>

struct bmd_diag {
  char file[256];    /* input name, "" if none */
  int line;          /* 1-based, 0 = unknown */
  int col;           /* 1-based, 0 = unknown */
  char msg[512];     /* lowercase, no trailing period; names the field or value */
};

/* bmd_diag_set - fill d (may be NULL) with a location and a printf-style message. */
void bmd_diag_set(struct bmd_diag *d, const char *file, int line, int col,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* bmd_diag_format - "file:line:col: msg" (parts that are unknown are left out) into buf. */
void bmd_diag_format(const struct bmd_diag *d, char *buf, size_t n);

#endif
