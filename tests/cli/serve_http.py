#!/usr/bin/env python3
"""bmdsim serve end to end over loopback (docs/http.md), with curl as the client:
  - `bmdsim serve --port 0 --speed 50 --json` prints url, port and token on stdout;
  - /api/events: N messages read with curl, disconnect, reconnect with Last-Event-ID: the
    union has no gap and no duplicate (ids consecutive within the run) and every message
    is one id line and one JSON data line;
  - /api/observer carries no threat data;
  - control without the token (or a wrong one) is 401 and the state does not change;
    with it, pause stops the clock, speed changes it, restart starts run 2;
  - /metrics parses as Prometheus text; a bad request gets a 4xx with a short body;
  - SIGTERM shuts the server down with exit code 0.
usage: serve_http.py BMDSIM
"""
import json, os, re, signal, subprocess, sys, time

failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print(f'FAIL: {what}', file=sys.stderr)


def curl(*args, timeout=20):
    """(status, body) of one request; -w appends the status after a marker line"""
    p = subprocess.run(['curl', '-sS', '-g', '--max-time', '10', '-o', '-', '-w', '\n@@%{http_code}', *args],
                       capture_output=True, text=True, timeout=timeout)
    body, _, code = p.stdout.rpartition('\n@@')
    return int(code or 0), body


def sse(url, n, last_id=None, header=True):
    """read n SSE messages with curl -N, then disconnect; returns [(id, data dict)]"""
    cmd = ['curl', '-sS', '-N', '--max-time', '60']
    if last_id is not None:
        if header:
            cmd += ['-H', f'Last-Event-ID: {last_id}']
        else:
            url += f'?lastEventId={last_id}'
    p = subprocess.Popen(cmd + [url], stdout=subprocess.PIPE, text=True)
    msgs, cur_id, lines = [], None, []
    try:
        for line in p.stdout:
            line = line.rstrip('\n')
            if line == '':
                if lines:
                    data = [l[6:] for l in lines if l.startswith('data: ')]
                    ids = [l[4:] for l in lines if l.startswith('id: ')]
                    other = [l for l in lines if not (l.startswith('data: ') or l.startswith('id: ')
                                                      or l.startswith('retry: ') or l.startswith(':'))]
                    check(not other, f'unexpected SSE lines {other}')
                    if data:
                        check(len(data) == 1 and len(ids) == 1, f'one id and one data line: {lines}')
                        msgs.append((int(ids[0]), json.loads(data[0])))
                        if len(msgs) >= n:
                            break
                lines = []
            else:
                lines.append(line)
    finally:
        p.kill()
        p.wait()
    return msgs


def metric(text, name):
    for line in text.splitlines():
        if line.startswith(name + ' ') or line.startswith(name + '{'):
            return float(line.rsplit(' ', 1)[1])
    return None


