#!/usr/bin/env python3
"""footprint_compare.py A.csv B.csv - two footprint.csv files cell by cell: status,
engagement opportunities, sites, and the differences in time of flight, apogee, earliest
intercept altitude, cue and firm-track times (median, 99th percentile, worst).
Used to check the trajectory family against --exact (BENCHMARKS.md)."""
import csv
import sys
def load(p):
    d = {}
    for r in csv.DictReader(open(p)):
        d[(r['launch'], r['lat_deg'], r['lon_deg'])] = r
    return d
a = load(sys.argv[1]); b = load(sys.argv[2])
n = same_status = 0; both = 0; same_opp = same_kin = same_sites = same_first = 0
dt = []; dapo = []; dalt = []; dcue = []; dfirm = []; oppdiff = {}
for k, x in a.items():
    y = b[k]; n += 1
    if x['status'] == y['status']: same_status += 1
    else: print('status', k, x['status'], y['status'])
    if x['status'] != 'ok' or y['status'] != 'ok': continue
    both += 1
    same_opp += x['opportunities'] == y['opportunities']
    d = int(x['opportunities']) - int(y['opportunities']); oppdiff[d] = oppdiff.get(d, 0) + 1
    same_kin += x['kinematic_opportunities'] == y['kinematic_opportunities']
    same_sites += x['sites'] == y['sites']
    same_first += x['first_site'] == y['first_site']
    dt.append(abs(float(x['time_of_flight_s']) - float(y['time_of_flight_s'])))
    dapo.append(abs(float(x['apogee_km']) - float(y['apogee_km'])))
    if x['cue_t_s'] and y['cue_t_s']: dcue.append(abs(float(x['cue_t_s']) - float(y['cue_t_s'])))
    if x['firm_track_t_s'] and y['firm_track_t_s']: dfirm.append(abs(float(x['firm_track_t_s']) - float(y['firm_track_t_s'])))
    if x['earliest_intercept_alt_km'] and y['earliest_intercept_alt_km']:
        dalt.append(abs(float(x['earliest_intercept_alt_km']) - float(y['earliest_intercept_alt_km'])))
def q(v):
    v = sorted(v); return "median %.3g, p99 %.3g, max %.3g" % (v[len(v)//2], v[int(0.99*len(v))], v[-1]) if v else "-"
print(f"cells {n}, same status {same_status}; both solved {both}: same opportunities {same_opp} ({100*same_opp/both:.2f}%), diffs {sorted(oppdiff.items())}")
print(f"same kinematic opportunities {same_kin}, same engaging sites {same_sites}, same first site {same_first}")
print("tof diff s:", q(dt)); print("apogee diff km:", q(dapo)); print("earliest intercept alt diff km:", q(dalt))
print("cue diff s:", q(dcue)); print("firm track diff s:", q(dfirm))
