#!/usr/bin/env python3
"""Regenerate the committed bad-input files in tests/bad/files/ from files/base.yaml.

Run once by hand after changing base.yaml (the files are committed so that a reader sees
real inputs); the large inputs (100 MB) are made at test time by run_bad_inputs.py instead.
"""
import os, random

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'files')
base = open(os.path.join(here, 'base.yaml')).read()

def put(name, data):
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(os.path.join(here, name), mode) as f:
        f.write(data)

def sub(name, old, new):
    assert old in base, old
    put(name, base.replace(old, new, 1))

# --- YAML syntax
put('truncated.yaml', base[:base.index('  sspk: 0.7') + 8])          # cut inside the c2 block
put('truncated-flow.yaml', 'scenario: "x"\ntitle: [\n')
sub('tab-indent.yaml', '  salvo: 2', '\tsalvo: 2')
sub('dup-key.yaml', '  salvo: 2', '  salvo: 2\n  salvo: 3')
sub('dup-toplevel.yaml', 'seed: 2008', 'seed: 2008\nseed: 2009')
put('empty.yaml', '')
put('only-comment.yaml', '# nothing here\n')
put('scalar-doc.yaml', 'just a string\n')
put('list-doc.yaml', '- 1\n- 2\n')
put('two-docs.yaml', base + '---\n' + base)
# --- numbers
sub('num-1e400.yaml', 'sspk: 0.7', 'sspk: 1e400')
sub('num-neg-1e400.yaml', 'decision_latency_s: 15', 'decision_latency_s: -1e400')
sub('num-1e308-inventory.yaml', 'inventory: 24', 'inventory: 1e308')
sub('num-nan-dot.yaml', 'sspk: 0.7', 'sspk: .nan')
sub('num-nan-word.yaml', 'sspk: 0.7', 'sspk: nan')
sub('num-NaN-word.yaml', 'reliability: 0.9', 'reliability: NaN')
sub('num-inf-dot.yaml', 'kill_assessment_s: 15', 'kill_assessment_s: .inf')
sub('num-neg-inf-dot.yaml', 'kill_assessment_s: 15', 'kill_assessment_s: -.inf')
sub('num-inf-word.yaml', 'kill_assessment_s: 15', 'kill_assessment_s: inf')
sub('num-infinity-word.yaml', 'kill_assessment_s: 15', 'kill_assessment_s: Infinity')
sub('num-hex.yaml', 'kill_assessment_s: 15', 'kill_assessment_s: 0x1p4')
sub('num-trailing.yaml', 'kill_assessment_s: 15', 'kill_assessment_s: 15 s')
sub('num-negative-latency.yaml', 'decision_latency_s: 15', 'decision_latency_s: -15')
sub('num-negative-inventory.yaml', 'inventory: 24', 'inventory: -24')
sub('num-fraction-salvo.yaml', 'salvo: 2', 'salvo: 2.5')
sub('num-seed-huge.yaml', 'seed: 2008', 'seed: 1e30')
sub('num-launch-nan.yaml', '    to: "redzikowo"', '    to: "redzikowo"\n    launch_s: .NaN')
sub('num-denormal.yaml', 'sspk: 0.7', 'sspk: 4.9e-324')       # legitimate: a tiny SSPK
# --- places
sub('lat-out-of-range.yaml', '    to: "redzikowo"', '    to: "91,20"')
sub('lon-out-of-range.yaml', '    to: "redzikowo"', '    to: "54,181"')
sub('latlon-nan.yaml', '    to: "redzikowo"', '    to: "nan,20"')
sub('latlon-inf.yaml', '    to: "redzikowo"', '    to: "54,inf"')
sub('site-lat-out.yaml', '      site: "redzikowo"\n      boresight',
    '      lat_deg: 95\n      lon_deg: 17\n      boresight')
