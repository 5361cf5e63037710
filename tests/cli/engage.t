# engage: a feasible engagement with the documented JSON keys. Without --scenario the
# sensors and C2 are those of the first built-in scenario with this interceptor at this
# site (third-site-2008 for the GBI at Redzikowo), and the assumed cue is its fire-control
# track (the Brdy EMR's) plus its 60 s decision latency
args: engage --interceptor gbi-2stage-fast --site redzikowo --threat ss-25 --from teykovo --to new-york --json
exit: 0
json: feasible == true
json: window_s > 100
json: earliest.t_s > 60
json: earliest.alt_km > 100
json: earliest.closing_speed_mps > 1000
json: earliest.time_of_flight_s <= 600
json: latest.crossing_angle_deg > 0
json: cue == "fire-control-track"
json: threat_aim == "solved"
json: cue_sensor == "brdy-emr"
json: architecture.scenario == "third-site-2008"
json: decision_delay_s == 60
json: decision_delay_from == "c2.decision_latency_s of third-site-2008"
json: ready_t_s > 180
json: by_cue.0.cue == "launch"
json: by_cue.1.cue == "early-warning"
json: by_cue.3.cue == "fire-control-track"
json: by_cue.3.assumed == true
json: by_cue.4.cue == "radar:brdy-emr"
json: interceptor_limits.max_flyout_s == 600
json: only_without_radar_track == false
# every cue source answered; a cue earlier in time never gives a later earliest intercept
check: "$BMDSIM" engage --interceptor gbi-2stage-fast --site redzikowo --threat ss-25 --from teykovo --to new-york --json | python3 -c 'import json,sys; d=json.load(sys.stdin); r=sorted([x for x in d["by_cue"] if x["feasible"]], key=lambda x: x["cue_s"]); assert len(r) >= 4, r; assert all(a["earliest"]["t_s"] <= b["earliest"]["t_s"] for a, b in zip(r, r[1:])), r; assert all(x["ready_t_s"] == x["cue_s"] + d["decision_delay_s"] for x in r)'
check: "$BMDSIM" engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to berlin --json | python3 -c 'import json,sys; d=json.load(sys.stdin); r=sorted([x for x in d["by_cue"] if x["feasible"]], key=lambda x: x["cue_s"]); assert len(r) >= 5, r; assert all(a["earliest"]["t_s"] <= b["earliest"]["t_s"] for a, b in zip(r, r[1:])), r'

# the text states the architecture, the assumed cue and delay, and the answer per cue
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to berlin
exit: 0
stdout: ^  architecture: epaa-phase3, the first built-in scenario with sm-3-iia at redzikowo
stdout: ^assumed: cue fire-control-track at [0-9]+ s \(kurecik-tpy2\) \+ decision delay 30 s \(c2.decision_latency_s of epaa-phase3\)
stdout: ^  interceptor limits: fly-out <= 900 s
stdout: ^by cue source
stdout: ^  radar:redzikowo-spy1
stdout: <- assumed

# an answer that holds only for a launch on early warning before the threat's burnout says
# so in words
args: engage --interceptor sm-3-iib --site redzikowo --threat ss-25 --from teykovo --to boston --scenario russia-deterrent
exit: 0
stdout: ^  architecture: russia-deterrent \(--scenario\)
stdout: no intercept: not tracked in time
stdout: ^Only without a radar track: an intercept exists only if the interceptor is launched on the early-warning report alone
stdout: before the threat's boost ends at [0-9]+ s
args: engage --interceptor sm-3-iib --site redzikowo --threat ss-25 --from teykovo --to boston --scenario russia-deterrent --json
exit: 0
json: feasible == false
json: only_without_radar_track == true
json: launch_before_threat_burnout == true
json: by_cue.1.feasible == true
json: latest_launch_s < 170
# and the early-warning cue chosen is said to be one
args: engage --interceptor sm-3-iib --site redzikowo --threat ss-25 --from teykovo --to boston --scenario russia-deterrent --cue early-warning
exit: 0
stdout: NOTE: this answer assumes a launch without any radar track, on the early-warning report alone
stdout: engagement window

# the kill vehicle's endurance binds: the 6.3 km/s GBI would need more than 600 s
args: engage --interceptor gbi-2stage-mda --site redzikowo --threat ss-18 --from uzhur --to washington --cue launch --json
exit: 0
json: feasible == false
json: reason == "beyond kill-vehicle endurance"

# engagement bands (docs/models/quasi.md section 4): the Iskander's 50 km quasi-ballistic
# flight is below the exo-atmospheric SM-3 IIA's 70 km floor at every cue, and crosses
# THAAD's 40-150 km band (a kinematic intercept at 40-52 km for a launch on the threat's)
args: engage --interceptor sm-3-iia --site redzikowo --threat iskander-m --from chernyakhovsk --to redzikowo --json
exit: 0
json: feasible == false
json: reason == "too low"
check: "$BMDSIM" engage --interceptor sm-3-iia --site redzikowo --threat iskander-m --from chernyakhovsk --to redzikowo --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["by_cue"]) >= 4 and all(not x["feasible"] and x["reason"] == "too low" for x in d["by_cue"]), d["by_cue"]'
check: "$BMDSIM" engage --interceptor thaad --site redzikowo --radar tpy-2@redzikowo --threat iskander-m --from chernyakhovsk --to redzikowo --json | python3 -c 'import json,sys; d=json.load(sys.stdin); c=[x for x in d["by_cue"] if x["cue"] == "launch"][0]; assert c["feasible"], c; assert 40 <= c["earliest"]["alt_km"] <= 52, c'
# the minimum-energy flight asked for explicitly rises into SM-3's band no longer either
# (the steered boost's minimum-energy apogee on this path is 69 km), but the shape is named
args: engage --interceptor sm-3-iia --site redzikowo --threat iskander-m --from chernyakhovsk --to redzikowo --trajectory min-energy --json
exit: 0
json: reason == "too low"

