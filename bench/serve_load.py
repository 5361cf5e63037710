#!/usr/bin/env python3
"""Load test of bmdsim serve (not a CTest test; numbers in BENCHMARKS.md).

Starts `bmdsim serve SCENARIO --port 0 --speed S --loop --json` on loopback, connects N
Server-Sent-Events clients to /api/events that read everything (one process, selectors),
and optionally M clients that send the request and never read (tiny receive buffer). For
DURATION seconds it samples /api/state every second. Reports:
  - messages and bytes delivered per second (all readers together), per-client spread;
  - the engine's slowdown: simulated time advanced / (speed x wall time), summed over the
    1-s sampling intervals that stay within one run (restarts of --loop excluded), so
    1.000 means the clients did not slow the clock; bmdsim_sim_lag_seconds at the end;
  - for never-readers: how many the server dropped (bmdsim_clients_dropped_total) and
    how many sockets were closed by the server by the end.
usage: bench/serve_load.py BMDSIM [--clients 200] [--never-read 0] [--duration 30]
                           [--speed 100] [--scenario epaa-phase3]
"""
import argparse, json, os, selectors, signal, socket, subprocess, sys, time, urllib.request


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return r.read().decode()


def metric(text, name):
    for line in text.splitlines():
        if line.startswith(name + ' ') or line.startswith(name + '{'):
            return float(line.rsplit(' ', 1)[1])
    return None


def connect(port, rcvbuf=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.connect(('127.0.0.1', port))
    s.sendall(b'GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n')
    s.setblocking(False)
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('bmdsim')
    ap.add_argument('--clients', type=int, default=200)
    ap.add_argument('--never-read', type=int, default=0)
    ap.add_argument('--duration', type=float, default=30.0)
    ap.add_argument('--speed', type=float, default=100.0)
    ap.add_argument('--scenario', default='epaa-phase3')
    a = ap.parse_args()

    srv = subprocess.Popen([a.bmdsim, 'serve', a.scenario, '--port', '0', '--speed', str(a.speed), '--loop', '--json'],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    info = json.loads(srv.stdout.readline())
    port, base = info['port'], info['url'].rstrip('/')
    try:
        sel = selectors.DefaultSelector()
        counts, nbytes, tails = {}, {}, {}
        for _ in range(a.clients):
            s = connect(port)
            sel.register(s, selectors.EVENT_READ)
            counts[s], nbytes[s], tails[s] = 0, 0, b''
        dead = [connect(port, rcvbuf=4096) for _ in range(a.never_read)]
        t0 = time.monotonic()
        samples, next_sample, closed_readers = [], t0, 0
        while True:
            now = time.monotonic()
            if now >= next_sample:
                st = json.loads(get(base, '/api/state'))
                samples.append((time.monotonic(), st['run'], st['t_s'], st['speed'], st['paused'] or st['ended']))
                next_sample += 1.0
            if now - t0 >= a.duration:
                break
            for key, _ in sel.select(timeout=0.05):
                s = key.fileobj
                try:
                    data = s.recv(262144)
                except (BlockingIOError, InterruptedError):
                    continue
                except ConnectionError:
                    data = b''
                if not data:
                    sel.unregister(s)
                    s.close()
                    closed_readers += 1
                    continue
                buf = tails[s] + data
                counts[s] += buf.count(b'\nid: ')
                tails[s] = buf[-4:]
                nbytes[s] += len(data)
        wall = time.monotonic() - t0
        text = get(base, '/metrics')
        # never-readers: drain each (briefly) to see whether the server closed it
        dropped_closed = 0
        for s in dead:
            s.setblocking(True)
            s.settimeout(0.2)
            try:
                while True:
                    d = s.recv(1 << 20)
                    if not d:
                        dropped_closed += 1
                        break
            except socket.timeout:
                pass
            except ConnectionError:
                dropped_closed += 1
            s.close()
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        text_after = get(base, '/metrics')
    finally:
        srv.send_signal(signal.SIGTERM)
        try:
            srv.wait(timeout=20)
        except subprocess.TimeoutExpired:
            srv.kill()

    sim, ideal = 0.0, 0.0
    for (w0, r0, t0_, sp0, stop0), (w1, r1, t1, sp1, stop1) in zip(samples, samples[1:]):
        if r0 == r1 and not stop0 and not stop1 and sp0 == sp1:
            sim += t1 - t0_
            ideal += sp0 * (w1 - w0)
    total = sum(counts.values())
    per = sorted(counts.values())
    print(f'clients {a.clients} readers + {a.never_read} never-read, {a.duration:.0f} s, speed {a.speed:g}, {a.scenario}')
    print(f'delivered: {total} messages, {total / wall:.0f} msg/s, {sum(nbytes.values()) / wall / 1e6:.2f} MB/s; '
          f'per reader min {per[0] if per else 0} median {per[len(per) // 2] if per else 0} max {per[-1] if per else 0}; '
          f'readers closed by the server {closed_readers}')
    print(f'engine: simulated {sim:.1f} s in intervals where speed x wall = {ideal:.1f} s: ratio {sim / ideal if ideal else float("nan"):.4f}; '
          f'runs {metric(text, "bmdsim_run"):.0f}; bmdsim_sim_lag_seconds at end {metric(text, "bmdsim_sim_lag_seconds")}')
    print(f'server: events sent {metric(text, "bmdsim_events_sent_total"):.0f}, clients now {metric(text, "bmdsim_clients"):.0f}, '
          f'dropped {metric(text, "bmdsim_clients_dropped_total"):.0f}; never-read sockets closed by the server {dropped_closed}/{a.never_read} '
          f'(dropped after draining: {metric(text_after, "bmdsim_clients_dropped_total"):.0f})')


if __name__ == '__main__':
    main()
