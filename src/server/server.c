/* server.c - bmdsim serve's daemon: libmicrohttpd and the clock thread (server.h). */
#include <bmd/server.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include <bmd/status.h>

#define SSE_BLOCK 16384              /* bytes handed to libmicrohttpd per call at most */
#define HTTP_TIMEOUT_S 10            /* idle timeout of ordinary (non-SSE) connections */
#define STOP_DRAIN_S 0.5             /* at stop: time for resumed streams to finish */
#define SSE_SNDBUF 65536             /* kernel send buffer of a stream (no autotuning to MBs):
                                        a client that stops reading is behind after this */
#define SCREEN_MAX_PENDING 1024      /* connections whose request head is still arriving */

struct client;

/* per request: the raw request target, captured before libmicrohttpd decodes it */
struct req {
  char url[BMD_SERVER_MAX_URL + 2];
  struct client *client;             /* an SSE stream, or NULL */
  struct bmd_server *srv;
};

struct client {
  struct bmd_server *srv;
  struct MHD_Connection *conn;
  int fd;
  int feed;
  int run;                           /* the run k indexes into */
  long k;                            /* next frame to send */
  size_t frame_off;                  /* bytes of frame k already sent */
  int retry_sent;
  int keepalive_due;
  int suspended;
  int dropped;
  int gone;                          /* the peer closed while the stream was suspended */
  int counted;                       /* in bmd_live_stats' clients[feed] */
  int refs;                          /* completed notice + response free */
  double last_progress;              /* wall s of the last bytes taken */
  struct client *prev, *next;
};

struct bmd_server {
  struct MHD_Daemon *mhd;
  struct bmd_live *lv;
  pthread_mutex_t mu;                /* guards lv, the client list and the counters */
  pthread_mutex_t stop_mu;
  pthread_cond_t stop_cv;
  pthread_t clock;
  int clock_started;
  int stopping;
  char token[BMD_SERVER_TOKEN_MAX + 1];
  struct bmd_server_opts o;
  unsigned port;
  struct client *clients;
  struct pollfd *pfd;                /* clients_service's poll set (srv->mu) */
  struct client **pcl;
  size_t pcap;
  /* the listener: accepts, screens each request head (bmd_server_screen), hands good
     connections to libmicrohttpd */
  int lfd;
  int wake[2];                       /* a pipe: stop the listener */
  pthread_t listener;
  int listener_started;
};

/* a connection whose request head is still arriving */
struct pending {
  int fd;
  double deadline;
  struct sockaddr_storage addr;
  socklen_t alen;
};

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---------------------------------------------------------------- SSE clients */

static void client_unref(struct client *c) {
  if (--c->refs == 0) free(c);
}

/* take c off the list (srv->mu held) */
static void client_unlink(struct client *c) {
  struct bmd_server *s = c->srv;
  if (!c->prev && s->clients != c) return; /* not linked */
  if (c->prev) c->prev->next = c->next;
  else s->clients = c->next;
  if (c->next) c->next->prev = c->prev;
  c->prev = c->next = NULL;
  if (c->counted) bmd_live_stats(s->lv)->clients[c->feed]--;
  c->counted = 0;
}

static void client_free_cb(void *cls) {
  struct client *c = cls;
  struct bmd_server *s = c->srv;
  pthread_mutex_lock(&s->mu);
  client_unlink(c);
  client_unref(c);
  pthread_mutex_unlock(&s->mu);
}

static size_t put(char *buf, size_t max, size_t n, const char *text, size_t len) {
  size_t k = len < max - n ? len : max - n;
  memcpy(buf + n, text, k);
  return k;
}

/* libmicrohttpd asks for the next bytes of a stream: copy frames from the client's cursor
   in the shared buffer; when there is nothing new, suspend until the clock resumes it */
