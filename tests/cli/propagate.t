# propagate: the bench-ref contract on 1,000 states, < 1 m from the truth
args: propagate --in $SRC/tests/data/bench_ref_states_1k.csv --out impacts.csv --json
exit: 0
json: objects == 1000
json: impacts_written == 1000
file: impacts.csv
check: head -1 impacts.csv | grep -qx 'id,impact_lat_deg,impact_lon_deg,time_of_flight_s,apogee_alt_m'
check: python3 -c "import csv,math; t={r['id']:r for r in csv.DictReader(open('$SRC/tests/data/bench_ref_truth_1k.csv'))}; o=list(csv.DictReader(open('impacts.csv'))); assert len(o)==1000; m=max(6.4e6*math.radians(math.hypot(float(r['impact_lat_deg'])-float(t[r['id']]['impact_lat_deg']), (float(r['impact_lon_deg'])-float(t[r['id']]['impact_lon_deg']))*math.cos(math.radians(float(r['impact_lat_deg']))))) for r in o); assert m<1.0, m"

# single thread gives the same bytes
args: propagate --in $SRC/tests/data/bench_ref_states_1k.csv --out one.csv --threads 1
exit: 0
check: cmp one.csv impacts.csv

# Kepler switches accepted
args: propagate --in $SRC/tests/data/bench_ref_states_1k.csv --out kepler.csv --earth sphere --rotation off --drag off
exit: 0
file: kepler.csv

# every kernel this machine runs gives the scalar kernel's bytes; one it cannot run (not
# built for this architecture, or the CPU lacks the extension) is refused: one line, exit 2
args: propagate --in $SRC/tests/data/bench_ref_states_1k.csv --out scalar.csv --kernel scalar --json
exit: 0
json: kernel == "scalar"
check: cmp scalar.csv impacts.csv
check: for k in generic avx2 avx512 neon lanes-avx2; do "$BMDSIM" propagate --in "$SRC/tests/data/bench_ref_states_1k.csv" --out k.csv --kernel $k 2> err.txt; rc=$?; if [ $rc = 0 ]; then cmp k.csv scalar.csv || exit 1; elif [ $rc = 2 ]; then test "$(wc -l < err.txt)" = 1 && grep -Eq "^bmdsim: --kernel $k: this (CPU lacks|build has no)" err.txt || exit 1; else exit 1; fi; done

# the kernel chosen and the CPU features the choice read, in the summary
args: propagate --in $SRC/tests/data/bench_ref_states_1k.csv --out auto.csv --json
exit: 0
stdout: "kernel":\s+"(lanes-avx512|lanes-avx2|lanes-neon|lanes-generic)"
stdout: "cpu_features":
