// Small spherical helpers for the map: sector wedges, ring winding, nice scale-bar lengths.
import { geoArea, geoCircle } from 'd3-geo';

const RAD = Math.PI / 180;
const EARTH_RADIUS_M = 6371008.8;

// The point at distance `dist_m` along azimuth `az_deg` (clockwise from north) from [lon, lat].
export function destination([lon, lat], az_deg, dist_m) {
  const d = dist_m / EARTH_RADIUS_M;
  const az = az_deg * RAD;
  const p1 = lat * RAD;
  const l1 = lon * RAD;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(az));
  const l2 = l1 + Math.atan2(Math.sin(az) * Math.sin(d) * Math.cos(p1),
    Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [((l2 / RAD + 540) % 360) - 180, p2 / RAD];
}

// d3-geo reads polygon rings in the spherical sense (exterior clockwise); RFC 7946 files use
// the right-hand rule (counter-clockwise). A polygon that comes out larger than a hemisphere
// was wound the other way: reverse its rings so it means the small area it was meant to be.
export function fixWinding(feature) {
  const g = feature.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return feature;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of polys) {
    if (geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI) {
      for (const r of rings) r.reverse();
    }
  }
  return feature;
}

// A wedge (or a full circle) of radius `range_m` around `center` between two azimuths.
export function sectorPolygon(center, fromDeg, toDeg, range_m) {
  let sweep = (((toDeg - fromDeg) % 360) + 360) % 360;
  if (sweep === 0 && toDeg !== fromDeg) sweep = 360;
  if (sweep >= 359.5) {
    const c = geoCircle().center(center).radius(range_m / EARTH_RADIUS_M / RAD).precision(2)();
    return fixWinding({ type: 'Feature', properties: {}, geometry: c });
  }
  const ring = [center];
  const n = Math.max(4, Math.ceil(sweep / 3));
  for (let i = 0; i <= n; i++) ring.push(destination(center, fromDeg + (sweep * i) / n, range_m));
  ring.push(center);
  return fixWinding({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } });
}

// The largest 1, 2 or 5 x 10^n not above x.
export function niceFloor(x) {
  if (!(x > 0)) return 0;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  const m = x / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

export { EARTH_RADIUS_M };
