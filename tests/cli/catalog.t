setup: mkdir -p nofly && cp "$SRC"/data/*.yaml nofly/ && sed -i '/max_flyout_s/d' nofly/missiles.yaml
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
stdout: fit: isp_s
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
stdout: source: 

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
stdout: ^  limits: fly-out <= 240 s
# a kill vehicle must state its endurance
args: catalog --data nofly
exit: 2
stderr: nofly/missiles.yaml:[0-9]+:[0-9]+: missing 'max_flyout_s'