static ssize_t client_read(void *cls, uint64_t pos, char *buf, size_t max) {
  static const char retry[] = "retry: 2000\n\n", ka[] = ": keep-alive\n\n";
  struct client *c = cls;
  struct bmd_server *s = c->srv;
  struct bmd_live *lv = s->lv;
  size_t n = 0;
  long frames = 0;
  (void)pos;
  pthread_mutex_lock(&s->mu);
  if (c->dropped || c->gone || s->stopping) {
    int err = c->dropped || c->gone;
    pthread_mutex_unlock(&s->mu);
    return err ? MHD_CONTENT_READER_END_WITH_ERROR : MHD_CONTENT_READER_END_OF_STREAM;
  }
  if (!c->retry_sent && max > sizeof retry) {
    n += put(buf, max, n, retry, sizeof retry - 1);
    c->retry_sent = 1;
  }
  if (c->run != bmd_live_run_number(lv)) { /* a restart: the new run from its start */
    c->run = bmd_live_run_number(lv);
    c->k = 0;
    c->frame_off = 0;
  }
  while (n < max && c->k < bmd_live_nframes(lv, c->feed)) {
    const struct bmd_live_frame *f = bmd_live_frame(lv, c->feed, c->k);
    size_t w = put(buf, max, n, f->text + c->frame_off, f->len - c->frame_off);
    n += w;
    c->frame_off += w;
    if (c->frame_off == f->len) {
      c->k++;
      c->frame_off = 0;
      frames++;
    }
  }
  if (n == 0 && c->keepalive_due && max > sizeof ka) {
    n += put(buf, max, n, ka, sizeof ka - 1);
  }
  c->keepalive_due = 0;
  if (n == 0) {
    c->suspended = 1;
    MHD_suspend_connection(c->conn);
    pthread_mutex_unlock(&s->mu);
    return 0;
  }
  bmd_live_stats(lv)->sent[c->feed] += frames;
  c->last_progress = now_s();
  pthread_mutex_unlock(&s->mu);
  return (ssize_t)n;
}

/* ---------------------------------------------------------------- the clock */

/* suspended streams whose peer has closed: libmicrohttpd watches no suspended socket, so a
   client that went away while caught up would be counted (and held) until the next
   message. One poll over their sockets: readable with nothing to read (recv 0) or an error
   means gone; the stream is resumed to end and no longer counted from now. */
static void clients_reap(struct bmd_server *s) {
  size_t n = 0;
  for (struct client *c = s->clients; c; c = c->next)
    if (c->suspended && !c->gone && c->fd >= 0) n++;
  if (n == 0) return;
  if (n > s->pcap) {
    struct pollfd *p = realloc(s->pfd, n * sizeof *p);
    struct client **q = p ? realloc(s->pcl, n * sizeof *q) : NULL;
    if (p) s->pfd = p;
    if (!q) return; /* out of memory: try at the next tick */
    s->pcl = q;
    s->pcap = n;
  }
  n = 0;
  for (struct client *c = s->clients; c; c = c->next)
    if (c->suspended && !c->gone && c->fd >= 0) {
      s->pfd[n] = (struct pollfd){c->fd, POLLIN, 0};
      s->pcl[n++] = c;
    }
  if (poll(s->pfd, (nfds_t)n, 0) <= 0) return;
  for (size_t k = 0; k < n; k++) {
    struct client *c = s->pcl[k];
    char b;
    if (!s->pfd[k].revents) continue;
    if (!(s->pfd[k].revents & (POLLHUP | POLLERR)) && recv(c->fd, &b, 1, MSG_PEEK) != 0) continue;
    c->gone = 1;
    if (c->counted) bmd_live_stats(s->lv)->clients[c->feed]--;
    c->counted = 0;
  }
}

