/* cmd_serve.c - bmdsim serve: a scenario live over HTTP (server.h, docs/http.md). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include <bmd/outcome.h>
#include <bmd/live.h>
#include <bmd/scenario.h>
#include <bmd/server.h>
#include <bmd/status.h>

#include "cli.h"

#define DEFAULT_SCENARIO "epaa-phase3"

static void help_serve(FILE *fp) {
  fprintf(fp,
    "usage: bmdsim serve [SCENARIO] [--bind ADDR] [--port N] [--speed X] [--seed N]\n"
    "                    [--token-file F] [--loop] [--json] [--data DIR]\n"
    "\n"
    "Run a scenario live, at X times real time, and serve a web page and an HTTP API:\n"
    "the scenario as GeoJSON, every engine event as Server-Sent Events (resumable with\n"
    "Last-Event-ID), an observer feed of site activity only (no threat data), a state\n"
    "snapshot and Prometheus metrics (docs/http.md). Pause, resume, restart and speed are\n"
    "POST routes that need the bearer token printed at start. Runs until SIGINT/SIGTERM.\n"
    "SCENARIO as for bmdsim run (default %s).\n\n"
    "options:\n"
    "  --bind ADDR     address to listen on (default 127.0.0.1, loopback only; 0.0.0.0\n"
    "                  serves every interface and must be given explicitly)\n"
    "  --port N        TCP port (default 8080; 0: a free port, printed at start)\n"
    "  --speed X       simulated seconds per wall second, 0 < X <= 1000 (default 1)\n"
    "  --seed N        random seed (default: the scenario's)\n"
    "  --token-file F  read the control token from the first line of F (16 to 256\n"
    "                  visible characters) instead of making a random one\n"
    "  --loop          start the scenario again when it ends\n"
    "  --json          print {\"url\", \"port\", \"bind\", \"token\", \"scenario\", \"seed\",\n"
    "                  \"speed\"} on stdout once listening\n"
    "  --data DIR      catalog files from DIR\n"
    "  --help          this text\n"
    "\noutcomes: %s\n", DEFAULT_SCENARIO, BMD_OUTCOME_DOC);
}

/* 128 random bits as 32 hex digits */
static int make_token(char *out, size_t cap) {
  unsigned char b[16];
  size_t got = 0;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  while (got < sizeof b) {
    ssize_t n = read(fd, b + got, sizeof b - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += (size_t)n;
  }
  close(fd);
  if (got != sizeof b || cap < 2 * sizeof b + 1) return -1;
  for (size_t i = 0; i < sizeof b; i++) snprintf(out + 2 * i, 3, "%02x", b[i]);
  return 0;
}

static int read_token(const char *path, char *out, size_t cap) {
  FILE *fp = fopen(path, "r");
  size_t n;
  if (!fp) {
    cli_error("--token-file: %s: %s", path, strerror(errno));
    return -1;
  }
  if (!fgets(out, (int)cap, fp)) out[0] = '\0';
  fclose(fp);
  n = strcspn(out, "\r\n");
  out[n] = '\0';
  if (!bmd_server_token_ok(out)) {
    cli_error("--token-file: %s: the first line must be 16 to %d visible ASCII characters", path,
              BMD_SERVER_TOKEN_MAX);
    return -1;
  }
  return 0;
}

/* more descriptors for hundreds of streams: the soft limit up to the hard one (<= 65536) */
static void raise_nofile(void) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
  rlim_t want = rl.rlim_max < 65536 ? rl.rlim_max : 65536;
  if (rl.rlim_cur < want) {
    rl.rlim_cur = want;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

int cmd_serve(int argc, char **argv) {
  static const struct option opts[] = {
      {"bind", required_argument, 0, 'b'}, {"port", required_argument, 0, 'p'},
      {"speed", required_argument, 0, 'x'}, {"seed", required_argument, 0, 's'},
      {"token-file", required_argument, 0, 't'}, {"loop", no_argument, 0, 'l'},
      {"json", no_argument, 0, 'j'}, {"data", required_argument, 0, 'd'},
      {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
  const char *scen = DEFAULT_SCENARIO, *data = NULL, *token_file = NULL, *bind = "127.0.0.1";
  double speed = 1.0, port_d = 8080.0;
  int json = 0, loop = 0, have_seed = 0, c, rc = CLI_FAIL, sig = 0;
  unsigned long seed = 0;
  char token[BMD_SERVER_TOKEN_MAX + 2], url[160];
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_live *lv = NULL;
  struct bmd_server *srv = NULL;
  struct bmd_server_opts so;
  struct bmd_diag d;
  sigset_t set;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (c) {
    case 'b': bind = optarg; break;
    case 'p':
      if (cli_parse_double(optarg, &port_d) != 0 || port_d < 0 || port_d > 65535 || port_d != floor(port_d)) {
        cli_error("--port: '%s' is not a port number (0 to 65535)", optarg);
        return CLI_USAGE;
      }
      break;
    case 'x':
      if (cli_parse_double(optarg, &speed) != 0 || !(speed > 0.0) || speed > BMD_LIVE_MAX_SPEED) {
        cli_error("--speed: '%s' is not a number in (0, %g]", optarg, BMD_LIVE_MAX_SPEED);
        return CLI_USAGE;
      }
      break;
    case 's':
      if (cli_parse_seed(optarg, &seed) != 0) return CLI_USAGE;
      have_seed = 1;
      break;
    case 't': token_file = optarg; break;
    case 'l': loop = 1; break;
    case 'j': json = 1; break;
    case 'd': data = optarg; break;
    case 'h': help_serve(stdout); return CLI_OK;
    default:
      cli_error("serve: unknown or incomplete option '%s' (see bmdsim serve --help)", argv[optind - 1]);
      return CLI_USAGE;
    }
  }
  if (token_file ? read_token(token_file, token, sizeof token) != 0 : make_token(token, sizeof token) != 0) {
    if (!token_file) cli_error("cannot read /dev/urandom for the control token");
    return token_file ? CLI_USAGE : CLI_FAIL;
  }
  if (cli_open_scenario("serve", argc, argv, scen, data, &cat, &sc) != 0) return CLI_USAGE;
  if (!have_seed) seed = (unsigned long)sc.seed;

  /* SIGINT and SIGTERM are taken by sigwait below: block them before any thread starts */
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_IGN);
  raise_nofile();

  int st = bmd_live_alloc(&lv, &sc, seed, speed, loop, &d);
  if (st != BMD_OK) {
    cli_diag(&d);
    rc = st == BMD_ERANGE ? CLI_USAGE : st == BMD_ESOLVER ? CLI_SOLVER : CLI_FAIL;
    goto done;
  }
  memset(&so, 0, sizeof so);
  so.bind = bind;
  so.port = (unsigned)port_d;
  so.token = token;
  st = bmd_server_start(&srv, lv, &so, &d);
  if (st != BMD_OK) {
    cli_diag(&d);
    rc = st == BMD_EINVAL ? CLI_USAGE : CLI_FAIL;
    goto done;
  }
  snprintf(url, sizeof url, strchr(bind, ':') ? "http://[%s]:%u/" : "http://%s:%u/", bind, bmd_server_port(srv));
  fprintf(stderr, "bmdsim: serving %s (seed %lu, speed %g) on %s\n", sc.name, seed, speed, url);
  fprintf(stderr, "bmdsim: control token: %s\n", token);
  if (json) {
    cJSON *j = cJSON_CreateObject();
    char *s;
    cJSON_AddStringToObject(j, "url", url);
    cJSON_AddNumberToObject(j, "port", bmd_server_port(srv));
    cJSON_AddStringToObject(j, "bind", bind);
    cJSON_AddStringToObject(j, "token", token);
    cJSON_AddStringToObject(j, "scenario", sc.name);
    cJSON_AddNumberToObject(j, "seed", (double)seed);
    cJSON_AddNumberToObject(j, "speed", speed);
    s = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    if (s) printf("%s\n", s);
    free(s);
  }
  fflush(stdout);
  fflush(stderr);
  while (sigwait(&set, &sig) != 0) {
  }
  fprintf(stderr, "bmdsim: %s: shutting down\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
  rc = CLI_OK;
done:
  bmd_server_stop(srv);
  bmd_live_free(lv);
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return rc;
}
