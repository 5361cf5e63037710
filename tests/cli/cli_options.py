#!/usr/bin/env python3
"""Every command's options, from its own --help (usage: cli_options.py BMDSIM).

For each command listed by `bmdsim --help`:
  - `-h` prints exactly what `--help` prints, on stdout, exit 0;
  - the usage line names every option of the options list and nothing else (both are made
    from one table: this fails if either is written by hand again);
  - every option in the list is accepted by the parser, and given twice it is refused
    with one line "--NAME is given twice", exit 2, unless the list says it is repeatable;
    the whole command line is checked before a value is read or any work starts, so the
    value "x" given here is never interpreted;
  - an option one letter off is refused with the right one as "did you mean";
  - the command name works in any case.
"""
import re, subprocess, sys

def run(*args):
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=60)

def main():
    global EXE
    EXE = sys.argv[1]
    top = run('--help').stdout
    cmds = re.findall(r'^  (\w+) ', top.split('commands:')[1], re.M)
    fails = 0
    def fail(msg):
        nonlocal fails
        fails += 1
        print('FAIL', msg)
    if len(cmds) < 13:
        fail(f'only {len(cmds)} commands in bmdsim --help')
    for c in cmds:
        h1, h2 = run(c, '--help'), run(c, '-h')
        if h1.returncode != 0 or h2.returncode != 0 or h1.stdout != h2.stdout or h1.stderr or h2.stderr:
            fail(f'{c}: -h and --help differ or fail')
        text = h1.stdout
        usage = text[:text.index('\n\n')] if '\n\n' in text else text
        opts_part = text[text.index('\noptions:\n'):]
        listed = re.findall(r'^  (?:-h, )?--([a-z][a-z0-9-]*)(?: (\S+))?', opts_part, re.M)
        names = [n for n, _ in listed]
        in_usage = re.findall(r'--([a-z][a-z0-9-]*)', usage)
        if sorted(set(in_usage)) != sorted(set(names)):
            fail(f'{c}: usage names {sorted(set(in_usage))}, options list {sorted(set(names))}')
        for name, arg in listed:
            if name == 'help':
                continue
            one = ['--' + name] + (['x'] if arg else [])
            repeat = re.search(r'--%s[^\n]*\n?[^\n]*repeatable' % re.escape(name), opts_part)
            if repeat:
                # accepted twice; the whole line is checked before any work, so the error is
                # the later option's
                p = run(c, *one, *one, '--zz-not-an-option')
                if p.returncode != 2 or p.stderr.splitlines() != [
                        f"bmdsim: {c}: unknown option '--zz-not-an-option' (see bmdsim {c} --help)"]:
                    fail(f'{c}: --{name} is repeatable but not accepted twice: {p.stderr!r}')
                continue
            # given twice: refused (which also says the parser knows it: an unknown option
            # is refused as unknown at its first use)
            p = run(c, *one, *one)
            if p.returncode != 2 or p.stderr.splitlines() != [f'bmdsim: {c}: --{name} is given twice (see bmdsim {c} --help)']:
                fail(f'{c}: --{name} twice: exit {p.returncode}, stderr {p.stderr!r}')
        if names:
            wrong = names[0][:-1] + ('x' if names[0][-1] != 'x' else 'y')
            p = run(c, '--' + wrong)
            if p.returncode != 2 or f"did you mean '--{names[0]}'?" not in p.stderr or len(p.stderr.splitlines()) != 1:
                fail(f'{c}: --{wrong}: exit {p.returncode}, stderr {p.stderr!r}')
        if run(c.upper(), '--help').stdout != text:
            fail(f'{c}: {c.upper()} is not the same command')
    print(f'cli_options: {len(cmds)} commands, {fails} failed')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