/* resume caught-up streams that have something to send; drop streams that stay behind */
static void clients_service(struct bmd_server *s, double now) {
  struct bmd_live *lv = s->lv;
  int run = bmd_live_run_number(lv);
  clients_reap(s);
  for (struct client *c = s->clients; c; c = c->next) {
    long nf = bmd_live_nframes(lv, c->feed);
    int news = c->run != run || c->k < nf;
    if (c->suspended) {
      if (news || c->keepalive_due || c->gone || s->stopping) {
        c->suspended = 0;
        MHD_resume_connection(c->conn);
      }
    } else if (!c->dropped) {
      size_t backlog = bmd_live_bytes_from(lv, c->feed, c->run != run ? 0 : c->k);
      if (backlog > s->o.backlog_cap && now - c->last_progress > s->o.stall_s) {
        /* its socket has stayed full: end the connection; libmicrohttpd sees the error
           and closes it (the fd stays valid until then: we are still on its list) */
        c->dropped = 1;
        bmd_live_stats(lv)->dropped++;
        shutdown(c->fd, SHUT_RDWR);
      }
    }
  }
}

static void *clock_main(void *arg) {
  struct bmd_server *s = arg;
  double last = now_s(), last_ka = last;
  for (;;) {
    struct timespec ts;
    double now, dt;
    int r, stop;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += (long)(s->o.tick_s * 1e9);
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&s->stop_mu);
    if (!s->stopping) pthread_cond_timedwait(&s->stop_cv, &s->stop_mu, &ts);
    stop = s->stopping;
    pthread_mutex_unlock(&s->stop_mu);
    if (stop) break;
    now = now_s();
    dt = now - last;
    last = now;
    pthread_mutex_lock(&s->mu);
    r = bmd_live_advance(s->lv, dt);
    {
      struct bmd_live_stats *st = bmd_live_stats(s->lv);
      double late = dt - s->o.tick_s;
      st->lag_s = late > 0.0 && !bmd_live_paused(s->lv) ? late * bmd_live_speed(s->lv) : 0.0;
    }
    if (r == 1) { /* --loop: the next run, built outside the lock */
      unsigned long seed = bmd_live_seed(s->lv);
      struct bmd_live_run *run = NULL;
      pthread_mutex_unlock(&s->mu);
      r = bmd_live_run_build(s->lv, seed, &run);
      pthread_mutex_lock(&s->mu);
      if (r == BMD_OK) bmd_live_restart(s->lv, run);
      last = now_s();
    }
    if (now - last_ka >= s->o.keepalive_s) {
      last_ka = now;
      for (struct client *c = s->clients; c; c = c->next) c->keepalive_due = 1;
    }
    clients_service(s, now);
    pthread_mutex_unlock(&s->mu);
  }
  return NULL;
}

/* ---------------------------------------------------------------- requests */

static void *uri_log(void *cls, const char *uri, struct MHD_Connection *conn) {
  struct req *rq = calloc(1, sizeof *rq);
  (void)conn;
  if (!rq) return NULL;
  rq->srv = cls;
  if (uri) {
    size_t n = strlen(uri);
    if (n > BMD_SERVER_MAX_URL + 1) n = BMD_SERVER_MAX_URL + 1; /* still too long: 414 */
    memcpy(rq->url, uri, n);
    rq->url[n] = '\0';
  }
  return rq;
}

static void request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  struct bmd_server *s = cls;
  struct req *rq = *con_cls;
  (void)conn;
  (void)toe;
  if (!rq) return;
  if (rq->client) {
    pthread_mutex_lock(&s->mu);
    client_unlink(rq->client);
    client_unref(rq->client);
    pthread_mutex_unlock(&s->mu);
  }
  free(rq);
  *con_cls = NULL;
}

struct hdrs {
  struct bmd_server_header h[BMD_SERVER_MAX_NHEADERS];
  int n;
  size_t bytes;
};

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
  struct hdrs *h = cls;
  (void)kind;
  if (h->n < BMD_SERVER_MAX_NHEADERS) {
    h->h[h->n].name = key;
    h->h[h->n].value = value ? value : "";
  }
  h->n++;
  h->bytes += (key ? strlen(key) : 0) + (value ? strlen(value) : 0) + 4;
  return MHD_YES;
}

static void common_headers(struct MHD_Response *resp, const struct bmd_server_response *r) {
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
  /* one request per connection: the listener screens a connection's first request head
     only, so no second one may follow on it */
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  if (r->status != 200 || strncmp(r->content_type, "text/html", 9) != 0)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  if (r->allow) MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
  if (r->auth_challenge) MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
}

