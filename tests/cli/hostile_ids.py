#!/usr/bin/env python3
"""Hostile ids through every writer of bmdsim, read back by independent parsers.

usage: hostile_ids.py BMDSIM

A scenario whose threat ids and title hold what breaks hand-written CSV, XML and JSON --
commas, double and single quotes, '<' and '&', a newline, CR, TAB, a bell, non-ASCII text
("Kürecik"), a right-to-left override, and spreadsheet formulas (leading = + - @) -- is run
through run (--out --plot --report, --json), plot, mc, coverage, footprint (launch points
given as "LAT,LON", one negative) and fly (labels "LAT,LON"), and a sweep over it is
exported as CSV and JSON. Every CSV is read with Python's csv module, every KML with
xml.etree, every GeoJSON/JSON with json, every HTML report with html.parser, and each id
must come back exactly, except that a CSV text cell may carry the one leading quote of the
documented OWASP rule (csv.h): "'=x" reads as "=x".

What the terminal gets is checked too: stdout and stderr of every command hold no control
character but newline, no DEL, no C1 control and no bidirectional override (text.h).

Ids the scenario parser refuses are left out and listed (the parser may tighten what an id
can hold; the writers are also tested one by one in test_csv, test_kml, test_geojson); the
core set (, " < & ' ü = + - @) must be accepted: they are ordinary text.
"""
import csv, html.parser, io, json, os, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

IDS = ['K,1', 'K"2', '<K3>&amp;', "K'4", 'Kürecik', '=HYPERLINK("http://x","y")', '+1-2', '@SUM(A1)',
       '-3', '-cmd|x', 'K\n5', 'cr\rx', 'tab\tx', 'bell\x07', '\u202eevil', '\u2066iso\u2069']
CORE = IDS[:10]
TITLE = 'T<i>tle & "q" \u202e, =x'
KML = '{http://www.opengis.net/kml/2.2}'
BAD_TERM = [chr(c) for c in range(32) if c != 10] + ['\x7f'] + [chr(c) for c in range(0x80, 0xa0)] + \
           [chr(c) for c in list(range(0x202a, 0x202f)) + list(range(0x2066, 0x206a)) + [0x200e, 0x200f, 0x61c]]

fails = 0

def fail(msg):
    global fails
    fails += 1
    print('FAIL', msg)

def unprefix(v):
    """the OWASP rule of csv.h, undone: one leading quote before = + - @ TAB CR"""
    return v[1:] if len(v) > 1 and v[0] == "'" and v[1] in '=+-@\t\r' else v

def scenario(ids, src):
    base = open(os.path.join(src, 'scenarios', 'iskander-kaliningrad.yaml'), encoding='utf-8').read()
    head = base[:base.index('threats:')]
    head = head.replace('title: "Iskander-M from Kaliningrad against Redzikowo and Warsaw"',
                        'title: ' + json.dumps(TITLE))
    head = head.replace('inventory: 24', 'inventory: 60').replace('launchers: 24', 'launchers: 60')
    out = head + 'threats:\n'
    for i, x in enumerate(ids):
        # every threat its own target, so that coverage keeps each as its own corridor
        out += '  - id: %s\n    missile: "iskander-m"\n    from: "chernyakhovsk"\n    to: %s\n    launch_s: %d\n' % (
            json.dumps(x), target(i), i)
    return out

def target(i):
    """the i-th threat's target: "LAT,LON" within the Iskander's reach of Chernyakhovsk"""
    return '"54.3,%.1f"' % (17.0 + 0.4 * i)

def label(i):
    return '54.3000,%.4f' % (17.0 + 0.4 * i)

def run(exe, args, cwd, want=0):
    p = subprocess.run([exe] + args, cwd=cwd, capture_output=True, timeout=600)
    out, err = p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')
    for name, text in (('stdout', out), ('stderr', err)):
        if name == 'stdout' and '--json' in args:
            text = text.replace('\t', '')   # cJSON indents with tabs; a tab inside a string is \t
        bad = sorted({repr(c) for c in text if c in BAD_TERM})
        if bad:
            fail(f'bmdsim {" ".join(args)}: raw {", ".join(bad)} on {name}')
    if p.returncode != want:
        fail(f'bmdsim {" ".join(args)}: exit {p.returncode}, want {want}: {err[:300]}')
    return out

def same(what, got, want):
    if sorted(got) != sorted(want):
        fail(f'{what}: ids do not round-trip\n  got  {sorted(got)!r}\n  want {sorted(want)!r}')

def csv_rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))

class Cells(html.parser.HTMLParser):
    """the text of every table cell, entities decoded"""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells, self.cur, self.code = [], None, []
    def handle_starttag(self, tag, attrs):
        if tag in ('td', 'code'):
            self.cur = []
    def handle_endtag(self, tag):
        if tag in ('td', 'code') and self.cur is not None:
            (self.cells if tag == 'td' else self.code).append(''.join(self.cur))
            self.cur = None
    def handle_data(self, d):
        if self.cur is not None:
            self.cur.append(d)

