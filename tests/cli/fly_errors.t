# out of range: exit 1, one line containing "out of range" and the maximum range
args: fly --missile shahab-3 --from tabriz --to london
exit: 1
stderr: ^bmdsim: shahab-3: target london is out of range: 3\d\d\d km away, maximum range 1\d\d\d km
stderr-lines: 1

# unknown missile, unknown site, malformed coordinates, bad trajectory: exit 2, one line
args: fly --missile shahab-9 --from tabriz --to ankara
exit: 2
stderr: unknown missile 'shahab-9'
stderr-lines: 1
args: fly --missile shahab-3 --from tabrizz --to ankara
exit: 2
stderr: --from: unknown site 'tabrizz'
stderr-lines: 1
args: fly --missile shahab-3 --from 38.1,abc --to ankara
exit: 2
stderr: --from: '38.1,abc' is not LAT,LON
stderr-lines: 1
args: fly --missile shahab-3 --from tabriz --to 95,10
exit: 2
stderr: --to: '95,10' is out of range
stderr-lines: 1
args: fly --missile shahab-3 --from tabriz --to ankara --trajectory sideways
exit: 2
stderr: --trajectory: 'sideways'
stderr-lines: 1
args: fly --missile shahab-3 --from tabriz --to tabriz
exit: 2
stderr: at the launch point
args: fly --missile shahab-3 --from tabriz --to ankara --earth flat
exit: 2
stderr: --earth: 'flat' is not one of wgs84-j2, sphere
args: fly --missile shahab-3
exit: 2
stderr: required
args: fly --bogus
exit: 2
stderr: ^bmdsim: fly: unknown option '--bogus' \(see bmdsim fly --help\)$
# --out: missing parents are created; a path that cannot be a folder is bad input, found
# before the work (exit 2)
args: fly --missile ss-25 --from teykovo --to new-york --out traj/deeper/x
exit: 0
file: traj/deeper/x/trajectory.csv
args: fly --missile ss-25 --from teykovo --to new-york --out /dev/null/x
exit: 2
stderr: /dev/null/x: cannot create folder: not a directory
stderr-lines: 1

# issue 25: a lofted apogee beyond what reaches the target is impossible, exit 1, with the
# bound (the highest apogee at this range, set by a full burn), never "out of range"
args: fly --missile ss-25 --from 39.0,125.7 --to 40.0,136.8 --trajectory lofted:5000
exit: 1
stderr: ^bmdsim: ss-25: target 40.0,136.8 is out of reach on a lofted trajectory with apogee 5000 km: the highest apogee at this range \(961 km\) is 402\d\.\d km \(a full burn only just reaches it\); apogees from 11\d\.\d to 402\d\.\d km reach it$
stderr-lines: 1

# issue 25: Iskander-M depressed to 50 km at Redzikowo (305 km) is beyond its reach by a
# hair: with its steered boost the lowest apogee is a full burn's 51.5 km (the flattest
# flight of its default quasi:50, docs/models/quasi.md); --json says which
args: fly --missile iskander-m --from chernyakhovsk --to redzikowo --trajectory depressed:50 --json
exit: 1
stderr: lowest apogee at this range \(305 km\) is 51\.5 km \(a full burn only just reaches it
stderr-lines: 1
json: aim == "impossible"
json: limit == "apogee_low"
json: bound_apogee_km ~ 51.5 +- 0.1
json: apogee_min_bound == "full_burn"
json: apogee_max_km ~ 247.8 +- 0.2
json: max_range_km ~ 488.2 +- 1.0

# --payload: unknown (with the nearest name), or another missile's
args: fly --missile rs-24 --from 62.9,40.6 --to 38.9,-77.0 --payload rs-24-5rv
exit: 2
stderr: unknown payload 'rs-24-5rv'; did you mean 'rs-24-4rv'

args: fly --missile ss-18 --from 62.9,40.6 --to 38.9,-77.0 --payload rs-24-4rv
exit: 2
stderr: 'rs-24-4rv' is a payload of rs-24, not of ss-18
