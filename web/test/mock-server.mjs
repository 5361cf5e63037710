// A stand-in for `bmdsim serve` (docs/http.md) for developing and testing the page without the
// C server: serves the built page from DIST and implements the routes with a synthetic but
// plausible scenario (Aegis Ashore at Deveselu and Redzikowo, the AN/TPY-2 at Kurecik, two
// Iranian missiles, a salvo with a miss and a kill). Node only (node:http), no dependencies.
//   node test/mock-server.mjs [--dist DIR] [--port 0] [--bind 127.0.0.1] [--speed X]
//                             [--token T] [--loop] [--json]
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const opt = { dist: join(here, '..', 'dist'), port: 8080, bind: '127.0.0.1', speed: 10, token: '', loop: false, json: false };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const v = () => process.argv[++i];
  if (a === '--dist') opt.dist = v();
  else if (a === '--port') opt.port = Number(v());
  else if (a === '--bind') opt.bind = v();
  else if (a === '--speed') opt.speed = Number(v());
  else if (a === '--token') opt.token = v();
  else if (a === '--loop') opt.loop = true;
  else if (a === '--json') opt.json = true;
  else {
    process.stderr.write(`mock-server: unknown option ${a}\n`);
    process.exit(2);
  }
}
const TOKEN = opt.token || randomBytes(16).toString('hex');

// ------------------------------------------------------------------ scenario
const RAD = Math.PI / 180;
const R = 6371008.8;
const SITES = [
  { name: 'deveselu', interceptor: 'sm-3-ib', inventory: 24, launchers: 24, lon: 24.413417, lat: 44.078667 },
  { name: 'redzikowo', interceptor: 'sm-3-iia', inventory: 24, launchers: 24, lon: 17.12, lat: 54.472 },
];
const RADARS = [
  { name: 'kurecik-tpy2', type: 'tpy-2', fire_control: true, range_m: 1300e3, lon: 37.79361, lat: 38.34944, face: [39, 159] },
];
const THREATS = [
  { name: 'T1', missile: 'iran-irbm', from: 'semnan', lon: 53.92083, lat: 35.23472, to: 'warsaw', target: [21.012, 52.23], launch: 0, tof: 1000, apogee: 900e3 },
  { name: 'T2', missile: 'shahab-3', from: 'tabriz', lon: 46.29, lat: 38.08, to: 'bucharest', target: [26.10254, 44.42677], launch: 20, tof: 720, apogee: 520e3 },
];

function interp(a, b, f) {
  const [l1, p1] = [a[0] * RAD, a[1] * RAD];
  const [l2, p2] = [b[0] * RAD, b[1] * RAD];
  const d = 2 * Math.asin(Math.sqrt(Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin((l2 - l1) / 2) ** 2));
  if (d === 0) return a.slice();
  const A = Math.sin((1 - f) * d) / Math.sin(d);
  const B = Math.sin(f * d) / Math.sin(d);
  const x = A * Math.cos(p1) * Math.cos(l1) + B * Math.cos(p2) * Math.cos(l2);
  const y = A * Math.cos(p1) * Math.sin(l1) + B * Math.cos(p2) * Math.sin(l2);
  const z = A * Math.sin(p1) + B * Math.sin(p2);
  return [Math.atan2(y, x) / RAD, Math.atan2(z, Math.hypot(x, y)) / RAD];
}
function destination([lon, lat], az, dist) {
  const d = dist / R;
  const p1 = lat * RAD;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(az * RAD));
  const l2 = lon * RAD + Math.atan2(Math.sin(az * RAD) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [l2 / RAD, p2 / RAD];
}
function bearing(a, b) {
  const [l1, p1, l2, p2] = [a[0] * RAD, a[1] * RAD, b[0] * RAD, b[1] * RAD];
  const y = Math.sin(l2 - l1) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(l2 - l1);
  return ((Math.atan2(y, x) / RAD) + 360) % 360;
}
function threatPos(th, t) {
  const f = Math.min(1, Math.max(0, (t - th.launch) / th.tof));
  const [lon, lat] = interp([th.lon, th.lat], th.target, f);
  return { lon, lat, alt: 4 * th.apogee * f * (1 - f) };
}

