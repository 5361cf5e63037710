/* server_routes.c - the routes of bmdsim serve as a pure function (server.h, docs/http.md). */
#include <bmd/server.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <bmd/embedded.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#define CT_TEXT "text/plain; charset=utf-8"

/* ---------------------------------------------------------------- tokens */

int bmd_server_token_equal(const char *a, const char *b) {
  size_t nb, ia = 0;
  unsigned diff = 0;
  if (!a || !b) return 0;
  nb = strlen(b);
  /* every byte of the secret b is compared whatever a holds; a stays on its NUL once it
     ends (so a shorter a differs), and a longer a differs by its byte after nb */
  for (size_t i = 0; i < nb; i++) {
    unsigned char ca = (unsigned char)a[ia];
    diff |= (unsigned)(ca ^ (unsigned char)b[i]);
    ia += ca != 0;
  }
  diff |= (unsigned char)a[ia];
  return nb > 0 && diff == 0;
}

int bmd_server_token_ok(const char *t) {
  size_t n;
  if (!t) return 0;
  n = strlen(t);
  if (n < 16 || n > BMD_SERVER_TOKEN_MAX) return 0;
  for (size_t i = 0; i < n; i++)
    if (t[i] <= ' ' || t[i] > '~') return 0;
  return 1;
}

/* ---------------------------------------------------------------- responses */

void bmd_server_response_release(struct bmd_server_response *r) {
  if (!r) return;
  free(r->owned);
  r->owned = NULL;
  r->body = NULL;
  r->len = 0;
}

static int set_body(struct bmd_server_response *r, int status, const char *ctype, char *body) {
  r->status = status;
  r->content_type = ctype;
  r->body = r->owned = body;
  if (!body) {
    r->status = 503;
    r->content_type = CT_TEXT;
    r->body = "out of memory\n";
    r->len = strlen(r->body);
    return BMD_ENOMEM;
  }
  r->len = strlen(body);
  return BMD_OK;
}

/* a short plain-text error: one line */
static int fail(struct bmd_server_response *r, int status, const char *msg) {
  r->status = status;
  r->content_type = CT_TEXT;
  r->body = msg;
  r->len = strlen(msg);
  return BMD_OK;
}

/* ---------------------------------------------------------------- parsing */

static const char *header(const struct bmd_server_request *rq, const char *name) {
  for (int k = 0; k < rq->nheaders; k++)
    if (rq->headers[k].name && strcasecmp(rq->headers[k].name, name) == 0) return rq->headers[k].value;
  return NULL;
}

static int header_count(const struct bmd_server_request *rq, const char *name) {
  int n = 0;
  for (int k = 0; k < rq->nheaders; k++)
    if (rq->headers[k].name && strcasecmp(rq->headers[k].name, name) == 0) n++;
  return n;
}

/* ---------------------------------------------------------------- request heads */

/* RFC 9110 sec. 5.6.2: the characters of a field name */
static int tchar(int c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || strchr("!#$%&'*+-.^_`|~", c);
}

