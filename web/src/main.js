// The live page of `bmdsim serve` (docs/http.md): reads /api/scenario and /api/state, follows
// /api/events (or /api/observer in the observer view) and draws the map, the clock, the
// inventory and the event log; the controls POST to /api/control/* with the bearer token.
import { MapView } from './map.js';
import { fixWinding } from './geo.js';
import {
  fmtClock, fmtLogTime, kindLabel, engineText, controlText, observerText, sectorText,
} from './format.js';

const $ = (id) => document.getElementById(id);
const LOG_MAX = 400;
const ENGINE_KINDS = new Set(['threat-launch', 'early-warning', 'detect', 'firm-track', 'track',
  'no-engagement', 'engage', 'interceptor-launch', 'kill', 'miss', 'kill-assessment', 'reached-target',
  'threat-destroyed', 'disabled', 'destroyed']);
// The outcome words (docs/outcomes.md) come from the server: /api/scenario's bmdsim.outcomes
// maps each word to its meaning (killed, leaked, unengaged, then the derived reached_target);
// the end message and /api/state count under the same keys. The page shows them as given.
const REACHED = 'reached_target';
const outcomeWords = () => Object.keys(scn.meta.outcomes || {}).filter((o) => o !== REACHED);

// ---------------------------------------------------------------- state
const scn = { sites: [], radars: [], coverage: [], threats: [], meta: {} };
// endedRun: the run whose `end` we have seen (the observer feed has none: a replay of the
// observer feed must not make an ended run look running again)
const clock = { t: 0, wall: performance.now(), speed: 1, paused: false, endedRun: -1, end: 0, run: 0 };
const isEnded = () => clock.endedRun === clock.run;
let mode = 'events';
let es = null;
let retryTimer = null;
const lastId = { events: 0, observer: 0 };

function freshEvents() {
  return {
    tracks: new Map(), // key -> {key, kind, label, threat, site, pts: [[lon,lat,alt]], active}
    marks: [],
    fired: [],
    outcome: new Map(), // threat -> {outcome, reached}, from its end event (threat-destroyed, reached-target)
    lost: { site: {}, radar: {} }, // element -> {level, t_s, by}: battle damage (disabled, destroyed)
    log: [],
    ended: null,
  };
}
function freshObserver() {
  return { radars: [], launchers: [], launching: {}, log: [] };
}
let ev = freshEvents();
let ob = freshObserver();

const names = {
  threat: (i) => scn.threats[i]?.properties.name ?? `threat ${i}`,
  site: (i) => scn.sites[i]?.properties.name ?? `site ${i}`,
  radar: (i) => scn.radars[i]?.properties.name ?? `radar ${i}`,
};

// ---------------------------------------------------------------- map
const map = new MapView($('map'));
let dirty = { map: true, log: true, inv: true };
let frameQueued = false;
function markDirty(what) {
  for (const k of what) dirty[k] = true;
  if (!frameQueued) {
    frameQueued = true;
    requestAnimationFrame(frame);
  }
}
function frame() {
  frameQueued = false;
  if (dirty.map) drawMap();
  if (dirty.log) drawLog();
  if (dirty.inv) drawInventory();
  dirty = { map: false, log: false, inv: false };
}
function drawMap() {
  map.drawDynamic({
    tracks: [...ev.tracks.values()],
    marks: ev.marks,
    radars: ob.radars,
    launching: ob.launching,
    lost: mode === 'observer' ? { site: {}, radar: {} } : ev.lost,
  });
}

// ---------------------------------------------------------------- clock
function clockNow() {
  if (clock.paused || isEnded()) return clock.t;
  const dt = ((performance.now() - clock.wall) / 1000) * clock.speed;
  let t = clock.t + Math.max(0, Math.min(dt, 10));
  if (clock.end > 0) t = Math.min(t, clock.end);
  return t;
}
function setClock(m) {
  if (Number.isFinite(m.t_s)) {
    clock.t = m.t_s;
    clock.wall = performance.now();
  }
  if (Number.isFinite(m.speed) && m.speed > 0) clock.speed = m.speed;
  if (typeof m.paused === 'boolean') clock.paused = m.paused;
  if (Number.isFinite(m.run)) clock.run = m.run;
}
function drawClock() {
  $('clock').textContent = fmtClock(clockNow());
  const st = isEnded() ? 'ended' : clock.paused ? 'paused' : 'running';
  const cs = $('clock-state');
  if (cs.textContent !== st) {
    cs.textContent = st;
    cs.className = `clock-state ${st}`;
  }
  const sp = `${clock.speed}× · run ${clock.run || 1}`;
  if ($('speed').textContent !== sp) {
    $('speed').textContent = sp;
    $('speed').title = clock.end ? `the run ends at ${fmtClock(clock.end)}` : '';
  }
}
setInterval(drawClock, 100);