static enum MHD_Result start_stream(struct bmd_server *s, struct req *rq, struct MHD_Connection *conn,
                                    const struct bmd_server_response *r) {
  struct client *c = calloc(1, sizeof *c);
  struct MHD_Response *resp;
  const union MHD_ConnectionInfo *ci;
  enum MHD_Result ok;
  if (!c) return MHD_NO;
  c->srv = s;
  c->conn = conn;
  c->feed = r->stream;
  c->refs = 2;
  ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
  c->fd = ci ? ci->connect_fd : -1;
  if (c->fd >= 0) {
    int sndbuf = SSE_SNDBUF;
    setsockopt(c->fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
  }
  resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, SSE_BLOCK, client_read, c, client_free_cb);
  if (!resp) {
    free(c);
    return MHD_NO;
  }
  common_headers(resp, r);
  MHD_add_response_header(resp, "X-Accel-Buffering", "no");
  pthread_mutex_lock(&s->mu);
  c->run = bmd_live_run_number(s->lv);
  c->k = bmd_live_first_index(s->lv, c->feed, r->after_id);
  c->last_progress = now_s();
  c->next = s->clients;
  if (s->clients) s->clients->prev = c;
  s->clients = c;
  bmd_live_stats(s->lv)->clients[c->feed]++;
  c->counted = 1;
  rq->client = c;
  pthread_mutex_unlock(&s->mu);
  MHD_set_connection_option(conn, MHD_CONNECTION_OPTION_TIMEOUT, 0u);
  ok = MHD_queue_response(conn, MHD_HTTP_OK, resp);
  MHD_destroy_response(resp);
  return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
  struct bmd_server *s = cls;
  struct req *rq = *con_cls;
  struct hdrs h;
  struct bmd_server_request in;
  struct bmd_server_response r;
  struct MHD_Response *resp;
  enum MHD_Result ok;
  (void)url;
  (void)version;
  (void)upload_data;
  if (!rq) return MHD_NO;
  if (*upload_data_size) { /* a body after all: it was refused already; drop it */
    *upload_data_size = 0;
    return MHD_YES;
  }
  memset(&h, 0, sizeof h);
  MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_header, &h);
  in.method = method;
  in.url = rq->url;
  in.headers = h.h;
  in.nheaders = h.n;
  in.header_bytes = h.bytes + strlen(method) + strlen(rq->url) + 12;

  pthread_mutex_lock(&s->mu);
  bmd_server_route_access(&in, s->lv, s->token, s->o.access, &r);
  if (r.action == BMD_SERVER_RESTART) {
    /* build the new run outside the lock: the clock keeps going meanwhile */
    unsigned long seed = r.has_seed ? r.seed : bmd_live_seed(s->lv);
    struct bmd_live_run *run = NULL;
    int st;
    pthread_mutex_unlock(&s->mu);
    st = bmd_live_run_build(s->lv, seed, &run);
    pthread_mutex_lock(&s->mu);
    if (st == BMD_OK) {
      bmd_live_restart(s->lv, run);
      r.action = BMD_SERVER_NONE;
      r.body = r.owned = bmd_live_state_json(s->lv);
      r.len = r.body ? strlen(r.body) : 0;
      if (!r.body) {
        r.status = 503;
        r.body = "out of memory\n";
        r.len = strlen(r.body);
      }
    } else {
      r.status = 503;
      r.body = "out of memory\n";
      r.len = strlen(r.body);
      r.action = BMD_SERVER_NONE;
    }
  } else if (r.action != BMD_SERVER_NONE) {
    bmd_server_apply(s->lv, &r);
  }
  if (r.stream < 0 && r.status == 200 && r.action != BMD_SERVER_NONE) clients_service(s, now_s());
  pthread_mutex_unlock(&s->mu);

  if (r.stream >= 0) {
    bmd_server_response_release(&r);
    return start_stream(s, rq, conn, &r);
  }
  /* libmicrohttpd 0.9.75 takes a non-const buffer; with PERSISTENT and MUST_COPY it only
     reads it (the uintptr_t round trip states that, without a qualifier-dropping cast) */
  resp = MHD_create_response_from_buffer(r.len, (void *)(uintptr_t)r.body,
                                         r.owned ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_PERSISTENT);
  if (!resp) {
    bmd_server_response_release(&r);
    return MHD_NO;
  }
  common_headers(resp, &r);
  ok = MHD_queue_response(conn, (unsigned)r.status, resp);
  MHD_destroy_response(resp);
  bmd_server_response_release(&r);
  return ok;
}