int bmd_server_screen(const char *buf, size_t n, const char **why) {
  size_t i = 0, lines = 0;
  int ncl = 0, nte = 0, nauth = 0, nhost = 0, done = 0;
  *why = NULL;
  while (i < n) {
    size_t b = i, e, len;
    const char *line = buf + i, *colon;
    while (i < n && buf[i] != '\n') i++;
    if (i == n) {
      if (n > BMD_SERVER_MAX_HEADERS) return *why = "request headers too large\n", 431;
      return *why = NULL, -1; /* not all here yet */
    }
    e = i++;
    if (e > b && buf[e - 1] == '\r') e--;
    len = e - b;
    /* NUL, a bare CR and every other control character but HTAB are invalid in a request
       head (RFC 9110 sec. 5.5, RFC 9112 sec. 2.2): a NUL would cut a field value short
       where libmicrohttpd reads it as a C string */
    for (size_t k = 0; k < len; k++) {
      unsigned char c = (unsigned char)line[k];
      if ((c < 0x20 && c != '\t') || c == 0x7f) return *why = "control character in the request head\n", 400;
    }
    if (len == 0) {
      if (lines == 0) return *why = "bad request line\n", 400;
      done = 1; /* the end of the head */
      break;
    }
    if (lines++ == 0) continue; /* the request line: libmicrohttpd parses it */
    if (line[0] == ' ' || line[0] == '\t') return *why = "folded header line\n", 400; /* RFC 9112 sec. 5.2 */
    colon = memchr(line, ':', len);
    if (!colon || colon == line) return *why = "bad header line\n", 400;
    for (const char *c = line; c < colon; c++)
      if (!tchar((unsigned char)*c)) return *why = "bad header name\n", 400; /* also "Name :" (sec. 5.1) */
#define IS_(nm) ((size_t)(colon - line) == sizeof nm - 1 && strncasecmp(line, nm, sizeof nm - 1) == 0)
    if (IS_("Content-Length")) {
      /* one field, 1*DIGIT (RFC 9112 sec. 6.3): no sign, no list, at most 18 digits */
      const char *v = colon + 1, *end = line + len;
      size_t d = 0;
      while (v < end && (*v == ' ' || *v == '\t')) v++;
      while (end > v && (end[-1] == ' ' || end[-1] == '\t')) end--;
      for (const char *c = v; c < end; c++, d++)
        if (*c < '0' || *c > '9') return *why = "bad Content-Length\n", 400;
      if (d == 0 || d > 18) return *why = "bad Content-Length\n", 400;
      if (++ncl > 1) return *why = "Content-Length given more than once\n", 400;
    } else if (IS_("Transfer-Encoding")) {
      nte++;
    } else if (IS_("Authorization")) {
      if (++nauth > 1) return *why = "Authorization given more than once\n", 400;
    } else if (IS_("Host")) {
      if (++nhost > 1) return *why = "Host given more than once\n", 400; /* RFC 9112 sec. 3.2 */
    }
#undef IS_
    if (i > BMD_SERVER_MAX_HEADERS || lines > BMD_SERVER_MAX_NHEADERS + 1)
      return *why = "request headers too large\n", 431;
  }
  if (!done) return *why = NULL, -1;
  if (ncl && nte) return *why = "Content-Length and Transfer-Encoding together\n", 400; /* sec. 6.1 */
  return 0;
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* percent-decode s[0..n) into out (cap bytes, NUL-terminated); plus: '+' is a space (query
   values). Returns -1 on a bad escape, an encoded NUL or control character, or overflow. */
static int pct_decode(const char *s, size_t n, char *out, size_t cap, int plus) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    int c = (unsigned char)s[i];
    if (c == '%') {
      int h, l;
      if (i + 2 >= n) return -1;
      h = hexval((unsigned char)s[i + 1]);
      l = hexval((unsigned char)s[i + 2]);
      if (h < 0 || l < 0) return -1;
      c = h * 16 + l;
      i += 2;
    } else if (c == '+' && plus) {
      c = ' ';
    }
    if (c < 0x20 || c == 0x7f) return -1;
    if (o + 1 >= cap) return -1;
    out[o++] = (char)c;
  }
  out[o] = '\0';
  return 0;
}

/* a path is safe when it is absolute, has no backslash and no "." or ".." segment */
static int path_safe(const char *p) {
  if (p[0] != '/' || strchr(p, '\\')) return 0;
  for (const char *s = p; *s; s++) {
    if (s[0] == '/' && s[1] == '.' && (s[2] == '/' || s[2] == '\0')) return 0;
    if (s[0] == '/' && s[1] == '.' && s[2] == '.' && (s[3] == '/' || s[3] == '\0')) return 0;
  }
  return 1;
}

/* the value of query parameter key (decoded into out), 1 if present, 0 if not, -1 if the
   query is malformed */
