# the default scenario without its uncertainty section, for the analytic case below
setup: sed '/^uncertainty:/,/^threats:/{/^threats:/!d}' $SRC/scenarios/epaa-phase3.yaml > plain.yaml

# mc: JSON keys and ranges on the default scenario (with its uncertainty section)
args: mc epaa-phase3 --trials 200 --seed 1 --threads 2 --json --out o1
exit: 0
json: scenario == "epaa-phase3"
json: model == "engine"
json: trials == 200
json: seed == 1
json: threads == 2
# what the answer rests on: the scenario's uncertainty section counts for mc
check: python3 -c "import json; d=json.load(open('o1/mc.json')); f={x['field'] for x in d['assumptions']}; assert 'uncertainty.sspk_sigma' in f and 'c2.sspk' in f, f; assert any(x['entry'] == 'sm-3-iia' for x in d['catalog_entries'])"
json: p_none_reached_target.value >= 0
json: p_none_reached_target.value <= 1
json: p_none_reached_target.ci95_lo <= 1
json: p_none_reached_target.ci95_hi > 0
json: reached_target.mean >= 0
json: reached_target.mean <= 8
json: outcomes.killed.mean >= 0
json: outcomes.leaked.mean >= 0
json: outcomes.unengaged.mean >= 0
json: interceptors_spent.mean > 0
json: interceptors_spent.per_site.deveselu.inventory == 24
json: threats.0.id == "T1"
json: threats.7.id == "T8"
json: threats.0.p_kill > 0.3
json: threats.0.p_kill_analytic == null
json: uncertainty.sspk_sigma == 0.1
json: trials_per_s > 0
file: o1/mc.json
file: o1/trials.csv
check: python3 -c "import json; d=json.load(open('o1/mc.json')); assert sum(d['reached_target']['histogram']) == 200 and len(d['reached_target']['histogram']) == 9; assert sum(d['interceptors_spent']['histogram']) == 200; assert all(t['ci95_lo'] <= t['p_kill'] <= t['ci95_hi'] for t in d['threats']); assert all(sum(t['outcomes'].values()) == 200 and abs(t['outcomes']['killed'] / 200 - t['p_kill']) < 1e-12 for t in d['threats']); o=d['outcomes']; assert abs(o['leaked']['mean'] + o['unengaged']['mean'] - d['reached_target']['mean']) < 1e-12 and abs(o['killed']['mean'] + d['reached_target']['mean'] - 8) < 1e-12; assert 'p_zero_leakers' not in d and 'leakers' not in d"
check: head -1 o1/trials.csv | grep -q '^trial,seed,run_seed,killed,leaked,unengaged,reached_target,spent,spent_deveselu,spent_redzikowo,spent_med-ship,outcome_T1,'
check: test $(wc -l < o1/trials.csv) -eq 201
check: python3 -c "import csv; r=list(csv.DictReader(open('o1/trials.csv'))); o=lambda x, w: sum(x['outcome_T%d' % i] == w for i in range(1, 9)); assert all(int(x[w]) == o(x, w) for x in r for w in ('killed', 'leaked', 'unengaged')); assert all(int(x['reached_target']) == int(x['leaked']) + int(x['unengaged']) for x in r); assert all(x['outcome_T%d' % i] in ('killed', 'leaked', 'unengaged') for x in r for i in range(1, 9))"

# the same seed on one thread: the same trials, row for row
args: mc epaa-phase3 --trials 200 --seed 1 --threads 1 --out o2
exit: 0
stdout: ^P\(no threat reaches its target\)
stdout: 200 trials, seed 1, 1 thread;
check: cmp o1/trials.csv o2/trials.csv

# no uncertainty: the analytic values appear
args: mc plain.yaml --trials 50 --seed 3 --threads 2 --json
exit: 0
json: analytic_applies == true
json: threats.0.p_kill_analytic ~ 0.8631 +- 0.0001

# the reference engine (the engine of commit 2d8827a) is selectable and says so
args: mc epaa-phase3 --model reference --trials 16 --seed 1 --threads 2 --json
exit: 0
json: model == "reference"
json: trials == 16

# bad arguments: one line, exit 2
args: mc epaa-phase3 --trials 0
exit: 2
stderr: ^bmdsim: --trials: '0' is not a whole number from 1 to
stderr-lines: 1
args: mc epaa-phase3 --trials 10 --threads -2
exit: 2
stderr: --threads
stderr-lines: 1
args: mc epaa-phase3 --trials 10 --seed x
exit: 2
stderr-lines: 1
args: mc nowhere-scenario --trials 10
exit: 2
stderr: 'nowhere-scenario' is neither a scenario file nor a built-in scenario
args: mc --help
exit: 0
stdout: ^usage: bmdsim mc

# the plan model: a million trials (shot draws on the fixed plan)
args: mc russia-deterrent --model plan --trials 1000000 --seed 3 --json
exit: 0
json: trials == 1000000
json: reached_target.mean >= 0
json: reached_target.mean <= 10
args: mc epaa-phase3 --model plan --trials 10
exit: 2
stderr-lines: 1
stderr: launch-time, early-warning and decision-latency uncertainty need the engine model
args: mc epaa-phase3 --model fast
exit: 2
stderr: --model: 'fast' is not engine, plan or reference