// The shots: [site, threat, launch_t, intercept_t, hit]
const SHOTS = [
  { site: 0, threat: 1, n: 1, launch: 200, at: 430, hit: false },
  { site: 0, threat: 1, n: 2, launch: 200, at: 430, hit: true },
  { site: 1, threat: 0, n: 1, launch: 420, at: 700, hit: true },
];
// the outcome vocabulary of docs/outcomes.md, as /api/scenario gives it
const OUTCOMES = {
  killed: 'engaged, and an interceptor hit it before it reached its target',
  leaked: 'engaged (at least one interceptor fired at it) and not killed: it reached its target',
  unengaged: 'never fired at: it reached its target; its reason code says why no interceptor was fired',
  reached_target: 'threats that reached their target: leaked + unengaged',
};
const killT = (i) => Math.min(...SHOTS.filter((s) => s.threat === i && s.hit).map((s) => s.at), Infinity);
function shotPos(s, t) {
  const site = SITES[s.site];
  const end = threatPos(THREATS[s.threat], s.at);
  const f = Math.min(1, Math.max(0, (t - s.launch) / (s.at - s.launch)));
  const [lon, lat] = interp([site.lon, site.lat], [end.lon, end.lat], f);
  return { lon, lat, alt: end.alt * Math.sin((f * Math.PI) / 2) };
}

function scenarioJSON() {
  const features = [];
  SITES.forEach((s, i) => features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: { kind: 'site', site: i, name: s.name, interceptor: s.interceptor, inventory: s.inventory, launchers: s.launchers } }));
  RADARS.forEach((r, i) => {
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: { kind: 'radar', radar: i, name: r.name, type: r.type, fire_control: r.fire_control, range_m: r.range_m } });
    // RFC 7946 winding (counter-clockwise), as a real server writes it
    const ring = [[r.lon, r.lat]];
    for (let az = r.face[0]; az <= r.face[1]; az += 4) ring.push(destination([r.lon, r.lat], az, r.range_m));
    ring.push([r.lon, r.lat]);
    ring.reverse();
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { kind: 'radar-coverage', radar: i, name: r.name } });
  });
  THREATS.forEach((t, i) => features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [t.lon, t.lat] },
    properties: { kind: 'threat', threat: i, name: t.name, missile: t.missile, launch_t_s: t.launch, target: t.target } }));
  return { type: 'FeatureCollection', bmdsim: { scenario: 'mock-epaa', seed: S.seed, speed: S.speed, end_t_s: END_T, outcomes: OUTCOMES, outcomes_doc: 'docs/outcomes.md' }, features };
}

