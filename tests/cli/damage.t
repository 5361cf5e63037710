# battle damage (docs/models/damage.md): the strike on Redzikowo, its outputs, and bad
# warhead or hardness data refused with one line naming file:line:col (exit 2)
setup: cp -r $SRC/data lo && python3 $SRC/tests/cli/edit_data.py lo/sensors.yaml 'disable_kpa: 21\n      destroy_kpa: 69' 'disable_kpa: 21\n      destroy_kpa: 10'
setup: cp -r $SRC/data zero && python3 $SRC/tests/cli/edit_data.py zero/missiles.yaml 'disable_kpa: 34' 'disable_kpa: 0'
setup: cp -r $SRC/data kind && python3 $SRC/tests/cli/edit_data.py kind/missiles.yaml 'kind: "conventional"' 'kind: "chemical"'
setup: cp -r $SRC/data cep && python3 $SRC/tests/cli/edit_data.py cep/missiles.yaml 'cep_m: 30' 'cep_m: -5'
setup: cp -r $SRC/data tnt && python3 $SRC/tests/cli/edit_data.py tnt/missiles.yaml 'tnt_kg: 240' 'yield_kt: 240'
setup: cp -r $SRC/data wh && python3 $SRC/tests/cli/edit_data.py wh/missiles.yaml '(  - name: "sm-3-ia"\n)' '\1    warhead: {kind: "conventional", tnt_kg: 1, cep_m: 1}\n'

args: validate strike-redzikowo --data lo
exit: 2
stderr: ^bmdsim: lo/sensors\.yaml:\d+:20: 'destroy_kpa' must be finite and at least 'disable_kpa' \(21 kPa\)$
stderr-lines: 1
args: run strike-redzikowo --data zero
exit: 2
stderr: ^bmdsim: zero/missiles\.yaml:\d+:20: 'disable_kpa' must be a finite number > 0$
stderr-lines: 1
args: run strike-redzikowo --data kind
exit: 2
stderr: ^bmdsim: kind/missiles\.yaml:\d+:\d+: 'kind' must be conventional or nuclear, not 'chemical'$
stderr-lines: 1
args: run strike-redzikowo --data cep
exit: 2
stderr: ^bmdsim: cep/missiles\.yaml:\d+:\d+: .*cep_m
stderr-lines: 1
args: run strike-redzikowo --data tnt
exit: 2
stderr: ^bmdsim: tnt/missiles\.yaml:\d+:\d+: a conventional warhead takes 'tnt_kg', not 'yield_kt'$
stderr-lines: 1
args: catalog --data wh --interceptors
exit: 2
stderr: ^bmdsim: wh/missiles\.yaml:\d+:\d+: 'warhead' is for threats, not interceptors$
stderr-lines: 1

# the strike: with the scenario's seed both Redzikowo sites are destroyed by K1's impact,
# 188 s after the early-warning report; the wave then finds nothing to fire
args: run strike-redzikowo --json
exit: 0
json: damage.0.element == "redzikowo-mda"
json: damage.0.damage == "destroyed"
json: damage.0.by == "K1"
json: damage.0.interceptors_unused == 5
json: damage.1.element == "redzikowo-fast"
json: threats.2.reason == "site destroyed"
json: summary.interceptors_spent_total == 0
check: "$BMDSIM" run strike-redzikowo --json | python3 -c 'import json,sys; d=json.load(sys.stdin); x=d["damage"][0]; assert 240 < x["t_s"] < 260 and 180 < x["warning_s"] < 195 and 0 < x["probability"] < 1 and x["miss_m"] <= 18.1, x'
args: run strike-redzikowo
exit: 0
stdout: ^battle damage:$
stdout: ^  redzikowo-mda destroyed at T\+248 s by K1 \(launched T\+0 s, impact 15 m away, P = 0\.22\); warning 188 s; 5 interceptors unused$
stdout: ^  left after T\+248 s: 0 of 2 sites, 3 of 3 radars, 0 interceptors; 7 threats still to arrive
# a run whose impacts reach nothing prints no damage lines and an empty list
args: run epaa-phase3 --json
exit: 0
json: damage == []
check: "$BMDSIM" run epaa-phase3 | grep -c 'battle damage' | grep -qx 0
# the event log and the map files show the loss
args: run strike-redzikowo --out o
exit: 0
check: grep -c '^248\.460,destroyed,K1,redzikowo-' o/events.csv | grep -qx 2
check: python3 -c 'import json; d=json.load(open("o/tracks.geojson")); s=[f["properties"] for f in d["features"] if f["properties"]["kind"]=="site"]; assert all(p["damage"]=="destroyed" and 248 < p["lost_t_s"] < 249 and p["lost_by"]=="K1" for p in s), s'
check: grep -q 'redzikowo-mda (gbi-2stage-mda): destroyed at T+248 s by K1' o/run.kml
