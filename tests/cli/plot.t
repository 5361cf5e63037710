# plot: every built-in scenario draws every figure (PNG signature and size, SVG), --json
# lists the files; run --plot and --report; report.html is self-contained and parses.
args: plot epaa-phase3 --out p3 --json
exit: 0
json: scenario == "epaa-phase3"
json: files.0 == "p3/profile.png"
json: files.5 == "p3/timeline.svg"
check: python3 $SRC/tests/cli/check_figures.py png 1400 820 p3/profile.png
check: python3 $SRC/tests/cli/check_figures.py png 1500 1000 p3/map.png
check: python3 $SRC/tests/cli/check_figures.py png 1400 558 p3/timeline.png
check: python3 $SRC/tests/cli/check_figures.py svg p3/profile.svg p3/map.svg p3/timeline.svg

args: plot epaa-phase4 --out p4 --format png
exit: 0
stdout: ^wrote p4/map.png$
nofile: p4/map.svg
check: python3 $SRC/tests/cli/check_figures.py png 0 0 p4/profile.png p4/map.png p4/timeline.png

args: plot third-site-2008 --out t8 --format png
exit: 0
check: python3 $SRC/tests/cli/check_figures.py png 0 0 t8/profile.png t8/map.png t8/timeline.png

args: plot iskander-kaliningrad --out ik --format png
exit: 0
check: python3 $SRC/tests/cli/check_figures.py png 0 0 ik/profile.png ik/map.png ik/timeline.png

args: plot russia-deterrent --out rd --format svg,png
exit: 0
check: python3 $SRC/tests/cli/check_figures.py png 0 0 rd/profile.png rd/map.png rd/timeline.png
check: python3 $SRC/tests/cli/check_figures.py svg rd/profile.svg rd/map.svg rd/timeline.svg

# default output directory
args: plot iskander-kaliningrad --format svg
exit: 0
file: out/iskander-kaliningrad-plots/map.svg
nofile: out/iskander-kaliningrad-plots/map.png

# errors
args: plot epaa-phase3 --format jpg
exit: 2
stderr: --format: 'jpg' is not png or svg
args: plot no-such-scenario
exit: 2
stderr: 'no-such-scenario' is neither a scenario file nor a built-in scenario
args: plot epaa-phase3 --out /proc/no/such/dir
exit: 2
stderr: /proc/no: cannot create folder