static int query_get(const char *q, const char *key, char *out, size_t cap) {
  size_t kl = strlen(key);
  if (!q) return 0;
  while (*q) {
    const char *amp = strchr(q, '&'), *end = amp ? amp : q + strlen(q), *eq = memchr(q, '=', (size_t)(end - q));
    const char *kend = eq ? eq : end;
    char name[64];
    if (pct_decode(q, (size_t)(kend - q), name, sizeof name, 1) == 0 && strlen(name) == kl &&
        memcmp(name, key, kl) == 0) {
      if (!eq) {
        out[0] = '\0';
        return 1;
      }
      return pct_decode(eq + 1, (size_t)(end - eq - 1), out, cap, 1) == 0 ? 1 : -1;
    }
    q = amp ? amp + 1 : end;
  }
  return 0;
}

/* a whole number 0..max in decimal digits only (no sign, no spaces) */
static int parse_count(const char *s, unsigned long long max, unsigned long long *v) {
  unsigned long long x = 0;
  if (!s || !*s || strlen(s) > 20) return -1;
  for (const char *c = s; *c; c++) {
    if (*c < '0' || *c > '9') return -1;
    if (x > (max - (unsigned long long)(*c - '0')) / 10ULL) return -1;
    x = x * 10ULL + (unsigned long long)(*c - '0');
  }
  *v = x;
  return 0;
}

/* a speed written as a plain decimal: digits with at most one point and a digit beside it
   ("2", "0.5", "10.", ".5"); no sign, exponent, hexadecimal, inf or nan (strtod takes all
   of those) */
static int parse_speed(const char *s, double *x) {
  char *end;
  double v;
  size_t digits = 0, points = 0;
  if (!s || !*s) return -1;
  for (const char *c = s; *c; c++) {
    if (*c >= '0' && *c <= '9') digits++;
    else if (*c == '.') points++;
    else return -1;
  }
  if (digits == 0 || points > 1 || strlen(s) > 32) return -1;
  errno = 0;
  v = strtod(s, &end);
  if (end == s || *end || errno || !isfinite(v) || !(v > 0.0) || v > BMD_LIVE_MAX_SPEED) return -1;
  *x = v;
  return 0;
}

/* ---------------------------------------------------------------- routes */

static const struct bmd_embedded_file *web_file(const char *name) {
  for (const struct bmd_embedded_file *f = bmd_web_files; f->name; f++)
    if (strcmp(f->name, name) == 0) return f;
  return NULL;
}