function setConn(text, cls) {
  const c = $('conn');
  c.textContent = text;
  c.className = `conn ${cls}`;
}

// ---------------------------------------------------------------- log
// Entries carry a sequence number; the list only gets the new ones prepended (and the oldest
// dropped) so that the aria-live region announces additions, not the whole log again.
let logSeq = 0;
const logView = { src: null, seq: 0, showTracks: null };
function addLog(target, m, kind, who, text) {
  target.log.push({ seq: ++logSeq, id: m.id, t: m.t_s, kind, who, text });
  if (target.log.length > LOG_MAX * 2) target.log.splice(0, target.log.length - LOG_MAX);
  markDirty(['log']);
}
function logItem(e) {
  const li = document.createElement('li');
  li.className = `ev ev-${e.kind}`;
  if (e.id != null) li.dataset.id = e.id;
  const t = document.createElement('time');
  t.textContent = fmtLogTime(e.t);
  const k = document.createElement('span');
  k.className = 'kind';
  k.textContent = e.who ? `${kindLabel(e.kind)} · ${e.who}` : kindLabel(e.kind);
  const tx = document.createElement('span');
  tx.className = 'text';
  tx.textContent = e.text;
  li.append(t, k, tx);
  return li;
}
function drawLog() {
  const showTracks = $('show-tracks').checked;
  const src = (mode === 'observer' ? ob.log : ev.log);
  const ol = $('log');
  const full = logView.src !== src || logView.showTracks !== showTracks;
  const from = full ? 0 : logView.seq;
  const add = [];
  for (let i = src.length - 1; i >= 0 && src[i].seq > from && add.length < LOG_MAX; i--) {
    if (src[i].kind !== 'track' || showTracks) add.push(src[i]);
  }
  if (src.length) logView.seq = src[src.length - 1].seq;
  logView.src = src;
  logView.showTracks = showTracks;
  const frag = document.createDocumentFragment();
  for (const e of add) frag.append(logItem(e));
  if (full) ol.replaceChildren(frag);
  else if (add.length) ol.prepend(frag);
  while (ol.childElementCount > LOG_MAX) ol.lastElementChild.remove();
}
$('show-tracks').addEventListener('change', () => markDirty(['log']));

