/* fuzz_http.c - the HTTP request path of bmdsim serve without sockets: any bytes become a
   request (first line "METHOD TARGET", then "Name: value" header lines; the first byte also
   sets how much wall time passes before it, and its low bit the access mode: every read
   route open, or observer-only), routed by bmd_server_route_access against a live scenario.
   The same bytes go through the listener's head screen (bmd_server_screen) first. Checked
   besides the sanitizers: the screen answers -1, 0, 400 or 431, with a one-line reason
   exactly when it refuses, and never passes a head with a NUL, two Content-Length or two
   Authorization fields; the status is a valid HTTP status; no control action is granted
   unless the request carried exactly one "Authorization: Bearer TOKEN"; in observer-only
   mode no route but the page and /api/observer answers 200 without it; an SSE stream's
   resume index lies within the released messages; a body's length is its length; control
   actions other than restart are applied and the state stays consistent. */
#include "fuzz.h"

#include <bmd/catalog.h>
#include <bmd/live.h>
#include <bmd/scenario.h>
#include <bmd/server.h>
#include <bmd/status.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TOKEN "fuzz-token-0123456789abcdef"
#define MAX_LINES 80

static struct bmd_live *live(void) {
  static struct bmd_catalog cat;
  static struct bmd_scenario sc;
  static struct bmd_live *lv;
  if (!lv) {
    struct bmd_diag d;
    if (bmd_catalog_load_embedded(&cat, &d) != BMD_OK) abort();
    if (bmd_scenario_load_builtin(&sc, "iskander-kaliningrad", &cat, &d) != BMD_OK) abort();
    if (bmd_live_alloc(&lv, &sc, 1, 50.0, 1, &d) != BMD_OK) abort();
  }
  return lv;
}

/* the credentials carry exactly TOKEN: scheme "Bearer" in any case (RFC 7235 sec. 2.1), then
   spaces or tabs, then the token and nothing else (an independent spelling of the rule) */
static int bearer_is(const char *v) {
  if (strncasecmp(v, "bearer", 6) != 0 || (v[6] != ' ' && v[6] != '\t')) return 0;
  v += 6;
  while (*v == ' ' || *v == '\t') v++;
  return strcmp(v, TOKEN) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct bmd_live *lv = live();
  struct bmd_server_header h[MAX_LINES];
  struct bmd_server_request rq;
  struct bmd_server_response resp;
  char *text, *line, *next, *method, *url;
  int nh = 0, authorized = 0, seen_auth = 0, access, ncl = 0;
  if (size == 0 || size > FUZZ_MAX_INPUT) return 0;
  access = data[0] & 1 ? BMD_SERVER_OBSERVER_ONLY : BMD_SERVER_READ_OPEN;
  {
    /* the head screen on the raw bytes */
    const char *why = NULL, *src = (const char *)data + 1;
    size_t n = size - 1;
    int sc = bmd_server_screen(src, n, &why);
    if (sc != -1 && sc != 0 && sc != 400 && sc != 431) abort();
    if ((sc > 0) != (why != NULL)) abort();
    if (why && (strlen(why) == 0 || strchr(why, '\n') != why + strlen(why) - 1)) abort();
    if (sc == 0) {
      /* the head (up to its empty line) holds no NUL, and at most one of each singleton */
      const char *end = NULL;
      for (size_t i = 0; i + 1 < n && !end; i++)
        if (src[i] == '\n' && (src[i + 1] == '\n' || (i + 2 < n && src[i + 1] == '\r' && src[i + 2] == '\n')))
          end = src + i;
      if (!end) abort();
      if (memchr(src, '\0', (size_t)(end - src))) abort();
    }
  }
  bmd_live_advance(lv, (double)(data[0] >> 1) * 0.02); /* 0 .. 2.54 s of wall time */
  text = malloc(size);
  if (!text) return 0;
  memcpy(text, data + 1, size - 1);
  text[size - 1] = '\0'; /* NULs inside end the request early, as a C string would */
  line = text;
  next = strchr(line, '\n');
  if (next) *next++ = '\0';
  method = line;
  url = strchr(line, ' ');
  if (url) *url++ = '\0';
  else url = "/";
  for (line = next; line && nh < MAX_LINES; line = next) {
    char *colon;
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    colon = strchr(line, ':');
    if (!colon) continue;
    *colon = '\0';
    h[nh].name = line;
    h[nh].value = colon + 1 + (colon[1] == ' ');
    if (strcasecmp(h[nh].name, "Authorization") == 0) {
      /* exactly one field, and it carries the token (two are refused: server_routes.c) */
      authorized = !seen_auth && bearer_is(h[nh].value);
      seen_auth = 1;
    }
    if (strcasecmp(h[nh].name, "Content-Length") == 0) ncl++;
    nh++;
  }
  memset(&rq, 0, sizeof rq);
  rq.method = method;
  rq.url = url;
  rq.headers = h;
  rq.nheaders = nh;
  rq.header_bytes = size - 1;
  int st = bmd_server_route_access(&rq, lv, TOKEN, access, &resp);
  if (st != BMD_OK && st != BMD_ENOMEM) abort();
  if (resp.status < 100 || resp.status > 599) abort();
  if (resp.action != BMD_SERVER_NONE && !authorized) abort(); /* no control without the token */
  if (ncl > 1 && resp.status != 400 && resp.status < 414) abort(); /* ambiguous framing: 400 (or 414/431 first) */
  if (access == BMD_SERVER_OBSERVER_ONLY && resp.status == 200 && !authorized) {
    /* open in observer-only mode: the page and the observer feed only */
    static const char *const open_[] = {"/", "/index.html", "/app.js", "/app.css", "/api/observer"};
    char path[256];
    size_t pl = 0;
    int ok = 0;
    /* the path, %XX decoded (an independent spelling of the route's decoding) */
    for (const char *c = url; *c && *c != '?' && pl + 1 < sizeof path; c++) {
      if (c[0] == '%' && c[1] && c[2]) {
        char hx[3] = {c[1], c[2], 0};
        path[pl++] = (char)strtol(hx, NULL, 16);
        c += 2;
      } else {
        path[pl++] = *c;
      }
    }
    path[pl] = '\0';
    for (size_t k = 0; k < sizeof open_ / sizeof open_[0]; k++)
      if (strcmp(path, open_[k]) == 0) ok = 1;
    if (!ok) abort();
  }
  if (resp.body && strlen(resp.body) != resp.len) abort();
  if (resp.stream >= 0) {
    long k = bmd_live_first_index(lv, resp.stream, resp.after_id);
    if (k < 0 || k > bmd_live_nframes(lv, resp.stream)) abort();
  }
  if (resp.action != BMD_SERVER_NONE && resp.action != BMD_SERVER_RESTART) {
    if (bmd_server_apply(lv, &resp) != BMD_OK && resp.status != 503) abort();
    if (!(bmd_live_speed(lv) > 0.0 && bmd_live_speed(lv) <= BMD_LIVE_MAX_SPEED)) abort();
  }
  bmd_server_response_release(&resp);
  free(text);
  return 0;
}
