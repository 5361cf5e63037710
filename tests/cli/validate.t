setup: cp $SRC/scenarios/epaa-phase3.yaml good.yaml
setup: sed 's/missile: "shahab-3"/missile: "shahab-33"/' good.yaml > badname.yaml
setup: sed 's/  sspk: 0.7/  sspk: 7/' good.yaml > badrange.yaml
setup: sed 's/  salvo: 2/  salvo: 2\n  colour: red/' good.yaml > badkey.yaml
setup: sed 's/    to: "ankara"/    to: "london"/' good.yaml > unreachable.yaml
setup: printf 'scenario: "x"\ntitle: [\n' > truncated.yaml
setup: printf '' > empty.yaml
setup: head -c 300 /dev/urandom > junk.yaml
setup: sed 's/sources: \[thielmann-2016-epaa\]$/sources: [thielman-2016-epaa]/' good.yaml > badsource.yaml
setup: cp $SRC/tests/fuzz/corpus/scenario/freetext.yaml freetext.yaml

args: validate good.yaml
exit: 0
stdout: ^ok: epaa-phase3 \(8 threats, 3 sites, 4 radars\); every value cited$
# citations are checked against the bibliography; a scenario may leave values uncited
args: validate badsource.yaml
exit: 2
stderr: ^bmdsim: badsource.yaml:\d+:\d+: unknown source 'thielman-2016-epaa' \(not a key in sources.yaml\)$
stderr-lines: 1
args: validate freetext.yaml --json
exit: 0
json: uncited_values == 7
args: validate freetext.yaml
exit: 0
stdout: ^ok: freetext \(1 threats, 1 sites, 0 radars\); 7 values without a citation, reported as 'unstated' 
args: validate good.yaml --json
exit: 0
json: valid == true
args: validate badname.yaml
exit: 2
stderr: ^bmdsim: badname.yaml:\d+:\d+: unknown missile 'shahab-33'
stderr-lines: 1
args: validate badrange.yaml
exit: 2
stderr: ^bmdsim: badrange.yaml:\d+:\d+: 'sspk' = 7 is outside \[0, 1\]
stderr-lines: 1
args: validate badkey.yaml
exit: 2
stderr: ^bmdsim: badkey.yaml:\d+:\d+: unknown key 'colour'
stderr-lines: 1
args: validate unreachable.yaml
exit: 2
stderr: threat 'T1': shahab-3 from tabriz: target london is out of range: 3\d\d\d km away, maximum range 1\d\d\d km toward it
stderr-lines: 1
args: validate truncated.yaml
exit: 2
stderr: ^bmdsim: truncated.yaml:\d+:\d+:
stderr-lines: 1
args: validate empty.yaml
exit: 2
stderr: empty
stderr-lines: 1
args: validate junk.yaml
exit: 2
stderr-lines: 1
args: validate missing.yaml
exit: 2
stderr: missing.yaml: cannot open
args: validate
exit: 2
stderr: exactly one scenario