sub('launch-eq-target.yaml', '    to: "redzikowo"', '    to: "chernyakhovsk"')
sub('to-pole.yaml', '    to: "redzikowo"', '    to: "90,0"')
# --- names
sub('unknown-missile.yaml', 'missile: "iskander-m"', 'missile: "iskander-mm"')
sub('unknown-site.yaml', 'from: "chernyakhovsk"', 'from: "atlantis"')
sub('unknown-radar.yaml', 'type: "spy-1"', 'type: "spy-99"')
sub('unknown-interceptor.yaml', 'interceptor: "sm-3-iia"', 'interceptor: "sm-9"')
sub('interceptor-as-threat.yaml', 'missile: "iskander-m"', 'missile: "sm-3-iia"')
sub('unknown-ew.yaml', 'early_warning: "sbirs"', 'early_warning: "sbirs-x"')
sub('unknown-key.yaml', '  salvo: 2', '  salvo: 2\n  colour: red')
# --- long strings and keys
sub('long-string.yaml', 'title: "Iskander-M from Kaliningrad against Redzikowo"', 'title: "' + 'x' * 100000 + '"')
sub('long-key.yaml', '  salvo: 2', '  salvo: 2\n  ' + 'k' * 100000 + ': 1')
sub('long-missile-name.yaml', 'missile: "iskander-m"', 'missile: "' + 'm' * 5000 + '"')
# --- structure
put('deep-nesting.yaml', 'scenario: ' + '[' * 20000 + ']' * 20000 + '\n')
put('deep-nesting-map.yaml', 'scenario: ' + '{a: ' * 20000 + '1' + '}' * 20000 + '\n')
put('deep-nesting-block.yaml', ''.join(' ' * i + 'k:\n' for i in range(400)) + ' ' * 400 + 'v\n')
laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i in range(1, 10):
    laughs.append('a%d: &a%d [%s]' % (i, i, ','.join(['*a%d' % (i - 1)] * 10)))
put('billion-laughs.yaml', '\n'.join(laughs) + '\n')
put('alias-bomb-in-scenario.yaml', base.replace('  - id: "K1"', '  - &t\n    id: "K1"') + '  - *t\n')
sub('alias-as-value.yaml', '  sspk: 0.7', '  sspk: &p 0.7\n  reliability_x: *p')
sub('alias-key-merge.yaml', 'c2:\n', 'c2:\n  <<: {salvo: 3}\n')
sub('tag-binary.yaml', 'sspk: 0.7', 'sspk: !!binary AAAA')
put('sites-not-list.yaml', base[:base.index('sites:\n')] + 'sites: 7\n' + base[base.index('c2:\n'):])
put('threats-empty.yaml', base[:base.index('threats:\n')] + 'threats: []\n')
# --- bytes
rnd = random.Random(20260101)
put('random-bytes.yaml', bytes(rnd.randrange(256) for _ in range(4096)))
put('nul-bytes.yaml', base.encode()[:200] + b'\0\0\0' + base.encode()[200:])
put('invalid-utf8.yaml', base.replace('Iskander-M from', 'Iskander-M \x00from').encode().replace(b'\x00', b'\xc3\x28'))
put('utf16.yaml', base.encode('utf-16'))
put('bom-utf8.yaml', b'\xef\xbb\xbf' + base.encode())           # legitimate
put('crlf.yaml', base.replace('\n', '\r\n'))                       # legitimate