// ------------------------------------------------------------------ the timeline of a run
// entries: {t, feed: 'events'|'observer', msg (without id/run)}
const END_T = 760;
function timeline() {
  const L = [];
  const ev = (t, kind, o) => L.push({ t, feed: 'events', msg: { kind, t_s: t, threat: -1, site: -1, radar: -1, lat_deg: 0, lon_deg: 0, alt_m: 0, value: 0, note: '', ...o } });
  const ob = (t, kind, o) => L.push({ t, feed: 'observer', msg: { kind, t_s: t, ...o } });
  const rd = RADARS[0];
  const fired = [0, 0];
  SITES.forEach((s, i) => ob(0, 'launcher', { site: i, name: s.name, loaded: s.inventory, fired: 0 }));
  ob(0, 'radar', { radar: 0, name: rd.name, emitting: false, mode: 'standby', sector_az_deg: rd.face });
  THREATS.forEach((th, i) => {
    const p = (t) => { const q = threatPos(th, t); return { lat_deg: q.lat, lon_deg: q.lon, alt_m: q.alt }; };
    ev(th.launch, 'threat-launch', { threat: i, ...p(th.launch), note: `${th.name} ${th.missile} launched from ${th.from} at ${th.to}` });
    const ew = th.launch + 60;
    const az = bearing([th.lon, th.lat], th.target);
    ev(ew, 'early-warning', { threat: i, ...p(ew), value: az, note: `sbirs reports a launch near ${th.lat.toFixed(2)} N ${th.lon.toFixed(2)} E heading ${Math.round(az)} deg` });
    const det = th.launch + 100;
    ev(det, 'detect', { threat: i, radar: 0, ...p(det), note: `${rd.name} detects ${th.name}` });
    ev(det + 2, 'firm-track', { threat: i, radar: 0, ...p(det + 2), value: 450, note: `fire-control track on ${th.name} (3 updates, sigma 450 m)` });
    for (let t = det + 10; t < Math.min(killT(i), th.launch + 400); t += 10) {
      ev(t, 'track', { threat: i, radar: 0, ...p(t), value: 200, note: `track ${th.name}: ${(t - det) + 3} updates, position sigma 200 m` });
    }
    const sh = SHOTS.filter((s) => s.threat === i);
    const site = SITES[sh[0].site];
    const tk = killT(i);
    const ip = threatPos(th, tk);
    ev(det + 4, 'engage', { threat: i, site: sh[0].site, lat_deg: ip.lat, lon_deg: ip.lon, alt_m: ip.alt,
      note: `salvo: ${sh.length} x ${site.interceptor}, intercept planned at ${sh[0].at} s` });
    for (const s of sh) {
      ev(s.launch, 'interceptor-launch', { threat: i, site: s.site, lat_deg: site.lat, lon_deg: site.lon,
        note: `${site.interceptor} #${s.n} toward ${th.name}, fly-out ${s.at - s.launch} s` });
      const q = threatPos(th, s.at);
      ev(s.at, s.hit ? 'kill' : 'miss', { threat: i, site: s.site, lat_deg: q.lat, lon_deg: q.lon, alt_m: q.alt, value: 4500,
        note: `${site.interceptor} #${s.n} ${s.hit ? 'hits' : 'misses'} at ${Math.round(q.alt / 1000)} km, closing 4500 m/s (p = 0.63)` });
    }
    const ka = tk + 30;
    const kp = threatPos(th, ka);
    ev(tk, 'threat-destroyed', { threat: i, site: sh[0].site, lat_deg: ip.lat, lon_deg: ip.lon, alt_m: ip.alt, outcome: 'killed',
      note: `${th.name} killed by ${site.interceptor}` });
    ev(ka, 'kill-assessment', { threat: i, site: sh[0].site, lat_deg: kp.lat, lon_deg: kp.lon, alt_m: kp.alt, note: 'threat destroyed' });
  });
  // the observer's view of the same: launches, launchers, the radar
  const byLaunch = new Map();
  for (const s of SHOTS) {
    const k = `${s.site}@${s.launch}`;
    byLaunch.set(k, { site: s.site, t: s.launch, count: (byLaunch.get(k)?.count || 0) + 1 });
  }
  for (const b of byLaunch.values()) {
    fired[b.site] += b.count;
    const s = SITES[b.site];
    ob(b.t, 'site-launch', { site: b.site, name: s.name, count: b.count });
    ob(b.t, 'launcher', { site: b.site, name: s.name, loaded: s.inventory - fired[b.site], fired: fired[b.site] });
  }
  ob(60, 'radar', { radar: 0, name: rd.name, emitting: true, mode: 'search', sector_az_deg: rd.face });
  ob(100, 'radar', { radar: 0, name: rd.name, emitting: true, mode: 'track', sector_az_deg: [83, 113] });
  ob(Math.max(...THREATS.map((_, i) => killT(i))) + 30, 'radar', { radar: 0, name: rd.name, emitting: true, mode: 'search', sector_az_deg: rd.face });
  for (let t = 10; t <= END_T; t += 10) ob(t, 'clock', {});
  // ticks: each simulated second while anything flies, else every 10 s
  for (let t = 0; t <= END_T; t++) {
    const threats = [];
    THREATS.forEach((th, i) => {
      if (t >= th.launch && t < Math.min(killT(i), th.launch + th.tof)) {
        const q = threatPos(th, t);
        threats.push({ threat: i, lat_deg: q.lat, lon_deg: q.lon, alt_m: q.alt });
      }
    });
    const interceptors = [];
    for (const s of SHOTS) {
      if (t >= s.launch && t < s.at) {
        const q = shotPos(s, t);
        interceptors.push({ site: s.site, threat: s.threat, lat_deg: q.lat, lon_deg: q.lon, alt_m: q.alt });
      }
    }
    if (threats.length || interceptors.length || t % 10 === 0) ev(t, 'tick', { threats, interceptors });
  }
  L.forEach((e, i) => { e.seq = i; });
  L.sort((a, b) => a.t - b.t || (a.msg.kind === 'tick') - (b.msg.kind === 'tick') || a.seq - b.seq);
  return L;
}
const TICK_ONLY = new Set(['tick']);

