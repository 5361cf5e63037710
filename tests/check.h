/*
 * check.h - minimal test assertions (after libuv's ASSERT and SOFA's vvd): every failure
 * prints file:line, the expression, the wanted and the got value and the tolerance, and
 * the test program exits non-zero at the end. Each tolerance is justified where it is used.
 */
#ifndef BMD_CHECK_H
#define BMD_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int check_failures_ = 0;
static int check_count_ = 0;

#define CHECK(cond)                                                                  \
  do {                                                                               \
    check_count_++;                                                                  \
    if (!(cond)) {                                                                   \
      check_failures_++;                                                             \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);       \
    }                                                                                \
  } while (0)

#define CHECK_INT_EQ(got, want)                                                      \
  do {                                                                               \
    long g_ = (long)(got), w_ = (long)(want);                                        \
    check_count_++;                                                                  \
    if (g_ != w_) {                                                                  \
      check_failures_++;                                                             \
      fprintf(stderr, "%s:%d: %s: want %ld, got %ld\n", __FILE__, __LINE__, #got, w_, g_); \
    }                                                                                \
  } while (0)

/* |got - want| <= tol */
#define CHECK_NEAR(got, want, tol)                                                   \
  do {                                                                               \
    double g_ = (got), w_ = (want), t_ = (tol);                                      \
    check_count_++;                                                                  \
    if (!(fabs(g_ - w_) <= t_)) {                                                    \
      check_failures_++;                                                             \
      fprintf(stderr, "%s:%d: %s: want %.12g, got %.12g, |diff| %.3g > tol %.3g\n",  \
              __FILE__, __LINE__, #got, w_, g_, fabs(g_ - w_), t_);                  \
    }                                                                                \
  } while (0)

/* |got - want| <= tol * |want| */
#define CHECK_REL(got, want, tol)                                                    \
  do {                                                                               \
    double g_ = (got), w_ = (want), t_ = (tol);                                      \
    check_count_++;                                                                  \
    if (!(fabs(g_ - w_) <= t_ * fabs(w_))) {                                         \
      check_failures_++;                                                             \
      fprintf(stderr, "%s:%d: %s: want %.12g, got %.12g, rel diff %.3g > tol %.3g\n", \
              __FILE__, __LINE__, #got, w_, g_, fabs(g_ - w_) / fabs(w_), t_);        \
    }                                                                                \
  } while (0)

static inline int check_report(const char *name) {
  printf("%s: %d checks, %d failed\n", name, check_count_, check_failures_);
  return check_failures_ ? 1 : 0;
}

#endif