// ---------------------------------------------------------------- inventory
function siteRows() {
  return scn.sites.filter(Boolean).map((f) => {
    const p = f.properties;
    const i = p.site;
    let loaded;
    let fired;
    if (mode === 'observer') {
      const l = ob.launchers[i];
      loaded = l ? l.loaded : '—';
      fired = l ? l.fired : '—';
    } else {
      fired = ev.fired[i] || 0;
      loaded = Math.max(0, (p.inventory ?? 0) - fired);
    }
    const lost = mode === 'observer' ? null : ev.lost.site[i] || null;
    return { i, name: p.name, interceptor: p.interceptor, loaded, fired, total: p.inventory, lost };
  });
}
function drawInventory() {
  const tb = $('inventory').tBodies[0];
  const rows = siteRows();
  tb.replaceChildren(...rows.map((r) => {
    const tr = document.createElement('tr');
    tr.dataset.site = r.i;
    const td = (text, cls) => {
      const c = document.createElement('td');
      c.textContent = text;
      if (cls) c.className = cls;
      return c;
    };
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = r.name;
    if (r.lost) {
      // greyed and crossed out, with when and by what
      const why = document.createElement('span');
      why.className = 'lost-note';
      why.textContent = ` ${r.lost.level} ${fmtClock(r.lost.t_s)}`;
      th.append(why);
      th.title = `${r.name} ${r.lost.level} at ${fmtLogTime(r.lost.t_s)} by ${r.lost.by}`;
    }
    const low = typeof r.loaded === 'number' && r.loaded === 0 ? ' empty' : '';
    const loadedText = r.lost ? `${r.loaded} lost`
      : `${r.loaded}${r.total != null && typeof r.loaded === 'number' ? ` / ${r.total}` : ''}`;
    tr.append(th, td(r.interceptor || ''), td(loadedText, `num loaded${low}`),
      td(String(r.fired), 'num fired'));
    if (mode === 'observer' && ob.launching[r.i]) tr.className = 'launching';
    if (r.lost) tr.className = 'lost';
    return tr;
  }));

  const rt = $('radars');
  rt.hidden = mode !== 'observer';
  if (mode === 'observer') {
    rt.tBodies[0].replaceChildren(...scn.radars.filter(Boolean).map((f) => {
      const i = f.properties.radar;
      const st = ob.radars[i];
      const tr = document.createElement('tr');
      tr.dataset.radar = i;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = f.properties.name;
      const s = document.createElement('td');
      s.textContent = st ? (st.emitting ? `emitting · ${st.mode}` : 'standby') : '—';
      s.className = st && st.emitting ? 'emitting' : 'standby';
      const sec = document.createElement('td');
      sec.textContent = st ? sectorText(st.sector_az_deg) : '—';
      tr.append(th, s, sec);
      return tr;
    }));
  }

  const c = $('counts');
  if (mode === 'observer') {
    const fired = ob.launchers.reduce((a, l) => a + (l ? l.fired : 0), 0);
    c.textContent = `${fired} interceptors fired`;
  } else if (ev.ended) {
    c.textContent = countsText(ev.ended, ev.ended.interceptors_fired, ' · ');
  } else {
    const fired = ev.fired.reduce((a, b) => a + (b || 0), 0);
    c.textContent = countsText(countOutcomes(ev.outcome), fired, ' · ');
  }
  c.title = outcomeMeanings();
}

// ---------------------------------------------------------------- outcomes
// counts {killed, leaked, unengaged, reached_target} of the threats whose end has been seen
function countOutcomes(outcome) {
  const n = { [REACHED]: 0 };
  for (const o of outcomeWords()) n[o] = 0;
  for (const { outcome: o, reached } of outcome.values()) {
    n[o] = (n[o] || 0) + 1;
    if (reached) n[REACHED]++;
  }
  return n;
}
function countsText(n, fired, sep) {
  const parts = outcomeWords().map((o) => `${n[o] ?? 0} ${o}`);
  parts.push(`${n[REACHED] ?? 0} reached their target`);
  parts.push(`${fired ?? 0} interceptors fired`);
  return parts.join(sep);
}
function outcomeMeanings() {
  const m = scn.meta.outcomes || {};
  const lines = Object.keys(m).map((o) => `${o}: ${m[o]}`);
  if (scn.meta.outcomes_doc) lines.push(`(${scn.meta.outcomes_doc})`);
  return lines.join('\n');
}

// ---------------------------------------------------------------- messages
function onRestart(m) {
  if (mode === 'observer') ob = freshObserver();
  else ev = freshEvents();
  $('end-banner').hidden = mode === 'observer' || !(ev.ended && ev.ended.run === m.run);
  setClock({ ...m, t_s: 0 });
  const target = mode === 'observer' ? ob : ev;
  addLog(target, m, 'restart', '', `Run ${m.run} started${m.seed != null ? ` (seed ${m.seed})` : ''}, ${m.speed}× real time`);
  markDirty(['map', 'log', 'inv']);
}