// ------------------------------------------------------------------ the live state
const S = {
  run: 0, seed: 2016, speed: opt.speed, paused: false, ended: false,
  baseSim: 0, baseWall: Date.now(), tl: [], next: 0,
  ids: { events: 0, observer: 0 },
  hist: { events: [], observer: [] },
  clients: { events: new Set(), observer: new Set() },
  sent: { events: 0, observer: 0 },
};
function simNow() {
  if (S.paused || S.ended) return S.baseSim;
  return Math.min(END_T, S.baseSim + ((Date.now() - S.baseWall) / 1000) * S.speed);
}
function rebase() {
  S.baseSim = simNow();
  S.baseWall = Date.now();
}
function publish(feed, msg) {
  const m = { kind: msg.kind, id: ++S.ids[feed], run: S.run, ...msg };
  m.id = S.ids[feed];
  m.run = S.run;
  S.hist[feed].push(m);
  const frame = `id: ${m.id}\ndata: ${JSON.stringify(m)}\n\n`;
  for (const res of S.clients[feed]) {
    res.write(frame);
    S.sent[feed]++;
  }
}
function restart(seed) {
  S.run++;
  if (seed != null) S.seed = seed;
  S.tl = timeline();
  S.next = 0;
  S.ended = false;
  S.baseSim = 0;
  S.baseWall = Date.now();
  S.hist = { events: [], observer: [] };
  publish('events', { kind: 'restart', t_s: 0, seed: S.seed, speed: S.speed });
  publish('observer', { kind: 'restart', t_s: 0, speed: S.speed, paused: S.paused });
}
function pump() {
  const t = simNow();
  while (S.next < S.tl.length && S.tl[S.next].t <= t) {
    const e = S.tl[S.next++];
    const msg = { ...e.msg };
    if (TICK_ONLY.has(msg.kind) || msg.kind === 'clock') Object.assign(msg, { speed: S.speed, paused: S.paused });
    publish(e.feed, msg);
  }
  if (!S.ended && S.next >= S.tl.length && t >= END_T) {
    S.baseSim = END_T;
    S.ended = true;
    publish('events', { kind: 'end', t_s: END_T, killed: 2, leaked: 0, unengaged: 0, reached_target: 0, interceptors_fired: SHOTS.length });
    if (opt.loop) setTimeout(() => restart(), 3000);
  }
}
function control(action) {
  rebase();
  const t = S.baseSim;
  publish('events', { kind: 'control', t_s: t, action, speed: S.speed, paused: S.paused });
  publish('observer', { kind: 'control', t_s: t, action, speed: S.speed, paused: S.paused });
}
function state() {
  const t = simNow();
  const fired = SITES.map((_, i) => SHOTS.filter((s) => s.site === i && s.launch <= t).length);
  const radar = S.hist.observer.filter((m) => m.kind === 'radar').at(-1);
  return {
    run: S.run, t_s: t, end_t_s: END_T, speed: S.speed, paused: S.paused, ended: S.ended, seed: S.seed,
    scenario: 'mock-epaa', last_event_id: S.ids.events, last_observer_id: S.ids.observer,
    clients: { events: S.clients.events.size, observer: S.clients.observer.size },
    sites: SITES.map((s, i) => ({ site: i, name: s.name, loaded: s.inventory - fired[i], fired: fired[i] })),
    radars: RADARS.map((r, i) => ({ radar: i, name: r.name, emitting: radar ? radar.emitting : false, mode: radar ? radar.mode : 'standby', sector_az_deg: radar ? radar.sector_az_deg : r.face })),
    threats: THREATS.map((th, i) => {
      const q = threatPos(th, t);
      const status = t < th.launch ? 'waiting' : t >= killT(i) ? 'killed' : t >= th.launch + th.tof ? 'leaked' : 'flying';
      return { threat: i, name: th.name, status, lat_deg: q.lat, lon_deg: q.lon, alt_m: q.alt };
    }),
    counts: { killed: THREATS.filter((_, i) => killT(i) <= t).length, leaked: 0, unengaged: 0, reached_target: 0, interceptors_fired: fired.reduce((a, b) => a + b, 0) },
  };
}

