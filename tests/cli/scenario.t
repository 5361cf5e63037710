# bmdsim scenario: the built-in scenarios listed, and written out exactly as shipped so that a
# user with the binary alone can start from one (then validate and run it as a file)
args: scenario list
exit: 0
stdout: ^epaa-phase3 +8 +3 +4  EPAA phase 3
stdout: ^iskander-kaliningrad +3 +1 +1 
args: scenario list --json
exit: 0
json: 0.name == "epaa-phase3"
json: 4.threats == 3

args: scenario show epaa-phase3
exit: 0
stdout: ^scenario: "epaa-phase3"
check: $BMDSIM scenario show epaa-phase3 | cmp - $SRC/scenarios/epaa-phase3.yaml
check: for s in epaa-phase3 epaa-phase4 third-site-2008 russia-deterrent iskander-kaliningrad; do $BMDSIM scenario show $s | cmp - $SRC/scenarios/$s.yaml || exit 1; done

# the name in any case; --out writes the file whole; the copy validates and runs as a file
args: scenario show Russia-Deterrent --out mine.yaml
exit: 0
stdout: ^wrote mine.yaml \(built-in scenario russia-deterrent\)
check: cmp mine.yaml $SRC/scenarios/russia-deterrent.yaml
args: validate mine.yaml
exit: 0
stdout: ^ok: russia-deterrent
args: scenario show iskander-kaliningrad --json
exit: 0
json: name == "iskander-kaliningrad"
check: $BMDSIM scenario show iskander-kaliningrad --json | python3 -c "import json,sys; assert json.load(sys.stdin)['yaml'] == open('$SRC/scenarios/iskander-kaliningrad.yaml').read()"

# bad input: one line, exit 2
args: scenario show epaa-phase5
exit: 2
stderr: ^bmdsim: scenario: no built-in scenario 'epaa-phase5'; did you mean 'epaa-phase3'\? \(see bmdsim scenario list\)$
stderr-lines: 1
args: scenario shwo epaa-phase3
exit: 2
stderr: ^bmdsim: scenario: 'shwo' is not list or show; did you mean 'show'\?$
args: scenario show
exit: 2
stderr: show needs a NAME
args: scenario
exit: 2
stderr: ^bmdsim: scenario: missing list\|show \[NAME\]
args: scenario list --out x.yaml
exit: 2
stderr: --out goes with show
nofile: x.yaml
