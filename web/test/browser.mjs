// Browser test of the live page: starts `bmdsim serve --port 0 --speed 50 --json`, drives
// Debian's chromium with playwright-core at 1280x800 and checks tracks, clock, log, inventory,
// the observer view, the controls (401 with a wrong token, pause with the right one), that
// that the end's counts use the outcome words of docs/outcomes.md and agree with /api/state,
// there are no console errors and no request to another host, and saves a screenshot; then
// `serve --observer-only`: the page in the observer view alone, no threat data; then
// `serve strike-redzikowo`: elements lost to battle damage greyed and crossed out, with when.
//   node test/browser.mjs BMDSIM SCREENSHOT.png        (run from web/, where node_modules is)
//   node test/browser.mjs --mock [DIST] SCREENSHOT.png (the mock server, for development)
// Environment: BMD_CHROMIUM (default /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let cmd;
let shot;
if (args[0] === '--mock') {
  const dist = args.length > 2 ? args[1] : join(here, '..', 'dist');
  shot = args.length > 2 ? args[2] : args[1];
  cmd = [process.execPath, [join(here, 'mock-server.mjs'), '--dist', dist, '--port', '0', '--speed', '50', '--json']];
} else {
  if (args.length < 1) {
    console.error('usage: browser.mjs BMDSIM [SCREENSHOT.png] | --mock [DIST] [SCREENSHOT.png]');
    process.exit(2);
  }
  shot = args[1];
  cmd = [args[0], ['serve', '--port', '0', '--speed', '50', '--json']];
}

let failures = 0;
let step = '';
const t0 = Date.now();
function log(msg) {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
}
function check(cond, msg) {
  if (cond) log(`ok   ${msg}`);
  else {
    failures++;
    log(`FAIL ${msg}`);
  }
}

