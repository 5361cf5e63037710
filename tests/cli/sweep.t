# bmdsim sweep: the example sweep (18 points of `bmdsim run`, < 30 s), export, resume rules
# and bad input. Distribution over MPI and kill -9 + --resume: tests/cli/sweep_dist.py.
setup: printf 'source: "test"\nbase: epaa-phase3\nanalysis: run\nparameters:\n  - {name: raid_size, values: [2, 3]}\nmetrics: [killed, leaked, unengaged, reached_target]\n' > small.yaml
setup: printf 'source: "test"\nbase: epaa-phase3\nanalysis: run\nparameters:\n  - {name: c2.sspk, values: [0.5, 2]}\n' > bad.yaml
setup: printf 'source: "test"\nbase: epaa-phase3\nanalysis: run\nmetrics: [killed, not_engaged]\n' > old.yaml
setup: mkdir sub && printf 'source: "relative base"\nbase: ../plain.yaml\nanalysis: mc\noptions: {trials: 20}\nmetrics: [p_none_reached_target, reached_target_mean, killed_mean, leaked_mean, unengaged_mean]\n' > sub/rel.yaml
setup: sed '/^uncertainty:/,/^threats:/{/^threats:/!d}' $SRC/scenarios/epaa-phase3.yaml > plain.yaml
setup: printf 'source: "test"\nbase: epaa-phase3\nanalysis: run\nparameters:\n  - {name: raid_size, values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}\nmetrics: [killed, leaked]\n' > ten.yaml

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

# the small sweep as two shards, merged: the one-process store's export (the full check,
# with a killed shard and the tables compared, is in sweep_dist.py)
args: sweep small.yaml --shard 1/2 --store p1.sqlite --json
exit: 0
json: points == 1
json: sweep_points == 2
json: shard == "1/2"
args: sweep small.yaml --shard 2/2 --store p2.sqlite
exit: 0
stdout: ^sweep small: run at 1 points \(shard 2/2 of 2\); 0 stored before, 1 computed now
args: sweep --export csv --store p2.sqlite
exit: 0
stdout: ^1,done,3,
check: test "$("$BMDSIM" sweep --export csv --store p2.sqlite | wc -l)" -eq 2
args: sweep small.yaml --merge --store merged.sqlite p2.sqlite p1.sqlite
exit: 0
stdout: ^sweep small: merged 2 stores into merged.sqlite; 2 of 2 points done, 0 pending$
check: "$BMDSIM" sweep --export csv --store small.sqlite > a.csv && "$BMDSIM" sweep --export csv --store merged.sqlite > b.csv && cmp a.csv b.csv
check: "$BMDSIM" sweep --export json --store small.sqlite > a.json && "$BMDSIM" sweep --export json --store merged.sqlite > b.json && cmp a.json b.json
# ten parts, more than the parser keeps in its operand list (8), with an option after them:
# every part is merged
args: sweep ten.yaml --store ten.sqlite
exit: 0
check: for i in 1 2 3 4 5 6 7 8 9 10; do "$BMDSIM" sweep ten.yaml --shard $i/10 --store t$i.sqlite > /dev/null || exit 1; done
args: sweep ten.yaml --merge --store tenm.sqlite t1.sqlite t2.sqlite t3.sqlite t4.sqlite t5.sqlite t6.sqlite t7.sqlite t8.sqlite t9.sqlite t10.sqlite --allow-partial
exit: 0
stdout: ^sweep ten: merged 10 stores into tenm.sqlite; 10 of 10 points done, 0 pending$
check: "$BMDSIM" sweep --export csv --store ten.sqlite > a.csv && "$BMDSIM" sweep --export csv --store tenm.sqlite > b.csv && cmp a.csv b.csv
check: test -z "$(ls | grep tmp-)"

# shards and merges refused: one line, exit 2, nothing written
args: sweep small.yaml --shard 3/2 --store bad.sqlite
exit: 2
stderr: ^bmdsim: --shard: '3/2' is not I/N with whole numbers 1 <= I <= N$
stderr-lines: 1
nofile: bad.sqlite
args: sweep small.yaml --shard 1/3 --store bad.sqlite
exit: 2
stderr: ^bmdsim: --shard 1/3: the sweep has 2 points; at most 2 parts$
stderr-lines: 1
nofile: bad.sqlite
args: sweep small.yaml --shard 2/2 --store p1.sqlite --resume
exit: 2
stderr: ^bmdsim: p1.sqlite: the store holds shard 1/2 of this sweep, not 2/2; use another --store$
stderr-lines: 1
args: sweep small.yaml --store p1.sqlite --resume
exit: 2
stderr: ^bmdsim: p1.sqlite: the store holds shard 1/2 of this sweep; add --shard 1/2 to continue it$
args: sweep small.yaml --shard 1/2 --store small.sqlite --resume
exit: 2
stderr: ^bmdsim: small.sqlite: the store holds the whole sweep, not shard 1/2
args: sweep small.yaml --merge --store m2.sqlite p1.sqlite
exit: 2
stderr: ^bmdsim: 1 of 2 points are done in none of the stores \(shard 2/2 missing; the first point: 1\)
stderr-lines: 1
nofile: m2.sqlite
args: sweep small.yaml --merge --store m2.sqlite p1.sqlite small.sqlite
exit: 2
stderr: ^bmdsim: point 0 is done in both p1.sqlite and small.sqlite: the stores overlap$
nofile: m2.sqlite
args: sweep $SRC/sweeps/example.yaml --merge --store m2.sqlite p1.sqlite
exit: 2
stderr: ^bmdsim: p1.sqlite: the store holds another sweep \(file hash [0-9a-f]{16}, not [0-9a-f]{16} of
stderr-lines: 1
nofile: m2.sqlite
args: sweep small.yaml --merge --store merged.sqlite p1.sqlite p2.sqlite
exit: 2
stderr: ^bmdsim: merged.sqlite: exists; --merge writes a new store
args: sweep small.yaml --merge --store m2.sqlite p1.sqlite p1.sqlite
exit: 2
stderr: ^bmdsim: p1.sqlite: given twice to --merge
args: sweep small.yaml --merge --store m2.sqlite p1.sqlite missing.sqlite
exit: 2
stderr: ^bmdsim: missing.sqlite: no such store$
nofile: m2.sqlite
args: sweep small.yaml --merge --allow-partial --store m2.sqlite p1.sqlite --json
exit: 0
json: done == 1
json: pending == 1
args: sweep small.yaml --allow-partial --store m3.sqlite
exit: 2
stderr: --allow-partial goes with --merge
args: sweep small.yaml --merge --shard 1/2 --store m3.sqlite p1.sqlite
exit: 2
stderr: --merge takes no --shard

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
stdout: ^usage: bmdsim sweep \[SWEEP.yaml \[PART...\]\] --store FILE
