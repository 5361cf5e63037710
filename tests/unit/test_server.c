/*
 * test_server.c - bmdsim serve without sockets: the live replay (live.h) and the routes
 * (server.h), against outside truth:
 *  - the events feed carries exactly the engine's event log of `bmdsim run` for the same
 *    seed (bmd_sim_run, run separately), in order, field by field;
 *  - messages are released only when due on the simulation clock, ids strictly increase,
 *    every frame is "id: N\ndata: JSON\n\n" with the JSON's id equal to N;
 *  - pause stops the clock, speed scales it, restart starts run 2 at t = 0 with fresh ids
 *    and resuming clients land on its restart message;
 *  - the observer feed holds no threat field and no position at all (the threat model of
 *    docs/server.md), only its allowed kinds;
 *  - the routes: 404, 405 (+Allow), 400, 401 (+challenge; no action), 413, 414, 431,
 *    path traversal in its spellings, the embedded page, /api/scenario as GeoJSON with
 *    the scenario's counts and closed rings, /metrics in Prometheus text; framing (two
 *    Content-Length fields, one not digits, Authorization twice: 400, no action); speed
 *    as a plain decimal only; seeds to 2^64 - 1; observer-only access (the page and
 *    /api/observer open, the rest 401 without the token, 200 with it);
 *  - the listener's request-head screen (bmd_server_screen) on heads as received: NUL,
 *    bare CR, folded lines, bad names, Content-Length forms, duplicates, the caps;
 *  - the token compare: right answers, and time that does not depend on where the inputs
 *    differ (64 KiB secrets, so an early exit would be 100x faster).
 */
#include <float.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include <bmd/catalog.h>
#include <bmd/embedded.h>
#include <bmd/live.h>
#include <bmd/scenario.h>
#include <bmd/server.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "check.h"

#define TOKEN "0123456789abcdef0123456789abcdef"

static cJSON *frame_json(const struct bmd_live_frame *f) {
  const char *d = strstr(f->text, "\ndata: ");
  return d ? cJSON_Parse(d + 7) : NULL;
}

static const char *jstr(const cJSON *j, const char *k) {
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, k);
  return cJSON_IsString(x) ? x->valuestring : "";
}

static double jnum(const cJSON *j, const char *k) {
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, k);
  return cJSON_IsNumber(x) ? x->valuedouble : (double)NAN;
}

static int is_engine_kind(const char *kind) {
  for (int k = BMD_SIM_THREAT_LAUNCH; k <= BMD_SIM_THREAT_DESTROYED; k++)
    if (strcmp(kind, bmd_sim_event_name((enum bmd_sim_event_kind)k)) == 0) return 1;
  return 0;
}

/* every frame well formed, ids strictly increasing and equal in both places */
static void check_frames(const struct bmd_live *lv, int feed, long *last_id) {
  for (long k = 0; k < bmd_live_nframes(lv, feed); k++) {
    const struct bmd_live_frame *f = bmd_live_frame(lv, feed, k);
    char head[64];
    cJSON *j = frame_json(f);
    snprintf(head, sizeof head, "id: %ld\ndata: {", f->id);
    CHECK(strncmp(f->text, head, strlen(head)) == 0);
    CHECK(f->len > 2 && strcmp(f->text + f->len - 2, "\n\n") == 0 && strlen(f->text) == f->len);
    CHECK(strchr(strstr(f->text, "data: "), '\n') == f->text + f->len - 2); /* one data line */
    CHECK(j != NULL);
    CHECK_INT_EQ((long)jnum(j, "id"), f->id);
    CHECK(f->id > *last_id);
    *last_id = f->id;
    cJSON_Delete(j);
  }
}

/* no key that could carry threat data, anywhere in j */
static int has_forbidden_key(const cJSON *j) {
  static const char *const bad[] = {"threat", "threats", "interceptors", "lat_deg", "lon_deg", "alt_m",
                                    "note", "missile", "target", "value"};
  for (const cJSON *c = j ? j->child : NULL; c; c = c->next) {
    if (c->string)
      for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        if (strcmp(c->string, bad[k]) == 0) return 1;
    if ((cJSON_IsObject(c) || cJSON_IsArray(c)) && has_forbidden_key(c)) return 1;
  }
  return 0;
}