function onTick(m) {
  const seen = new Set();
  for (const th of m.threats || []) {
    const key = `t${th.threat}`;
    let tr = ev.tracks.get(key);
    if (!tr) {
      tr = { key, kind: 'threat', label: names.threat(th.threat), threat: th.threat, pts: [], active: true };
      ev.tracks.set(key, tr);
    }
    pushPoint(tr, th);
    seen.add(key);
  }
  // interceptors have no id: continue the nearest active track from the same site at the
  // same threat, else start a new one
  for (const ic of m.interceptors || []) {
    let best = null;
    let bestD = Infinity;
    for (const tr of ev.tracks.values()) {
      if (tr.kind !== 'interceptor' || !tr.active || seen.has(tr.key)) continue;
      if (tr.site !== ic.site || tr.threat !== ic.threat) continue;
      const l = tr.pts[tr.pts.length - 1];
      const d = (l[0] - ic.lon_deg) ** 2 + (l[1] - ic.lat_deg) ** 2;
      if (d < bestD) {
        bestD = d;
        best = tr;
      }
    }
    if (!best) {
      let n = 0;
      while (ev.tracks.has(`i${ic.site}-${ic.threat}-${n}`)) n++;
      const key = `i${ic.site}-${ic.threat}-${n}`;
      best = {
        key, kind: 'interceptor', label: `${names.site(ic.site)} → ${names.threat(ic.threat)}`,
        site: ic.site, threat: ic.threat, pts: [], active: true,
      };
      ev.tracks.set(key, best);
    }
    pushPoint(best, ic);
    seen.add(best.key);
  }
  for (const tr of ev.tracks.values()) if (!seen.has(tr.key)) tr.active = false;
  markDirty(['map']);
}
function pushPoint(tr, o) {
  const l = tr.pts[tr.pts.length - 1];
  if (l && l[0] === o.lon_deg && l[1] === o.lat_deg) return;
  tr.pts.push([o.lon_deg, o.lat_deg, o.alt_m]);
}

function onEngine(m) {
  const { who, text } = engineText(m, names);
  if (m.kind === 'interceptor-launch' && m.site >= 0) ev.fired[m.site] = (ev.fired[m.site] || 0) + 1;
  if (m.kind === 'disabled' || m.kind === 'destroyed') {
    // battle damage: the element is out of the battle from now on (docs/models/damage.md)
    const lost = { level: m.kind, t_s: m.t_s, by: m.threat >= 0 ? names.threat(m.threat) : '' };
    if (m.site >= 0) ev.lost.site[m.site] = lost;
    if (m.radar >= 0) ev.lost.radar[m.radar] = lost;
    markDirty(['map']);
  }
  if (m.outcome && m.threat >= 0) ev.outcome.set(m.threat, { outcome: m.outcome, reached: m.kind === 'reached-target' });
  if (m.kind === 'kill' || m.kind === 'miss' || m.kind === 'reached-target') {
    if (Number.isFinite(m.lat_deg) && Number.isFinite(m.lon_deg)) {
      ev.marks.push({
        key: `${m.id}`, kind: m.kind, lat: m.lat_deg, lon: m.lon_deg,
        title: `${kindLabel(m.kind)} ${fmtLogTime(m.t_s)}: ${text}`,
      });
    }
    markDirty(['map']);
  }
  addLog(ev, m, m.kind, who, text);
  markDirty(['inv']);
}

function onEnd(m) {
  setClock(m);
  clock.endedRun = m.run;
  ev.ended = m;
  const txt = `Run ${m.run} ended at ${fmtClock(m.t_s)}: ${countsText(m, m.interceptors_fired, ', ')}`;
  addLog(ev, m, 'end', '', txt);
  const b = $('end-banner');
  b.textContent = txt;
  b.hidden = false;
  markDirty(['inv']);
}

function onObserver(m) {
  learnNames(m);
  if (m.kind === 'radar') {
    ob.radars[m.radar] = { emitting: m.emitting, mode: m.mode, sector_az_deg: m.sector_az_deg };
    addLog(ob, m, m.kind, m.name, observerText(m));
    markDirty(['map', 'inv']);
  } else if (m.kind === 'launcher') {
    ob.launchers[m.site] = { loaded: m.loaded, fired: m.fired };
    markDirty(['inv']);
    addLog(ob, m, m.kind, m.name, observerText(m));
  } else if (m.kind === 'site-launch') {
    ob.launching[m.site] = true;
    setTimeout(() => {
      delete ob.launching[m.site];
      markDirty(['map', 'inv']);
    }, 1500);
    addLog(ob, m, m.kind, m.name, observerText(m));
    markDirty(['map', 'inv']);
  }
}

