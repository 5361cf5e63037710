# engage: a feasible engagement with the documented JSON keys
args: engage --interceptor gbi-2stage-fast --site redzikowo --threat ss-25 --from teykovo --to new-york --json
exit: 0
json: feasible == true
json: window_s > 100
json: earliest.t_s > 60
json: earliest.launch_t_s >= 60
json: earliest.alt_km > 100
json: earliest.closing_speed_mps > 1000
json: latest.crossing_angle_deg > 0
json: cue == "early-warning:sbirs"

# an infeasible one says why
args: engage --interceptor sm-3-ib --site deveselu --threat ss-19 --from tatishchevo --to washington --json
exit: 0
json: feasible == false
json: reason == "out of range"
json: earliest == null

# cue at launch and a decision delay
args: engage --interceptor gbi-2stage-fast --site redzikowo --threat ss-25 --from teykovo --to new-york --cue launch --delay-s 30 --json
exit: 0
json: ready_t_s == 30

# bad input
args: engage --interceptor ss-25 --site redzikowo --threat ss-25 --from teykovo --to new-york
exit: 2
stderr: --interceptor: unknown interceptor 'ss-25'
args: engage --interceptor sm-3-iia --site redzikowo --threat ss-25 --from teykovo --to new-york --cue radar
exit: 2
stderr: --cue: 'radar' is not
args: engage --interceptor sm-3-iia --site redzikowo --threat shahab-3 --from tabriz --to london
exit: 1
stderr: out of range

# a radar cue: the forward TPY-2 gives a firm track long before the site's own SPY-1
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to berlin --cue radar:tpy-2@kurecik --json
exit: 0
json: radar_tracks_threat == true
json: ready_t_s < 300
json: feasible == true
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to berlin --cue radar:spy-1 --json
exit: 0
json: ready_t_s > 600
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to berlin --cue radar:nosuch
exit: 2
stderr: unknown radar type 'nosuch'

# intercept points in text with hemisphere letters
args: engage --interceptor gbi-2stage-mda --site redzikowo --threat iran-icbm --from semnan --to washington
exit: 0
stdout: earliest .* \d+\.\d{3} N, \d+\.\d{3} [EW]\n
