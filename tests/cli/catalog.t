setup: mkdir -p nofly && cp "$SRC"/data/*.yaml nofly/ && sed -i '/^      max_flyout_s:/d' nofly/missiles.yaml
setup: mkdir -p baddata && printf 'sites: []\n' > baddata/sites.yaml && printf 'early_warning: []\n' > baddata/sensors.yaml && printf 'drag_tables: []\nmissiles: []\ninterceptors: []\nbogus: 1\n' > baddata/missiles.yaml

args: catalog --json
exit: 0
json: missiles.0.name == "shahab-3"
json: interceptors.0.name == "gbi-3stage"
check: true
args: catalog
exit: 0
stdout: ^ss-25 
stdout: ^redzikowo 
args: catalog --name gbi-2stage-mda
exit: 0
stdout: fit: every stage's Isp is its literature estimate
stdout: ^    stated     6300 m/s \(published
stdout: ^    simulated  6292 m/s \(kill vehicle 60 kg\)$
stdout: ^  REFERENCES
stdout: \[afp-2007-postol\] US interceptors in Europe fast enough
stdout: ^      https://defencetalk.com/
stdout: checked: 
args: catalog --name nowhere
exit: 2
stderr: no missile, interceptor, site or sensor named 'nowhere'
args: catalog --data baddata
exit: 2
stderr: ^bmdsim: baddata/missiles.yaml:4:1: unknown key 'bogus'$
args: --help
exit: 0
stdout: fly
args: nosuchcommand
exit: 2
stderr: 'nosuchcommand' is not a bmdsim command
args: catalog --sensors
exit: 0
stdout: ^tpy-2 
stdout: ^sbirs 
args: catalog --json
exit: 0
json: radars.1.name == "tpy-2"
json: early_warning.0.detect_delay_s == 60
args: catalog --name emr
exit: 0
stdout: ^    ref_range_km = 2700 km, ref_rcs_dbsm = -20 dBsm
stdout: estimated -- brdsky-2007-blisty
stdout: \[skolnik-2001\] M. I. Skolnik, Introduction to Radar Systems

# the stated and the simulated burnout speed side by side, with the conditions of each
args: catalog --interceptors
exit: 0
stdout: ^sm-3-iia +midcourse +3 +2\.2  4500 \(estimated\) +4494  Standard Missile-3 Block IIA
stdout: simulated \(m/s\): launched from 45\.0 N 0\.0 E
args: catalog --name sm-3-iia --json
exit: 0
json: interceptors.0.performance.stated.low == 4500
json: interceptors.0.performance.stated.evidence == "estimated"
json: interceptors.0.performance.simulated.value ~ 4494 +- 2
json: interceptors.0.performance.simulated.within_tolerance == true
json: interceptors.0.fit.isp_factor == 0.9953
json: interceptors.0.values.0.field == "class"
json: interceptors.0.references.0.key == "stripes-2024-redzikowo"
args: catalog --name redzikowo --json
exit: 0
json: sites.0.values.0.evidence == "published"
json: sites.0.values.2.field == "alt_m"
json: sites.0.values.2.evidence == "estimated"

# every engagement's limits, with the unit in the key; null where none is published
args: catalog --name sm-3-iia --json
exit: 0
json: interceptors.0.kill_vehicle.max_flyout_s == 900
json: interceptors.0.kill_vehicle.min_intercept_alt_km == 70
json: interceptors.0.kill_vehicle.max_intercept_alt_km == 1000
json: interceptors.0.kill_vehicle.max_intercept_range_km == 2500
json: interceptors.0.kill_vehicle.min_closing_speed_mps == 1000
args: catalog --name gbi-2stage-fast --json
exit: 0
json: interceptors.0.kill_vehicle.max_flyout_s == 600
json: interceptors.0.kill_vehicle.max_intercept_alt_km == null
json: interceptors.0.kill_vehicle.max_intercept_range_km == null
args: catalog --interceptors
exit: 0
stdout: ^INTERCEPTOR LIMITS
stdout: ^thaad +fly-out <= 240 s, intercept altitude 40-150 km, reach <= 200 km
stdout: ^gbi-3stage +fly-out <= 600 s, intercept altitude >= 100 km \(no ceiling\)
args: catalog --name thaad
exit: 0
stdout: ^  limits of every engagement
stdout: ^    fly-out <= 240 s, intercept altitude 40-150 km
# a kill vehicle must state its endurance
args: catalog --data nofly
exit: 2
stderr: nofly/missiles.yaml:[0-9]+:[0-9]+: missing 'max_flyout_s'
