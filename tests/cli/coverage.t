# coverage of russia-deterrent: the rows the issue names, both answers side by side
args: coverage russia-deterrent --no-sweep --out cov --report covrep --json
exit: 0
json: scenario == "russia-deterrent"
json: rows.0.from == "kozelsk"
json: rows.0.to == "washington"
json: rows.0.site == "redzikowo-gbi-mda"
json: rows.0.interceptor == "gbi-2stage-mda"
json: rows.0.kinematic_feasible == true
json: interceptor_burnout_speeds.0.interceptor == "gbi-2stage-mda"
json: interceptor_burnout_speeds.0.stated_low_mps == 6300
json: interceptor_burnout_speeds.0.reference_mps ~ 6292 +- 3
check: python3 -c "import json; d=json.load(open('cov/coverage.json')); v=d['interceptor_burnout_speeds']; assert len(v) == 5; assert all(abs(x['sites_min_mps']/x['reference_mps']-1) < 0.005 and abs(x['sites_max_mps']/x['reference_mps']-1) < 0.005 for x in v), v; assert d['burnout_speed_conditions'].startswith('the highest burnout speed')"
check: python3 -c "import json; d=json.load(open('cov/coverage.json')); a=d['assumptions']; assert a and all(set(x) >= {'entry','field','value','unit','evidence','sources','note'} for x in a); assert {x['evidence'] for x in a} <= {'estimated','assumed','chosen','unstated'}; e={x['entry'] for x in d['catalog_entries']}; assert {'ss-27','gbi-2stage-fast','uewr','emr','sbirs','kozelsk','washington'} <= e, e; r={x['key'] for x in d['references']}; assert 'afp-2007-postol' in r"
check: python3 -c "import json; d=json.load(open('cov/coverage.json')); keys={'from','to','site','interceptor','kinematic_feasible','feasible','window_s','constraint','latest_launch_s','threshold_burnout_speed_mps'}; assert all(keys <= set(r) for r in d['rows']); assert len(d['rows']) == 80; assert all(r['kinematic_feasible'] or not r['feasible'] for r in d['rows']); assert any(r['feasible'] for r in d['rows']); assert any(r['kinematic_feasible'] and not r['feasible'] for r in d['rows'])"
check: python3 $BMD_SOURCE_DIR/tests/cli/check_geojson.py cov/coverage.geojson track=10 site=8 reach=8
check: python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py png 1500 1100 cov/coverage-map.png
check: python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py png 0 0 cov/coverage-thresholds.png
check: python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py svg cov/coverage-map.svg
check: BMD_FIGURES=2 python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py html covrep/report.html "can it reach these threats" "kinematic" "Assumptions"
check: head -1 cov/coverage.csv | grep -q '^threat,missile,from,to,site,interceptor,kinematic_feasible,feasible'

# with the sweep on a small scenario: thresholds are numbers or null, on the right side
args: coverage third-site-2008 --json --out cov2
exit: 0
check: python3 -c "import json; d=json.load(open('cov2/coverage.json')); rows=[r for r in d['rows'] if r['threshold_burnout_speed_mps'] is not None]; assert rows; assert all((r['threshold_burnout_speed_mps'] < r['burnout_speed_mps']) == r['feasible'] for r in rows), rows"

# the Iskander's quasi-ballistic flight (apogee about 50 km, docs/models/quasi.md) stays
# below SM-3 IIA's 70 km floor: no burnout speed makes it engageable (threshold null)
args: coverage iskander-kaliningrad --json --out cov4
exit: 0
check: python3 -c "import json; d=json.load(open('cov4/coverage.json')); rows=d['rows']; assert len(rows) == 2; assert all(not r['kinematic_feasible'] and r['constraint'] == 'too low' and r['threshold_burnout_speed_mps'] is None for r in rows), rows"

args: coverage nowhere
exit: 2
stderr: 'nowhere' is neither a scenario file nor a built-in scenario
args: coverage --threads 0
exit: 2
stderr-lines: 1
stderr: --threads
args: coverage --help
exit: 0
stdout: usage: bmdsim coverage