# no architecture: early warning only, no fire-control track; radars can be added
args: engage --interceptor thaad --site warsaw --threat iskander-m --from kaliningrad --to warsaw --json
exit: 0
json: architecture.scenario == null
json: cue_s == null
json: feasible == false
json: reason == "not tracked in time"
json: decision_delay_s == 30
json: only_without_radar_track == true
args: engage --interceptor thaad --site warsaw --threat iskander-m --from kaliningrad --to warsaw
exit: 0
stdout: no radar in the architecture
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to berlin --scenario none --radar tpy-2@kurecik --json
exit: 0
json: architecture.radars.0.name == "tpy-2@kurecik"
json: cue_sensor == "tpy-2@kurecik"
json: feasible == true

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
json: decision_delay_from == "--delay-s"
json: by_cue.3.ready_t_s > 180

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
args: engage --interceptor sm-3-iia --site redzikowo --threat ss-25 --from teykovo --to new-york --scenario nosuch
exit: 2
stderr: nosuch
args: engage --interceptor sm-3-iia --site redzikowo --threat ss-25 --from teykovo --to new-york --radar nosuch@kurecik
exit: 2
stderr: --radar: unknown radar type 'nosuch'
args: engage --interceptor sm-3-iia --site redzikowo --threat ss-25 --from teykovo --to new-york --radar tpy-2@kurecik:north
exit: 2
stderr: --radar: 'north' is not a boresight azimuth
args: engage --interceptor sm-3-iia --site redzikowo --threat ss-25 --from teykovo --to new-york --rcs-dbsm x
exit: 2
stderr: --rcs-dbsm: 'x' is not

# a threat trajectory beyond the missile's reach: impossible (1), its bound in the JSON.
# With the Iskander's steered boost the lowest apogee to Redzikowo is 51.5 km, which the
# continuation's bound and quasi.c's flattest flight (51.48 km, docs/models/quasi.md) give
# independently (72.6 km with a gravity turn)
args: engage --interceptor sm-3-iia --site redzikowo --threat iskander-m --from chernyakhovsk --to redzikowo --trajectory depressed:50 --json
exit: 1
stderr: out of reach on a depressed trajectory with apogee 50 km
json: aim == "impossible"
json: limit == "apogee_low"
json: bound_apogee_km ~ 51.5 +- 0.1

# a radar cue: the forward TPY-2 gives a firm track long before the site's own SPY-1
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to berlin --cue radar:tpy-2@kurecik --json
exit: 0
json: radar_tracks_threat == true
json: ready_t_s < 300
json: feasible == true
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to berlin --cue radar:redzikowo-spy1 --json
exit: 0
json: ready_t_s > 600
json: cue == "radar:redzikowo-spy1"
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to berlin --cue radar:nosuch
exit: 2
stderr: unknown radar type 'nosuch'

# one burnout speed per interceptor, each with its conditions: the fly-outs this engagement
# uses (steeper or flatter than the best, so slower), the reference one of bmdsim catalog,
# and the stated one; never the fly-out fan's top speed anywhere (a falling kill vehicle
# passes its burnout speed); on the early-warning report without delay, whose earliest
# intercept is a long, lofted fly-out
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to london --cue early-warning --delay-s 0 --json
exit: 0
json: interceptor_burnout_speed.stated_low_mps == 4500
json: interceptor_burnout_speed.stated_evidence == "estimated"
json: interceptor_burnout_speed.reference_mps ~ 4494 +- 2
json: interceptor_burnout_speed.earliest_flyout_mps ~ 4478 +- 5
json: interceptor_burnout_speed.latest_flyout_mps ~ 4178 +- 5
json: earliest.interceptor_burnout_speed_mps ~ 4478 +- 5
json: earliest.pitch_over_deg > 0
check: ! $BMDSIM engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to london --cue early-warning --delay-s 0 --json | grep -q max_speed
args: engage --interceptor sm-3-iia --site redzikowo --threat iran-irbm --from semnan --to london --cue early-warning --delay-s 0
exit: 0
stdout: sm-3-iia burnout speed on these fly-outs: 4478 m/s \(earliest\), 4178 m/s \(latest\)
stdout: 4494 m/s at the reference conditions
stdout: stated 4500 m/s \(estimated\)

# intercept points in text with hemisphere letters
args: engage --interceptor gbi-2stage-mda --site redzikowo --threat iran-icbm --from semnan --to washington
exit: 0
stdout: earliest .* \d+\.\d{3} N, \d+\.\d{3} [EW]\n