// ------------------------------------------------------------------ HTTP
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
function text(res, code, body, extra) {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', ...(extra || {}) });
  res.end(`${body}\n`);
}
function json(res, obj) {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(obj));
}
function authorized(req) {
  const h = req.headers.authorization || '';
  const m = /^Bearer (.+)$/.exec(h);
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(TOKEN);
  return a.length === b.length && timingSafeEqual(a, b);
}
function sse(req, res, feed, q) {
  let last = null;
  const h = req.headers['last-event-id'];
  const qv = q.get('lastEventId');
  const raw = h != null ? h : qv;
  if (raw != null) {
    if (!/^\d+$/.test(raw)) return text(res, 400, 'bad lastEventId');
    last = Number(raw);
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write('retry: 2000\n\n');
  for (const m of S.hist[feed]) {
    if (last == null || m.id > last) res.write(`id: ${m.id}\ndata: ${JSON.stringify(m)}\n\n`);
  }
  S.clients[feed].add(res);
  const ka = setInterval(() => res.write(': keep-alive\n\n'), 15000);
  req.on('close', () => {
    clearInterval(ka);
    S.clients[feed].delete(res);
  });
}

const server = createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  const p = u.pathname;
  if (p.includes('..') || /%2e%2e|\\|%00/i.test(req.url)) return text(res, 400, 'bad path');
  const files = { '/': 'index.html', '/index.html': 'index.html', '/app.js': 'app.js', '/app.css': 'app.css' };
  if (p.startsWith('/api/control/')) {
    if (req.method !== 'POST') return text(res, 405, 'method not allowed', { Allow: 'POST' });
    if (!authorized(req)) return text(res, 401, 'unauthorized');
    const action = p.slice('/api/control/'.length);
    if (action === 'pause') { rebase(); S.paused = true; control('pause'); }
    else if (action === 'resume') { rebase(); S.paused = false; control('resume'); }
    else if (action === 'speed') {
      const x = Number(u.searchParams.get('x'));
      if (!(x > 0 && x <= 1000)) return text(res, 400, 'bad speed');
      rebase(); S.speed = x; control('speed');
    } else if (action === 'restart') {
      const seed = u.searchParams.get('seed');
      restart(seed != null ? Number(seed) : null);
    } else return text(res, 404, 'not found');
    return json(res, state());
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'method not allowed', { Allow: 'GET' });
  if (files[p]) {
    const f = join(opt.dist, files[p]);
    if (!existsSync(f)) return text(res, 404, `${files[p]} not built (node build.mjs)`);
    res.writeHead(200, { 'Content-Type': TYPES[f.slice(f.lastIndexOf('.'))], 'Cache-Control': 'no-cache' });
    return res.end(readFileSync(f));
  }
  if (p === '/api/scenario') return json(res, scenarioJSON());
  if (p === '/api/state') return json(res, state());
  if (p === '/api/events') return sse(req, res, 'events', u.searchParams);
  if (p === '/api/observer') return sse(req, res, 'observer', u.searchParams);
  if (p === '/metrics') {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    return res.end([
      `bmdsim_clients{feed="events"} ${S.clients.events.size}`, `bmdsim_clients{feed="observer"} ${S.clients.observer.size}`,
      `bmdsim_events_sent_total{feed="events"} ${S.sent.events}`, `bmdsim_events_sent_total{feed="observer"} ${S.sent.observer}`,
      'bmdsim_clients_dropped_total 0', `bmdsim_sim_time_seconds ${simNow()}`, `bmdsim_sim_speed ${S.speed}`,
      'bmdsim_sim_lag_seconds 0', `bmdsim_run ${S.run}`, ''].join('\n'));
  }
  return text(res, 404, 'not found');
});

restart();
setInterval(pump, 20);
server.listen(opt.port, opt.bind, () => {
  const port = server.address().port;
  const url = `http://${opt.bind}:${port}/`;
  if (opt.json) process.stdout.write(`${JSON.stringify({ url, port, token: TOKEN })}\n`);
  else process.stdout.write(`mock bmdsim serve on ${url}\n`);
  process.stderr.write(`control token: ${TOKEN}\n`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
