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
