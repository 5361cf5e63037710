# run --plot --report: figures in the run's out dir and a self-contained HTML report
args: run epaa-phase3 --seed 7 --out o --plot --report rep
exit: 0
stdout: wrote o/\{profile,map,timeline\}.\{png,svg\}
stdout: wrote rep/report.html
file: o/events.csv
check: python3 $SRC/tests/cli/check_figures.py png 1500 1000 o/map.png
check: python3 $SRC/tests/cli/check_figures.py svg o/timeline.svg
check: python3 $SRC/tests/cli/check_figures.py html rep/report.html "The European Phased Adaptive Approach" "bmdsim run epaa-phase3 --seed 7" "Catalog entries used" "sm-3-iia" "radar type" "Values the answer depends on that no source publishes" "References" "[thielmann-2016-epaa] G. Thielmann" "https://www.armscontrol.org/blog/2016-05-18/us-missile-defenses-europe-move-ball-not-goal-posts"
check: grep -q '<td class="num">' rep/report.html
check: ! grep -Eq '(src|href)="https?:' rep/report.html

# plot --report, another scenario
args: plot third-site-2008 --out f --format png --report f --json
exit: 0
json: files.3 == "f/report.html"
check: python3 $SRC/tests/cli/check_figures.py html f/report.html "Ten two-stage GBIs at Redzikowo" "gbi-2stage-mda"