// ---------------------------------------------------------------- the browser, then the server
// (the browser first: the run lasts about 25 s of wall time at speed 50 and starts with the server)
let browser;
try {
  browser = await chromium.launch({
    executablePath: process.env.BMD_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
} catch (e) {
  console.error(`browser test: cannot start chromium: ${e.message}`);
  process.exit(1);
}
const srv = spawn(cmd[0], cmd[1], { stdio: ['ignore', 'pipe', 'pipe'] });
let srvErr = '';
// never leave the server behind, whatever ends this process
process.on('exit', () => srv.kill('SIGTERM'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(1));
process.stdout.on('error', () => {});
srv.stderr.on('data', (d) => { srvErr += d; });
const info = await new Promise((resolve, reject) => {
  const rl = createInterface({ input: srv.stdout });
  const timer = setTimeout(() => reject(new Error(`server printed no JSON in 20 s; stderr: ${srvErr}`)), 20000);
  rl.on('line', (line) => {
    const s = line.trim();
    if (!s.startsWith('{')) return;
    try {
      const j = JSON.parse(s);
      if (j.url) {
        clearTimeout(timer);
        resolve(j);
      }
    } catch {
      // not the start line
    }
  });
  srv.on('exit', (code) => reject(new Error(`server exited (${code}) before printing its address: ${srvErr}`)));
}).catch(async (e) => {
  console.error(`browser test: ${e.message}`);
  await browser.close().catch(() => {});
  srv.kill('SIGTERM');
  process.exit(1);
});
srv.removeAllListeners('exit');
const base = new URL(info.url);
log(`server at ${base.href} (pid ${srv.pid})`);

async function finish(code) {
  if (browser) await browser.close().catch(() => {});
  srv.kill('SIGTERM');
  process.exit(code);
}
const watchdog = setTimeout(() => {
  console.error(`browser test: timed out in step "${step}"`);
  finish(1);
}, 170000);

try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const consoleErrors = [];
  const foreign = [];
  let expect401 = false;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // chromium logs the 401 answer we provoke with the wrong token; nothing else is allowed
    const at = (m.location() && m.location().url) || '';
    if (expect401 && /\b401\b/.test(m.text()) && (at === '' || at.includes('/api/control/') || at.startsWith(base.origin))) {
      expect401 = false;
      return;
    }
    consoleErrors.push(`${m.text()} (${at})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'data:') return;
    if (u.origin !== base.origin) foreign.push(r.url());
  });
  const clockText = () => page.textContent('#clock');
  const toSeconds = (s) => s.replace(/^T\+/, '').split(':').reduce((a, x) => a * 60 + Number(x), 0);

  step = 'load';
  await page.goto(base.href, { waitUntil: 'load' });
  check(await page.locator('#map[role="img"][aria-label]').count() === 1, 'the map is an img with an aria-label');
  check(await page.locator('#log[aria-live]').count() === 1, 'the log is an aria-live region');

  step = 'tracks';
  await page.waitForSelector('#map .track.threat', { timeout: 20000 });
  check(true, 'threat tracks appear on the map');
  const nPts = await page.$$eval('#map path.track', (ps) => ps.map((p) => (p.getAttribute('d') || '').length));
  check(nPts.some((n) => n > 20), 'a track is drawn as a polyline');
  check(await page.locator('#map .pt.site').count() > 0, 'sites are drawn');
  check(await page.locator('#map path.coverage').count() > 0, 'radar coverage is drawn');

  step = 'clock';
  const c1 = await clockText();
  await page.waitForTimeout(1500);
  const c2 = await clockText();
  check(toSeconds(c2) > toSeconds(c1), `the clock advances (${c1} -> ${c2})`);

  step = 'log and inventory';
  await page.waitForFunction(() => document.querySelectorAll('#log li').length >= 3, null, { timeout: 10000 });
  const firstLog = await page.textContent('#log li');
  check(/\S/.test(firstLog), `the log has entries (newest: "${firstLog.trim().slice(0, 80)}")`);
  const invRows = await page.$$eval('#inventory tbody tr', (rs) => rs.map((r) => r.textContent));
  check(invRows.length > 0 && invRows.every((r) => /\d/.test(r)), `inventory counters are shown (${invRows.length} sites)`);

  step = 'interceptors';
  await page.waitForSelector('#map .track.interceptor', { timeout: 30000 }).then(
    () => check(true, 'interceptor tracks appear'),
    () => check(false, 'interceptor tracks appear'),
  );

  step = 'observer';
  const threatNames = await page.evaluate(async () => {
    const fc = await (await fetch('api/scenario')).json();
    return fc.features.filter((f) => f.properties.kind === 'threat').map((f) => f.properties.name);
  });
  await page.click('#observer-toggle');
  check(await page.getAttribute('#observer-toggle', 'aria-pressed') === 'true', 'observer toggle is pressed');
  await page.waitForFunction(() => document.querySelectorAll('#map .track').length === 0, null, { timeout: 5000 }).then(
    () => check(true, 'the observer view shows no tracks'),
    () => check(false, 'the observer view shows no tracks'),
  );
  check(await page.locator('#map .head.threat, #map .mark').count() === 0, 'no threat heads or intercept markers in the observer view');
  await page.waitForFunction(() => document.querySelectorAll('#radars tbody tr').length > 0
    && [...document.querySelectorAll('#radars tbody td')].some((td) => td.textContent !== '—'), null, { timeout: 10000 }).then(
    () => check(true, 'radar state is shown'),
    () => check(false, 'radar state is shown'),
  );
  await page.waitForFunction(() => document.querySelectorAll('#log li').length > 0, null, { timeout: 10000 }).catch(() => {});
  const obsLog = await page.$$eval('#log li', (ls) => ls.map((l) => l.textContent));
  check(obsLog.length > 0, `the observer log has entries (${obsLog.length})`);
  check(obsLog.some((l) => /emitting|standby|loaded|launched/.test(l)), 'the observer log shows radar or launcher activity');
  const inv = await page.$$eval('#inventory tbody tr', (rs) => rs.map((r) => r.textContent));
  check(inv.length > 0 && inv.every((r) => /\d/.test(r)), 'launcher counters are shown in the observer view');
  const leaked = threatNames.filter((n) => obsLog.some((l) => new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(l)));
  check(threatNames.length > 0 && leaked.length === 0, `no threat name in the observer log (${threatNames.join(', ')})`);
  const mapText = await page.textContent('#map');
  check(!threatNames.some((n) => new RegExp(`\\b${n}\\b`).test(mapText)), 'no threat name on the observer map');
  await page.click('#observer-toggle');
  await page.waitForSelector('#map .track', { timeout: 10000 }).then(
    () => check(true, 'back in the full view, tracks are shown again'),
    () => check(false, 'back in the full view, tracks are shown again'),
  );
  // the full feed resumed with ?lastEventId: nothing is shown twice
  await page.waitForTimeout(500);
  const ids = await page.$$eval('#log li[data-id]', (ls) => ls.map((l) => l.dataset.id));
  check(ids.length > 0 && new Set(ids).size === ids.length, `no log entry twice after reconnecting (${ids.length} entries)`);

  step = 'controls';
  await page.fill('#token', 'not-the-token');
  expect401 = true;
  await page.click('#btn-pause');
  await page.waitForSelector('#control-msg:not([hidden])', { timeout: 5000 });
  const msg401 = await page.textContent('#control-msg');
  check(/401/.test(msg401), `a wrong token shows the 401 message ("${msg401.trim().slice(0, 60)}")`);
  check(await page.textContent('#clock-state') !== 'paused', 'a wrong token does not pause');
  await page.fill('#token', info.token);
  await page.click('#btn-pause');
  await page.waitForFunction(() => document.getElementById('clock-state').textContent === 'paused', null, { timeout: 5000 }).then(
    () => check(true, 'the right token pauses'),
    () => check(false, 'the right token pauses'),
  );
  const p1 = await clockText();
  await page.waitForTimeout(1500);
  const p2 = await clockText();
  check(p1 === p2, `the clock stops while paused (${p1} = ${p2})`);
  const st = await page.evaluate(async () => (await fetch('api/state')).json());
  check(st.paused === true, 'the server reports paused');
  await page.click('#btn-resume');
  await page.waitForFunction(() => ['running', 'ended'].includes(document.getElementById('clock-state').textContent), null, { timeout: 5000 }).then(
    () => check(true, 'resume runs the clock again'),
    () => check(false, 'resume runs the clock again'),
  );

  step = 'keyboard';
  await page.focus('#btn-pause');
  check(await page.evaluate(() => document.activeElement.id) === 'btn-pause', 'the controls take keyboard focus');
  await page.focus('#map');
  const where = () => page.$eval('#map', (m) => {
    const s = m.querySelector('.pt.site').getBoundingClientRect();
    const l = m.querySelector('.land').getBoundingClientRect();
    return [s.x, s.y, l.width].map(Math.round).join(',');
  });
  const before = await where();
  await page.keyboard.press('+');
  await page.waitForTimeout(300);
  const after = await where();
  check(after !== before, `the map zooms with the keyboard (${before} -> ${after})`);
  await page.keyboard.press('0');

  step = 'globe';
  await page.click('#projection-toggle');
  await page.waitForTimeout(400);
  check(await page.locator('#map .track').count() > 0, 'the globe view shows the tracks');
  await page.click('#projection-toggle');
  await page.waitForTimeout(400);

  step = 'intercepts';
  await page.waitForSelector('#map .mark.intercept', { timeout: 20000 }).then(
    () => check(true, 'intercept markers (kill/miss) appear'),
    () => check(false, 'intercept markers (kill/miss) appear'),
  );
  await page.waitForTimeout(500);

  step = 'outcomes';
  // the run's end: the banner and the counts speak the outcome vocabulary (docs/outcomes.md)
  // and agree with /api/state, threat by threat
  await page.waitForSelector('#end-banner:not([hidden])', { timeout: 45000 }).then(
    () => check(true, 'the run ends and the end banner is shown'),
    () => check(false, 'the run ends and the end banner is shown'),
  );
  const banner = (await page.textContent('#end-banner')) || '';
  const counts = (await page.textContent('#counts')) || '';
  const fin = await page.evaluate(async () => (await fetch('api/state')).json());
  const words = /(\d+) killed\D+(\d+) leaked\D+(\d+) unengaged\D+(\d+) reached their target/;
  const mb = banner.match(words);
  const mc = counts.match(words);
  const want = fin.counts ? [fin.counts.killed, fin.counts.leaked, fin.counts.unengaged, fin.counts.reached_target] : [];
  const byStatus = ['killed', 'leaked', 'unengaged'].map((w) => (fin.threats || []).filter((t) => t.status === w).length);
  check(mb && mb.slice(1).map(Number).join() === want.join(), `the end banner's counts are the server's (${banner.trim()})`);
  check(mc && mc.slice(1).map(Number).join() === want.join(), `the counts line is the server's (${counts.trim()})`);
  check(want.length === 4 && byStatus.join() === want.slice(0, 3).join() && want[3] === want[1] + want[2],
    `/api/state counts its threats' outcomes (${want.join(', ')}; reached_target = leaked + unengaged)`);
  check((fin.threats || []).every((t) => (t.status === 'unengaged') === (typeof t.reason === 'string')),
    'every unengaged threat, and only those, has a reason code');
  const pageText = await page.evaluate(() => document.body.innerText);
  check(!/leaker|not.engaged/i.test(pageText), 'no retired outcome word (leaker, not engaged) on the page');

  step = 'screenshot';
  if (shot) {
    await page.screenshot({ path: shot });
    log(`screenshot: ${shot}`);
  }
  check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? `: ${consoleErrors.join(' | ')}` : ''}`);
  check(foreign.length === 0, `no request to another host${foreign.length ? `: ${foreign.join(' ')}` : ''}`);
} catch (e) {
  failures++;
  log(`FAIL in step "${step}": ${e.stack || e}`);
}

// ---------------------------------------------------------------- observer-only
// `bmdsim serve --observer-only`: without the token the page shows the observer view only
// (no toggle to the full view), with the sites' and radars' activity from /api/observer,
// and no threat data anywhere (the mock server has no such mode)
if (args[0] !== '--mock') {
  const srv2 = spawn(args[0], ['serve', '--observer-only', '--port', '0', '--speed', '50', '--json'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  process.on('exit', () => srv2.kill('SIGTERM'));
  try {
    step = 'observer-only';
    const info2 = await new Promise((resolve, reject) => {
      const rl = createInterface({ input: srv2.stdout });
      const timer = setTimeout(() => reject(new Error('observer-only server printed no JSON in 20 s')), 20000);
      rl.on('line', (line) => {
        try {
          const j = JSON.parse(line.trim());
          if (j.url) {
            clearTimeout(timer);
            resolve(j);
          }
        } catch {
          // not the start line
        }
      });
    });
    check(info2.observer_only === true, 'the observer-only server says so in --json');
    const base2 = new URL(info2.url);
    const ctx2 = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page2 = await ctx2.newPage();
    const errors2 = [];
    let scenario401 = 0;
    page2.on('console', (m) => {
      if (m.type() !== 'error') return;
      // the page asks for the scenario once and is told 401: that is how it learns the mode
      if (/\b401\b/.test(m.text()) && scenario401 === 0) {
        scenario401++;
        return;
      }
      errors2.push(m.text());
    });
    page2.on('pageerror', (e) => errors2.push(`page error: ${e.message}`));
    await page2.goto(base2.href, { waitUntil: 'load' });
    await page2.waitForFunction(() => document.body.classList.contains('observer'), null, { timeout: 10000 }).then(
      () => check(true, 'observer-only: the page opens in the observer view'),
      () => check(false, 'observer-only: the page opens in the observer view'),
    );
    check(await page2.isHidden('#observer-toggle'), 'observer-only: no switch to the full view');
    check(/Observer-only server/.test(await page2.textContent('#view-banner')), 'observer-only: the banner says so');
    await page2.waitForFunction(() => [...document.querySelectorAll('#radars tbody td')].some((td) => td.textContent !== '—')
      && document.querySelectorAll('#inventory tbody tr').length > 0, null, { timeout: 15000 }).then(
      () => check(true, 'observer-only: radar states and launchers are shown, named from the observer feed'),
      () => check(false, 'observer-only: radar states and launchers are shown, named from the observer feed'),
    );
    await page2.waitForFunction(() => document.querySelectorAll('#log li').length > 0, null, { timeout: 10000 }).catch(() => {});
    const log2 = await page2.$$eval('#log li', (ls) => ls.map((l) => l.textContent));
    check(log2.some((l) => /emitting|standby|loaded|launched/.test(l)), `observer-only: site activity in the log (${log2.length})`);
    check(await page2.locator('#map .track, #map .head.threat, #map .mark').count() === 0, 'observer-only: no tracks or threat marks');
    check(errors2.length === 0, `observer-only: no console errors${errors2.length ? `: ${errors2.join(' | ')}` : ''}`);
    const st2 = await page2.evaluate(async () => (await fetch('api/state')).status);
    check(st2 === 401, `observer-only: /api/state without the token is 401 (${st2})`);
    await ctx2.close();
  } catch (e) {
    failures++;
    log(`FAIL in step "${step}": ${e.stack || e}`);
  }
  srv2.kill('SIGTERM');
}
// ---------------------------------------------------------------- battle damage
// `bmdsim serve strike-redzikowo`: with the scenario's seed the first Iskander's impact
// destroys both Redzikowo sites at T+248 s (docs/scenario.md); the page greys and crosses
// them out on the map and in the inventory, with the time
if (args[0] !== '--mock') {
  const srv3 = spawn(args[0], ['serve', 'strike-redzikowo', '--port', '0', '--speed', '50', '--json'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  process.on('exit', () => srv3.kill('SIGTERM'));
  try {
    step = 'battle damage';
    const info3 = await new Promise((resolve, reject) => {
      const rl = createInterface({ input: srv3.stdout });
      const timer = setTimeout(() => reject(new Error('strike-redzikowo server printed no JSON in 20 s')), 20000);
      rl.on('line', (line) => {
        try {
          const j = JSON.parse(line.trim());
          if (j.url) {
            clearTimeout(timer);
            resolve(j);
          }
        } catch {
          // not the start line
        }
      });
    });
    const ctx3 = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page3 = await ctx3.newPage();
    const errors3 = [];
    page3.on('console', (m) => { if (m.type() === 'error') errors3.push(m.text()); });
    page3.on('pageerror', (e) => errors3.push(`page error: ${e.message}`));
    await page3.goto(new URL(info3.url).href, { waitUntil: 'load' });
    await page3.waitForSelector('#map .pt.site.lost', { timeout: 30000 }).then(
      () => check(true, 'battle damage: a destroyed site is greyed and crossed out on the map'),
      () => check(false, 'battle damage: a destroyed site is greyed and crossed out on the map'),
    );
    const cross = await page3.$$eval('#map .pt.site.lost path.lost-x', (ps) => ps.map((p) => getComputedStyle(p).display));
    check(cross.length === 2 && cross.every((d) => d !== 'none'), `battle damage: both Redzikowo sites crossed (${cross.join(',')})`);
    const title = await page3.$eval('#map .pt.site.lost title', (t) => t.textContent);
    check(/destroyed at T\+04:08 by K1/.test(title), `battle damage: the map says when and by what (${title})`);
    const rows = await page3.$$eval('#inventory tbody tr.lost th', (ts) => ts.map((t) => t.textContent));
    check(rows.length === 2 && rows.every((r) => /destroyed T\+04:08/.test(r)), `battle damage: the inventory shows it (${rows.join(' | ')})`);
    const logs = await page3.$$eval('#log li', (ls) => ls.map((l) => l.textContent));
    check(logs.some((l) => /Destroyed/.test(l) && /redzikowo-mda destroyed by K1/.test(l)), 'battle damage: the log has the destroyed event');
    if (shot) await page3.screenshot({ path: shot.replace(/(\.png)?$/, '-damage.png') });
    check(errors3.length === 0, `battle damage: no console errors${errors3.length ? `: ${errors3.join(' | ')}` : ''}`);
    await ctx3.close();
  } catch (e) {
    failures++;
    log(`FAIL in step "${step}": ${e.stack || e}`);
  }
  srv3.kill('SIGTERM');
}
clearTimeout(watchdog);
log(failures ? `${failures} check(s) failed` : 'all checks passed');
await finish(failures ? 1 : 0);