# --- states CSV (bmdsim propagate)
H = 'id,lat_deg,lon_deg,alt_m,v_east_mps,v_north_mps,v_up_mps,beta_kgm2\n'
ok = '1,10,20,100000,1000,2000,3000,5000\n'
put('states-empty.csv', '')
put('states-header-only.csv', H)                                   # legitimate: no rows
put('states-bad-header.csv', 'id,lat,lon\n' + ok)
put('states-few-columns.csv', H + ok + '2,10,20,100000,1000,2000\n')
put('states-many-columns.csv', H + ok + '2,10,20,100000,1000,2000,3000,5000,7\n')
put('states-empty-lines.csv', H + '\n' + ok + '\n\n' + '3,10,20,100000,1000,2000,3000,5000\n')  # legitimate
put('states-crlf.csv', (H + ok).replace('\n', '\r\n'))             # legitimate
put('states-nan.csv', H + ok + '2,nan,20,100000,1000,2000,3000,5000\n')
put('states-NaN.csv', H + ok + '2,10,NaN,100000,1000,2000,3000,5000\n')
put('states-inf.csv', H + ok + '2,10,20,inf,1000,2000,3000,5000\n')
put('states-neg-infinity.csv', H + ok + '2,10,20,100000,-Infinity,2000,3000,5000\n')
put('states-1e400.csv', H + ok + '2,10,20,100000,1000,2000,1e400,5000\n')
put('states-1e308-beta.csv', H + ok + '2,10,20,100000,1000,2000,3000,1e308\n')  # legitimate: drag-free
put('states-neg-beta.csv', H + ok + '2,10,20,100000,1000,2000,3000,-5\n')
put('states-lat-out.csv', H + ok + '2,90.5,20,100000,1000,2000,3000,5000\n')
put('states-id-overflow.csv', H + ok + '99999999999999999999999,10,20,100000,1000,2000,3000,5000\n')
put('states-long-line.csv', H + ok + '2,' + '1' * 5000 + ',20,100000,1000,2000,3000,5000\n')
put('states-nul.csv', (H + ok).encode() + b'2,10,\x0020,100000,1000,2000,3000,5000\n')
put('states-random.csv', bytes(rnd.randrange(256) for _ in range(4096)))
put('states-pole.csv', H + '1,90,0,100000,0,0,1000,5000\n2,-90,0,100000,0,0,1000,5000\n')  # legitimate
put('states-escape.csv', H + '1,10,20,100000,0,0,19999,1e308\n')  # hyperbolic: never lands

# --- sweep YAML (bmdsim sweep)
SW = 'sweep: "bad"\nsource: "tests/bad"\nbase: "epaa-phase3"\nanalysis: run\nparameters:\n  - name: c2.sspk\n    values: [0.5, 0.7]\nmetrics: [killed, leaked]\n'
put('sweep-base.yaml', SW)
put('sweep-nan-value.yaml', SW.replace('[0.5, 0.7]', '[0.5, .nan]'))
put('sweep-inf-step.yaml', SW.replace('    values: [0.5, 0.7]', '    from: 0.1\n    to: 0.9\n    step: .inf'))
put('sweep-zero-step.yaml', SW.replace('    values: [0.5, 0.7]', '    from: 0.1\n    to: 0.9\n    step: 0'))
put('sweep-tiny-step.yaml', SW.replace('    values: [0.5, 0.7]', '    from: 0.0\n    to: 1.0\n    step: 1e-300'))
put('sweep-neg-step.yaml', SW.replace('    values: [0.5, 0.7]', '    from: 0.1\n    to: 0.9\n    step: -0.1'))
put('sweep-unknown-param.yaml', SW.replace('c2.sspk', 'c2.colour'))
put('sweep-unknown-metric.yaml', SW.replace('leaked]', 'leaked, happiness]'))
put('sweep-retired-metric.yaml', SW.replace('leaked]', 'leaked, not_engaged]'))
put('sweep-unknown-site.yaml', SW.replace('c2.sspk\n    values: [0.5, 0.7]', 'site.atlantis.enabled\n    values: [true, false]'))
put('sweep-unknown-base.yaml', SW.replace('epaa-phase3', 'epaa-phase9'))
put('sweep-base-missing-file.yaml', SW.replace('"epaa-phase3"', '"no/such/file.yaml"'))
put('sweep-dup-key.yaml', SW.replace('analysis: run\n', 'analysis: run\nanalysis: mc\n'))
put('sweep-huge-grid.yaml', SW.replace('parameters:\n  - name: c2.sspk\n    values: [0.5, 0.7]\n',
    'parameters:\n' + ''.join('  - name: %s\n    from: %s\n    to: %s\n    step: 0.001\n' % n
                              for n in (('c2.sspk', 0, 1), ('c2.reliability', 0, 1), ('interceptor_speed_scale', 0.5, 1.5)))))
put('sweep-billion-laughs.yaml', '\n'.join(laughs) + '\n' + SW)
put('sweep-empty.yaml', '')
put('sweep-random.yaml', bytes(rnd.randrange(256) for _ in range(2048)))
