# bmdsim sweep: the example sweep (18 points of `bmdsim run`, < 30 s), export, resume rules
# and bad input. Distribution over MPI and kill -9 + --resume: tests/cli/sweep_dist.py.
setup: printf 'source: "test"\nbase: epaa-phase3\nanalysis: run\nparameters:\n  - {name: raid_size, values: [2, 3]}\nmetrics: [killed, leaked, unengaged, reached_target]\n' > small.yaml
setup: printf 'source: "test"\nbase: epaa-phase3\nanalysis: run\nparameters:\n  - {name: c2.sspk, values: [0.5, 2]}\n' > bad.yaml
setup: printf 'source: "test"\nbase: epaa-phase3\nanalysis: run\nmetrics: [killed, not_engaged]\n' > old.yaml
setup: mkdir sub && printf 'source: "relative base"\nbase: ../plain.yaml\nanalysis: mc\noptions: {trials: 20}\nmetrics: [p_none_reached_target, reached_target_mean, killed_mean, leaked_mean, unengaged_mean]\n' > sub/rel.yaml
setup: sed '/^uncertainty:/,/^threats:/{/^threats:/!d}' $SRC/scenarios/epaa-phase3.yaml > plain.yaml

args: sweep $SRC/sweeps/example.yaml --store ex.sqlite --json
exit: 0
json: points == 18
json: computed == 18
json: stored_before == 0
json: failed == 0
json: done == 18
json: ranks == 1
# (the < 30 s target of sweeps/example.yaml is a benchmark: bench/run, BENCHMARKS.md)
json: seconds > 0
file: ex.sqlite
check: sqlite3 ex.sqlite 'PRAGMA journal_mode' | grep -qx wal

args: sweep --export csv --store ex.sqlite
exit: 0
stdout: ^idx,status,site.redzikowo.enabled,interceptor_speed_scale,c2.sspk,killed,leaked,unengaged,reached_target,interceptors_spent$
stdout: ^0,done,true,0.9,0.5,
stdout: ^17,done,false,1.1,0.9,
check: test $(sqlite3 ex.sqlite 'select count(*) from points where status="done"') -eq 18
check: test $(sqlite3 ex.sqlite 'select count(*) from metrics') -eq 90

args: sweep --export json --store ex.sqlite
exit: 0
json: 0.idx == 0
json: 17.idx == 17
json: 0.metrics.killed >= 0
check: python3 -c "import json,subprocess,sys; d=json.loads(subprocess.run(sys.argv[1:], capture_output=True, text=True).stdout); assert [p['idx'] for p in d] == list(range(18)); assert all(p['status'] == 'done' and p['metrics']['killed'] + p['metrics']['leaked'] + p['metrics']['unengaged'] == 8 and p['metrics']['reached_target'] == p['metrics']['leaked'] + p['metrics']['unengaged'] for p in d); assert all(p['metrics']['interceptors_spent'] <= 56 for p in d); off = [p for p in d if not p['parameters']['site.redzikowo.enabled']]; on = [p for p in d if p['parameters']['site.redzikowo.enabled']]; assert sum(p['metrics']['unengaged'] for p in off) > sum(p['metrics']['unengaged'] for p in on)" $BMDSIM sweep --export json --store ex.sqlite

# the same sweep again: refused without --resume; with it, nothing left to do
args: sweep $SRC/sweeps/example.yaml --store ex.sqlite
exit: 2
stderr: ^bmdsim: ex.sqlite: the store already holds this sweep \(18 of 18 points done\); add --resume
stderr-lines: 1
args: sweep $SRC/sweeps/example.yaml --store ex.sqlite --resume --json
exit: 0
json: computed == 0
json: stored_before == 18
json: done == 18

# another sweep file into that store: refused, the store untouched
args: sweep small.yaml --store ex.sqlite --resume
exit: 2
stderr: ^bmdsim: ex.sqlite: the store holds another sweep \(file hash [0-9a-f]{16}, not [0-9a-f]{16} of small.yaml\); use another --store
stderr-lines: 1
check: test $(sqlite3 ex.sqlite 'select count(*) from points') -eq 18

# a small sweep: raid sizes 2 and 3
args: sweep small.yaml --store small.sqlite
exit: 0
stdout: ^sweep small: run at 2 points; 0 stored before, 2 computed now, 0 failed; 2 of 2 done
args: sweep --export csv --store small.sqlite
exit: 0
stdout: ^idx,status,raid_size,killed,leaked,unengaged,reached_target$
check: python3 -c "import csv,subprocess,sys; r=list(csv.DictReader(subprocess.run(sys.argv[1:], capture_output=True, text=True).stdout.splitlines())); assert [int(x['killed'])+int(x['leaked'])+int(x['unengaged']) for x in r] == [2, 3]; assert all(int(x['reached_target']) == int(x['leaked']) + int(x['unengaged']) for x in r)" $BMDSIM sweep --export csv --store small.sqlite

# Monte Carlo at each point, base scenario relative to the sweep file
args: sweep sub/rel.yaml --store rel.sqlite --threads 2 --json
exit: 0
json: points == 1
json: computed == 1
args: sweep --export json --store rel.sqlite
exit: 0
json: 0.metrics.p_none_reached_target >= 0
json: 0.metrics.p_none_reached_target <= 1
json: 0.metrics.reached_target_mean <= 8
check: python3 -c "import json,subprocess,sys; m=json.loads(subprocess.run(sys.argv[1:], capture_output=True, text=True).stdout)[0]['metrics']; assert abs(m['leaked_mean'] + m['unengaged_mean'] - m['reached_target_mean']) < 1e-12 and abs(m['killed_mean'] + m['reached_target_mean'] - 8) < 1e-12" $BMDSIM sweep --export json --store rel.sqlite

# bad input: one line, exit 2, no store written
args: sweep bad.yaml --store bad.sqlite
exit: 2
stderr: ^bmdsim: bad.yaml:5:35: parameter 'c2.sspk': value '2' is out of range$
stderr-lines: 1
nofile: bad.sqlite
# a metric name retired with the outcome vocabulary: its successor named
args: sweep old.yaml --store old.sqlite
exit: 2
stderr: ^bmdsim: old.yaml:4:19: metric 'not_engaged' is now 'unengaged' \(a metric of analysis run; docs/outcomes.md\)$
stderr-lines: 1
nofile: old.sqlite
args: sweep nowhere.yaml --store x.sqlite
exit: 2
stderr: ^bmdsim: nowhere.yaml: cannot open
stderr-lines: 1
args: sweep small.yaml
exit: 2
stderr: ^bmdsim: sweep: --store is required
stderr-lines: 1
args: sweep --export xml --store ex.sqlite
exit: 2
stderr: ^bmdsim: --export: 'xml' is not csv or json$
args: sweep --export csv --store missing.sqlite
exit: 2
stderr: ^bmdsim: missing.sqlite: no such store$
nofile: missing.sqlite
args: sweep small.yaml --store small.sqlite --threads many
exit: 2
stderr-lines: 1
args: sweep --help
exit: 0
stdout: ^usage: bmdsim sweep \[SWEEP.yaml\] --store FILE
