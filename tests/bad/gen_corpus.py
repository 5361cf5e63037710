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
# --- types: the schema types each value (issue 28): tags, quoted numbers, anchors, empty
# and null text, and values that cannot go together
sub('tag-evil.yaml', 'sspk: 0.7', 'sspk: !evil 0.7')
sub('tag-str.yaml', 'inventory: 24', 'inventory: !!str 24')
sub('tag-on-map.yaml', 'c2:\n', 'c2: !!map\n')
sub('tag-directive.yaml', 'scenario: "bad-base"', '%TAG !e! tag:example.com,2026:\n---\nscenario: "bad-base"')
sub('quoted-number.yaml', 'sspk: 0.7', 'sspk: "0.7"')
sub('quoted-number-single.yaml', 'inventory: 24', "inventory: '24'")
sub('block-number.yaml', '  salvo: 2', '  salvo: |\n    2')
sub('lone-anchor.yaml', 'salvo: 2', 'salvo: &s 2')
sub('lone-anchor-map.yaml', 'c2:\n', 'c2: &c2\n')
sub('empty-id.yaml', 'id: "K1"', 'id: ""')
sub('null-id.yaml', 'id: "K1"', 'id: ~')
sub('bare-id.yaml', 'id: "K1"', 'id:')
sub('empty-source.yaml', 'source: "as iskander-kaliningrad"', 'source: ""')
sub('sspk-pairs-conflict.yaml', '  source: "as iskander-kaliningrad"',
    '  sspk_pairs:\n    - {interceptor: sm-3-iia, threat: iskander-m, sspk: 0.6}\n'
    '    - {interceptor: sm-3-iia, threat: iskander-m, sspk: 0.8}\n  source: "as iskander-kaliningrad"')
sub('sspk-one-spread.yaml', 'threats:\n', 'uncertainty:\n  sspk_sigma: 0.1\n  source: "t"\nthreats:\n')
put('sspk-one-spread.yaml', open(os.path.join(here, 'sspk-one-spread.yaml')).read().replace('sspk: 0.7', 'sspk: 1.0'))
sub('reliability-spread.yaml', 'threats:\n', 'uncertainty:\n  reliability_sigma: 0.3\n  source: "t"\nthreats:\n')
sub('pair-spread.yaml', '  source: "as iskander-kaliningrad"\nthreats:\n',
    '  sspk_pairs:\n    - {interceptor: sm-3-iia, threat: iskander-m, sspk: 0}\n  source: "as iskander-kaliningrad"\n'
    'uncertainty:\n  sspk_sigma: 0.05\n  source: "t"\nthreats:\n')
sub('seed-2p64.yaml', 'seed: 2008', 'seed: 18446744073709551616')
sub('seed-negative.yaml', 'seed: 2008', 'seed: -1')
sub('seed-max.yaml', 'seed: 2008', 'seed: 18446744073709551615')       # legitimate: the largest seed
sub('launch-eq-target-antimeridian.yaml', '    from: "chernyakhovsk"\n    to: "redzikowo"',
    '    from: "65,180"\n    to: "65,-180"')
sub('launch-eq-target-pole.yaml', '    from: "chernyakhovsk"\n    to: "redzikowo"', '    from: "-90,0"\n    to: "-90,77"')
sub('launch-near-target.yaml', '    from: "chernyakhovsk"\n    to: "redzikowo"', '    from: "54,20"\n    to: "54.005,20"')
sub('name-case.yaml', 'missile: "iskander-m"', 'missile: "Iskander-M"')   # legitimate: names in any case

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
put('states-hex.csv', H + ok + '2,0x1.4p3,20,100000,1000,2000,3000,5000\n')
put('states-hex-beta.csv', H + ok + '2,10,20,100000,1000,2000,3000,0x1p12\n')
put('states-dup-id.csv', H + ok + '\n2,10,20,100000,1000,2000,3000,5000\n1,11,21,100000,1000,2000,3000,5000\n')
put('states-tiny-beta.csv', H + ok + '2,10,20,100000,1000,2000,3000,0.001\n')
put('states-beta-one.csv', H + ok + '2,10,20,100000,1000,2000,3000,1\n')  # legitimate: the least beta

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
put('sweep-quoted-value.yaml', SW.replace('[0.5, 0.7]', '[0.5, "0.7"]'))
put('sweep-tag.yaml', SW.replace('[0.5, 0.7]', '[0.5, !!float 0.7]'))
put('sweep-seed-2p64.yaml', SW.replace('analysis: run\n', 'analysis: run\nseed: 18446744073709551616\n'))
put('sweep-spread.yaml', SW.replace('analysis: run\n', 'analysis: mc\n').replace('[0.5, 0.7]', '[0.5, 1.0]')
    .replace('[killed, leaked]', '[p_zero_leakers]'))
put('sweep-base-case.yaml', SW.replace('"epaa-phase3"', '"EPAA-Phase3"'))       # legitimate: names in any case

# ---- architecture and attack files (arch.h; docs/scenario.md, "Architectures and attacks")
arch_sites = base[base.index('sites:'):base.index('threats:')]
put('arch-base.yaml', 'architecture: "mine"\ntitle: "an architecture"\n' + arch_sites)
put('arch-unknown-key.yaml', 'architecture: "mine"\ntitle: "an architecture"\nthreats: []\n' + arch_sites)
put('arch-no-sites.yaml', 'architecture: "mine"\ntitle: "an architecture"\nc2: {decision_latency_s: 30, doctrine: "salvo", salvo: 1, kill_assessment_s: 30, sspk: 0.7, reliability: 0.9}\n')
put('arch-bad-interceptor.yaml', ('architecture: "mine"\ntitle: "an architecture"\n' + arch_sites).replace('interceptor: "sm-3-iia"', 'interceptor: "sm-3-iix"', 1))
put('attack-base.yaml', 'attack: "mine"\ntitle: "an attack"\nseed: 5\n' + base[base.index('threats:'):])
put('attack-bad-missile.yaml', 'attack: "mine"\ntitle: "an attack"\nthreats:\n  - {id: "T1", missile: "shahab-9", from: "tabriz", to: "ankara"}\n')
put('attack-seed-text.yaml', 'attack: "mine"\ntitle: "an attack"\nseed: "5"\nthreats:\n  - {id: "T1", missile: "shahab-3", from: "tabriz", to: "ankara"}\n')
put('named-both.yaml', 'scenario: "x"\ntitle: "t"\narchitecture: "arch-base.yaml"\nattack: "attack-base.yaml"\n')
put('named-unknown.yaml', 'scenario: "x"\ntitle: "t"\narchitecture: "epaa-phase9"\nattack: "attack-base.yaml"\n')
put('named-twice.yaml', 'scenario: "x"\ntitle: "t"\narchitecture: "arch-base.yaml"\nattack: "attack-base.yaml"\n' + arch_sites)
put('named-bad-arch.yaml', 'scenario: "x"\ntitle: "t"\narchitecture: "arch-bad-interceptor.yaml"\nattack: "attack-base.yaml"\n')
