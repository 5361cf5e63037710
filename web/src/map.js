// The map: world atlas (bundled, Natural Earth via world-atlas), the scenario's sites, radars,
// coverage fans and threat launch points, and the live layers (tracks, heads, intercepts,
// radar sectors). Two projections: a Europe-centred azimuthal equal-area map with zoom and pan,
// and an orthographic globe that zooms and turns.
import {
  geoAzimuthalEqualArea, geoOrthographic, geoPath, geoGraticule10, geoDistance, geoCentroid,
} from 'd3-geo';
import { select } from 'd3-selection';
import { zoom as d3zoom, zoomIdentity } from 'd3-zoom';
import { feature, mesh } from 'topojson-client';
import world from 'world-atlas/countries-50m.json';
import world110 from 'world-atlas/countries-110m.json';
import { niceFloor, sectorPolygon } from './geo.js';
import { fmtClock } from './format.js';

function atlas(w) {
  return {
    countries: feature(w, w.objects.countries),
    borders: mesh(w, w.objects.countries, (a, b) => a !== b),
    coast: mesh(w, w.objects.countries, (a, b) => a === b),
  };
}
// 1:50m for the picture, 1:110m while the globe turns (redrawing 1:50m takes a while)
const DETAIL = atlas(world);
const FAST = atlas(world110);
const graticule = geoGraticule10();
const SPHERE = { type: 'Sphere' };

// Europe and the Middle East: the default view when a scenario is small.
const EUROPE = {
  type: 'MultiPoint',
  coordinates: [[-10, 36], [30, 71], [50, 30], [-9, 58], [45, 55], [20, 33]],
};