def main():
    exe = sys.argv[1]
    srv = subprocess.Popen([exe, 'serve', '--port', '0', '--speed', '50', '--json'],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = srv.stdout.readline()
        info = json.loads(line)
        base, token = info['url'].rstrip('/'), info['token']
        check(info['url'].startswith('http://127.0.0.1:'), 'loopback by default')
        check(re.fullmatch(r'[0-9a-f]{32}', token) is not None, '128-bit hex token')
        auth = ['-H', f'Authorization: Bearer {token}']

        # resumable feed: 40 messages, disconnect, 40 more after the last id seen
        a = sse(base + '/api/events', 40)
        check(len(a) == 40, f'read 40 messages, got {len(a)}')
        check(a[0][1]['kind'] == 'restart' and a[0][1]['run'] == 1, 'feed starts at the run\'s restart')
        time.sleep(0.5)  # more are released while we are away
        b = sse(base + '/api/events', 40, last_id=a[-1][0])
        c = sse(base + '/api/events', 10, last_id=b[-1][0], header=False)
        ids = [m[0] for m in a + b + c]
        check(len(ids) == len(set(ids)), 'no duplicate ids')
        check(ids == list(range(ids[0], ids[0] + len(ids))), f'no gap: {ids[:5]}... {ids[-5:]}')
        for i, m in a + b + c:
            check(m['id'] == i, 'data id equals the SSE id')
            check(m['run'] == 1 and 'kind' in m and 't_s' in m, f'message fields {m}')
        ts = [m['t_s'] for _, m in a + b + c]
        check(ts == sorted(ts), 'time order')
        kinds = {m['kind'] for _, m in a + b + c}
        check('threat-launch' in kinds and 'tick' in kinds, f'engine events and ticks: {kinds}')

        # observer: site activity only
        obs = sse(base + '/api/observer', 20)
        check(len(obs) == 20, 'observer messages')
        for _, m in obs:
            check(m['kind'] in ('restart', 'radar', 'launcher', 'site-launch', 'clock', 'control'), f'observer kind {m}')
            check(not any(k in m for k in ('threat', 'threats', 'lat_deg', 'lon_deg', 'note')), f'observer leak {m}')

        # control without the token: 401 and nothing changes
        code, body = curl(base + '/api/state')
        s0 = json.loads(body)
        for hdr in ([], ['-H', 'Authorization: Bearer ' + '0' * 32], ['-H', f'Authorization: Basic {token}']):
            code, body = curl('-X', 'POST', *hdr, base + '/api/control/pause')
            check(code == 401, f'pause without token: {code}')
            check(len(body) < 100, 'short body')
            code, _ = curl('-X', 'POST', *hdr, base + '/api/control/speed?x=3')
            check(code == 401, 'speed without token')
            code, _ = curl('-X', 'POST', *hdr, base + '/api/control/restart')
            check(code == 401, 'restart without token')
        code, body = curl(base + '/api/state')
        s1 = json.loads(body)
        check(not s1['paused'] and s1['speed'] == 50 and s1['run'] == 1, f'state unchanged: {s1["paused"]} {s1["speed"]}')
        check(s1['t_s'] > s0['t_s'], 'clock still running')

        # with the token: pause stops the clock
        code, body = curl('-X', 'POST', *auth, base + '/api/control/pause')
        check(code == 200 and json.loads(body)['paused'] is True, f'pause with token: {code}')
        t_paused = json.loads(curl(base + '/api/state')[1])['t_s']
        time.sleep(0.4)
        t_later = json.loads(curl(base + '/api/state')[1])['t_s']
        check(t_later == t_paused, f'paused clock stays: {t_paused} {t_later}')
        code, body = curl('-X', 'POST', *auth, base + '/api/control/speed?x=7')
        check(code == 200 and json.loads(body)['speed'] == 7, 'speed with token')
        code, _ = curl('-X', 'POST', *auth, base + '/api/control/speed?x=abc')
        check(code == 400, 'bad speed: 400')
        code, body = curl('-X', 'POST', *auth, base + '/api/control/resume')
        check(code == 200 and json.loads(body)['paused'] is False, 'resume')
        time.sleep(0.5)
        t_run = json.loads(curl(base + '/api/state')[1])['t_s']
        check(t_later + 1.0 < t_run < t_later + 7.0 * 1.5, f'speed 7 clock: {t_later} -> {t_run}')
        code, body = curl('-X', 'POST', *auth, base + '/api/control/restart?seed=11')
        st = json.loads(body) if code == 200 else {}
        check(code == 200 and st.get('run') == 2 and st.get('seed') == 11, f'restart: {code} {body[:80]}')
        # a client resuming from run 1 gets run 2 from its restart message
        r2 = sse(base + '/api/events', 3, last_id=ids[-1])
        check(r2 and r2[0][1]['kind'] == 'restart' and r2[0][1]['run'] == 2 and r2[0][0] > ids[-1],
              f'resume across a restart: {r2[:1]}')

        # metrics
        code, text = curl(base + '/metrics')
        check(code == 200, 'metrics 200')
        for line in text.splitlines():
            if line.startswith('#'):
                check(line.startswith('# HELP ') or line.startswith('# TYPE '), f'comment {line}')
            else:
                check(re.fullmatch(r'[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+-]+', line)
                      is not None, f'sample line {line}')
        check(metric(text, 'bmdsim_run') == 2, 'bmdsim_run 2')
        check((metric(text, 'bmdsim_events_sent_total') or 0) >= 90, 'events sent counted')

        # bad requests
        for args, want in ((['/nope'], 404), (['/api/events?lastEventId=-1'], 400),
                           (['/%2e%2e/%2e%2e/etc/passwd'], (400, 404)), (['/../../etc/passwd', '--path-as-is'], (400, 404)),
                           (['/api/state', '-X', 'DELETE'], 405), (['/api/control/pause'], 405),
                           (['/api/state', '-H', 'X-Big: ' + 'a' * 10000], (413, 414, 431)),
                           (['/' + 'a' * 3000], (413, 414, 431)),
                           (['/api/control/pause', '-X', 'POST', '-d', 'x=1', *auth], 413)):
            url, *rest = args
            code, body = curl(*rest, base + url)
            ok = code in want if isinstance(want, tuple) else code == want
            check(ok, f'{url[:40]} {rest[:1]}: want {want}, got {code}')
            check(len(body) < 300 and 'root:' not in body, f'short error body for {url[:40]}')
        code, body = curl('-I', base + '/api/state')
        check('Access-Control-Allow-Origin' not in body, 'no CORS header')
        code, body = curl(base + '/')
        check(code == 200 and '<' in body, 'the page')
    finally:
        srv.send_signal(signal.SIGTERM)
        try:
            rc = srv.wait(timeout=20)
        except subprocess.TimeoutExpired:
            srv.kill()
            rc = 'timeout'
        err = srv.stderr.read()
    check(rc == 0, f'clean shutdown on SIGTERM: {rc}')
    check('bmdsim: control token: ' in err, 'token printed on stderr')
    print(f'serve_http: {failures} failures')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