/* the engine's log for the same scenario and seed, run on its own */
static void test_events_equal_engine_log(const struct bmd_scenario *sc, unsigned long seed) {
  struct bmd_live *lv = NULL;
  struct bmd_sim_result ref;
  struct bmd_diag d;
  long j = 0, last_ev = 0, last_obs = 0, ends = 0;
  CHECK_INT_EQ(bmd_sim_run(sc, seed, &ref, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_live_alloc(&lv, sc, seed, 1000.0, 0, &d), BMD_OK);
  if (!lv) return;
  CHECK(ref.nevents > 50);
  /* 50 ms wall steps at 1000x: 50 s of simulated time each, to the end */
  for (int step = 0; step < 10000 && !bmd_live_ended(lv); step++) {
    double t = bmd_live_time(lv);
    long released = 0, due = 0;
    CHECK(bmd_live_advance(lv, 0.05) >= 0);
    /* released only when due: every engine event up to the clock, none after */
    for (long k = 0; k < bmd_live_nframes(lv, BMD_LIVE_EVENTS); k++) {
      const struct bmd_live_frame *f = bmd_live_frame(lv, BMD_LIVE_EVENTS, k);
      CHECK(f->t_s <= bmd_live_time(lv) + 1e-9);
      if (strstr(f->text, "\"kind\":\"tick\"") == NULL && strstr(f->text, "\"kind\":\"restart\"") == NULL &&
          strstr(f->text, "\"kind\":\"end\"") == NULL)
        released++;
    }
    for (long k = 0; k < ref.nevents; k++) due += ref.events[k].t_s <= bmd_live_time(lv);
    CHECK_INT_EQ(released, due);
    if (step == 3) CHECK_NEAR(bmd_live_time(lv), t + 50.0, 1e-9); /* speed x wall time */
  }
  CHECK(bmd_live_ended(lv));
  CHECK_NEAR(bmd_live_time(lv), bmd_live_end_time(lv), 0.0);
  check_frames(lv, BMD_LIVE_EVENTS, &last_ev);
  check_frames(lv, BMD_LIVE_OBSERVER, &last_obs);
  for (long k = 0; k < bmd_live_nframes(lv, BMD_LIVE_EVENTS); k++) {
    cJSON *m = frame_json(bmd_live_frame(lv, BMD_LIVE_EVENTS, k));
    const char *kind = jstr(m, "kind");
    if (strcmp(kind, "end") == 0) {
      ends++;
      /* the counts under the outcome vocabulary's names (outcome.h) */
      for (int o = 0; o < BMD_OUTCOME_COUNT; o++) CHECK_INT_EQ((long)jnum(m, bmd_outcome_name(o)), ref.count.n[o]);
      CHECK_INT_EQ((long)jnum(m, BMD_OUTCOME_REACHED_TARGET), ref.count.reached_target);
      CHECK(!cJSON_HasObjectItem(m, "not_engaged"));
    }
    if (is_engine_kind(kind)) {
      const struct bmd_sim_event *e = &ref.events[j < ref.nevents ? j : 0];
      CHECK(j < ref.nevents);
      CHECK(strcmp(kind, bmd_sim_event_name((enum bmd_sim_event_kind)e->kind)) == 0);
      /* cJSON prints 15 digits when they read back within one ulp (its compare_double) */
      CHECK_NEAR(jnum(m, "t_s"), e->t_s, 2.0 * DBL_EPSILON * fabs(e->t_s));
      CHECK_INT_EQ((long)jnum(m, "threat"), e->threat);
      CHECK_INT_EQ((long)jnum(m, "site"), e->site);
      CHECK_INT_EQ((long)jnum(m, "radar"), e->radar);
      CHECK_NEAR(jnum(m, "lat_deg"), e->lat_deg, 1e-12);
      CHECK(strcmp(jstr(m, "note"), e->note) == 0);
      /* a threat's end carries its outcome, an unengaged threat's end and a no-engagement
         event the reason code; no other event has either */
      CHECK(strcmp(jstr(m, "outcome"), e->outcome >= 0 ? bmd_outcome_name(e->outcome) : "") == 0);
      CHECK(strcmp(jstr(m, "reason"),
                   e->reason != BMD_ENGAGE_NONE ? bmd_engage_reason_word((enum bmd_engage_reason)e->reason) : "") == 0);
      j++;
    }
    cJSON_Delete(m);
  }
  CHECK_INT_EQ(j, ref.nevents);
  CHECK_INT_EQ(ends, 1);
  /* after the end the clock stays put */
  CHECK_INT_EQ(bmd_live_advance(lv, 10.0), 0);
  CHECK_NEAR(bmd_live_time(lv), bmd_live_end_time(lv), 0.0);
  bmd_sim_result_release(&ref);
  bmd_live_free(lv);
}

static void test_observer(const struct bmd_live *lv, const struct bmd_scenario *sc) {
  static const char *const kinds[] = {"radar", "launcher", "site-launch", "clock", "restart", "control"};
  long nlaunch = 0, n;
  const struct bmd_live_site_change *log = bmd_live_site_log(lv, &n);
  CHECK(n >= sc->nradars + sc->nsites);
  for (long k = 1; k < n; k++) CHECK(log[k].t_s >= log[k - 1].t_s);
  for (long k = 0; k < bmd_live_nframes(lv, BMD_LIVE_OBSERVER); k++) {
    const struct bmd_live_frame *f = bmd_live_frame(lv, BMD_LIVE_OBSERVER, k);
    cJSON *m = frame_json(f);
    int known = 0;
    CHECK(!has_forbidden_key(m));
    CHECK(strstr(f->text, "threat") == NULL);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) known |= strcmp(jstr(m, "kind"), kinds[i]) == 0;
    CHECK(known);
    if (strcmp(jstr(m, "kind"), "site-launch") == 0) nlaunch += (long)jnum(m, "count");
    if (strcmp(jstr(m, "kind"), "radar") == 0) {
      const cJSON *sec = cJSON_GetObjectItemCaseSensitive(m, "sector_az_deg");
      CHECK(cJSON_GetArraySize(sec) == 2);
      if (cJSON_GetArraySize(sec) == 2)
        CHECK(cJSON_GetArrayItem(sec, 1)->valuedouble > cJSON_GetArrayItem(sec, 0)->valuedouble);
    }
    cJSON_Delete(m);
  }
  /* every interceptor leaving a site is on the observer feed, as a count */
  {
    const struct bmd_sim_result *r = bmd_live_result(lv);
    long fired = 0;
    for (int s = 0; s < r->nsites; s++) fired += r->spent[s];
    CHECK_INT_EQ(nlaunch, fired);
  }
}