static const char *web_ctype(const char *name) {
  const char *dot = strrchr(name, '.');
  if (dot && strcmp(dot, ".html") == 0) return "text/html; charset=utf-8";
  if (dot && strcmp(dot, ".js") == 0) return "text/javascript; charset=utf-8";
  if (dot && strcmp(dot, ".css") == 0) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

enum route_kind { R_PAGE, R_SCENARIO, R_STATE, R_EVENTS, R_OBSERVER, R_METRICS, R_CONTROL };

struct route {
  const char *path;
  int kind;
  const char *arg;     /* page: the file; control: the action */
};

static const struct route routes[] = {
    {"/", R_PAGE, "index.html"},
    {"/index.html", R_PAGE, "index.html"},
    {"/app.js", R_PAGE, "app.js"},
    {"/app.css", R_PAGE, "app.css"},
    {"/api/scenario", R_SCENARIO, NULL},
    {"/api/state", R_STATE, NULL},
    {"/api/events", R_EVENTS, NULL},
    {"/api/observer", R_OBSERVER, NULL},
    {"/metrics", R_METRICS, NULL},
    {"/api/control/pause", R_CONTROL, "pause"},
    {"/api/control/resume", R_CONTROL, "resume"},
    {"/api/control/restart", R_CONTROL, "restart"},
    {"/api/control/speed", R_CONTROL, "speed"},
};

/* the client's last seen id: Last-Event-ID header, else ?lastEventId= ; -2 when bad */
static long last_event_id(const struct bmd_server_request *rq, const char *query) {
  const char *h = header(rq, "Last-Event-ID");
  char buf[64];
  unsigned long long v = 0;
  int q;
  if (h && *h) return parse_count(h, (unsigned long long)(1L << 53), &v) == 0 ? (long)v : -2;
  q = query_get(query, "lastEventId", buf, sizeof buf);
  if (q < 0) return -2;
  if (q == 0) return -1;
  return parse_count(buf, (unsigned long long)(1L << 53), &v) == 0 ? (long)v : -2;
}

static int authorized(const struct bmd_server_request *rq, const char *token) {
  const char *h = header(rq, "Authorization");
  /* one Authorization field only (it is not a list: RFC 9110 sec. 11.6.2); two are
     refused as a bad request before this */
  if (!h || !token || !*token || header_count(rq, "Authorization") != 1) return 0;
  if (strncasecmp(h, "Bearer", 6) != 0 || (h[6] != ' ' && h[6] != '\t')) return 0;
  h += 6;
  while (*h == ' ' || *h == '\t') h++;
  return bmd_server_token_equal(h, token);
}

int bmd_server_route(const struct bmd_server_request *rq, const struct bmd_live *lv, const char *token,
                     struct bmd_server_response *r) {
  return bmd_server_route_access(rq, lv, token, BMD_SERVER_READ_OPEN, r);
}

int bmd_server_route_access(const struct bmd_server_request *rq, const struct bmd_live *lv, const char *token,
                            int access, struct bmd_server_response *r) {
  char path[BMD_SERVER_MAX_URL + 1], query[BMD_SERVER_MAX_URL + 1];
  const char *url, *qm, *cl, *m;
  const struct route *rt = NULL;
  size_t plen;
  int get, head, post;

  memset(r, 0, sizeof *r);
  r->stream = -1;
  r->after_id = -1;
  m = rq->method ? rq->method : "";
  url = rq->url;
  if (!url || !*url) return fail(r, 400, "bad request\n");
  if (strlen(url) > BMD_SERVER_MAX_URL) return fail(r, 414, "request target too long\n");
  if (rq->header_bytes > BMD_SERVER_MAX_HEADERS || rq->nheaders > BMD_SERVER_MAX_NHEADERS)
    return fail(r, 431, "request headers too large\n");
  /* framing first (RFC 9112 sec. 6.3): two Content-Length fields, or one that is not
     digits, leave the body's length unknown, whatever the route */
  cl = header(rq, "Content-Length");
  if (header_count(rq, "Content-Length") > 1) return fail(r, 400, "Content-Length given more than once\n");
  if (cl && (!*cl || strspn(cl, "0123456789") != strlen(cl))) return fail(r, 400, "bad Content-Length\n");
  if (header_count(rq, "Authorization") > 1) return fail(r, 400, "Authorization given more than once\n");
  if (header(rq, "Transfer-Encoding") || (cl && strspn(cl, "0") != strlen(cl)))
    return fail(r, 413, "request bodies are not accepted\n");

  qm = strchr(url, '?');
  plen = qm ? (size_t)(qm - url) : strlen(url);
  if (strchr(url, '#')) return fail(r, 400, "bad request target\n");
  if (pct_decode(url, plen, path, sizeof path, 0) != 0 || !path_safe(path))
    return fail(r, 400, "bad path\n");
  snprintf(query, sizeof query, "%s", qm ? qm + 1 : "");

  for (size_t k = 0; k < sizeof routes / sizeof routes[0]; k++)
    if (strcmp(routes[k].path, path) == 0) rt = &routes[k];
  if (!rt) return fail(r, 404, "not found\n");

  get = strcmp(m, "GET") == 0;
  head = strcmp(m, "HEAD") == 0;
  post = strcmp(m, "POST") == 0;
  if (rt->kind == R_CONTROL) {
    if (!post) {
      r->allow = "POST";
      return fail(r, 405, "method not allowed\n");
    }
  } else if (!get && !head) {
    r->allow = "GET, HEAD";
    return fail(r, 405, "method not allowed\n");
  }

  /* observer-only: the page and the observer feed are open, every other read route needs
     the token like the controls (docs/server.md) */
  if (access == BMD_SERVER_OBSERVER_ONLY && rt->kind != R_PAGE && rt->kind != R_OBSERVER && rt->kind != R_CONTROL &&
      !authorized(rq, token)) {
    r->auth_challenge = 1;
    return fail(r, 401, "this server is observer-only: this route needs Authorization: Bearer TOKEN\n");
  }

  switch (rt->kind) {
  case R_PAGE: {
    const struct bmd_embedded_file *f = web_file(rt->arg);
    if (!f) return fail(r, 404, "not found\n");
    r->status = 200;
    r->content_type = web_ctype(f->name);
    r->body = f->data;
    r->len = f->size;
    return BMD_OK;
  }
  case R_SCENARIO:
    return set_body(r, 200, "application/geo+json", bmd_live_scenario_geojson(lv));
  case R_STATE:
    return set_body(r, 200, "application/json", bmd_live_state_json(lv));
  case R_METRICS:
    return set_body(r, 200, "text/plain; version=0.0.4; charset=utf-8", bmd_live_metrics_text(lv));
  case R_EVENTS:
  case R_OBSERVER: {
    long id = last_event_id(rq, query);
    if (id == -2) return fail(r, 400, "bad Last-Event-ID or lastEventId\n");
    r->status = 200;
    r->content_type = "text/event-stream";
    r->body = "";
    r->len = 0;
    if (get) {
      r->stream = rt->kind == R_EVENTS ? BMD_LIVE_EVENTS : BMD_LIVE_OBSERVER;
      r->after_id = id;
    }
    return BMD_OK;
  }
  default: {
    char buf[64];
    int q;
    if (!authorized(rq, token)) {
      r->auth_challenge = 1;
      return fail(r, 401, "control needs Authorization: Bearer TOKEN\n");
    }
    if (strcmp(rt->arg, "pause") == 0) {
      r->action = BMD_SERVER_PAUSE;
    } else if (strcmp(rt->arg, "resume") == 0) {
      r->action = BMD_SERVER_RESUME;
    } else if (strcmp(rt->arg, "restart") == 0) {
      unsigned long long v = 0;
      q = query_get(query, "seed", buf, sizeof buf);
      if (q < 0 || (q == 1 && parse_count(buf, BMD_SEED_MAX, &v) != 0))
        return fail(r, 400, "seed must be a whole number from 0 to 18446744073709551615\n");
      r->action = BMD_SERVER_RESTART;
      r->has_seed = q == 1;
      r->seed = q == 1 ? (unsigned long)v : 0;
    } else {
      q = query_get(query, "x", buf, sizeof buf);
      if (q != 1 || parse_speed(buf, &r->speed) != 0)
        return fail(r, 400, "x must be a plain decimal number in (0, 1000]\n");
      r->action = BMD_SERVER_SPEED;
    }
    r->status = 200;
    r->content_type = "application/json";
    r->body = "";
    return BMD_OK;
  }
  }
}

int bmd_server_apply(struct bmd_live *lv, struct bmd_server_response *r) {
  switch (r->action) {
  case BMD_SERVER_PAUSE:
    bmd_live_pause(lv);
    break;
  case BMD_SERVER_RESUME:
    bmd_live_resume(lv);
    break;
  case BMD_SERVER_SPEED:
    if (bmd_live_set_speed(lv, r->speed) != BMD_OK) return fail(r, 400, "x must be a number in (0, 1000]\n");
    break;
  case BMD_SERVER_RESTART: {
    struct bmd_live_run *run = NULL;
    if (bmd_live_run_build(lv, r->has_seed ? r->seed : bmd_live_seed(lv), &run) != BMD_OK)
      return set_body(r, 503, CT_TEXT, NULL);
    bmd_live_restart(lv, run);
    break;
  }
  default:
    return BMD_OK;
  }
  bmd_server_response_release(r);
  return set_body(r, 200, "application/json", bmd_live_state_json(lv));
}
