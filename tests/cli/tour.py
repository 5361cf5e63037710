#!/usr/bin/env python3
"""The README's tour, run as a reader would run it (usage: tour.py BMDSIM SRC).

Every command of the tour's code block, from the repository's root as the README assumes
(here in a scratch copy of its examples/, scenarios/ and sweeps/ folders):
  - every input file it names ships in the repository;
  - it exits as the tour says (0, or 1 where the line says "exit 1"), with one stderr line
    when it fails and valid JSON on stdout when it asks for --json;
  - the slow analyses (footprint, coverage, mc, sweep; serve runs until stopped) are
    covered by their own tests; here their command lines are checked whole by the parser
    (every option and value count) without doing the work.
"""
import json, os, re, shlex, shutil, subprocess, sys, tempfile

SLOW = {'footprint', 'coverage', 'mc', 'sweep', 'serve'}
OUTPUT_OPTS = {'--out', '--store', '--report'}

def tour_commands(readme):
    text = open(readme).read()
    block = text[text.index('## A short tour'):]
    block = block[:block.index('\n- ')]
    lines, cur = [], ''
    for raw in block.splitlines():
        if not raw.startswith('    '):
            continue
        line = raw.strip()
        if line.startswith('#'):
            continue
        cur += ' ' + line
        if cur.rstrip().endswith('\\'):
            cur = cur.rstrip()[:-1]
            continue
        lines.append(cur.strip())
        cur = ''
    return lines

def main():
    exe, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    cmds = tour_commands(os.path.join(src, 'README.md'))
    fails = 0
    def fail(cmd, msg):
        nonlocal fails
        fails += 1
        print(f'FAIL {cmd}\n  {msg}')
    if len(cmds) < 15:
        fail('README.md', f'only {len(cmds)} tour commands found')
    with tempfile.TemporaryDirectory() as tmp:
        for d in ('examples', 'scenarios', 'sweeps'):
            shutil.copytree(os.path.join(src, d), os.path.join(tmp, d))
        for cmd in cmds:
            code, _, comment = cmd.partition('#')
            words = shlex.split(code)
            if words[0] != 'build/bmdsim':
                fail(cmd, 'does not start with build/bmdsim')
                continue
            words = words[1:]
            redirect = None
            if '>' in words:
                k = words.index('>')
                redirect, words = words[k + 1], words[:k]
            want = 1 if re.search(r'\bexit 1\b', comment) else 0
            for i, w in enumerate(words):
                if i > 0 and words[i - 1] in OUTPUT_OPTS:
                    continue
                if ('/' in w or w.endswith(('.yaml', '.csv'))) and not w.startswith('-'):
                    if not os.path.exists(os.path.join(src, w)):
                        fail(cmd, f'{w} does not ship in the repository')
            slow = words and words[0] in SLOW
            argv = [exe] + words + (['--zz-not-an-option'] if slow else [])
            p = subprocess.run(argv, cwd=tmp, capture_output=True, text=True, timeout=600)
            if slow:
                if p.returncode != 2 or p.stderr.splitlines() != [
                        f"bmdsim: {words[0]}: unknown option '--zz-not-an-option' (see bmdsim {words[0]} --help)"]:
                    fail(cmd, f'its command line is not accepted: {p.stderr.strip()!r}')
                continue
            if p.returncode != want:
                fail(cmd, f'exit {p.returncode}, want {want}: {p.stderr.strip()[:300]!r}')
            if p.returncode != 0 and len(p.stderr.splitlines()) != 1:
                fail(cmd, f'{len(p.stderr.splitlines())} stderr lines')
            if '--json' in words and p.returncode == 0:
                try:
                    json.loads(p.stdout)
                except ValueError as e:
                    fail(cmd, f'--json output is not JSON: {e}')
            if redirect:
                open(os.path.join(tmp, redirect), 'w').write(p.stdout)
        # the scenario written out by the tour is the shipped file, and validates
        mine = os.path.join(tmp, 'mine.yaml')
        if os.path.exists(mine):
            if open(mine).read() != open(os.path.join(src, 'scenarios', 'epaa-phase3.yaml')).read():
                fail('scenario show', 'mine.yaml differs from scenarios/epaa-phase3.yaml')
            p = subprocess.run([exe, 'validate', 'mine.yaml'], cwd=tmp, capture_output=True, text=True)
            if p.returncode != 0:
                fail('validate mine.yaml', p.stderr)
    print(f'tour: {len(cmds)} commands, {fails} failed')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