function handle(m, feed) {
  if (feed !== (mode === 'observer' ? 'observer' : 'events')) return;
  const k = m.kind;
  if (k === 'restart') return onRestart(m);
  if (Number.isFinite(m.run) && m.run > clock.run && clock.run > 0 && k !== 'restart') {
    // a new run whose restart message we did not see: start afresh
    onRestart({ ...m, kind: 'restart' });
  }
  if (k === 'tick' || k === 'clock') {
    setClock(m);
    if (k === 'tick') onTick(m);
    return;
  }
  if (k === 'control') {
    setClock(m);
    addLog(mode === 'observer' ? ob : ev, m, 'control', '', controlText(m));
    syncSpeedSelect();
    return;
  }
  if (k === 'end') return onEnd(m);
  if (feed === 'events' && ENGINE_KINDS.has(k)) {
    if (Number.isFinite(m.t_s) && m.t_s > clock.t) setClock({ t_s: m.t_s });
    return onEngine(m);
  }
  if (feed === 'observer') {
    if (Number.isFinite(m.t_s) && m.t_s > clock.t) setClock({ t_s: m.t_s });
    return onObserver(m);
  }
}

// ---------------------------------------------------------------- feeds
function connect() {
  if (es) es.close();
  clearTimeout(retryTimer);
  const feed = mode === 'observer' ? 'observer' : 'events';
  // ?lastEventId asks for the current run from its start (0) or after what we already have
  const src = new EventSource(`api/${feed}?lastEventId=${lastId[feed]}`);
  es = src;
  setConn('○ connecting', 'connecting');
  src.onopen = () => {
    if (es === src) setConn('● live', 'live');
    $('conn').title = feed === 'observer' ? 'following /api/observer' : 'following /api/events';
  };
  src.onmessage = (e) => {
    if (es !== src) return;
    const id = Number(e.lastEventId);
    if (Number.isFinite(id) && id > 0) {
      if (id <= lastId[feed]) return; // a replay after reconnecting: already seen
      lastId[feed] = id;
    }
    let m;
    try {
      m = JSON.parse(e.data);
    } catch {
      return;
    }
    if (m && typeof m === 'object') handle(m, feed);
  };
  src.onerror = () => {
    if (es !== src) return;
    if (src.readyState === EventSource.CLOSED) {
      // the browser gave up (server gone or an error answer): try again ourselves
      setConn('○ offline', 'down');
      retryTimer = setTimeout(connect, 3000);
    } else {
      setConn('○ reconnecting', 'connecting');
    }
  };
}

function setMode(m) {
  mode = m;
  const obs = mode === 'observer';
  const b = $('observer-toggle');
  b.setAttribute('aria-pressed', String(obs));
  b.textContent = obs ? 'Full view' : 'Observer view';
  b.setAttribute('aria-label', obs ? 'switch back to the full view (all events)'
    : 'switch to the observer view (site activity only)');
  document.body.classList.toggle('observer', obs);
  $('view-banner').hidden = !obs;
  $('end-banner').hidden = obs || !ev.ended;
  map.setObserver(obs);
  drawLegend();
  markDirty(['map', 'log', 'inv']);
  connect();
}
$('observer-toggle').addEventListener('click', () => setMode(mode === 'observer' ? 'events' : 'observer'));

$('projection-toggle').addEventListener('click', () => {
  const globe = map.kind !== 'globe';
  map.setKind(globe ? 'globe' : 'flat');
  const b = $('projection-toggle');
  b.textContent = globe ? 'Europe map' : 'Globe view';
  b.setAttribute('aria-pressed', String(globe));
  markDirty(['map']);
});
$('zoom-reset').addEventListener('click', () => {
  map.resetZoom();
  markDirty(['map']);
});