static void test_controls(const struct bmd_scenario *sc, unsigned long seed) {
  struct bmd_live *lv = NULL;
  struct bmd_live_run *run = NULL;
  struct bmd_diag d;
  long last, n0, idx;
  double t;
  CHECK_INT_EQ(bmd_live_alloc(&lv, sc, seed, 0.0, 0, &d), BMD_EINVAL);
  CHECK_INT_EQ(bmd_live_alloc(&lv, sc, seed, 10.0, 0, &d), BMD_OK);
  if (!lv) return;
  CHECK_INT_EQ(bmd_live_run_number(lv), 1);
  bmd_live_advance(lv, 2.0);
  CHECK_NEAR(bmd_live_time(lv), 20.0, 1e-12);
  /* pause: the clock stops, nothing but the control message is released */
  bmd_live_pause(lv);
  CHECK(bmd_live_paused(lv));
  n0 = bmd_live_nframes(lv, BMD_LIVE_EVENTS);
  bmd_live_advance(lv, 100.0);
  CHECK_NEAR(bmd_live_time(lv), 20.0, 0.0);
  CHECK_INT_EQ(bmd_live_nframes(lv, BMD_LIVE_EVENTS), n0);
  bmd_live_resume(lv);
  CHECK(!bmd_live_paused(lv));
  CHECK_INT_EQ(bmd_live_nframes(lv, BMD_LIVE_EVENTS), n0 + 1);
  /* speed: out of range refused, else the clock scales */
  CHECK_INT_EQ(bmd_live_set_speed(lv, 0.0), BMD_EINVAL);
  CHECK_INT_EQ(bmd_live_set_speed(lv, 1000.5), BMD_EINVAL);
  CHECK_INT_EQ(bmd_live_set_speed(lv, (double)NAN), BMD_EINVAL);
  CHECK_NEAR(bmd_live_speed(lv), 10.0, 0.0);
  CHECK_INT_EQ(bmd_live_set_speed(lv, 2.5), BMD_OK);
  t = bmd_live_time(lv);
  bmd_live_advance(lv, 4.0);
  CHECK_NEAR(bmd_live_time(lv), t + 10.0, 1e-9);
  /* resuming clients: after an id, from the next; none / unknown ids: the run's start */
  last = bmd_live_last_id(lv, BMD_LIVE_EVENTS);
  CHECK_INT_EQ(bmd_live_first_index(lv, BMD_LIVE_EVENTS, last), bmd_live_nframes(lv, BMD_LIVE_EVENTS));
  CHECK_INT_EQ(bmd_live_first_index(lv, BMD_LIVE_EVENTS, 3), 3);
  CHECK_INT_EQ(bmd_live_first_index(lv, BMD_LIVE_EVENTS, -1), 0);
  CHECK_INT_EQ(bmd_live_first_index(lv, BMD_LIVE_EVENTS, last + 1000), 0);
  /* restart: run 2 from t = 0, ids go on, the old run's ids resume at its start */
  CHECK_INT_EQ(bmd_live_run_build(lv, seed + 1, &run), BMD_OK);
  bmd_live_restart(lv, run);
  CHECK_INT_EQ(bmd_live_run_number(lv), 2);
  CHECK_NEAR(bmd_live_time(lv), 0.0, 0.0);
  CHECK_INT_EQ((long)bmd_live_seed(lv), (long)(seed + 1));
  CHECK_NEAR(bmd_live_speed(lv), 2.5, 0.0); /* kept */
  CHECK(bmd_live_frame(lv, BMD_LIVE_EVENTS, 0)->id == last + 1);
  CHECK(strstr(bmd_live_frame(lv, BMD_LIVE_EVENTS, 0)->text, "\"kind\":\"restart\"") != NULL);
  CHECK(strstr(bmd_live_frame(lv, BMD_LIVE_EVENTS, 0)->text, "\"run\":2") != NULL);
  idx = bmd_live_first_index(lv, BMD_LIVE_EVENTS, last - 5);
  CHECK_INT_EQ(idx, 0);
  CHECK(strstr(bmd_live_frame(lv, BMD_LIVE_OBSERVER, 0)->text, "\"kind\":\"restart\"") != NULL);
  bmd_live_advance(lv, 1000.0);
  test_observer(lv, sc);
  bmd_live_free(lv);
}

/* ---------------------------------------------------------------- routes */

static struct bmd_server_response route_h(const struct bmd_live *lv, const char *method, const char *url,
                                          const struct bmd_server_header *h, int nh) {
  struct bmd_server_request rq = {method, url, h, nh, 0};
  struct bmd_server_response r;
  bmd_server_route(&rq, lv, TOKEN, &r);
  return r;
}

static int status_of(const struct bmd_live *lv, const char *method, const char *url) {
  struct bmd_server_response r = route_h(lv, method, url, NULL, 0);
  int st = r.status;
  CHECK(r.action == BMD_SERVER_NONE);
  CHECK(r.status == 200 || (r.body && r.len > 0 && r.len < 100 && strchr(r.body, '\n') == r.body + r.len - 1));
  bmd_server_response_release(&r);
  return st;
}