export class MapView {
  constructor(svgEl) {
    this.svg = select(svgEl);
    this.kind = 'flat';
    this.observer = false;
    this.scn = { sites: [], radars: [], coverage: [], threats: [] };
    this.t = zoomIdentity;
    this.rot = [0, 0];
    this.prevT = zoomIdentity;
    this.pending = false;
    this.dyn = null;

    const s = this.svg;
    this.defs = s.append('defs');
    this.defs.append('clipPath').attr('id', 'map-clip').append('rect');
    const root = s.append('g').attr('class', 'root');
    // the base map: on the flat map drawn once per fit and moved by a transform while zooming
    this.gBase = root.append('g').attr('class', 'basemap');
    this.gSphere = this.gBase.append('path').attr('class', 'sphere');
    this.gGrat = this.gBase.append('path').attr('class', 'graticule');
    this.gLand = this.gBase.append('path').attr('class', 'land');
    this.gBorders = this.gBase.append('path').attr('class', 'borders');
    this.gCoast = this.gBase.append('path').attr('class', 'coast');
    this.baseKey = null;
    this.detailTimer = null;
    this.gCoverage = root.append('g').attr('class', 'coverage-layer');
    this.gSectors = root.append('g').attr('class', 'sector-layer');
    this.gTracks = root.append('g').attr('class', 'track-layer');
    this.gMarks = root.append('g').attr('class', 'mark-layer');
    this.gPoints = root.append('g').attr('class', 'point-layer');
    this.gHeads = root.append('g').attr('class', 'head-layer');
    this.gScale = s.append('g').attr('class', 'scalebar');

    this.zoom = d3zoom().scaleExtent([0.5, 40]).on('zoom', (e) => this.onZoom(e));
    s.call(this.zoom).on('dblclick.zoom', null);
    svgEl.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.resize()).observe(svgEl);
    this.resize();
  }

  setScenario(scn) {
    this.scn = scn;
    this.fit();
    this.redraw();
  }

  setObserver(on) {
    this.observer = on;
    this.redraw();
  }

  setKind(kind) {
    this.kind = kind;
    this.fit();
    this.resetZoom();
  }

  resetZoom() {
    this.rot = this.baseRot.slice();
    this.prevT = zoomIdentity;
    this.t = zoomIdentity;
    this.svg.call(this.zoom.transform, zoomIdentity);
    this.redraw();
  }

  resize() {
    const r = this.svg.node().getBoundingClientRect();
    const w = Math.max(200, Math.round(r.width));
    const h = Math.max(200, Math.round(r.height));
    if (w === this.w && h === this.h) return;
    this.w = w;
    this.h = h;
    this.svg.attr('viewBox', `0 0 ${w} ${h}`);
    this.fit();
    this.redraw();
  }

  // The scenario's points (or Europe) fill the map.
  fit() {
    const pts = [];
    for (const f of [...this.scn.sites, ...this.scn.radars, ...this.scn.threats]) {
      pts.push(f.geometry.coordinates);
      if (f.properties.target) pts.push(f.properties.target);
    }
    const extent = pts.length >= 2
      ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'MultiPoint', coordinates: pts } }, ...this.scn.coverage] }
      : EUROPE;
    const [clon, clat] = geoCentroid({ type: 'MultiPoint', coordinates: pts.length >= 2 ? pts : EUROPE.coordinates });
    const pad = 30;
    if (this.kind === 'globe') {
      this.baseRot = [-clon, -clat];
      this.base = geoOrthographic().rotate(this.baseRot).clipAngle(90).precision(0.5)
        .translate([this.w / 2, this.h / 2]).scale(Math.min(this.w, this.h) / 2 - 12);
    } else {
      this.baseRot = [-clon, -clat];
      this.base = geoAzimuthalEqualArea().rotate(this.baseRot).clipAngle(150).precision(0.5)
        .fitExtent([[pad, pad + 34], [this.w - pad, this.h - pad - 20]], extent);
    }
    if (!this.rot || this.t.k === 1) this.rot = this.baseRot.slice();
    this.baseScale = this.base.scale();
    this.baseTranslate = this.base.translate();
    this.apply();
  }

  apply() {
    const p = this.base;
    const k = this.t.k;
    if (this.kind === 'globe') {
      p.scale(this.baseScale * k).translate([this.w / 2, this.h / 2]).rotate(this.rot);
    } else {
      const [tx, ty] = this.baseTranslate;
      p.scale(this.baseScale * k).translate([tx * k + this.t.x, ty * k + this.t.y]);
    }
    this.proj = p;
    this.path = geoPath(p);
  }

  onZoom(e) {
    const t = e.transform;
    if (this.kind === 'globe' && t.k === this.prevT.k) {
      // dragging turns the globe
      const s = this.baseScale * t.k;
      const dx = t.x - this.prevT.x;
      const dy = t.y - this.prevT.y;
      this.rot = [this.rot[0] + (dx / s) * (180 / Math.PI),
        Math.max(-90, Math.min(90, this.rot[1] - (dy / s) * (180 / Math.PI)))];
    }
    this.prevT = t;
    this.t = t;
    this.apply();
    this.schedule();
  }

  onKey(e) {
    const step = 60;
    const map = {
      '+': () => this.svg.call(this.zoom.scaleBy, 1.4),
      '=': () => this.svg.call(this.zoom.scaleBy, 1.4),
      '-': () => this.svg.call(this.zoom.scaleBy, 1 / 1.4),
      _: () => this.svg.call(this.zoom.scaleBy, 1 / 1.4),
      ArrowLeft: () => this.svg.call(this.zoom.translateBy, step / this.t.k, 0),
      ArrowRight: () => this.svg.call(this.zoom.translateBy, -step / this.t.k, 0),
      ArrowUp: () => this.svg.call(this.zoom.translateBy, 0, step / this.t.k),
      ArrowDown: () => this.svg.call(this.zoom.translateBy, 0, -step / this.t.k),
      0: () => this.resetZoom(),
    };
    const f = map[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.redraw();
    });
  }

  visible(lonlat) {
    if (this.kind !== 'globe') return true;
    return geoDistance(lonlat, [-this.rot[0], -this.rot[1]]) < Math.PI / 2 - 0.01;
  }

  xy(lonlat) {
    const p = this.proj(lonlat);
    return p && this.visible(lonlat) ? p : null;
  }

  drawBase(path, a) {
    this.gSphere.attr('d', path(SPHERE));
    this.gGrat.attr('d', path(graticule));
    this.gLand.attr('d', path(a.countries));
    this.gBorders.attr('d', path(a.borders));
    this.gCoast.attr('d', path(a.coast));
  }

  redraw() {
    if (!this.path) return;
    const path = this.path;
    if (this.kind === 'globe') {
      this.gBase.attr('transform', null);
      const interacting = this.t.k !== 1 || this.rot[0] !== this.baseRot[0] || this.rot[1] !== this.baseRot[1];
      const key = `g${this.w}x${this.h}:${this.t.k}:${this.rot}`;
      if (key !== this.baseKey) {
        this.baseKey = key;
        clearTimeout(this.detailTimer);
        if (interacting) {
          this.drawBase(path, FAST);
          this.detailTimer = setTimeout(() => {
            if (this.baseKey === key && this.kind === 'globe') this.drawBase(this.path, DETAIL);
          }, 250);
        } else this.drawBase(path, DETAIL);
      }
    } else {
      const key = `f${this.w}x${this.h}:${this.baseScale}:${this.baseTranslate}:${this.baseRot}`;
      if (key !== this.baseKey) {
        this.baseKey = key;
        clearTimeout(this.detailTimer);
        const [tx, ty] = this.baseTranslate;
        this.drawBase(geoPath(this.base.scale(this.baseScale).translate([tx, ty])), DETAIL);
        this.apply();
      }
      this.gBase.attr('transform', `translate(${this.t.x},${this.t.y}) scale(${this.t.k})`);
    }
    this.drawStatic();
    this.drawScale();
    if (this.dyn) this.drawDynamic(this.dyn);
  }

  drawStatic() {
    const path = this.path;
    const cov = this.observer ? [] : this.scn.coverage;
    this.gCoverage.selectAll('path.coverage').data(cov, (d, i) => `${d.properties.radar}-${d.properties.face ?? i}`)
      .join((en) => en.append('path').attr('class', 'coverage')
        .call((p) => p.append('title').text((d) => `coverage of ${d.properties.name}`)))
      .attr('d', (d) => path(d));

    const pts = [];
    for (const f of this.scn.radars) {
      const near = this.scn.sites.some((s) => geoDistance(s.geometry.coordinates, f.geometry.coordinates) < 0.003);
      pts.push({ key: `r${f.properties.radar}`, cls: 'radar', f, dx: near ? -11 : 0 });
    }
    for (const f of this.scn.sites) pts.push({ key: `s${f.properties.site}`, cls: 'site', f, dx: 0 });
    if (!this.observer) {
      const seen = new Set();
      for (const f of this.scn.threats) {
        const k = f.geometry.coordinates.map((x) => x.toFixed(2)).join(',');
        if (seen.has(k)) continue;
        seen.add(k);
        pts.push({ key: `l${k}`, cls: 'launch', f });
      }
    }
    const sel = this.gPoints.selectAll('g.pt').data(pts, (d) => d.key)
      .join((en) => {
        const g = en.append('g').attr('class', (d) => `pt ${d.cls}`);
        g.each(function (d) {
          const gg = select(this);
          if (d.cls === 'site') gg.append('rect').attr('x', -5).attr('y', -5).attr('width', 10).attr('height', 10);
          else if (d.cls === 'radar') gg.append('path').attr('d', `M${d.dx},-7L${d.dx + 6},4.5L${d.dx - 6},4.5Z`);
          else gg.append('path').attr('d', 'M0,-5L5,0L0,5L-5,0Z');
          // the cross of an element lost to battle damage (shown by the class 'lost')
          if (d.cls !== 'launch') {
            const x = d.dx || 0;
            gg.append('path').attr('class', 'lost-x').attr('d', `M${x - 7},-7L${x + 7},7M${x - 7},7L${x + 7},-7`);
          }
          const name = d.cls === 'launch' ? 'threat launch point' : d.f.properties.name;
          if (d.cls !== 'launch') {
            gg.append('text').attr('class', `label ${d.cls}-label`).attr('x', 8).attr('y', d.cls === 'radar' ? 14 : -5)
              .text(d.f.properties.name);
          }
          gg.append('title').text(d.cls === 'site'
            ? `${name} (${d.f.properties.interceptor}, ${d.f.properties.inventory} interceptors)`
            : d.cls === 'radar' ? `${name} (${d.f.properties.type})` : name);
        });
        return g;
      });
    sel.each((d, i, nodes) => {
      const p = this.xy(d.f.geometry.coordinates);
      const n = select(nodes[i]);
      if (p) n.attr('transform', `translate(${p[0].toFixed(1)},${p[1].toFixed(1)})`).attr('display', null);
      else n.attr('display', 'none');
    });
  }

  drawScale() {
    const g = this.gScale;
    g.selectAll('*').remove();
    const cx = this.w / 2;
    const cy = this.h / 2;
    const a = this.proj.invert([cx - 50, cy]);
    const b = this.proj.invert([cx + 50, cy]);
    if (!a || !b || Number.isNaN(a[0]) || Number.isNaN(b[0])) return;
    const kmPer100 = (geoDistance(a, b) * 6371.0088);
    if (!(kmPer100 > 0)) return;
    const km = niceFloor(kmPer100 * 1.6);
    const px = (km / kmPer100) * 100;
    const x0 = 16;
    const y0 = this.h - 22;
    g.attr('transform', `translate(${x0},${y0})`);
    g.append('rect').attr('class', 'scale-bg').attr('x', -6).attr('y', -16).attr('width', px + 12 + 70).attr('height', 24).attr('rx', 3);
    g.append('path').attr('class', 'scale-line').attr('d', `M0,-5V0H${px.toFixed(1)}V-5M${(px / 2).toFixed(1)},0V-3`);
    g.append('text').attr('class', 'scale-text').attr('x', px + 6).attr('y', 0)
      .text(`${km >= 1 ? km : km.toFixed(1)} km${this.kind === 'globe' ? ' (centre)' : ''}`);
  }

  // Live layers: tracks (polylines) with head markers, intercept and reached-target markers,
  // radar sectors.
  drawDynamic(d) {
    this.dyn = d;
    const path = this.path;
    if (!path) return;
    const tracks = this.observer ? [] : d.tracks;
    this.gTracks.selectAll('path.track').data(tracks, (t) => t.key)
      .join((en) => en.append('path'))
      .attr('class', (t) => `track ${t.kind}${t.active ? '' : ' done'}`)
      .attr('data-key', (t) => t.key)
      .attr('d', (t) => (t.pts.length >= 2
        ? path({ type: 'LineString', coordinates: t.pts.map((p) => [p[0], p[1]]) }) : null));

    const heads = [];
    for (const t of tracks) {
      if (!t.active || !t.pts.length) continue;
      const last = t.pts[t.pts.length - 1];
      const p = this.xy(last);
      if (p) heads.push({ key: t.key, kind: t.kind, p, label: t.label, alt: last[2] });
    }
    this.gHeads.selectAll('g.head').data(heads, (h) => h.key)
      .join((en) => {
        const g = en.append('g').attr('class', (h) => `head ${h.kind}`);
        g.append('circle').attr('r', (h) => (h.kind === 'threat' ? 4.5 : 3.5));
        g.append('text').attr('class', 'label').attr('x', 6).attr('y', -5);
        g.append('title');
        return g;
      })
      .attr('transform', (h) => `translate(${h.p[0].toFixed(1)},${h.p[1].toFixed(1)})`)
      .call((g) => g.select('text').text((h) => (h.kind === 'threat' ? h.label : '')))
      .call((g) => g.select('title').text((h) => `${h.label}, ${Math.round((h.alt || 0) / 1000)} km altitude`));

    const marks = [];
    if (!this.observer) {
      for (const m of d.marks) {
        const p = this.xy([m.lon, m.lat]);
        if (p) marks.push({ ...m, p });
      }
    }
    this.gMarks.selectAll('g.mark').data(marks, (m) => m.key)
      .join((en) => {
        const g = en.append('g').attr('class', (m) => `mark intercept ${m.kind}`);
        if (en.size()) {
          g.filter((m) => m.kind === 'kill').append('path').attr('d', 'M-6,-6L6,6M-6,6L6,-6');
          g.filter((m) => m.kind === 'miss').append('circle').attr('r', 5);
          g.filter((m) => m.kind === 'reached-target').append('path').attr('d', 'M0,-7L7,0L0,7L-7,0Z');
        }
        g.append('title').text((m) => m.title);
        return g;
      })
      .attr('transform', (m) => `translate(${m.p[0].toFixed(1)},${m.p[1].toFixed(1)})`);

    const sectors = [];
    if (this.observer) {
      for (const r of this.scn.radars) {
        const st = d.radars[r.properties.radar];
        if (!st || !Array.isArray(st.sector_az_deg)) continue;
        const range = r.properties.range_m || 1000e3;
        sectors.push({
          key: r.properties.radar,
          emitting: !!st.emitting,
          mode: st.mode,
          f: sectorPolygon(r.geometry.coordinates, st.sector_az_deg[0], st.sector_az_deg[1], range),
          name: r.properties.name,
        });
      }
    }
    this.gSectors.selectAll('path.sector').data(sectors, (s) => s.key)
      .join((en) => en.append('path').call((p) => p.append('title')))
      .attr('class', (s) => `sector ${s.emitting ? 'emitting' : 'standby'} mode-${s.mode}`)
      .attr('d', (s) => path(s.f))
      .call((p) => p.select('title').text((s) => `${s.name}: ${s.emitting ? `emitting (${s.mode})` : 'standby'}`));

    // sites that just launched pulse
    this.gPoints.selectAll('g.pt.site').classed('launching', (p) => !!d.launching[p.f.properties.site]);
    // elements lost to battle damage: greyed and crossed out, with when in their title
    const lost = d.lost || { site: {}, radar: {} };
    const lostOf = (p) => (p.cls === 'site' ? lost.site[p.f.properties.site] : lost.radar[p.f.properties.radar]);
    this.gPoints.selectAll('g.pt.site, g.pt.radar')
      .classed('lost', (p) => !!lostOf(p))
      .each(function (p) {
        const l = lostOf(p);
        const t = select(this).select('title');
        const base = p.cls === 'site'
          ? `${p.f.properties.name} (${p.f.properties.interceptor}, ${p.f.properties.inventory} interceptors)`
          : `${p.f.properties.name} (${p.f.properties.type})`;
        t.text(l ? `${base}: ${l.level} at ${fmtClock(l.t_s)} by ${l.by}` : base);
      });
  }
}
