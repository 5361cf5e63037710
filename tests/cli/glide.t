# glide: the Avangard-class glider (docs/models/glide.md) against the interceptors' bands.
# At Washington the glide is below SM-3 IIA's 70 km floor and below THAAD's 40 km floor
# within THAAD's reach, for every cue; PAC-3 MSE (a band to 36 km, assumed) meets it in its
# dive when launched on the launch or the early-warning report
args: engage --interceptor sm-3-iia --site washington --threat avangard --from dombarovsky --to washington --json
exit: 0
json: threat_aim == "solved"
json: feasible == false
json: reason == "too low"
json: by_cue.0.reason == "too low"
json: by_cue.1.reason == "too low"
args: engage --interceptor thaad --site washington --threat avangard --from dombarovsky --to washington --json
exit: 0
json: feasible == false
json: by_cue.0.reason == "too low"
json: by_cue.1.reason == "too low"
args: engage --interceptor pac-3-mse --site washington --threat avangard --from dombarovsky --to washington --json
exit: 0
json: by_cue.0.feasible == true
json: by_cue.0.earliest.alt_km < 36
json: by_cue.1.feasible == true
# the glider's default flight is its glide; a ballistic shape is refused with the reason
args: fly --missile avangard --from dombarovsky --to london --json
exit: 0
json: time_of_flight_s > 1200
args: fly --missile avangard --from dombarovsky --to london --trajectory min-energy
exit: 2
stderr: payload is a glider
args: fly --missile ss-19 --from dombarovsky --to london --trajectory glide
exit: 2
stderr: carries no glider
# footprint aims the minimum-energy family, which a glider does not fly: refused
args: footprint --missile avangard --grid-deg 10
exit: 2
stderr: boost-glide vehicle flies its glide only
