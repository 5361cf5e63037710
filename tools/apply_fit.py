#!/usr/bin/env python3
"""Write fit_catalog's results into data/missiles.yaml: each fitted entry gets its stages'
isp_s replaced by the fitted values and a `fit:` line saying what was fitted, from what, to
what. Text editing (not a YAML round trip) so that comments and layout survive.

usage: build/fit_catalog data | tools/apply_fit.py data/missiles.yaml
"""
import json
import re
import sys
import datetime

path = sys.argv[1]
INTERCEPTORS = set()
section = None
for ln in open(path):
    if ln.startswith("interceptors:"):
        section = "i"
    elif ln.startswith("missiles:"):
        section = "m"
    m0 = re.match(r'^  - name: "([a-z0-9-]+)"', ln)
    if m0 and section == "i":
        INTERCEPTORS.add(m0.group(1))
fits = {}
for line in sys.stdin:
    line = line.strip()
    if line.startswith("{"):
        r = json.loads(line)
        if abs(r["k"] - 1.0) >= 0.002:  # already fitted: keep its record
            fits[r["name"]] = r
lines = open(path).read().split("\n")
# a refit composes with the earlier one: keep the literature values and multiply factors
cur_name = None
for ln in lines:
    m0 = re.match(r'^  - name: "([a-z0-9-]+)"', ln)
    if m0:
        cur_name = m0.group(1)
    m1 = re.match(r'^    fit: "isp_s of every stage = ([0-9./]+) \(literature estimate\) x ([0-9.]+)', ln)
    if m1 and cur_name in fits:
        r = fits[cur_name]
        r["isp0"] = [float(x) for x in m1.group(1).split("/")]
        r["k"] = r["k"] * float(m1.group(2))
        r["refit"] = True
out = []
cur = None
isp_i = 0
today = datetime.date.today().isoformat()
for ln in lines:
    m = re.match(r'^  - name: "([a-z0-9-]+)"', ln)
    if m:
        cur = fits.get(m.group(1))
        isp_i = 0
    if cur and re.match(r'^    fit: ', ln):
        continue  # replaced below
    m = re.match(r'^(\s+isp_s: )([0-9.]+)(.*)$', ln)
    if cur and m:
        ln = "%s%.1f%s" % (m.group(1), cur["isp"][isp_i], m.group(3))
        isp_i += 1
    out.append(ln)
    if cur and re.match(r'^    propellant: ', ln):
        what = "burnout speed" if cur["name"] in INTERCEPTORS else "maximum range"
        out.append(
            '    fit: "isp_s of every stage = %s (literature estimate) x %.4f, fitted by '
            'tools/fit_catalog.c (%s) so that the simulated %s (launch 45N 0E due north, '
            'wgs84-j2, rotation and drag on, full burn, best pitch-over) is %.0f %s, the middle '
            'of the published band (%s %.0f %s)"'
            % ("/".join("%.1f" % x for x in cur["isp0"]), cur["k"], today, what, cur["achieved"],
               "m/s" if what == "burnout speed" else "km",
               "refitted; the previous fit gave" if cur.get("refit") else "was",
               cur["unfitted"], ("m/s" if what == "burnout speed" else "km")
               + (" under the model of that time" if cur.get("refit") else " before the fit")))
open(path + ".tmp", "w").write("\n".join(out))
import os
os.replace(path + ".tmp", path)
print("applied %d fits" % len(fits), file=sys.stderr)
