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

# one burnout speed per interceptor, each with its conditions: the fly-outs this engagement
# uses (steeper or flatter than the best, so slower), the reference one of bmdsim catalog,
# and the stated one; never the fly-out fan's top speed anywhere (a falling kill vehicle
# passes its burnout speed)
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to london --json
exit: 0
json: interceptor_burnout_speed.stated_low_mps == 4500
json: interceptor_burnout_speed.stated_evidence == "estimated"
json: interceptor_burnout_speed.reference_mps ~ 4494 +- 2
json: interceptor_burnout_speed.earliest_flyout_mps ~ 4478 +- 5
json: interceptor_burnout_speed.latest_flyout_mps ~ 4178 +- 5
json: earliest.interceptor_burnout_speed_mps ~ 4478 +- 5
json: earliest.pitch_over_deg > 0
check: ! $BMDSIM engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to london --json | grep -q max_speed
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to london
exit: 0
stdout: sm-3-iia burnout speed on these fly-outs: 4478 m/s \(earliest\), 4178 m/s \(latest\)
stdout: 4494 m/s at the reference conditions
stdout: stated 4500 m/s \(estimated\)

# intercept points in text with hemisphere letters
args: engage --interceptor gbi-2stage-mda --site redzikowo --threat iran-icbm --from semnan --to washington
exit: 0
stdout: earliest .* \d+\.\d{3} N, \d+\.\d{3} [EW]\n