/* the request-head screen of the listener (bmd_server_screen), on heads as received */
static void test_screen(void) {
  static const struct {
    const char *head;
    size_t len;         /* 0: strlen */
    int want;
    const char *why;
  } cs[] = {
      {"GET / HTTP/1.1\r\nHost: a\r\n\r\n", 0, 0, NULL},
      {"GET / HTTP/1.1\nHost: a\n\n", 0, 0, NULL},                              /* bare LF lines */
      {"GET / HTTP/1.1\r\nHost: a\r\n", 0, -1, NULL},                          /* not all here */
      {"GET / HTTP/1.1\r\nHo", 0, -1, NULL},
      {"", 0, -1, NULL},
      {"POST /x HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n", 0, 400, "more than once"},
      {"POST /x HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\n", 0, 400, "more than once"},
      {"POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 0, 400, "bad Content-Length"},
      {"POST /x HTTP/1.1\r\nContent-Length: +5\r\n\r\n", 0, 400, "bad Content-Length"},
      {"POST /x HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n", 0, 400, "bad Content-Length"},
      {"POST /x HTTP/1.1\r\nContent-Length:\r\n\r\n", 0, 400, "bad Content-Length"},
      {"POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 0, 400, "bad Content-Length"},
      {"POST /x HTTP/1.1\r\nContent-Length:  12 \r\n\r\n", 0, 0, NULL},        /* OWS around */
      {"POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 0, 400, "together"},
      {"POST /x HTTP/1.1\r\nAuthorization: Bearer a\r\nAuthorization: Bearer a\r\n\r\n", 0, 400,
       "Authorization given more than once"},
      {"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 0, 400, "Host given more than once"},
      {"POST /x HTTP/1.1\r\nAuthorization: Bearer tok\0junk\r\n\r\n", 52, 400, "control character"},
      {"GET / HTTP/1.1\r\nX-A: b\rc\r\n\r\n", 0, 400, "control character"},       /* bare CR */
      {"GET / HTTP/1.1\r\nX-A: b\x01\r\n\r\n", 0, 400, "control character"},
      {"GET / HTTP/1.1\r\nX-A: b\r\n c\r\n\r\n", 0, 400, "folded"},
      {"GET / HTTP/1.1\r\nX-A : b\r\n\r\n", 0, 400, "bad header name"},        /* RFC 9112 5.1 */
      {"GET / HTTP/1.1\r\n: b\r\n\r\n", 0, 400, "bad header line"},
      {"GET / HTTP/1.1\r\nno colon\r\n\r\n", 0, 400, "bad header"},
      {"\r\nGET / HTTP/1.1\r\n\r\n", 0, 400, "bad request line"},
      {"GET / HTTP/1.1\r\nX-A: tab\there and obs-text \xc3\xa9\r\n\r\n", 0, 0, NULL},
  };
  for (size_t k = 0; k < sizeof cs / sizeof cs[0]; k++) {
    const char *why = NULL;
    size_t n = cs[k].len ? cs[k].len : strlen(cs[k].head);
    int got = bmd_server_screen(cs[k].head, n, &why);
    CHECK_INT_EQ(got, cs[k].want);
    CHECK(cs[k].why ? why && strstr(why, cs[k].why) && strchr(why, '\n') == why + strlen(why) - 1 : !why);
    if (got != cs[k].want) fprintf(stderr, "  screen case %zu: got %d (%s)\n", k, got, why ? why : "");
  }
  {
    /* a head of more than the cap, or more fields than allowed: 431 */
    char big[BMD_SERVER_MAX_HEADERS + 200];
    const char *why;
    size_t n = (size_t)snprintf(big, sizeof big, "GET / HTTP/1.1\r\nX-A: ");
    memset(big + n, 'a', sizeof big - n);
    CHECK_INT_EQ(bmd_server_screen(big, sizeof big, &why), 431);
    n = (size_t)snprintf(big, sizeof big, "GET / HTTP/1.1\r\n");
    for (int i = 0; i < BMD_SERVER_MAX_NHEADERS + 1; i++) n += (size_t)snprintf(big + n, sizeof big - n, "X-%d: 1\r\n", i);
    n += (size_t)snprintf(big + n, sizeof big - n, "\r\n");
    CHECK_INT_EQ(bmd_server_screen(big, n, &why), 431);
  }
}

static void test_routes(struct bmd_live *lv, const struct bmd_scenario *sc) {
  static const char *const traversal[] = {
      "/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2e/%2e%2e/etc/passwd", "/app.js/..", "/a\\b",
      "/%5c..%5cetc", "/%00", "/index.html%00.js", "/%zz", "/%2", "/api/../api/state", "/./index.html",
      "/..%2fetc%2fpasswd", "/%2e%2e%2fetc", "/..", "/.", "//etc/passwd", "/etc/passwd",
      "/api/scenario/../../x", "/\x01", "/index.html#x", "relative", "/web/src/main.js"};
  char auth[128], big[BMD_SERVER_MAX_URL + 64];
  struct bmd_server_header h[BMD_SERVER_MAX_NHEADERS + 2];
  struct bmd_server_response r;
  cJSON *j;

  CHECK_INT_EQ(status_of(lv, "GET", "/nope"), 404);
  CHECK_INT_EQ(status_of(lv, "GET", "/api"), 404);
  CHECK_INT_EQ(status_of(lv, "GET", "/API/STATE"), 404);
  CHECK_INT_EQ(status_of(lv, "GET", ""), 400);
  CHECK_INT_EQ(status_of(lv, "DELETE", "/api/state"), 405);
  CHECK_INT_EQ(status_of(lv, "BREW", "/"), 405);
  r = route_h(lv, "GET", "/api/control/pause", NULL, 0);
  CHECK_INT_EQ(r.status, 405);
  CHECK(r.allow && strcmp(r.allow, "POST") == 0);
  bmd_server_response_release(&r);
  r = route_h(lv, "POST", "/api/state", NULL, 0);
  CHECK_INT_EQ(r.status, 405);
  CHECK(r.allow && strstr(r.allow, "GET") != NULL);
  bmd_server_response_release(&r);
  for (size_t k = 0; k < sizeof traversal / sizeof traversal[0]; k++) {
    int st = status_of(lv, "GET", traversal[k]);
    CHECK(st == 400 || st == 404);
    if (!(st == 400 || st == 404)) fprintf(stderr, "  traversal %s -> %d\n", traversal[k], st);
  }

  /* the page, compiled in */
  r = route_h(lv, "GET", "/", NULL, 0);
  CHECK_INT_EQ(r.status, 200);
  CHECK(strncmp(r.content_type, "text/html", 9) == 0);
  CHECK(r.len == bmd_web_files[0].size || r.len > 0);
  CHECK(strstr(r.body, "<") != NULL);
  bmd_server_response_release(&r);
  CHECK_INT_EQ(status_of(lv, "GET", "/app.js"), 200);
  CHECK_INT_EQ(status_of(lv, "HEAD", "/app.css"), 200);
  CHECK_INT_EQ(status_of(lv, "GET", "/index.html?v=1"), 200);

  /* feeds: ids from the header or the query; bad ones 400 */
  r = route_h(lv, "GET", "/api/events", NULL, 0);
  CHECK_INT_EQ(r.stream, BMD_LIVE_EVENTS);
  CHECK_INT_EQ(r.after_id, -1);
  CHECK(strcmp(r.content_type, "text/event-stream") == 0);
  r = route_h(lv, "GET", "/api/observer?lastEventId=12", NULL, 0);
  CHECK_INT_EQ(r.stream, BMD_LIVE_OBSERVER);
  CHECK_INT_EQ(r.after_id, 12);
  h[0] = (struct bmd_server_header){"last-event-id", "42"};
  r = route_h(lv, "GET", "/api/events?lastEventId=7", h, 1);
  CHECK_INT_EQ(r.after_id, 42);
  r = route_h(lv, "HEAD", "/api/events", NULL, 0);
  CHECK_INT_EQ(r.status, 200);
  CHECK_INT_EQ(r.stream, -1);
  CHECK_INT_EQ(status_of(lv, "GET", "/api/events?lastEventId=-1"), 400);
  CHECK_INT_EQ(status_of(lv, "GET", "/api/events?lastEventId=abc"), 400);
  CHECK_INT_EQ(status_of(lv, "GET", "/api/events?lastEventId=99999999999999999999999"), 400);
  CHECK_INT_EQ(status_of(lv, "GET", "/api/events?lastEventId=%zz"), 400);
  h[0] = (struct bmd_server_header){"Last-Event-ID", "1e3"};
  r = route_h(lv, "GET", "/api/events", h, 1);
  CHECK_INT_EQ(r.status, 400);
  bmd_server_response_release(&r);

  /* control: 401 without the token, and no action */
  CHECK_INT_EQ(status_of(lv, "POST", "/api/control/pause"), 401);
  r = route_h(lv, "POST", "/api/control/pause", NULL, 0);
  CHECK(r.auth_challenge);
  bmd_server_response_release(&r);
  {
    static const char *const wrong[] = {"Bearer", "Bearer ", "Bearer 0123456789abcdef0123456789abcdeF",
                                        "Bearer " TOKEN "0", "Bearer 0123456789abcdef0123456789abcde",
                                        "Basic " TOKEN, TOKEN, "Bearer" TOKEN, "Bearer \"" TOKEN "\""};
    for (size_t k = 0; k < sizeof wrong / sizeof wrong[0]; k++) {
      h[0] = (struct bmd_server_header){"Authorization", wrong[k]};
      r = route_h(lv, "POST", "/api/control/speed?x=3", h, 1);
      CHECK_INT_EQ(r.status, 401);
      CHECK_INT_EQ(r.action, BMD_SERVER_NONE);
      bmd_server_response_release(&r);
    }
  }
  snprintf(auth, sizeof auth, "bearer  %s", TOKEN);
  h[0] = (struct bmd_server_header){"Authorization", auth};
  r = route_h(lv, "POST", "/api/control/speed?x=3.5", h, 1);
  CHECK_INT_EQ(r.status, 200);
  CHECK_INT_EQ(r.action, BMD_SERVER_SPEED);
  CHECK_NEAR(r.speed, 3.5, 0.0);
  {
    static const char *const bad[] = {"/api/control/speed", "/api/control/speed?x=", "/api/control/speed?x=abc",
                                      "/api/control/speed?x=0", "/api/control/speed?x=-2",
                                      "/api/control/speed?x=1001", "/api/control/speed?x=nan",
                                      "/api/control/speed?x=inf", "/api/control/speed?x=3x",
                                      /* a plain decimal only: no hex, exponent, sign, space */
                                      "/api/control/speed?x=0x10", "/api/control/speed?x=1e2",
                                      "/api/control/speed?x=%2B5", "/api/control/speed?x=+5",
                                      "/api/control/speed?x=%205", "/api/control/speed?x=5%20",
                                      "/api/control/speed?x=1.2.3", "/api/control/speed?x=.",
                                      "/api/control/speed?x=INFINITY", "/api/control/speed?x=0x1p3",
                                      "/api/control/restart?seed=-1", "/api/control/restart?seed=18446744073709551616",
                                      "/api/control/restart?seed=1.5"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
      r = route_h(lv, "POST", bad[k], h, 1);
      CHECK_INT_EQ(r.status, 400);
      CHECK_INT_EQ(r.action, BMD_SERVER_NONE);
      bmd_server_response_release(&r);
    }
  }
  r = route_h(lv, "POST", "/api/control/speed?x=.5", h, 1);
  CHECK(r.action == BMD_SERVER_SPEED && r.speed == 0.5);
  r = route_h(lv, "POST", "/api/control/speed?x=10.", h, 1);
  CHECK(r.action == BMD_SERVER_SPEED && r.speed == 10.0);
  r = route_h(lv, "POST", "/api/control/speed?x=1000", h, 1);
  CHECK(r.action == BMD_SERVER_SPEED && r.speed == 1000.0);
  /* seeds: the range of every seed (scenario.h), exactly */
  r = route_h(lv, "POST", "/api/control/restart?seed=18446744073709551615", h, 1);
  CHECK_INT_EQ(r.action, BMD_SERVER_RESTART);
  CHECK(r.has_seed && r.seed == 18446744073709551615UL);
  r = route_h(lv, "POST", "/api/control/restart", h, 1);
  CHECK(r.action == BMD_SERVER_RESTART && !r.has_seed);
  /* applied: pause changes the state and answers with it */
  r = route_h(lv, "POST", "/api/control/pause", h, 1);
  CHECK_INT_EQ(r.action, BMD_SERVER_PAUSE);
  CHECK(!bmd_live_paused(lv)); /* routing alone changes nothing */
  CHECK_INT_EQ(bmd_server_apply(lv, &r), BMD_OK);
  CHECK(bmd_live_paused(lv));
  j = cJSON_Parse(r.body);
  CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "paused")));
  cJSON_Delete(j);
  bmd_server_response_release(&r);
  r = route_h(lv, "POST", "/api/control/resume", h, 1);
  bmd_server_apply(lv, &r);
  bmd_server_response_release(&r);
  CHECK(!bmd_live_paused(lv));

  /* bodies, sizes */
  h[0] = (struct bmd_server_header){"Content-Length", "5"};
  CHECK_INT_EQ((r = route_h(lv, "POST", "/api/control/pause", h, 1)).status, 413);
  h[0] = (struct bmd_server_header){"Transfer-Encoding", "chunked"};
  CHECK_INT_EQ((r = route_h(lv, "GET", "/api/state", h, 1)).status, 413);
  h[0] = (struct bmd_server_header){"Content-Length", "0"};
  CHECK_INT_EQ((r = route_h(lv, "GET", "/api/state", h, 1)).status, 200);
  bmd_server_response_release(&r);
  memset(big, 'a', sizeof big);
  big[0] = '/';
  big[BMD_SERVER_MAX_URL + 1] = '\0';
  CHECK_INT_EQ(status_of(lv, "GET", big), 414);
  big[BMD_SERVER_MAX_URL] = '\0';
  CHECK_INT_EQ(status_of(lv, "GET", big), 404);
  for (int k = 0; k < BMD_SERVER_MAX_NHEADERS + 1; k++) h[k] = (struct bmd_server_header){"X-A", "b"};
  CHECK_INT_EQ((r = route_h(lv, "GET", "/api/state", h, BMD_SERVER_MAX_NHEADERS + 1)).status, 431);
  {
    struct bmd_server_request rq = {"GET", "/api/state", NULL, 0, BMD_SERVER_MAX_HEADERS + 1};
    bmd_server_route(&rq, lv, TOKEN, &r);
    CHECK_INT_EQ(r.status, 431);
  }
  /* framing (RFC 9112 sec. 6.3): Content-Length twice, even equal, or not digits: 400
     and no action, before the token or the route are looked at */
  {
    static const char *const cls[][2] = {{"0", "5"}, {"0", "0"}, {"-1", NULL}, {"+0", NULL}, {"0x0", NULL},
                                         {"", NULL}, {"0, 0", NULL}};
    for (size_t k = 0; k < sizeof cls / sizeof cls[0]; k++) {
      struct bmd_server_header hh[3] = {{"Authorization", auth}, {"Content-Length", cls[k][0]},
                                        {"content-length", cls[k][1]}};
      r = route_h(lv, "POST", "/api/control/pause", hh, cls[k][1] ? 3 : 2);
      CHECK_INT_EQ(r.status, 400);
      CHECK_INT_EQ(r.action, BMD_SERVER_NONE);
      bmd_server_response_release(&r);
    }
  }
  /* Authorization twice, the right token in either place: 400, no action */
  {
    struct bmd_server_header hh[2] = {{"Authorization", "Bearer wrongwrongwrongwrong"}, {"authorization", auth}};
    r = route_h(lv, "POST", "/api/control/pause", hh, 2);
    CHECK_INT_EQ(r.status, 400);
    CHECK_INT_EQ(r.action, BMD_SERVER_NONE);
    hh[0] = hh[1];
    r = route_h(lv, "POST", "/api/control/pause", hh, 2);
    CHECK_INT_EQ(r.status, 400);
    CHECK_INT_EQ(r.action, BMD_SERVER_NONE);
  }
  /* observer-only: the page and /api/observer open; the rest needs the token */
  {
    static const char *const open_[] = {"/", "/index.html", "/app.js", "/app.css", "/api/observer"};
    static const char *const closed[] = {"/api/scenario", "/api/state", "/api/events", "/metrics"};
    struct bmd_server_request rq = {"GET", NULL, NULL, 0, 0};
    for (size_t k = 0; k < sizeof open_ / sizeof open_[0]; k++) {
      rq.url = open_[k];
      bmd_server_route_access(&rq, lv, TOKEN, BMD_SERVER_OBSERVER_ONLY, &r);
      CHECK_INT_EQ(r.status, 200);
      bmd_server_response_release(&r);
    }
    for (size_t k = 0; k < sizeof closed / sizeof closed[0]; k++) {
      rq.url = closed[k];
      rq.headers = NULL;
      rq.nheaders = 0;
      bmd_server_route_access(&rq, lv, TOKEN, BMD_SERVER_OBSERVER_ONLY, &r);
      CHECK_INT_EQ(r.status, 401);
      CHECK(r.auth_challenge && r.stream < 0 && r.action == BMD_SERVER_NONE);
      bmd_server_response_release(&r);
      rq.method = "HEAD";
      bmd_server_route_access(&rq, lv, TOKEN, BMD_SERVER_OBSERVER_ONLY, &r);
      CHECK_INT_EQ(r.status, 401);
      bmd_server_response_release(&r);
      rq.method = "GET";
      h[0] = (struct bmd_server_header){"Authorization", "Bearer 0123456789abcdef0123456789abcdeX"};
      rq.headers = h;
      rq.nheaders = 1;
      bmd_server_route_access(&rq, lv, TOKEN, BMD_SERVER_OBSERVER_ONLY, &r);
      CHECK_INT_EQ(r.status, 401);
      bmd_server_response_release(&r);
      h[0] = (struct bmd_server_header){"Authorization", auth};
      bmd_server_route_access(&rq, lv, TOKEN, BMD_SERVER_OBSERVER_ONLY, &r);
      CHECK_INT_EQ(r.status, 200);
      bmd_server_response_release(&r);
      /* the same routes are open in the default mode */
      rq.headers = NULL;
      rq.nheaders = 0;
      bmd_server_route_access(&rq, lv, TOKEN, BMD_SERVER_READ_OPEN, &r);
      CHECK_INT_EQ(r.status, 200);
      bmd_server_response_release(&r);
    }
    rq.method = "POST";
    rq.url = "/api/control/pause";
    bmd_server_route_access(&rq, lv, TOKEN, BMD_SERVER_OBSERVER_ONLY, &r);
    CHECK_INT_EQ(r.status, 401);
    CHECK_INT_EQ(r.action, BMD_SERVER_NONE);
  }
  test_screen();

  /* no token configured: control is always refused */
  {
    struct bmd_server_request rq = {"POST", "/api/control/pause", NULL, 0, 0};
    bmd_server_route(&rq, lv, "", &r);
    CHECK_INT_EQ(r.status, 401);
    bmd_server_route(&rq, lv, NULL, &r);
    CHECK_INT_EQ(r.status, 401);
  }

  /* /api/scenario: GeoJSON with the scenario's counts, closed counter-clockwise rings */
  r = route_h(lv, "GET", "/api/scenario", NULL, 0);
  CHECK_INT_EQ(r.status, 200);
  j = cJSON_Parse(r.body);
  CHECK(j != NULL);
  if (j) {
    int n[4] = {0, 0, 0, 0};
    const cJSON *f;
    CHECK(strcmp(jstr(j, "type"), "FeatureCollection") == 0);
    CHECK(strcmp(jstr(cJSON_GetObjectItemCaseSensitive(j, "bmdsim"), "scenario"), sc->name) == 0);
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(j, "features")) {
      const cJSON *p = cJSON_GetObjectItemCaseSensitive(f, "properties");
      const cJSON *g = cJSON_GetObjectItemCaseSensitive(f, "geometry");
      const char *kind = jstr(p, "kind");
      CHECK(strcmp(jstr(f, "type"), "Feature") == 0);
      if (strcmp(kind, "site") == 0) n[0]++;
      else if (strcmp(kind, "radar") == 0) n[1]++;
      else if (strcmp(kind, "threat") == 0) n[2]++;
      else if (strcmp(kind, "radar-coverage") == 0) {
        const cJSON *ring = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(g, "coordinates"), 0);
        int m = cJSON_GetArraySize(ring);
        double area2 = 0.0;
        n[3]++;
        CHECK(strcmp(jstr(g, "type"), "Polygon") == 0);
        CHECK(m >= 4);
        for (int k = 0; k + 1 < m; k++) {
          const cJSON *a = cJSON_GetArrayItem(ring, k), *b = cJSON_GetArrayItem(ring, k + 1);
          area2 += cJSON_GetArrayItem(a, 0)->valuedouble * cJSON_GetArrayItem(b, 1)->valuedouble -
                   cJSON_GetArrayItem(b, 0)->valuedouble * cJSON_GetArrayItem(a, 1)->valuedouble;
        }
        if (m >= 4) {
          const cJSON *a = cJSON_GetArrayItem(ring, 0), *b = cJSON_GetArrayItem(ring, m - 1);
          CHECK(cJSON_GetArrayItem(a, 0)->valuedouble == cJSON_GetArrayItem(b, 0)->valuedouble);
          CHECK(cJSON_GetArrayItem(a, 1)->valuedouble == cJSON_GetArrayItem(b, 1)->valuedouble);
        }
        CHECK(area2 > 0.0); /* shoelace: counter-clockwise */
      } else {
        CHECK(0);
      }
    }
    CHECK_INT_EQ(n[0], sc->nsites);
    CHECK_INT_EQ(n[1], sc->nradars);
    CHECK_INT_EQ(n[2], sc->nthreats);
    CHECK(n[3] >= sc->nradars);
  }
  cJSON_Delete(j);
  bmd_server_response_release(&r);

  /* /api/state */
  r = route_h(lv, "GET", "/api/state", NULL, 0);
  j = cJSON_Parse(r.body);
  CHECK(j != NULL);
  CHECK_INT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "threats")), sc->nthreats);
  CHECK_INT_EQ((long)jnum(j, "last_event_id"), bmd_live_last_id(lv, BMD_LIVE_EVENTS));
  cJSON_Delete(j);
  bmd_server_response_release(&r);

  /* /metrics: Prometheus text format 0.0.4, one sample per line */
  r = route_h(lv, "GET", "/metrics", NULL, 0);
  CHECK_INT_EQ(r.status, 200);
  {
    regex_t re;
    char *copy = strdup(r.body), *save = NULL;
    int samples = 0;
    regcomp(&re, "^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? -?[0-9.e+-]+$",
            REG_EXTENDED | REG_NOSUB);
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
      if (line[0] == '#') {
        CHECK(strncmp(line, "# HELP ", 7) == 0 || strncmp(line, "# TYPE ", 7) == 0);
        continue;
      }
      CHECK(regexec(&re, line, 0, NULL, 0) == 0);
      samples++;
    }
    CHECK(samples >= 10);
    CHECK(strstr(r.body, "bmdsim_clients{feed=\"observer\"}") != NULL);
    CHECK(strstr(r.body, "bmdsim_sim_time_seconds ") != NULL);
    CHECK(strstr(r.body, "bmdsim_events_sent_total{feed=\"events\"}") != NULL);
    regfree(&re);
    free(copy);
  }
  bmd_server_response_release(&r);
}

