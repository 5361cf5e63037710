// Text for the clock and the event log.

export function fmtClock(t) {
  if (!Number.isFinite(t) || t < 0) t = 0;
  const s = Math.floor(t);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `T+${h}:${mm}:${ss}` : `T+${mm}:${ss}`;
}

export function fmtLogTime(t) {
  if (!Number.isFinite(t)) t = 0;
  return `${fmtClock(t)}.${Math.floor((t % 1) * 10)}`;
}

const LABELS = {
  'threat-launch': 'Threat launch',
  'early-warning': 'Early warning',
  detect: 'Detection',
  'firm-track': 'Firm track',
  track: 'Track update',
  'no-engagement': 'No engagement',
  engage: 'Engagement',
  'interceptor-launch': 'Interceptor launch',
  kill: 'Kill',
  miss: 'Miss',
  'kill-assessment': 'Kill assessment',
  'reached-target': 'Reached target',
  'threat-destroyed': 'Threat destroyed',
  disabled: 'Disabled',
  destroyed: 'Destroyed',
  restart: 'Run started',
  end: 'Run ended',
  control: 'Control',
  radar: 'Radar',
  launcher: 'Launcher',
  'site-launch': 'Site launch',
};

export function kindLabel(kind) {
  return LABELS[kind] || kind;
}

function km(m) {
  return `${Math.round(m / 1000)} km`;
}

// One line of the full feed's log for an engine event (names from /api/scenario).
export function engineText(m, names) {
  const threat = m.threat >= 0 ? names.threat(m.threat) : '';
  const site = m.site >= 0 ? names.site(m.site) : '';
  const radar = m.radar >= 0 ? names.radar(m.radar) : '';
  const who = [threat, site || radar].filter(Boolean).join(' · ');
  let text = m.note && String(m.note).trim();
  if (!text) {
    switch (m.kind) {
      case 'threat-launch': text = `${threat} launched`; break;
      case 'detect': text = `${radar} detects ${threat}`; break;
      case 'interceptor-launch': text = `${site} launches at ${threat}`; break;
      case 'kill': text = `${threat} hit at ${km(m.alt_m || 0)}`; break;
      case 'miss': text = `interceptor misses ${threat} at ${km(m.alt_m || 0)}`; break;
      case 'reached-target': text = `${threat} reaches its target: ${m.outcome || ''}${m.reason ? `, ${m.reason}` : ''}`; break;
      case 'threat-destroyed': text = `${threat} killed`; break;
      case 'no-engagement': text = `no engagement of ${threat}: ${m.reason || ''}`; break;
      default: text = who;
    }
  }
  return { who, text };
}

export function controlText(m) {
  if (m.action === 'pause') return 'Simulation paused';
  if (m.action === 'resume') return `Simulation resumed at ${m.speed}× real time`;
  if (m.action === 'speed') return `Speed set to ${m.speed}× real time`;
  return `${m.action || 'control'}`;
}

export function sectorText(sec) {
  if (!Array.isArray(sec) || sec.length < 2) return '—';
  const [a, b] = sec.map((x) => Math.round(((x % 360) + 360) % 360));
  if (a === b) return '360°';
  return `${a}°–${b}°`;
}

// One line of the observer log (site activity only: the messages carry no threat fields).
export function observerText(m) {
  switch (m.kind) {
    case 'radar':
      return m.emitting
        ? `emitting (${m.mode}), sector ${sectorText(m.sector_az_deg)}`
        : 'standby, not emitting';
    case 'launcher':
      return `${m.loaded} loaded, ${m.fired} fired`;
    case 'site-launch':
      return `launched ${m.count} interceptor${m.count === 1 ? '' : 's'}`;
    default:
      return kindLabel(m.kind);
  }
}