/* ---------------------------------------------------------------- the listener */

static int bind_socket(int fd, const struct sockaddr_storage *ss, socklen_t len) {
  return bind(fd, (const struct sockaddr *)ss, len);
}

/* answer a refused request head with status and its one-line body, then close */
static void screen_refuse(int fd, int status, const char *why) {
  char head[512], sink[4096];
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %zu\r\n"
                   "Connection: close\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
                   "Cache-Control: no-store\r\n\r\n%s",
                   status, status == 431 ? "Request Header Fields Too Large" : "Bad Request", strlen(why), why);
  /* what has arrived is read first, so that the close does not reset the connection
     before the answer is read */
  while (recv(fd, sink, sizeof sink, 0) > 0) {
  }
  if (n > 0 && (size_t)n < sizeof head) {
    ssize_t w = send(fd, head, (size_t)n, MSG_NOSIGNAL);
    (void)w; /* best effort: the connection is refused either way */
  }
  shutdown(fd, SHUT_WR);
  close(fd);
}

static void pending_drop(struct pending *p, int *np, int k, int epfd) {
  epoll_ctl(epfd, EPOLL_CTL_DEL, p[k].fd, NULL);
  p[k] = p[--*np];
}

/* a pending connection's head: wait (-1), refused and closed (1), or handed over (0) */
static int screen_one(struct bmd_server *s, struct pending *p, int *np, int k, int epfd) {
  char buf[BMD_SERVER_MAX_HEADERS + 2];
  const char *why = NULL;
  ssize_t n = recv(p[k].fd, buf, sizeof buf, MSG_PEEK);
  int fd = p[k].fd, st;
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return -1;
  if (n <= 0) { /* closed before a whole head */
    pending_drop(p, np, k, epfd);
    close(fd);
    return 1;
  }
  st = bmd_server_screen(buf, (size_t)n, &why);
  if (st < 0 && (size_t)n == sizeof buf) st = 431, why = "request headers too large\n";
  if (st < 0) return -1;
  if (st > 0) {
    pending_drop(p, np, k, epfd);
    screen_refuse(fd, st, why);
    return 1;
  }
  {
    struct sockaddr_storage a = p[k].addr;
    socklen_t al = p[k].alen;
    pending_drop(p, np, k, epfd);
    MHD_add_connection(s->mhd, fd, (const struct sockaddr *)&a, al); /* closes fd if it fails */
  }
  return 0;
}

