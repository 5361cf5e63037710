/*
 * server.h - bmdsim serve: the HTTP interface to a live scenario (live.h), through
 * libmicrohttpd. The contract is docs/http.md; the design and the threat model are in
 * docs/server.md.
 *
 * Two layers:
 *   bmd_server_route  - a pure function from a request (method, raw URL with query,
 *                       headers) and the live state to a response: status, content type,
 *                       body, or "Server-Sent Events of feed F after id N", or a control
 *                       action. No sockets, no threads, no side effects: unit-tested
 *                       (tests/unit/test_server.c) and fuzzed (tests/fuzz/fuzz_http.c).
 *   bmd_server_start  - the daemon: libmicrohttpd's internal polling thread serving the
 *                       routes, a clock thread advancing the live state every ~50 ms of
 *                       wall time, SSE clients suspended while they are caught up and
 *                       resumed by the clock, slow clients dropped, never waited on.
 */
#ifndef BMD_SERVER_H
#define BMD_SERVER_H

#include <stddef.h>

#include "diag.h"
#include "live.h"

/* Request limits (bytes). */
#define BMD_SERVER_MAX_URL 2048          /* request target (path and query): else 414 */
#define BMD_SERVER_MAX_HEADERS 8192      /* request line and headers together: else 431 */
#define BMD_SERVER_MAX_NHEADERS 64       /* header fields: else 431 */
#define BMD_SERVER_TOKEN_MAX 256         /* control token length */

struct bmd_server_header {
  const char *name;                      /* case-insensitive */
  const char *value;
};

struct bmd_server_request {
  const char *method;                    /* "GET", "POST", ... */
  const char *url;                       /* raw request target: path and query, not decoded */
  const struct bmd_server_header *headers;
  int nheaders;
  size_t header_bytes;                   /* size of request line plus headers (0: unknown) */
};

/* What a request asks the live state to do (control routes, applied by the caller). */
enum bmd_server_action {
  BMD_SERVER_NONE = 0,
  BMD_SERVER_PAUSE,
  BMD_SERVER_RESUME,
  BMD_SERVER_RESTART,
  BMD_SERVER_SPEED
};

struct bmd_server_response {
  int status;                            /* HTTP status */
  const char *content_type;
  const char *body;                      /* NUL-terminated; points into owned, or is static */
  char *owned;                           /* the malloc'd body, or NULL when body is static */
  size_t len;
  const char *allow;                     /* Allow header for 405, else NULL */
  int auth_challenge;                    /* 1: send WWW-Authenticate: Bearer (401) */
  int stream;                            /* -1, or enum bmd_live_feed: an SSE stream */
  long after_id;                         /* stream: the client has seen up to this id; -1 none */
  int action;                            /* enum bmd_server_action */
  double speed;                          /* BMD_SERVER_SPEED */
  unsigned long seed;                    /* BMD_SERVER_RESTART */
  int has_seed;                          /* 1: restart with seed, 0: with the current one */
};

/* Who may read: every read route open (the default), or only the page and the observer
   feed, every other route needing the token as the controls do (serve --observer-only). */
enum bmd_server_access { BMD_SERVER_READ_OPEN = 0, BMD_SERVER_OBSERVER_ONLY };

/* bmd_server_route - answer request rq against live state lv (read only) with control
   token token (NUL-terminated; NULL or "" refuses every control request). Fills resp;
   release it with bmd_server_response_release. A control request that passes every check
   comes back with status 200, no body and resp->action set: the caller applies it
   (bmd_server_apply) and then answers with the state. Framing is checked first, whatever
   the route: more than one Content-Length, one that is not digits (400), a body (413),
   Authorization given twice (400). Returns BMD_OK or BMD_ENOMEM (resp is then a 503).
   bmd_server_route_access - the same with access one of enum bmd_server_access
   (bmd_server_route is BMD_SERVER_READ_OPEN). */
int bmd_server_route(const struct bmd_server_request *rq, const struct bmd_live *lv, const char *token,
                     struct bmd_server_response *resp);
int bmd_server_route_access(const struct bmd_server_request *rq, const struct bmd_live *lv, const char *token,
                            int access, struct bmd_server_response *resp);

/* bmd_server_screen - a request head as received, buf[0..n) (the request line and the
   header fields, up to the empty line, or what has arrived of them), checked before
   libmicrohttpd sees it: returns -1 while the head is incomplete, 0 when it may be served,
   else the status to answer (400 or 431) with *why the one-line body. Refused: a NUL or
   any control character other than HTAB, a bare CR, a folded line, a field name with a
   space or other non-token character, Content-Length that is not 1 to 18 digits or given
   more than once (RFC 9112 sec. 6.3), Content-Length with Transfer-Encoding, Authorization
   or Host given more than once; more than BMD_SERVER_MAX_HEADERS bytes or
   BMD_SERVER_MAX_NHEADERS fields (431). libmicrohttpd 0.9.75 would otherwise take the
   first of two Content-Length values, cut a field value at a NUL (so a token with a NUL
   and junk after it compared equal), and send its own 400 head twice for a negative
   length. Pure: unit-tested and fuzzed. */
int bmd_server_screen(const char *buf, size_t n, const char **why);

/* bmd_server_apply - carry out resp->action on lv (restart: a run built with
   bmd_live_run_build, synchronously) and put the /api/state JSON in resp's body. Returns
   BMD_OK or BMD_ENOMEM (resp is then a 503). */
int bmd_server_apply(struct bmd_live *lv, struct bmd_server_response *resp);

/* bmd_server_response_release - free the body (unless static); accepts a zeroed one. */
void bmd_server_response_release(struct bmd_server_response *resp);

/* bmd_server_token_equal - 1 if a equals b, in time that depends on the length of b (the
   secret) only, not on where they differ or on a's length; either may be NULL (never
   equal). */
int bmd_server_token_equal(const char *a, const char *b);

/* bmd_server_token_ok - the token is 16 to BMD_SERVER_TOKEN_MAX visible ASCII characters
   (no spaces): 1 or 0. */
int bmd_server_token_ok(const char *token);

struct bmd_server_opts {
  const char *bind;                      /* IPv4 or IPv6 literal; NULL: "127.0.0.1" */
  unsigned port;                         /* 0: a free port */
  const char *token;                     /* control token (copied) */
  int max_clients;                       /* connections; 0: 1000 */
  double tick_s;                         /* clock period (wall s); 0: 0.05 */
  double keepalive_s;                    /* SSE comment period (wall s); 0: 15 */
  size_t backlog_cap;                    /* bytes a client may fall behind ... 0: 256 KiB */
  double stall_s;                        /* ... while not taking data this long; 0: 5 */
  int access;                            /* enum bmd_server_access */
};

struct bmd_server;

/* bmd_server_start - serve lv (which the server drives from now on: only the server's
   threads touch it until bmd_server_stop) as o says. Returns BMD_OK, BMD_EINVAL (bad
   address or token, d says which), BMD_EIO (cannot bind or start; d says why) or
   BMD_ENOMEM. */
int bmd_server_start(struct bmd_server **out, struct bmd_live *lv, const struct bmd_server_opts *o,
                     struct bmd_diag *d);

/* bmd_server_port - the port actually bound. */
unsigned bmd_server_port(const struct bmd_server *s);

/* bmd_server_stop - stop the clock, close every connection, free the server (not lv);
   accepts NULL. */
void bmd_server_stop(struct bmd_server *s);

#endif
