/* diag.c - located diagnostics (diag.h). */
#include <bmd/diag.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void bmd_diag_set(struct bmd_diag *d, const char *file, int line, int col,
                  const char *fmt, ...) {
  va_list ap;
  if (!d) return;
  snprintf(d->file, sizeof d->file, "%s", file ? file : "");
  d->line = line;
  d->col = col;
  va_start(ap, fmt);
  vsnprintf(d->msg, sizeof d->msg, fmt, ap);
  va_end(ap);
}

void bmd_diag_format(const struct bmd_diag *d, char *buf, size_t n) {
  if (!buf || n == 0) return;
  if (!d) { buf[0] = '\0'; return; }
  if (d->file[0] && d->line > 0 && d->col > 0)
    snprintf(buf, n, "%s:%d:%d: %s", d->file, d->line, d->col, d->msg);
  else if (d->file[0] && d->line > 0)
    snprintf(buf, n, "%s:%d: %s", d->file, d->line, d->msg);
  else if (d->file[0])
    snprintf(buf, n, "%s: %s", d->file, d->msg);
  else
    snprintf(buf, n, "%s", d->msg);
}
