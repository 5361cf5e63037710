/* text.c - text from input made safe for a terminal (text.h). */
#include <bmd/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the code point of the well-formed UTF-8 sequence at s (length in *len), or -1 (then
   *len = 1) if s does not start one (RFC 3629 sec. 4: no overlongs, no surrogates) */
static long utf8_at(const unsigned char *s, int *len) {
  unsigned c = s[0];
  long cp;
  int n, i;
  *len = 1;
  if (c < 0x80) return (long)c;
  if (c >= 0xc2 && c <= 0xdf) n = 2, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef) n = 3, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4) n = 4, cp = c & 0x07;
  else return -1;
  for (i = 1; i < n; i++) {
    if ((s[i] & 0xc0) != 0x80) return -1;
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
      (cp >= 0xd800 && cp <= 0xdfff))
    return -1;
  *len = n;
  return cp;
}

/* the code points escaped besides C0 and DEL */
static int escaped_cp(long cp) {
  return (cp >= 0x80 && cp <= 0x9f) || cp == 0x61c || cp == 0x200e || cp == 0x200f ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t bmd_text_term(char *out, size_t cap, const char *str) {
  const unsigned char *s = (const unsigned char *)(str ? str : "");
  size_t need = 0, put = 0;
  int full = cap == 0;
  while (*s) {
    char e[8];
    int len, k;
    long cp = utf8_at(s, &len);
    if (cp < 0) k = snprintf(e, sizeof e, "\\x%02x", s[0]);
    else if (cp == '\n') k = snprintf(e, sizeof e, "\\n");
    else if (cp == '\r') k = snprintf(e, sizeof e, "\\r");
    else if (cp == '\t') k = snprintf(e, sizeof e, "\\t");
    else if (cp < 0x20 || cp == 0x7f) k = snprintf(e, sizeof e, "\\x%02x", (unsigned)cp);
    else if (escaped_cp(cp)) k = snprintf(e, sizeof e, "\\u%04X", (unsigned)cp);
    else {
      memcpy(e, s, (size_t)len);
      k = len;
    }
    /* whole pieces only: a truncated result never ends inside an escape or a character */
    if (!full && put + (size_t)k < cap) {
      memcpy(out + put, e, (size_t)k);
      put += (size_t)k;
    } else {
      full = 1;
    }
    need += (size_t)k;
    s += len;
  }
  if (cap > 0) out[put] = '\0';
  return need;
}

char *bmd_text_json(const char *json) {
  size_t n = strlen(json), extra = 0, k = 0;
  const unsigned char *s = (const unsigned char *)json;
  char *out;
  for (size_t i = 0; i < n;) {
    int len;
    long cp = utf8_at(s + i, &len);
    if (cp == 0x7f || (cp > 0x7f && escaped_cp(cp))) extra += 6 - (size_t)len;
    i += (size_t)len;
  }
  out = malloc(n + extra + 1);
  if (!out) return NULL;
  for (size_t i = 0; i < n;) {
    int len;
    long cp = utf8_at(s + i, &len);
    if (cp == 0x7f || (cp > 0x7f && escaped_cp(cp))) {
      static const char hex[] = "0123456789abcdef";
      out[k++] = '\\';
      out[k++] = 'u';
      for (int sh = 12; sh >= 0; sh -= 4) out[k++] = hex[(cp >> sh) & 0xf];
    } else {
      memcpy(out + k, s + i, (size_t)len);
      k += (size_t)len;
    }
    i += (size_t)len;
  }
  out[k] = '\0';
  return out;
}