// ---------------------------------------------------------------- controls
function tokenFromFragment() {
  const h = location.hash.replace(/^#/, '');
  const p = new URLSearchParams(h);
  const t = p.get('token');
  if (t) {
    $('token').value = t;
    // keep the token out of the address bar and the history
    history.replaceState(null, '', location.pathname + location.search);
  }
}
function showMsg(text, kind) {
  const el = $('control-msg');
  el.textContent = text;
  el.className = `control-msg ${kind}`;
  el.hidden = false;
  clearTimeout(showMsg.timer);
  if (kind === 'ok') showMsg.timer = setTimeout(() => { el.hidden = true; }, 4000);
}
async function control(action, query) {
  const token = $('token').value.trim();
  let r;
  try {
    r = await fetch(`api/control/${action}${query || ''}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
  } catch (e) {
    showMsg(`Could not reach the server: ${e.message}`, 'error');
    return;
  }
  if (r.status === 401) {
    showMsg(token ? '401 Unauthorized: the control token is wrong. Nothing was changed. Use the token bmdsim serve printed at start.'
      : '401 Unauthorized: enter the control token (printed by bmdsim serve at start) to use the controls.', 'error');
    $('token').setAttribute('aria-invalid', 'true');
    return;
  }
  $('token').removeAttribute('aria-invalid');
  if (!r.ok) {
    const t = (await r.text()).trim();
    showMsg(`${r.status}: ${t || r.statusText}`, 'error');
    return;
  }
  let st = null;
  try {
    st = await r.json();
  } catch {
    // a 200 without JSON: the feed will tell
  }
  if (st) applyState(st, false);
  const what = { pause: 'Paused', resume: 'Resumed', restart: 'Restarted', speed: `Speed ${st ? st.speed : ''}×` };
  showMsg(`${what[action] || action}.`, 'ok');
}
$('btn-pause').addEventListener('click', () => control('pause'));
$('btn-resume').addEventListener('click', () => control('resume'));
$('btn-restart').addEventListener('click', () => control('restart'));
$('btn-speed').addEventListener('click', () => control('speed', `?x=${encodeURIComponent($('speed-select').value)}`));
$('controls').addEventListener('submit', (e) => e.preventDefault());
function syncSpeedSelect() {
  const sel = $('speed-select');
  const v = String(clock.speed);
  if ([...sel.options].some((o) => o.value === v)) sel.value = v;
}

// ---------------------------------------------------------------- legend
function drawLegend() {
  const obs = mode === 'observer';
  const items = obs ? [
    ['site', 'Interceptor site'], ['radar', 'Radar'],
    ['sector-emitting', 'Radar sector, emitting'], ['sector-standby', 'Radar on standby'],
  ] : [
    ['site', 'Interceptor site'], ['radar', 'Radar'], ['coverage', 'Radar coverage'],
    ['launch', 'Threat launch point'], ['threat', 'Threat track'], ['interceptor', 'Interceptor track'],
    ['kill', 'Kill'], ['miss', 'Miss'], ['reached-target', 'Reached its target (leaked or unengaged)'],
    ['lost', 'Site or radar destroyed or disabled by an impact'],
  ];
  const sw = {
    site: '<rect x="4" y="4" width="10" height="10" class="site-sym"/>',
    radar: '<path d="M9,2L15,14L3,14Z" class="radar-sym"/>',
    coverage: '<rect x="1" y="3" width="16" height="12" class="coverage"/>',
    launch: '<path d="M9,4L14,9L9,14L4,9Z" class="launch-sym"/>',
    threat: '<path d="M1,13L17,5" class="threat-sym"/><circle cx="17" cy="5" r="3" class="head-sym threat"/>',
    interceptor: '<path d="M1,13L17,5" class="interceptor-sym"/><circle cx="17" cy="5" r="2.5" class="head-sym interceptor"/>',
    kill: '<path d="M4,4L14,14M4,14L14,4" class="kill-sym"/>',
    miss: '<circle cx="9" cy="9" r="5" class="miss-sym"/>',
    'reached-target': '<path d="M9,2L16,9L9,16L2,9Z" class="reached-target-sym"/>',
    lost: '<rect x="4" y="4" width="10" height="10" class="site-sym lost-sym"/><path d="M2,2L16,16M2,16L16,2" class="lost-x-sym"/>',
    'sector-emitting': '<path d="M2,15L15,3A16,16 0 0 1 17,13Z" class="sector emitting"/>',
    'sector-standby': '<path d="M2,15L15,3A16,16 0 0 1 17,13Z" class="sector standby"/>',
  };
  $('legend').innerHTML = items.map(([k, label]) => `<li><svg width="18" height="18" aria-hidden="true">${sw[k]}</svg>${label}</li>`).join('');
}

// ---------------------------------------------------------------- start
function applyState(st, seed) {
  if (!st) return;
  setClock(st);
  if (Number.isFinite(st.end_t_s)) clock.end = st.end_t_s;
  if (st.ended === true && Number.isFinite(st.run)) clock.endedRun = st.run;
  syncSpeedSelect();
  if (seed && Array.isArray(st.sites)) {
    // until the feed replays the run: fired counts from the snapshot
    for (const s of st.sites) if (Number.isFinite(s.fired)) ev.fired[s.site] = s.fired;
    for (const s of st.sites) ob.launchers[s.site] = { loaded: s.loaded, fired: s.fired };
  }
  if (seed && Array.isArray(st.radars)) {
    for (const r of st.radars) ob.radars[r.radar] = { emitting: r.emitting, mode: r.mode, sector_az_deg: r.sector_az_deg };
  }
  markDirty(['inv', 'map']);
}

// the token, when the page has one, goes with every read too: an observer-only server
// (bmdsim serve --observer-only) answers the scenario and the state only with it
async function getJSON(url) {
  const token = $('token').value.trim();
  const r = await fetch(url, { cache: 'no-store', headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!r.ok) {
    const e = new Error(`${url}: ${r.status}`);
    e.status = r.status;
    throw e;
  }
  return r.json();
}

// observer-only server and no token: the observer view is all there is. Sites and radars
// are known by the names the observer feed gives (it carries no positions: docs/server.md)
let observerOnly = false;
function learnNames(m) {
  if (!observerOnly) return;
  if (m.kind === 'radar' && Number.isInteger(m.radar) && !scn.radars[m.radar]) {
    scn.radars[m.radar] = { properties: { radar: m.radar, name: m.name } };
  } else if ((m.kind === 'launcher' || m.kind === 'site-launch') && Number.isInteger(m.site) && !scn.sites[m.site]) {
    scn.sites[m.site] = { properties: { site: m.site, name: m.name } };
  }
}

async function start() {
  tokenFromFragment();
  drawLegend();
  try {
    const fc = await getJSON('api/scenario');
    const by = (k) => (fc.features || []).filter((f) => f.properties && f.properties.kind === k);
    const idx = (k, key) => by(k).sort((a, b) => a.properties[key] - b.properties[key]);
    scn.sites = idx('site', 'site');
    scn.radars = idx('radar', 'radar');
    scn.threats = idx('threat', 'threat');
    scn.coverage = by('radar-coverage').map(fixWinding);
    scn.meta = fc.bmdsim || {};
    scn.sites.forEach((f, i) => { if (f.properties.site == null) f.properties.site = i; });
    // index lookups: the feature of site i is the one whose property site is i
    const at = (arr, key) => {
      const out = [];
      for (const f of arr) out[f.properties[key]] = f;
      return out;
    };
    scn.sites = at(scn.sites, 'site').filter(Boolean);
    scn.radars = at(scn.radars, 'radar').filter(Boolean);
    scn.threats = at(scn.threats, 'threat');
    $('scenario-name').textContent = scn.meta.scenario || '';
    if (Number.isFinite(scn.meta.end_t_s)) clock.end = scn.meta.end_t_s;
    if (Number.isFinite(scn.meta.speed)) clock.speed = scn.meta.speed;
    map.setScenario({ ...scn, threats: scn.threats.filter(Boolean) });
    document.title = `bmdsim live: ${scn.meta.scenario || ''}`;
  } catch (e) {
    if (e.status === 401) observerOnly = true;
    else showMsg(`Could not load the scenario (${e.message}).`, 'error');
  }
  if (observerOnly) {
    // site activity only: no full view to switch to, nothing else to read
    $('observer-toggle').hidden = true;
    $('view-banner').textContent = 'Observer-only server: site activity only — no threat data';
    setMode('observer');
    return;
  }
  try {
    applyState(await getJSON('api/state'), true);
  } catch {
    // the feed carries the same
  }
  markDirty(['map', 'log', 'inv']);
  connect();
}
start();
