/*
 * status.h - the one status enum of libbmd, built from an X-macro table (after libuv).
 *
 * Fallible functions return int: BMD_OK (0) or a negative code below. "No intercept" and
 * "out of range" are results that callers test, not errors, except where a function's
 * documentation says otherwise. BMD_ESOLVER is a numerical solver's failure to find an
 * answer that may exist (a bug to report), never a physical limit: the CLI gives it its own
 * exit status (3).
 */
#ifndef BMD_STATUS_H
#define BMD_STATUS_H

#define BMD_STATUS_MAP(X)                                                  \
  X(OK, 0, "success")                                                      \
  X(EINVAL, -1, "invalid argument")                                        \
  X(ENOMEM, -2, "out of memory")                                           \
  X(EIO, -3, "input/output error")                                         \
  X(EPARSE, -4, "parse error")                                             \
  X(ERANGE, -5, "out of range")                                            \
  X(ENOCONV, -6, "did not converge")                                       \
  X(ENOTFOUND, -7, "not found")                                            \
  X(ENONFINITE, -8, "non-finite value")                                    \
  X(ESTEP, -9, "step size underflow")                                     \
  X(ESOLVER, -10, "solver failure")

enum bmd_status {
#define BMD_X_(name, code, msg) BMD_##name = code,
  BMD_STATUS_MAP(BMD_X_)
#undef BMD_X_
};

/* bmd_strerror - the message of a status code ("unknown status" if none). */
const char *bmd_strerror(int status);
/* bmd_errname - the name of a status code without prefix ("EINVAL"). */
const char *bmd_errname(int status);

#endif
