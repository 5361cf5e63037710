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
  - raw requests over a socket (what curl will not send): two Content-Length fields, a
    negative one, a token with a NUL and junk after it, Authorization twice, a field name
    with a space: each one 400 with exactly one response head, and the action not taken;
    speed?x= as a plain decimal only (hex, exponent, sign: 400);
  - /metrics stops counting a stream client within a second of its going away while
    caught up (suspended);
  - `serve --observer-only`: the page and /api/observer open; /api/events, /api/state,
    /api/scenario and /metrics 401 without the token and 200 with it;
  - SIGTERM shuts the server down with exit code 0.
usage: serve_http.py BMDSIM
"""
import json, os, re, signal, socket, subprocess, sys, time

failures = 0
events_read = events_lost = events_twice = 0


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


def raw(port, request, timeout=5):
    """send request bytes as they are; the whole answer until the server closes"""
    s = socket.create_connection(('127.0.0.1', port), timeout=timeout)
    try:
        s.sendall(request)
        out = b''
        while True:
            d = s.recv(65536)
            if not d:
                return out
            out += d
    except OSError:
        return out
    finally:
        s.close()


def start(exe, *extra):
    srv = subprocess.Popen([exe, 'serve', '--port', '0', '--speed', '50', '--json', *extra],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return srv, json.loads(srv.stdout.readline())


def stop(srv):
    srv.send_signal(signal.SIGTERM)
    try:
        return srv.wait(timeout=20)
    except subprocess.TimeoutExpired:
        srv.kill()
        return 'timeout'


def sse_auth(url, n, token):
    """n messages of a feed that needs the token"""
    p = subprocess.Popen(['curl', '-sS', '-N', '--max-time', '30', '-H', f'Authorization: Bearer {token}', url],
                         stdout=subprocess.PIPE, text=True)
    msgs, lines = [], []
    try:
        for line in p.stdout:
            line = line.rstrip('\n')
            if line == '':
                data = [l[6:] for l in lines if l.startswith('data: ')]
                ids = [l[4:] for l in lines if l.startswith('id: ')]
                if data and ids:
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
        global events_read, events_lost, events_twice
        events_read = len(ids)
        events_lost = (ids[-1] - ids[0] + 1) - len(set(ids))
        events_twice = len(ids) - len(set(ids))
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
        # raw requests: framing the server must refuse whole (RFC 9112 sec. 6.3), one head
        port = info['port']
        s0 = json.loads(curl(base + '/api/state')[1])
        for what, extra in (('two Content-Length', b'Content-Length: 0\r\nContent-Length: 5\r\n'),
                            ('two equal Content-Length', b'Content-Length: 0\r\nContent-Length: 0\r\n'),
                            ('negative Content-Length', b'Content-Length: -1\r\n'),
                            ('Content-Length not digits', b'Content-Length: 0x0\r\n'),
                            ('token with NUL and junk', None),
                            ('Authorization twice', b'Authorization: Bearer x\r\n'),
                            ('space before colon', b'X-A : b\r\n')):
            head = b'POST /api/control/pause HTTP/1.1\r\nHost: t\r\n'
            if extra is None:
                head += b'Authorization: Bearer ' + token.encode() + b'\0junk\r\n\r\n'
            else:
                head += extra + b'Authorization: Bearer ' + token.encode() + b'\r\n\r\n'
            out = raw(port, head)
            check(out.startswith(b'HTTP/1.1 400 '), f'{what}: {out[:40]!r}')
            check(out.count(b'HTTP/1.1 ') == 1, f'{what}: one response head, got {out.count(b"HTTP/1.1 ")}')
            check(out.endswith(b'\n') and len(out.split(b'\r\n\r\n', 1)[1]) < 100, f'{what}: short body')
        s1 = json.loads(curl(base + '/api/state')[1])
        check(s1['paused'] == s0['paused'], 'refused raw requests took no action')
        for x in ('0x10', '1e2', '%2B5', 'inf', '1.5.1'):
            code, _ = curl('-X', 'POST', *auth, base + '/api/control/speed?x=' + x)
            check(code == 400, f'speed x={x}: want 400, got {code}')
        code, body = curl('-X', 'POST', *auth, base + '/api/control/speed?x=2.5')
        check(code == 200 and json.loads(body)['speed'] == 2.5, 'speed x=2.5')

        # a stream client that goes away while caught up is no longer counted
        def clients(feed):
            return metric(curl(base + '/metrics')[1], f'bmdsim_clients{{feed="{feed}"}}')
        n0 = clients('observer')
        c = socket.create_connection(('127.0.0.1', port))
        c.sendall(b'GET /api/observer HTTP/1.1\r\nHost: t\r\n\r\n')
        c.recv(4096)
        time.sleep(0.5)  # caught up: suspended
        check(clients('observer') == n0 + 1, f'one more observer client: {clients("observer")}')
        c.close()
        t0 = time.time()
        while clients('observer') != n0 and time.time() - t0 < 3:
            time.sleep(0.05)
        check(clients('observer') == n0, f'the client that went is not counted: {clients("observer")} (was {n0})')
        check(time.time() - t0 < 1.0, f'within a second: {time.time() - t0:.2f} s')

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

    # --observer-only: the page and the observer feed open, every other route behind the token
    srv, info = start(exe, '--observer-only')
    try:
        base, token = info['url'].rstrip('/'), info['token']
        auth = ['-H', f'Authorization: Bearer {token}']
        check(info.get('observer_only') is True, 'observer_only in --json')
        for path in ('/', '/index.html', '/app.js', '/app.css'):
            code, _ = curl(base + path)
            check(code == 200, f'observer-only {path}: {code}')
        obs = sse(base + '/api/observer', 5)
        check(len(obs) == 5 and obs[0][1]['kind'] == 'restart', 'observer-only: the observer feed')
        check(all(not any(k in m for k in ('threat', 'threats', 'note')) for _, m in obs), 'observer feed: no threat data')
        for path in ('/api/events', '/api/state', '/api/scenario', '/metrics'):
            code, body = curl('-i', '--max-time', '3', base + path)
            check(code == 401 and 'WWW-Authenticate: Bearer' in body, f'observer-only {path} without token: {code}')
            code, _ = curl('-I', base + path)
            check(code == 401, f'observer-only HEAD {path}: {code}')
            code, _ = curl('-H', 'Authorization: Bearer ' + '0' * 32, base + path, timeout=20) if path != '/api/events' else (401, '')
            check(code == 401, f'observer-only {path} with a wrong token: {code}')
        for path in ('/api/state', '/api/scenario', '/metrics'):
            code, _ = curl(*auth, base + path)
            check(code == 200, f'observer-only {path} with the token: {code}')
        ev = sse_auth(base + '/api/events', 3, token)
        check(len(ev) == 3 and ev[0][1]['kind'] == 'restart', 'observer-only /api/events with the token')
        code, _ = curl('-X', 'POST', base + '/api/control/pause')
        check(code == 401, 'observer-only control without token')
        code, body = curl('-X', 'POST', *auth, base + '/api/control/pause')
        check(code == 200 and json.loads(body)['paused'] is True, 'observer-only control with token')
    finally:
        rc = stop(srv)
        err = srv.stderr.read()
    check(rc == 0, f'observer-only: clean shutdown: {rc}')
    check('observer-only: the page and /api/observer are open' in err, 'observer-only said on stderr')
    print(f'serve_http: {events_read} events read across two reconnections, {events_lost} lost, '
          f'{events_twice} twice; {failures} failures')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
