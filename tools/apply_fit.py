#!/usr/bin/env python3
"""Write fit_catalog's results into data/missiles.yaml: each refitted entry gets its stages'
isp_s replaced by the fitted values and its 'fit:' record a new factor and date
(docs/data.md section 6). The record keeps the literature estimates: a refit multiplies
the old factor, so isp_s stays literature_isp_s x isp_factor, which bmdsim checks at load.
Text editing (not a YAML round trip) so that comments, citations and layout survive.

usage: build/fit_catalog data | tools/apply_fit.py data/missiles.yaml
"""
import datetime
import json
import os
import re
import sys

path = sys.argv[1]
fits = {}
for line in sys.stdin:
    line = line.strip()
    if line.startswith("{"):
        r = json.loads(line)
        if abs(r["k"] - 1.0) >= 0.002:  # within the fitter's tolerance already: keep its record
            fits[r["name"]] = r
lines = open(path).read().split("\n")
today = datetime.date.today().isoformat()
FIT = re.compile(r'^    fit: \{isp_factor: ([0-9.]+), literature_isp_s: \[([0-9., ]+)\], date: "([0-9-]+)"(.*)\}$')
out, cur, isp_i, applied = [], None, 0, 0
for ln in lines:
    m = re.match(r'^  - name: "([a-z0-9-]+)"', ln)
    if m:
        cur = fits.get(m.group(1))
        isp_i = 0
    if cur:
        m = FIT.match(ln)
        if m:
            k = float(m.group(1)) * cur["k"]
            lit = [float(x) for x in m.group(2).split(",")]
            ln = '    fit: {isp_factor: %.4f, literature_isp_s: [%s], date: "%s"%s}' % (
                k, ", ".join("%.1f" % x for x in lit), today, m.group(4))
            cur["isp"] = [x * k for x in lit]
            applied += 1
        m = re.match(r'^(\s+)(- )?(isp_s: )([0-9.]+)(.*)$', ln)
        if m and "isp" in cur:
            ln = "%s%s%s%.1f%s" % (m.group(1), m.group(2) or "", m.group(3), cur["isp"][isp_i], m.group(5))
            isp_i += 1
    out.append(ln)
missing = [n for n, r in fits.items() if "isp" not in r]
if missing:
    sys.exit("apply_fit.py: no 'fit:' record in the form {isp_factor, literature_isp_s, date} for " + ", ".join(missing))
open(path + ".tmp", "w").write("\n".join(out))
os.replace(path + ".tmp", path)
print("applied %d fits" % applied, file=sys.stderr)
