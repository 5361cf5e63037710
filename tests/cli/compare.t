# bmdsim compare: one attack against several architectures. The same architecture twice gives
# identical columns; a column equals the run of the built-in scenario that bundles the same
# architecture and attack (third-site-2008: 3 killed, 1 leaked); the table is written as JSON,
# as CSV (one column per architecture) and as figures, whole.
args: compare third-site-2008 third-site-2008 russian-alternative --attack iran-raid --json --csv t.csv --out o --format svg
exit: 0
json: attack == "iran-raid"
json: seed == 2008
json: architectures.0.name == "third-site-2008"
json: architectures.2.date == "2007-07"
json: run.summary.0.killed == 3
json: run.summary.0.leaked == 1
json: run.summary.2.unengaged == 4
json: run.threats.0.reason.2 == "no fire-control track"
file: o/compare.json
file: o/compare.csv
file: o/compare-run.svg
check: cmp t.csv o/compare.csv
check: python3 -c "import json; j=json.load(open('o/compare.json')); r=j['run']; assert all(t['outcome'][0] == t['outcome'][1] and t['shots'][0] == t['shots'][1] for t in r['threats']) and r['summary'][0] == r['summary'][1]; assert j['differing_assumptions'] == [] or all(d['values'][0] == d['values'][1] for d in j['differing_assumptions'])"
check: python3 -c "import csv; rows=list(csv.reader(open('t.csv'))); assert rows[0] == ['question', 'row', 'measure', 'third-site-2008', 'third-site-2008', 'russian-alternative'], rows[0]; assert ['run', 'summary', 'killed', '3', '3', '0'] in rows"
args: run third-site-2008 --json
exit: 0
json: summary.killed == 3
json: summary.leaked == 1

# the assumptions that differ are listed first in the text
args: compare third-site-2008 epaa-phase3 --attack iran-raid
exit: 0
stdout: ^attack iran-raid: Iranian IRBMs
stdout: c2.sspk +0.6 +0.7
stdout: reached_target +1 +1

# bad input: one line, exit 2, nothing written
args: compare epaa-phase3 --attack iran-raid --what run,foo --out bad
exit: 2
stderr-lines: 1
nofile: bad
args: compare epaa-phase9 --attack iran-raid --csv bad.csv
exit: 2
stderr: ^bmdsim: no built-in architecture 'epaa-phase9' and no file of that name
stderr-lines: 1
nofile: bad.csv
