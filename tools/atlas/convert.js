#!/usr/bin/env node
// convert.js - Natural Earth 1:50m land and country borders, from the world-atlas npm
// package (TopoJSON), to data/atlas-50m.bin for bmdsim (format in data/atlas.md).
//
//   cd tools/atlas && npm ci && node convert.js     (writes ../../data/atlas-50m.bin)
//
// No npm dependencies besides the data: TopoJSON arcs are decoded here (quantized,
// delta-encoded positions; a negative arc index ~i means arc i reversed), and the borders
// are the arcs shared by two different countries (topojson.mesh(topology, countries,
// (a, b) => a !== b)).
'use strict';
const fs = require('fs');
const path = require('path');

const land = require('world-atlas/land-50m.json');
const countries = require('world-atlas/countries-50m.json');
const version = require('world-atlas/package.json').version;

const Q = 1000; // units per degree in the output

function decodeArcs(topo) {
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  return topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx; y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function ringPoints(arcs, ring) {
  const pts = [];
  ring.forEach((i, k) => {
    let a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    if (k > 0) a = a.slice(1); // arcs share their end points
    pts.push(...a);
  });
  return pts;
}

function polygonsOf(geom) {
  if (geom.type === 'Polygon') return [geom.arcs];
  if (geom.type === 'MultiPolygon') return geom.arcs;
  return [];
}

// land rings (outer rings and holes alike; fill with the even-odd rule)
const landArcs = decodeArcs(land);
const rings = [];
for (const g of land.objects.land.geometries)
  for (const poly of polygonsOf(g))
    for (const ring of poly) rings.push(ringPoints(landArcs, ring));

// borders: arcs used by two different countries
const cArcs = decodeArcs(countries);
const users = new Map();
countries.objects.countries.geometries.forEach((g, gi) => {
  for (const poly of polygonsOf(g))
    for (const ring of poly)
      for (const i of ring) {
        const a = i < 0 ? ~i : i;
        if (!users.has(a)) users.set(a, new Set());
        users.get(a).add(gi);
      }
});
const borders = [];
for (const [a, s] of [...users.entries()].sort((p, q) => p[0] - q[0]))
  if (s.size >= 2) borders.push(cArcs[a]);

// binary writer: little-endian
const chunks = [];
function u32(v) { const b = Buffer.alloc(4); b.writeUInt32LE(v); chunks.push(b); }
function i32(v) { const b = Buffer.alloc(4); b.writeInt32LE(v); chunks.push(b); }
function i16(v) { const b = Buffer.alloc(2); b.writeInt16LE(v); chunks.push(b); }
function line(pts) {
  const q = pts.map(([x, y]) => [Math.round(x * Q), Math.round(y * Q)]);
  // drop repeated points after quantization
  const d = q.filter((p, k) => k === 0 || p[0] !== q[k - 1][0] || p[1] !== q[k - 1][1]);
  u32(d.length);
  i32(d[0][0]); i32(d[0][1]);
  for (let k = 1; k < d.length; k++) {
    const dx = d[k][0] - d[k - 1][0], dy = d[k][1] - d[k - 1][1];
    if (Math.abs(dx) > 32767 || Math.abs(dy) > 32767) {
      i16(-32768); i32(d[k][0]); i32(d[k][1]); // escape: absolute position follows
    } else {
      i16(dx); i16(dy);
    }
  }
}
chunks.push(Buffer.from('BMDATL1\0', 'latin1'));
u32(Q);
u32(rings.length);
u32(borders.length);
rings.forEach(line);
borders.forEach(line);
const out = Buffer.concat(chunks);
const file = path.join(__dirname, '..', '..', 'data', 'atlas-50m.bin');
fs.writeFileSync(file, out);
const npts = (ls) => ls.reduce((s, l) => s + l.length, 0);
console.log(`world-atlas ${version}: ${rings.length} land rings (${npts(rings)} points), ` +
            `${borders.length} border arcs (${npts(borders)} points) -> ${file} (${out.length} bytes)`);
