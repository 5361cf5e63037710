# every figure of the analyses for every built-in scenario (footprint on a coarse grid over
# a small region from one launch point; coverage without the sweep; mc with few trials)
args: footprint epaa-phase3 --launch semnan --region 40,10,56,34 --grid-deg 4 --out f1
exit: 0
args: footprint epaa-phase4 --launch semnan --region 40,10,56,34 --grid-deg 4 --out f2
exit: 0
args: footprint third-site-2008 --launch semnan --region 40,10,56,34 --grid-deg 4 --out f3
exit: 0
args: footprint russia-deterrent --launch kozelsk --missile ss-27 --region 50,-20,66,20 --grid-deg 4 --out f4
exit: 0
args: footprint iskander-kaliningrad --region 50,12,58,28 --grid-deg 2 --out f5
exit: 0
check: for d in f1 f2 f3 f4 f5; do python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py png 1500 1100 $d/footprint.png && python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py svg $d/footprint.svg && python3 $BMD_SOURCE_DIR/tests/cli/check_geojson.py $d/footprint.geojson || exit 1; done
args: coverage epaa-phase3 --no-sweep --out c1
exit: 0
args: coverage epaa-phase4 --no-sweep --out c2
exit: 0
args: coverage third-site-2008 --no-sweep --out c3
exit: 0
args: coverage iskander-kaliningrad --no-sweep --out c5
exit: 0
check: for d in c1 c2 c3 c5; do python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py png 1500 1100 $d/coverage-map.png && python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py png 0 0 $d/coverage-thresholds.png && python3 $BMD_SOURCE_DIR/tests/cli/check_geojson.py $d/coverage.geojson track=1 || exit 1; done
args: mc epaa-phase3 --trials 20 --out m1 --report m1r
exit: 0
args: mc epaa-phase4 --trials 20 --out m2
exit: 0
args: mc third-site-2008 --trials 20 --out m3
exit: 0
args: mc russia-deterrent --trials 10 --out m4
exit: 0
args: mc iskander-kaliningrad --trials 20 --out m5
exit: 0
check: for d in m1 m2 m3 m4 m5; do python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py png 1200 750 $d/reached-target.png $d/interceptors-fired.png && python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py svg $d/reached-target.svg || exit 1; done
check: BMD_FIGURES=2 python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py html m1r/report.html "how well does it work" "P(kill)"