/* ---------------------------------------------------------------- tokens */

static double time_compare(const char *a, const char *b, int reps) {
  struct timespec t0, t1;
  volatile int sink = 0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int k = 0; k < reps; k++) sink += bmd_server_token_equal(a, b);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  (void)sink;
  return (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
}

static void test_token(void) {
  enum { N = 65536 };
  char *secret = malloc(N + 1), *first = malloc(N + 1), *last = malloc(N + 1);
  double tf = HUGE_VAL, tl = HUGE_VAL;
  CHECK(bmd_server_token_equal(TOKEN, TOKEN));
  CHECK(!bmd_server_token_equal(TOKEN "0", TOKEN));
  CHECK(!bmd_server_token_equal("0123456789abcdef0123456789abcde", TOKEN));
  CHECK(!bmd_server_token_equal("", TOKEN));
  CHECK(!bmd_server_token_equal("", ""));
  CHECK(!bmd_server_token_equal(NULL, TOKEN));
  CHECK(!bmd_server_token_equal(TOKEN, NULL));
  CHECK(!bmd_server_token_equal("x123456789abcdef0123456789abcdef", TOKEN));
  CHECK(bmd_server_token_ok(TOKEN));
  CHECK(!bmd_server_token_ok("short"));
  CHECK(!bmd_server_token_ok("0123456789abcdef 0123456789abcdef"));
  /* timing: differing at the first byte or at the last costs the same. A compare that
     stops at the first difference would be ~1000x faster for `first`; the bound (the
     faster of 5 trials within a factor 3 of the other) leaves room for a noisy machine. */
  for (int i = 0; i < N; i++) secret[i] = first[i] = last[i] = (char)('a' + i % 26);
  secret[N] = first[N] = last[N] = '\0';
  first[0] = 'Z';
  last[N - 1] = 'Z';
  CHECK(!bmd_server_token_equal(first, secret) && !bmd_server_token_equal(last, secret));
  for (int trial = 0; trial < 5; trial++) {
    tf = fmin(tf, time_compare(first, secret, 200));
    tl = fmin(tl, time_compare(last, secret, 200));
  }
  CHECK(tf > tl / 3.0 && tl > tf / 3.0);
  if (!(tf > tl / 3.0 && tl > tf / 3.0)) fprintf(stderr, "  first %.3g s, last %.3g s\n", tf, tl);
  free(secret);
  free(first);
  free(last);
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_live *lv = NULL;
  struct bmd_diag d;
  if (bmd_catalog_load_embedded(&cat, &d) != BMD_OK || bmd_scenario_load_builtin(&sc, "epaa-phase3", &cat, &d) != BMD_OK) {
    fprintf(stderr, "cannot load epaa-phase3\n");
    return 1;
  }
  test_token();
  test_events_equal_engine_log(&sc, (unsigned long)sc.seed);
  test_controls(&sc, (unsigned long)sc.seed);
  CHECK_INT_EQ(bmd_live_alloc(&lv, &sc, (unsigned long)sc.seed, 20.0, 0, &d), BMD_OK);
  if (lv) {
    bmd_live_advance(lv, 10.0);
    test_routes(lv, &sc);
  }
  bmd_live_free(lv);
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return check_report("test_server");
}