static void *listener_main(void *arg) {
  struct bmd_server *s = arg;
  struct pending *p = calloc(SCREEN_MAX_PENDING, sizeof *p);
  struct epoll_event ev, evs[64];
  int np = 0, epfd = epoll_create1(EPOLL_CLOEXEC), stop = 0;
  if (!p || epfd < 0) {
    free(p);
    if (epfd >= 0) close(epfd);
    return NULL;
  }
  ev.events = EPOLLIN;
  ev.data.fd = s->lfd;
  epoll_ctl(epfd, EPOLL_CTL_ADD, s->lfd, &ev);
  ev.data.fd = s->wake[0];
  epoll_ctl(epfd, EPOLL_CTL_ADD, s->wake[0], &ev);
  while (!stop) {
    int n = epoll_wait(epfd, evs, 64, 1000);
    double now = now_s();
    for (int e = 0; e < n; e++) {
      int fd = evs[e].data.fd;
      if (fd == s->wake[0]) {
        stop = 1;
      } else if (fd == s->lfd) {
        for (;;) {
          struct pending q;
          memset(&q, 0, sizeof q);
          q.alen = sizeof q.addr;
          q.fd = accept(s->lfd, (struct sockaddr *)&q.addr, &q.alen);
          if (q.fd < 0) break;
          if (np == SCREEN_MAX_PENDING || fcntl(q.fd, F_SETFL, O_NONBLOCK) != 0 ||
              fcntl(q.fd, F_SETFD, FD_CLOEXEC) != 0) {
            close(q.fd);
            continue;
          }
          q.deadline = now + HTTP_TIMEOUT_S;
          /* edge-triggered: a peeked head stays readable, so wait for more bytes, not for
             readability */
          ev.events = EPOLLIN | EPOLLET;
          ev.data.fd = q.fd;
          if (epoll_ctl(epfd, EPOLL_CTL_ADD, q.fd, &ev) != 0) {
            close(q.fd);
            continue;
          }
          p[np++] = q;
          screen_one(s, p, &np, np - 1, epfd); /* the head may be here already */
        }
      } else {
        for (int k = 0; k < np; k++)
          if (p[k].fd == fd) {
            screen_one(s, p, &np, k, epfd);
            break;
          }
      }
    }
    /* heads that do not arrive in time (slowloris): closed */
    for (int k = 0; k < np;) {
      if (p[k].deadline < now) {
        int fd = p[k].fd;
        pending_drop(p, &np, k, epfd);
        close(fd);
      } else {
        k++;
      }
    }
  }
  for (int k = 0; k < np; k++) close(p[k].fd);
  free(p);
  close(epfd);
  return NULL;
}

/* ---------------------------------------------------------------- life cycle */

