#!/usr/bin/env python3
"""One run, every command (docs/outcomes.md): the default scenario without its uncertainty
section, through
  - `bmdsim mc --trials 1 --seed S` (trials.csv: trial 0's run seed R, its counts and each
    threat's outcome; mc.json: the per-threat outcome counts and the means),
  - `bmdsim run --seed R --json --out` (summary JSON and events.csv: outcome and reason of
    every threat, the counts),
  - `bmdsim sweep` with one point (analysis run, seed R; and analysis mc, trials 1, seed S),
    exported as JSON,
  - `bmdsim serve --seed R` (the events feed read to its end: each threat's end event and
    the end counts; /api/state after the end: each threat's status and reason, the counts),
must give every threat the same outcome, every unengaged threat the same reason code, and
the same counts (killed, leaked, unengaged, reached_target = leaked + unengaged). Any one
command that diverges fails the test. Also: every command that reports outcomes or reason
codes names docs/outcomes.md in its --help.
usage: outcomes_consistency.py BMDSIM SOURCE_DIR
"""
import csv, json, os, re, shutil, subprocess, sys, tempfile, time, urllib.request

OUTCOMES = ('killed', 'leaked', 'unengaged')
SEED_MC = 1  # trial 0 of this seed meets all three outcomes on the scenario below
failures = 0


def check(cond, what):
    global failures
    print(('ok   ' if cond else 'FAIL ') + what, file=sys.stderr if not cond else sys.stdout)
    if not cond:
        failures += 1


def run(exe, *args, timeout=300):
    p = subprocess.run([exe, *args], capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f'bmdsim {" ".join(args)}: exit {p.returncode}: {p.stderr.strip()}')
    return p.stdout


def counts_of(outcome):
    """counts from {threat id: outcome}"""
    c = {o: sum(v == o for v in outcome.values()) for o in OUTCOMES}
    c['reached_target'] = c['leaked'] + c['unengaged']
    return c


def pick(d):
    return {k: int(d[k]) for k in (*OUTCOMES, 'reached_target')}


def sse_until_end(url, timeout_s=60):
    """the run's engine messages up to and including `end` (the feed replays the run from its
    restart, so a late reader misses nothing)"""
    msgs, data = [], []
    t0 = time.time()
    with urllib.request.urlopen(url, timeout=timeout_s) as r:
        for raw in r:
            line = raw.decode('utf-8').rstrip('\n')
            if line.startswith('data: '):
                data.append(line[6:])
            elif line == '' and data:
                m = json.loads(''.join(data))
                data = []
                msgs.append(m)
                if m.get('kind') == 'end':
                    return msgs
            if time.time() - t0 > timeout_s:
                break
    raise RuntimeError('the events feed did not reach its end')


