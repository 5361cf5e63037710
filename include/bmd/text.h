/*
 * text.h - text from input files made safe to show on a terminal.
 *
 * Scenario ids, titles, notes and file names come from files other people wrote. Printed
 * raw, a control character in them could move the cursor, clear the screen or forge a line
 * of output (an id holding "\n" or ESC), and a Unicode bidirectional override could make a
 * line read differently from what it holds (Boucher and Anderson, "Trojan Source:
 * Invisible Vulnerabilities", USENIX Security 2023, CVE-2021-42574). Every string from
 * input that bmdsim prints goes through bmd_text_term first.
 *
 * What is escaped (everything else, UTF-8 included, is copied):
 *   - C0 controls and DEL (0x00-0x1f, 0x7f): "\n", "\r", "\t", else "\xHH";
 *   - C1 controls (U+0080-U+009F) and the bidirectional controls ALM (U+061C), LRM and
 *     RLM (U+200E, U+200F), LRE..RLO (U+202A-U+202E) and LRI..PDI (U+2066-U+2069):
 *     "\uXXXX";
 *   - bytes that are not part of well-formed UTF-8: "\xHH".
 * A backslash is left alone, so escaping twice gives the same text as once.
 */
#ifndef BMD_TEXT_H
#define BMD_TEXT_H

#include <stddef.h>

/* bmd_text_term - s escaped as above into out (cap bytes, NUL-terminated, truncated at a
   whole escape if short); returns the length the whole result needs (as snprintf). At
   most 4 bytes of output per input byte, so cap = 4 strlen(s) + 1 always suffices. */
size_t bmd_text_term(char *out, size_t cap, const char *s);

/* bmd_text_json - a JSON text (as cJSON prints it) with the C1 and bidirectional
   controls above and DEL written as \uXXXX escapes: the same JSON value, safe to print on
   a terminal (cJSON already escapes C0). Those bytes occur only inside JSON strings, where
   the escape means the same character. Returns a new string (caller frees), NULL if out of
   memory. */
char *bmd_text_json(const char *json);

#endif
