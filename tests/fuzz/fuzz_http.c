/* fuzz_http.c - the HTTP request path of bmdsim serve without sockets: any bytes become a
   request (first line "METHOD TARGET", then "Name: value" header lines; the first byte also
   sets how much wall time passes before it), routed by bmd_server_route against a live
   scenario. Checked besides the sanitizers: the status is a valid HTTP status; no control
   action is granted unless the request carried exactly "Authorization: Bearer TOKEN"; an
   SSE stream's resume index lies within the released messages; a body's length is its
   length; control actions other than restart are applied and the state stays consistent. */
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
  int nh = 0, authorized = 0, seen_auth = 0;
  if (size == 0 || size > FUZZ_MAX_INPUT) return 0;
  bmd_live_advance(lv, (double)data[0] * 0.01); /* 0 .. 2.55 s of wall time */
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
    if (!seen_auth && strcasecmp(h[nh].name, "Authorization") == 0) {
      authorized = bearer_is(h[nh].value); /* the first one counts (server_routes.c) */
      seen_auth = 1;
    }
    nh++;
  }
  memset(&rq, 0, sizeof rq);
  rq.method = method;
  rq.url = url;
  rq.headers = h;
  rq.nheaders = nh;
  rq.header_bytes = size - 1;
  int st = bmd_server_route(&rq, lv, TOKEN, &resp);
  if (st != BMD_OK && st != BMD_ENOMEM) abort();
  if (resp.status < 100 || resp.status > 599) abort();
  if (resp.action != BMD_SERVER_NONE && !authorized) abort(); /* no control without the token */
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