def main():
    exe, src = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix='bmd-outcomes-')
    try:
        os.chdir(tmp)
        text = open(os.path.join(src, 'scenarios', 'epaa-phase3.yaml')).read()
        plain = re.sub(r'^uncertainty:\n(?:[ \t].*\n)*', '', text, flags=re.M)
        check('uncertainty:' not in plain, 'the scenario has no uncertainty section')
        with open('plain.yaml', 'w') as f:
            f.write(plain)
        scen = os.path.abspath('plain.yaml')

        # --- mc, one trial
        mc = json.loads(run(exe, 'mc', scen, '--trials', '1', '--seed', str(SEED_MC), '--threads', '1',
                            '--json', '--out', 'mc'))
        rows = list(csv.DictReader(open('mc/trials.csv')))
        check(len(rows) == 1, 'trials.csv has one trial')
        row = rows[0]
        run_seed = int(row['run_seed'])
        ids = [t['id'] for t in mc['threats']]
        mc_outcome = {i: row[f'outcome_{i}'] for i in ids}
        mc_json_outcome = {t['id']: [o for o in OUTCOMES if t['outcomes'][o] == 1] for t in mc['threats']}
        check(all(len(v) == 1 for v in mc_json_outcome.values()), 'mc.json: each threat has one outcome in its one trial')
        mc_json_outcome = {k: v[0] if v else None for k, v in mc_json_outcome.items()}
        mc_json_counts = {o: mc['outcomes'][o]['mean'] for o in OUTCOMES}
        mc_json_counts['reached_target'] = mc['reached_target']['mean']
        print(f'mc --seed {SEED_MC}: trial 0 run seed {run_seed}: {pick(row)}')

        # --- run with the trial's run seed
        rj = json.loads(run(exe, 'run', scen, '--seed', str(run_seed), '--json', '--out', 'run'))
        run_outcome = {t['id']: t['outcome'] for t in rj['threats']}
        run_reason = {t['id']: t['reason'] for t in rj['threats'] if t['outcome'] == 'unengaged'}
        ev = list(csv.DictReader(open('run/events.csv')))
        ends = [e for e in ev if e['event'] in ('threat-destroyed', 'reached-target')]
        check(sorted(e['threat'] for e in ends) == sorted(ids), 'events.csv: one end event per threat')
        csv_outcome = {e['threat']: e['outcome'] for e in ends}
        csv_reason = {e['threat']: e['reason'] for e in ends if e['outcome'] == 'unengaged'}
        print(f'run --seed {run_seed}: {pick(rj["summary"])}; unengaged: {run_reason}')
        gj = json.load(open('run/tracks.geojson'))
        gthreats = [f['properties'] for f in gj['features'] if f['properties']['kind'] == 'threat']
        check({t['id']: t['outcome'] for t in gthreats} == run_outcome, 'tracks.geojson: the same outcome for every threat')
        check({t['id']: t['reason'] for t in gthreats if t['outcome'] == 'unengaged'} == run_reason
              and all(t['reason'] is None for t in gthreats if t['outcome'] != 'unengaged'),
              'tracks.geojson: the same reason for every unengaged threat, null for the others')
        check(len(set(run_outcome.values())) >= 2, f'the run has more than one outcome ({sorted(set(run_outcome.values()))})')
        check(len(run_reason) >= 1 and all(isinstance(r, str) and r for r in run_reason.values()),
              'every unengaged threat has a reason code in run --json')

        # --- sweeps with one point: run at seed R, mc (1 trial) at seed S
        for name, body in (('run1', f'analysis: run\nseed: {run_seed}\n'),
                           ('mc1', f'analysis: mc\noptions: {{trials: 1}}\nseed: {SEED_MC}\n')):
            with open(f'{name}.yaml', 'w') as f:
                f.write(f'sweep: "{name}"\nsource: "tests/cli/outcomes_consistency.py"\nbase: "{scen}"\n{body}')
            run(exe, 'sweep', f'{name}.yaml', '--store', f'{name}.sqlite', '--threads', '1')
        sw_run = json.loads(run(exe, 'sweep', '--export', 'json', '--store', 'run1.sqlite'))
        sw_mc = json.loads(run(exe, 'sweep', '--export', 'json', '--store', 'mc1.sqlite'))
        check(len(sw_run) == 1 and len(sw_mc) == 1, 'each sweep has one point')
        sw_run_counts = pick(sw_run[0]['metrics'])
        m = sw_mc[0]['metrics']
        sw_mc_counts = {o: m[f'{o}_mean'] for o in (*OUTCOMES, 'reached_target')}

        # --- serve with the run seed: the feed to its end, then the state
        srv = subprocess.Popen([exe, 'serve', scen, '--seed', str(run_seed), '--port', '0', '--speed', '1000', '--json'],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            info = json.loads(srv.stdout.readline())
            base = info['url'].rstrip('/')
            check(info['seed'] == run_seed, 'serve runs the run seed')
            msgs = sse_until_end(base + '/api/events')
            feed_ends = [x for x in msgs if x.get('kind') in ('threat-destroyed', 'reached-target')]
            feed_outcome = {ids[x['threat']]: x.get('outcome') for x in feed_ends}
            feed_reason = {ids[x['threat']]: x.get('reason') for x in feed_ends if x.get('outcome') == 'unengaged'}
            check(len(feed_ends) == len(ids), 'the feed has one end event per threat')
            end = msgs[-1]
            feed_counts = pick(end)
            check('not_engaged' not in end, 'the end message has no retired key')
            with urllib.request.urlopen(base + '/api/state', timeout=10) as r:
                st = json.load(r)
            check(st['ended'] is True, '/api/state: the run has ended')
            state_outcome = {t['name']: t['status'] for t in st['threats']}
            state_reason = {t['name']: t.get('reason') for t in st['threats'] if t['status'] == 'unengaged'}
            state_counts = pick(st['counts'])
            with urllib.request.urlopen(base + '/api/scenario', timeout=10) as r:
                meta = json.load(r)['bmdsim']
            check(list(meta.get('outcomes', {})) == [*OUTCOMES, 'reached_target'] and meta.get('outcomes_doc') == 'docs/outcomes.md',
                  '/api/scenario gives the outcome words and the document')
        finally:
            srv.terminate()
            srv.wait(timeout=20)

        # --- the same per-threat outcomes everywhere
        want = run_outcome
        for name, got in (('run events.csv', csv_outcome), ('mc trials.csv', mc_outcome),
                          ('mc.json threats', mc_json_outcome), ('serve feed', feed_outcome),
                          ('serve /api/state', state_outcome)):
            diff = {i: (want.get(i), got.get(i)) for i in ids if want.get(i) != got.get(i)}
            check(not diff, f'{name}: the same outcome for every threat as run --json{"" if not diff else f" (differs: {diff})"}')
        for name, got in (('run events.csv', csv_reason), ('serve feed', feed_reason), ('serve /api/state', state_reason)):
            check(got == run_reason, f'{name}: the same reason for every unengaged threat ({got} vs {run_reason})')

        # --- the same counts everywhere, and they are the threats' outcomes counted
        want_c = counts_of(run_outcome)
        for name, got in (('run summary', pick(rj['summary'])), ('mc trials.csv', pick(row)),
                          ('mc.json means', mc_json_counts), ('sweep run point', sw_run_counts),
                          ('sweep mc point', sw_mc_counts), ('serve end', feed_counts), ('serve /api/state', state_counts)):
            check(all(got[k] == want_c[k] for k in want_c), f'{name}: counts {got} = {want_c}')
        check(mc['p_none_reached_target']['value'] == (1.0 if want_c['reached_target'] == 0 else 0.0),
              'mc: p_none_reached_target of one trial is whether no threat reached its target')

        # --- every command that reports outcomes or reason codes names the one definition
        for cmd in ('run', 'plot', 'mc', 'sweep', 'serve', 'engage', 'coverage'):
            check('docs/outcomes.md' in run(exe, cmd, '--help'), f'bmdsim {cmd} --help names docs/outcomes.md')
    finally:
        os.chdir('/')
        shutil.rmtree(tmp, ignore_errors=True)
    print(f'outcomes_consistency: {failures} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
