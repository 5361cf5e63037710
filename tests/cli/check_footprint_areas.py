#!/usr/bin/env python3
"""check_footprint_areas.py DIR: the merged areas of DIR/footprint.geojson against the cells
of DIR/footprint.csv. From the CSV alone: each cell's class combined over the launch points
(the fewest opportunities among the launches that reach it, footprint.h; classes as
docs/outcomes.md) and its area, R^2 dlon (sin lat1 - sin lat0) on the sphere of radius
6371008.8 m (Snyder 1987). Each class's merged areas (by this script's own line integral
over their rings, and by their area_km2) must add up to its cells' area, and the summary
feature must give footprint.json's defended fraction."""
import csv, json, math, os, sys

R = 6371008.8
d = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(d, 'footprint.csv'))))
grid = json.load(open(os.path.join(d, 'footprint.json')))['grid_deg']
cells = {}
for r in rows:
    key = (r['lat_deg'], r['lon_deg'])
    c = cells.setdefault(key, [None, None])
    if r['status'] != 'ok':
        continue
    o, k = int(r['opportunities']), int(r['kinematic_opportunities'])
    c[0] = o if c[0] is None else min(c[0], o)
    c[1] = k if c[1] is None else min(c[1], k)

def klass(o, k):
    if o is None: return None
    if o == 0: return 1 if k > 0 else 0
    return 6 if o >= 5 else o + 1

want = [0.0] * 7
for (lat, _), (o, k) in cells.items():
    c = klass(o, k)
    if c is None: continue
    la = float(lat)
    a = R * R * math.radians(grid) * (math.sin(math.radians(la + grid / 2)) - math.sin(math.radians(la - grid / 2)))
    want[c] += a / 1e6

def ring_area(ring):
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        assert y1 == y2 or x1 == x2, (x1, y1, x2, y2)
        if y1 == y2: s -= math.radians(x2 - x1) * math.sin(math.radians(y1))
    return s * R * R / 1e6

g = json.load(open(os.path.join(d, 'footprint.geojson')))
got, prop, n = [0.0] * 7, [0.0] * 7, 0
for f in g['features']:
    p = f['properties']
    if p['kind'] != 'area': continue
    n += 1
    c = p['class_code']
    got[c] += sum(ring_area(r) for r in f['geometry']['coordinates'])
    prop[c] += p['area_km2']
ncells = sum(1 for v in cells.values() if v[0] is not None)
for c in range(7):
    # positions at 6 decimals: the corners of a 0.1-degree grid to 1e-6 deg (0.1 m)
    assert abs(got[c] - want[c]) <= 1e-6 * max(want) + 1e-3, (c, got[c], want[c])
    assert abs(prop[c] - want[c]) <= 0.05 * n + 1e-3, (c, prop[c], want[c])
assert n * 20 < ncells, f'{n} areas for {ncells} cells: not merged'
s = g['features'][0]['properties']
j = json.load(open(os.path.join(d, 'footprint.json')))['combined']
assert s['kind'] == 'summary' and abs(s['defended_fraction'] - j['defended_fraction']) < 5e-5, (s, j)
defended = sum(want[2:])
assert abs(defended / sum(want) - j['defended_fraction']) < 1e-6, (defended / sum(want), j['defended_fraction'])
print(f'{n} areas for {ncells} threatened cells; class areas (km2):', ' '.join(f'{x:.0f}' for x in want))
