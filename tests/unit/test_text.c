/*
 * test_text.c - text from input made safe for a terminal (text.h):
 *  - every C0 control, DEL, C1 control and the bidirectional controls of the Trojan Source
 *    paper (Boucher and Anderson 2023: LRE RLE PDF LRO RLO, LRI RLI FSI PDI; also LRM RLM
 *    ALM) come out escaped, and nothing of the output is a control or one of those;
 *  - printable ASCII and other UTF-8 (accents, CJK, emoji) pass unchanged;
 *  - malformed UTF-8 (lone continuation, overlong, surrogate, truncated) is escaped byte
 *    by byte;
 *  - escaping is idempotent, and truncation stops at a whole escape;
 *  - bmd_text_json keeps the JSON value: cJSON reads back the same string from the escaped
 *    text, and the escaped text holds no C1 or bidirectional control.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/text.h>

#include "check.h"

static void check_term(const char *in, const char *want) {
  char out[256];
  size_t n = bmd_text_term(out, sizeof out, in);
  check_count_++;
  if (strcmp(out, want) != 0 || n != strlen(want)) {
    check_failures_++;
    fprintf(stderr, "term: want [%s] (%zu), got [%s] (%zu)\n", want, strlen(want), out, n);
  }
}

/* no byte < 0x20, no DEL, no C1 (C2 80..9F) and no bidi control in s */
static int clean(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  for (; *p; p++) {
    if (*p < 0x20 || *p == 0x7f) return 0;
    if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) return 0;
    if (p[0] == 0xe2 && p[1] == 0x80 && ((p[2] >= 0xaa && p[2] <= 0xae) || p[2] == 0x8e || p[2] == 0x8f)) return 0;
    if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9) return 0;
    if (p[0] == 0xd8 && p[1] == 0x9c) return 0;
  }
  return 1;
}

int main(void) {
  check_term("T1 plain ~!@#$%^&*()", "T1 plain ~!@#$%^&*()");
  check_term("K\xc3\xbcrecik \xe4\xb8\xad \xf0\x9f\x9a\x80", "K\xc3\xbcrecik \xe4\xb8\xad \xf0\x9f\x9a\x80");
  check_term("a\nb\rc\td", "a\\nb\\rc\\td");
  check_term("\x1b[2J\x07\x7f", "\\x1b[2J\\x07\\x7f");
  check_term("\xe2\x80\xae" "evil", "\\u202Eevil");                  /* RLO */
  check_term("\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069");      /* LRI .. PDI */
  check_term("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\\u200E\\u200F\\u061C");
  check_term("\xc2\x85\xc2\x9b", "\\u0085\\u009B");                /* NEL, CSI */
  check_term("\x80 \xc0\xaf \xed\xa0\x80 \xe2\x80", "\\x80 \\xc0\\xaf \\xed\\xa0\\x80 \\xe2\\x80");
  check_term("back\\slash", "back\\slash");

  /* every byte value and every code point of the escaped ranges: output clean */
  {
    char in[3 * 256 + 1], out[16 * 256];
    int k = 0;
    for (int b = 1; b < 256; b++) in[k++] = (char)b;
    in[k] = '\0';
    bmd_text_term(out, sizeof out, in);
    CHECK(clean(out));
    /* idempotent */
    {
      char again[16 * 256];
      bmd_text_term(again, sizeof again, out);
      CHECK(strcmp(again, out) == 0);
    }
    for (long cp = 0x80; cp <= 0x206f; cp++) {
      char s[8], o[32];
      if (cp < 0x800) s[0] = (char)(0xc0 | (cp >> 6)), s[1] = (char)(0x80 | (cp & 0x3f)), s[2] = 0;
      else s[0] = (char)(0xe0 | (cp >> 12)), s[1] = (char)(0x80 | ((cp >> 6) & 0x3f)), s[2] = (char)(0x80 | (cp & 0x3f)), s[3] = 0;
      bmd_text_term(o, sizeof o, s);
      if (!clean(o)) {
        CHECK(clean(o));
        break;
      }
    }
  }

  /* truncation: whole escapes only, NUL-terminated, the full length returned */
  {
    char out[8];
    size_t n = bmd_text_term(out, sizeof out, "ab\x01\x02");   /* "ab\x01\x02" is 10 chars */
    CHECK_INT_EQ(n, 10);
    CHECK(strcmp(out, "ab\\x01") == 0);
    n = bmd_text_term(NULL, 0, "\xe2\x80\xae");
    CHECK_INT_EQ(n, 6);
  }

  /* JSON: the same value back, nothing raw */
  {
    const char *ids[] = {"\xe2\x80\xae\x65vil", "a\x7f\x62", "\xc2\x85x", "K\xc3\xbcrecik", "x\xe2\x81\xa6y", "q\"\\\n"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
      cJSON *o = cJSON_CreateObject(), *back;
      char *txt, *safe;
      cJSON_AddStringToObject(o, "id", ids[i]);
      txt = cJSON_PrintUnformatted(o);
      safe = bmd_text_json(txt);
      CHECK(safe && clean(safe));
      back = cJSON_Parse(safe);
      CHECK(back && cJSON_IsString(cJSON_GetObjectItem(back, "id")) &&
            strcmp(cJSON_GetObjectItem(back, "id")->valuestring, ids[i]) == 0);
      cJSON_Delete(back);
      cJSON_Delete(o);
      free(txt);
      free(safe);
    }
  }
  return check_report("test_text");
}