int bmd_server_start(struct bmd_server **out, struct bmd_live *lv, const struct bmd_server_opts *o,
                     struct bmd_diag *d) {
  struct bmd_server *s;
  struct sockaddr_storage ss;
  const char *bind = o->bind ? o->bind : "127.0.0.1";
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC |
                   MHD_USE_NO_LISTEN_SOCKET;
  socklen_t slen;
  int one = 1;
  *out = NULL;
  memset(&ss, 0, sizeof ss);
  if (o->port > 65535) {
    bmd_diag_set(d, "", 0, 0, "--port: %u is not a port number", o->port);
    return BMD_EINVAL;
  }
  if (inet_pton(AF_INET, bind, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
    ((struct sockaddr_in *)&ss)->sin_family = AF_INET;
    ((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)o->port);
    slen = sizeof(struct sockaddr_in);
  } else if (inet_pton(AF_INET6, bind, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
    ((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
    ((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)o->port);
    slen = sizeof(struct sockaddr_in6);
  } else {
    bmd_diag_set(d, "", 0, 0, "--bind: '%s' is not an IPv4 or IPv6 address", bind);
    return BMD_EINVAL;
  }
  if (!bmd_server_token_ok(o->token)) {
    bmd_diag_set(d, "", 0, 0, "the control token must be 16 to %d visible ASCII characters", BMD_SERVER_TOKEN_MAX);
    return BMD_EINVAL;
  }
  s = calloc(1, sizeof *s);
  if (!s) return BMD_ENOMEM;
  s->lfd = s->wake[0] = s->wake[1] = -1;
  s->lv = lv;
  s->o = *o;
  s->o.token = NULL;
  if (s->o.max_clients <= 0) s->o.max_clients = 1000;
  if (!(s->o.tick_s > 0.0)) s->o.tick_s = 0.05;
  if (!(s->o.keepalive_s > 0.0)) s->o.keepalive_s = 15.0;
  if (s->o.backlog_cap == 0) s->o.backlog_cap = 256u * 1024u;
  if (!(s->o.stall_s > 0.0)) s->o.stall_s = 5.0;
  snprintf(s->token, sizeof s->token, "%s", o->token);
  pthread_mutex_init(&s->mu, NULL);
  pthread_mutex_init(&s->stop_mu, NULL);
  pthread_cond_init(&s->stop_cv, NULL);
  /* our own listening socket: the listener thread screens each request head before
     libmicrohttpd reads it (bmd_server_screen) */
  s->lfd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (s->lfd < 0 || setsockopt(s->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      (ss.ss_family == AF_INET6 && setsockopt(s->lfd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0) ||
      bind_socket(s->lfd, &ss, slen) != 0 || listen(s->lfd, 512) != 0 || pipe(s->wake) != 0) {
    bmd_diag_set(d, "", 0, 0, "cannot listen on %s port %u: %s", bind, o->port, strerror(errno));
    bmd_server_stop(s);
    return BMD_EIO;
  }
  {
    struct sockaddr_storage got;
    socklen_t gl = sizeof got;
    if (getsockname(s->lfd, (struct sockaddr *)&got, &gl) == 0)
      s->port = ntohs(got.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&got)->sin6_port
                                                : ((struct sockaddr_in *)&got)->sin_port);
  }
  s->mhd = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
                            MHD_OPTION_URI_LOG_CALLBACK, uri_log, s,
                            MHD_OPTION_NOTIFY_COMPLETED, request_done, s,
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)s->o.max_clients,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)HTTP_TIMEOUT_S,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(48 * 1024),
                            MHD_OPTION_LISTEN_BACKLOG_SIZE, 512u,
                            MHD_OPTION_END);
  if (!s->mhd) {
    bmd_diag_set(d, "", 0, 0, "cannot listen on %s port %u: %s", bind, o->port,
                 errno ? strerror(errno) : "libmicrohttpd failed to start");
    bmd_server_stop(s);
    return BMD_EIO;
  }
  if (pthread_create(&s->clock, NULL, clock_main, s) != 0) {
    bmd_diag_set(d, "", 0, 0, "cannot start the clock thread");
    bmd_server_stop(s);
    return BMD_EIO;
  }
  s->clock_started = 1;
  if (pthread_create(&s->listener, NULL, listener_main, s) != 0) {
    bmd_diag_set(d, "", 0, 0, "cannot start the listener thread");
    bmd_server_stop(s);
    return BMD_EIO;
  }
  s->listener_started = 1;
  *out = s;
  return BMD_OK;
}

unsigned bmd_server_port(const struct bmd_server *s) { return s->port; }

void bmd_server_stop(struct bmd_server *s) {
  if (!s) return;
  /* no new connections first */
  if (s->listener_started) {
    char b = 1;
    ssize_t w = write(s->wake[1], &b, 1);
    (void)w; /* a full pipe has woken it already */
    pthread_join(s->listener, NULL);
  }
  if (s->lfd >= 0) close(s->lfd);
  if (s->wake[0] >= 0) close(s->wake[0]);
  if (s->wake[1] >= 0) close(s->wake[1]);
  pthread_mutex_lock(&s->mu); /* stopping is read under either lock */
  pthread_mutex_lock(&s->stop_mu);
  s->stopping = 1;
  pthread_cond_broadcast(&s->stop_cv);
  pthread_mutex_unlock(&s->stop_mu);
  pthread_mutex_unlock(&s->mu);
  if (s->clock_started) pthread_join(s->clock, NULL);
  if (s->mhd) {
    /* streams end: resume the suspended ones so they can say so, then close everything */
    double t0 = now_s();
    int left = 1;
    while (left && now_s() - t0 < STOP_DRAIN_S) {
      struct timespec ts = {0, 10 * 1000 * 1000};
      pthread_mutex_lock(&s->mu);
      clients_service(s, now_s());
      left = s->clients != NULL;
      pthread_mutex_unlock(&s->mu);
      if (left) nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(s->mhd);
  }
  pthread_cond_destroy(&s->stop_cv);
  pthread_mutex_destroy(&s->stop_mu);
  pthread_mutex_destroy(&s->mu);
  free(s->pfd);
  free(s->pcl);
  free(s);
}
