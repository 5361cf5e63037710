/*
 * csv.h - the one CSV writer of bmdsim: every CSV file it writes (events, trajectories,
 * footprint cells, coverage rows, Monte Carlo trials, propagated impacts, sweep exports)
 * goes through it, so that escaping is written and tested once.
 *
 * Format (RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV) Files",
 * 2005, sec. 2): cells separated by commas; a cell holding a comma, a double quote, CR or
 * LF is enclosed in double quotes and each double quote inside it is doubled. Records end
 * with LF rather than RFC 4180's CRLF (every reader bmdsim's users name -- Python's csv,
 * pandas, R, LibreOffice, Excel -- reads both, and LF keeps the files diffable with the
 * Unix tools). Text is written as given (UTF-8).
 *
 * Spreadsheet formulas (CSV injection): a text cell whose first character is one of
 * = + - @ TAB CR, and which is not a plain decimal number, gets a single quote (') put in
 * front of it, as the OWASP guidance "CSV Injection" (owasp.org/www-community/attacks/
 * CSV_Injection) describes, so that a spreadsheet shows the text instead of running it
 * (an id "=HYPERLINK(...)" is written '=HYPERLINK(...)). A plain decimal number
 * ([+-]digits[.digits][e[+-]digits], e.g. "-12.5") cannot be a formula and is left alone.
 * Numbers written as numbers (bmd_csv_fixed, _int, _real) are never touched. A reader that
 * wants the original text removes one leading quote from a text cell whose second
 * character is one of = + - @ TAB CR.
 *
 * Use:
 *   struct bmd_csv w;
 *   bmd_csv_init(&w, fp);
 *   bmd_csv_header(&w, "t_s,event,threat");          a fixed header (names without commas)
 *   bmd_csv_fixed(&w, t_s, 3); bmd_csv_text(&w, "launch"); bmd_csv_text(&w, id);
 *   bmd_csv_end(&w);
 *   if (bmd_csv_finish(&w) != 0) ... errno tells why
 *
 * Rows are built in a buffer and written in blocks of about 16 KB; numbers are formatted by
 * fmt.h (printf's text, several times faster), so that the 10 MB footprint CSV costs what
 * its hand-written predecessor did (BENCHMARKS.md).
 */
#ifndef BMD_CSV_H
#define BMD_CSV_H

#include <stddef.h>
#include <stdio.h>

#define BMD_CSV_BUF 16384

struct bmd_csv {
  FILE *fp;
  int col;                  /* cells written in the current record */
  int err;                  /* errno of the first failed write, 0 while none */
  size_t n;                 /* bytes in buf */
  char buf[BMD_CSV_BUF];
};

/* bmd_csv_init - start writing CSV to fp (which the caller opens and closes). */
void bmd_csv_init(struct bmd_csv *w, FILE *fp);

/* bmd_csv_header - the cells of a fixed header, given as one comma-separated list of
   names (ASCII words without commas or quotes, e.g. "t_s,alt_km,note"), ending the
   record. Names built from input text (an id in "outcome_<id>") go through bmd_csv_text. */
void bmd_csv_header(struct bmd_csv *w, const char *names);

/* bmd_csv_text - a text cell: neutralised (a formula prefix gets a quote, see above) and
   quoted when it must be. NULL writes an empty cell. */
void bmd_csv_text(struct bmd_csv *w, const char *s);

/* bmd_csv_text2 - a text cell made of prefix and s joined ("outcome_" and an id), treated
   as one text (neutralised and quoted as a whole). */
void bmd_csv_text2(struct bmd_csv *w, const char *prefix, const char *s);

/* bmd_csv_fixed - a number with decimals digits after the point (printf "%.*f"); an empty
   cell when v is not finite. */
void bmd_csv_fixed(struct bmd_csv *w, double v, int decimals);

/* bmd_csv_int - a whole number. */
void bmd_csv_int(struct bmd_csv *w, long v);

/* bmd_csv_uint - an unsigned whole number (seeds). */
void bmd_csv_uint(struct bmd_csv *w, unsigned long long v);

/* bmd_csv_real - v in the fewest significant digits (15, 16 or 17, "%.*g") that read back
   to v exactly; an empty cell when not finite. */
void bmd_csv_real(struct bmd_csv *w, double v);

/* bmd_csv_empty - an empty cell (a value that does not exist). */
void bmd_csv_empty(struct bmd_csv *w);

/* bmd_csv_end - end the record (LF). */
void bmd_csv_end(struct bmd_csv *w);

/* bmd_csv_finish - write out what is buffered and flush fp. Returns 0, or -1 with errno
   set from the first failed write (ENOSPC for a full disk). */
int bmd_csv_finish(struct bmd_csv *w);

/* bmd_csv_cell - the text cell s as bmd_csv_text writes it, into out (cap bytes, NUL-
   terminated, truncated if short); returns the length it needs (as snprintf). For tests and
   for callers that build a record elsewhere. */
size_t bmd_csv_cell(char *out, size_t cap, const char *s);

/* bmd_csv_needs_prefix - 1 if bmd_csv_text puts a quote in front of s (formula prefix). */
int bmd_csv_needs_prefix(const char *s);

#endif