def report_cells(path):
    p = Cells()
    p.feed(open(path, encoding='utf-8', newline='').read())   # newline='': a CR stays a CR
    return p

def main():
    exe = os.path.abspath(sys.argv[1])
    src = os.environ.get('BMD_SOURCE_DIR') or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, 'data dir')            # a --data folder with a space in its name
        shutil.copytree(os.path.join(src, 'data'), data)
        # the ids the parser accepts, one by one
        ids = []
        for x in IDS:
            open(os.path.join(tmp, 'one.yaml'), 'w', encoding='utf-8').write(scenario([x], src))
            p = subprocess.run([exe, 'validate', 'one.yaml'], cwd=tmp, capture_output=True)
            if p.returncode == 0:
                ids.append(x)
            elif x in CORE:
                fail(f'the parser refuses the ordinary id {x!r}: {p.stderr!r}')
            else:
                print(f'left out (refused by the parser): {x!r}')
        open(os.path.join(tmp, 'hostile.yaml'), 'w', encoding='utf-8').write(scenario(ids, src))

        # run: events.csv, summary.json, tracks.geojson, run.kml, report.html, --json
        run(exe, ['run', 'hostile.yaml', '--data', data, '--out', 'o', '--plot', '--report', 'rep'], tmp)
        same('events.csv', {unprefix(r['threat']) for r in csv_rows(os.path.join(tmp, 'o/events.csv')) if r['threat']}, ids)
        prefixed = {r['threat'] for r in csv_rows(os.path.join(tmp, 'o/events.csv')) if r['threat'][:1] in '=+@'}
        if prefixed:
            fail(f'events.csv: formula cells not neutralised: {prefixed!r}')
        summ = json.load(open(os.path.join(tmp, 'o/summary.json'), encoding='utf-8'))
        same('summary.json', [t['id'] for t in summ['threats']], ids)
        if summ.get('title') != TITLE:
            fail(f'summary.json title {summ.get("title")!r}')
        g = json.load(open(os.path.join(tmp, 'o/tracks.geojson'), encoding='utf-8'))
        same('tracks.geojson', [f['properties']['id'] for f in g['features'] if f['properties']['kind'] == 'threat'], ids)
        for f in g['features']:
            if f['properties']['kind'] == 'interceptor' and f['properties']['threat'] not in ids:
                fail(f'tracks.geojson: interceptor of unknown threat {f["properties"]["threat"]!r}')
        k = ET.parse(os.path.join(tmp, 'o/run.kml')).getroot()
        names = [p.find(KML + 'name').text for p in k.iter(KML + 'Placemark')]
        xml_ids = [x if all(c in '\t\n\r' or ord(c) >= 32 for c in x) else
                   ''.join(c if c in '\t\n\r' or ord(c) >= 32 else '\ufffd' for c in x) for x in ids]
        for x in xml_ids:
            if not any(n.startswith(x + ' iskander-m (') for n in names):
                fail(f'run.kml: no track named for {x!r}')
        cells = report_cells(os.path.join(tmp, 'rep/report.html'))
        for x in ids:
            if x not in cells.cells:
                fail(f'report.html: id {x!r} not in a table cell')
        j = json.loads(run(exe, ['run', 'hostile.yaml', '--data', data, '--json'], tmp))
        same('run --json', [t['id'] for t in j['threats']], ids)
        run(exe, ['run', 'hostile.yaml', '--data', data], tmp)           # the table on stdout

        # plot (figures and report)
        run(exe, ['plot', 'hostile.yaml', '--data', data, '--out', 'p', '--report', 'prep'], tmp)
        for x in ids:
            if x not in report_cells(os.path.join(tmp, 'prep/report.html')).cells:
                fail(f'plot report.html: id {x!r} missing')

        # mc: trials.csv header outcome_<id>, mc.json, report
        run(exe, ['mc', 'hostile.yaml', '--data', data, '--trials', '20', '--threads', '2', '--out', 'm',
                  '--report', 'mrep'], tmp)
        with open(os.path.join(tmp, 'm/trials.csv'), newline='', encoding='utf-8') as f:
            head = next(csv.reader(f))
        same('trials.csv header', [unprefix(h)[len('outcome_'):] for h in head if unprefix(h).startswith('outcome_')], ids)
        mj = json.load(open(os.path.join(tmp, 'm/mc.json'), encoding='utf-8'))
        same('mc.json', [t['id'] for t in mj['threats']], ids)
        for x in ids:
            if x not in report_cells(os.path.join(tmp, 'mrep/report.html')).cells:
                fail(f'mc report.html: id {x!r} missing')

        # coverage: csv, json, geojson, report
        run(exe, ['coverage', 'hostile.yaml', '--data', data, '--no-sweep', '--out', 'c', '--report', 'crep'], tmp)
        same('coverage.csv', {unprefix(r['threat']) for r in csv_rows(os.path.join(tmp, 'c/coverage.csv'))}, ids)
        to = {unprefix(r['to']) for r in csv_rows(os.path.join(tmp, 'c/coverage.csv'))}
        if to != {label(i) for i in range(len(ids))}:
            fail(f'coverage.csv: targets {to!r}')
        cj = json.load(open(os.path.join(tmp, 'c/coverage.json'), encoding='utf-8'))
        same('coverage.json', [c['threat'] for c in cj['corridors']], ids)
        cg = json.load(open(os.path.join(tmp, 'c/coverage.geojson'), encoding='utf-8'))
        same('coverage.geojson', [f['properties']['threat'] for f in cg['features'] if f['properties']['kind'] == 'track'], ids)
        for x in ids:
            if x not in report_cells(os.path.join(tmp, 'crep/report.html')).cells:
                fail(f'coverage report.html: id {x!r} missing')

        # footprint: launch points named "LAT,LON" (a comma; a leading '-': a formula prefix)
        launches = ['54.63,21.81', '-33.87,151.21']
        run(exe, ['footprint', 'hostile.yaml', '--data', data, '--grid-deg', '2', '--region', '50,14,58,26',
                  '--launch', launches[0], '--launch', launches[1], '--out', 'f', '--report', 'frep'], tmp)
        rows = csv_rows(os.path.join(tmp, 'f/footprint.csv'))
        same('footprint.csv launch', {unprefix(r['launch']) for r in rows}, launches)
        if not any(r['launch'] == "'-33.87,151.21" for r in rows):
            fail('footprint.csv: the launch "-33.87,151.21" is not neutralised')
        fg = json.load(open(os.path.join(tmp, 'f/footprint.geojson'), encoding='utf-8'))
        same('footprint.geojson launches', [f['properties']['name'] for f in fg['features'] if f['properties']['kind'] == 'launch'], launches)
        fcells = report_cells(os.path.join(tmp, 'frep/report.html')).cells
        for x in launches:
            if x not in fcells:
                fail(f'footprint report.html: launch {x!r} missing')

        # fly: labels "LAT,LON"
        run(exe, ['fly', '--missile', 'ss-25', '--from', '55.0,37.0', '--to', '-1.0,36.8', '--out', 'fl'], tmp)
        tg = json.load(open(os.path.join(tmp, 'fl/trajectory.geojson'), encoding='utf-8'))
        props = {f['properties']['kind']: f['properties'] for f in tg['features']}
        if props['launch']['name'] != '55.0,37.0' or props['target']['name'] != '-1.0,36.8' or \
           props['trajectory']['to'] != '-1.0,36.8':
            fail(f'trajectory.geojson names {props!r}')
        tk = [p.find(KML + 'name').text for p in ET.parse(os.path.join(tmp, 'fl/trajectory.kml')).getroot().iter(KML + 'Placemark')]
        if 'launch: 55.0,37.0' not in tk or 'target: -1.0,36.8' not in tk:
            fail(f'trajectory.kml names {tk!r}')
        with open(os.path.join(tmp, 'fl/trajectory.csv'), newline='') as f:
            r = list(csv.reader(f))
        if r[0][-1] != 'phase' or any(len(x) != len(r[0]) for x in r):
            fail('trajectory.csv: ragged rows')

        # sweep over the hostile scenario: the store exported as CSV and JSON
        open(os.path.join(tmp, 'sweep.yaml'), 'w').write(
            'sweep: "hostile"\nsource: "test"\nbase: "hostile.yaml"\nanalysis: run\nseed: 3\n'
            'parameters:\n  - name: c2.sspk\n    values: [0.5, 0.9]\nmetrics: [killed, interceptors_spent]\n')
        run(exe, ['sweep', 'sweep.yaml', '--data', data, '--store', 's.sqlite'], tmp)
        sc = list(csv.DictReader(io.StringIO(run(exe, ['sweep', '--export', 'csv', '--store', 's.sqlite'], tmp))))
        sj = json.loads(run(exe, ['sweep', '--export', 'json', '--store', 's.sqlite'], tmp))
        if len(sc) != 2 or len(sj) != 2 or [float(r['c2.sspk']) for r in sc] != [p['parameters']['c2.sspk'] for p in sj] or \
           [float(r['killed']) for r in sc] != [p['metrics']['killed'] for p in sj]:
            fail(f'sweep export: CSV {sc!r} and JSON {sj!r} disagree')

        # errors that name input text stay one line
        err = subprocess.run([exe, 'run', 'no\nsuch\u202escenario'], cwd=tmp, capture_output=True)
        e = err.stderr.decode('utf-8', 'replace')
        if err.returncode != 2 or e.count('\n') != 1 or any(c in BAD_TERM for c in e):
            fail(f'error naming hostile text: {e!r}')
    print(f'hostile_ids: {len(ids)} ids through 7 commands, {fails} failures')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
