#!/usr/bin/env python3
"""Validate GeoJSON files against the structure of RFC 7946 (used by the .t tests):
  check_geojson.py FILE [KIND=MIN ...]
FeatureCollection of Features; each geometry a Point, LineString, Polygon or
MultiLineString (or null: RFC 7946 3.2) with positions [lon, lat] in range (3.1.1, 9: no CRS member, WGS84 degrees);
LineStrings of >= 2 positions; Polygon rings closed with >= 4 positions and the exterior ring
counterclockwise (3.1.6, right-hand rule); properties an object or null. KIND=MIN: at least
MIN features whose properties.kind is KIND.
"""
import json, sys

def fail(msg):
    print(msg)
    sys.exit(1)

def position(p, where):
    if not isinstance(p, list) or len(p) not in (2, 3) or not all(isinstance(x, (int, float)) for x in p):
        fail(f'{where}: bad position {p!r}')
    if not (-180.0 <= p[0] <= 180.0 and -90.0 <= p[1] <= 90.0):
        fail(f'{where}: position out of range {p!r} (must be [lon, lat])')

def signed_area(ring):
    return 0.5 * sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))

def geometry(g, where):
    if g is None:
        return
    if not isinstance(g, dict) or 'type' not in g or 'coordinates' not in g:
        fail(f'{where}: geometry needs type and coordinates')
    t, c = g['type'], g['coordinates']
    if t == 'Point':
        position(c, where)
    elif t == 'LineString':
        if len(c) < 2: fail(f'{where}: LineString with {len(c)} positions')
        for p in c: position(p, where)
    elif t == 'MultiLineString':
        for line in c:
            if len(line) < 2: fail(f'{where}: MultiLineString part with {len(line)} positions')
            for p in line: position(p, where)
    elif t == 'Polygon':
        for k, ring in enumerate(c):
            if len(ring) < 4 or ring[0] != ring[-1]: fail(f'{where}: ring {k} not closed or < 4 positions')
            for p in ring: position(p, where)
            a = signed_area(ring)
            if k == 0 and a <= 0: fail(f'{where}: exterior ring not counterclockwise')
            if k > 0 and a >= 0: fail(f'{where}: hole not clockwise')
    else:
        fail(f'{where}: unexpected geometry type {t}')

def main():
    d = json.load(open(sys.argv[1]))
    if d.get('type') != 'FeatureCollection' or not isinstance(d.get('features'), list):
        fail('not a FeatureCollection')
    if 'crs' in d: fail('RFC 7946 removed the crs member')
    kinds = {}
    for i, f in enumerate(d['features']):
        where = f'feature {i}'
        if f.get('type') != 'Feature': fail(f'{where}: type is not Feature')
        geometry(f.get('geometry'), where)
        p = f.get('properties')
        if p is not None and not isinstance(p, dict): fail(f'{where}: properties must be an object or null')
        k = (p or {}).get('kind')
        kinds[k] = kinds.get(k, 0) + 1
    for spec in sys.argv[2:]:
        k, n = spec.split('=')
        if kinds.get(k, 0) < int(n): fail(f'{k}: {kinds.get(k, 0)} features, want >= {n}')

main()
