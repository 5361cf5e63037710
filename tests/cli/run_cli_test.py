#!/usr/bin/env python3
"""Run one CLI test file (tests/cli/*.t) against the bmdsim binary.

A .t file is a list of lines `key: value` (blank lines and # comments ignored):
  setup:  a shell command run first in a fresh temporary directory (may repeat)
  args:   the bmdsim arguments (shell words; $SRC is the source tree)
  exit:   the expected exit code
  stdout: a regular expression that must match stdout (may repeat)
  stderr: a regular expression that must match stderr (may repeat)
  stderr-lines: the exact number of lines on stderr
  json:   KEY OP VALUE on stdout parsed as JSON: OP one of == < > <= >= ~ (~ takes
          VALUE +- TOL); KEY may be dotted (a.b) or indexed (rows.0.x)
  file:   a path that must exist afterwards;  nofile: a path that must not exist
  check:  a shell command run afterwards that must exit 0
A new `args:` starts another command in the same directory (the keys after it apply to it).
"""
import json, os, re, shlex, subprocess, sys, tempfile

def get(obj, key):
    for part in key.split('.'):
        obj = obj[int(part)] if isinstance(obj, list) else obj[part]
    return obj

def main():
    exe, path = sys.argv[1], sys.argv[2]
    src = os.environ.get('BMD_SOURCE_DIR', os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(path)))))
    lines = [l.rstrip('\n') for l in open(path)]
    steps, cur, setups = [], None, []
    for n, l in enumerate(lines, 1):
        if not l.strip() or l.lstrip().startswith('#'):
            continue
        k, _, v = l.partition(':')
        k, v = k.strip(), v.strip()
        if k == 'setup' and cur is None:
            setups.append(v)
        elif k == 'args':
            cur = {'args': v, 'checks': [], 'line': n}
            steps.append(cur)
        elif cur is not None:
            cur['checks'].append((k, v, n))
        else:
            print(f'{path}:{n}: key {k!r} before any args:'); return 1
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        # the fit cache of --data catalogs (catfit.h) in the test's own directory
        env = dict(os.environ, SRC=src, BMDSIM=os.path.abspath(exe), BMDSIM_CACHE_DIR=os.path.join(tmp, 'cache'))
        for s in setups:
            subprocess.run(s, shell=True, cwd=tmp, env=env, check=True)
        for st in steps:
            argv = [exe] + shlex.split(st['args'].replace('$SRC', src))
            p = subprocess.run(argv, cwd=tmp, env=env, capture_output=True, text=True, timeout=240)
            def fail(n, msg):
                nonlocal fails
                fails += 1
                print(f'{path}:{n}: {msg}\n  command: {st["args"]}\n  exit {p.returncode}\n  stdout: {p.stdout[:600]}\n  stderr: {p.stderr[:600]}')
            for k, v, n in st['checks']:
                if k == 'exit':
                    if p.returncode != int(v): fail(n, f'exit {p.returncode}, want {v}')
                elif k in ('stdout', 'stderr'):
                    if not re.search(v, getattr(p, k), re.M): fail(n, f'{k} does not match /{v}/')
                elif k == 'stderr-lines':
                    got = len(p.stderr.splitlines())
                    if got != int(v): fail(n, f'{got} stderr lines, want {v}')
                elif k == 'json':
                    try:
                        doc = json.loads(p.stdout)
                        key, op, rest = v.split(None, 2)
                        val = get(doc, key)
                        if op == '~':
                            want, _, tol = rest.partition('+-')
                            ok = abs(float(val) - float(want)) <= float(tol)
                        elif op == '==':
                            want = json.loads(rest)
                            ok = val == want
                        else:
                            want = float(rest)
                            ok = {'<': val < want, '>': val > want, '<=': val <= want, '>=': val >= want}[op]
                        if not ok: fail(n, f'json {key} = {val!r}, want {op} {rest}')
                    except Exception as e:
                        fail(n, f'json check {v!r}: {e!r}')
                elif k == 'file':
                    if not os.path.exists(os.path.join(tmp, v)): fail(n, f'missing file {v}')
                elif k == 'nofile':
                    if os.path.exists(os.path.join(tmp, v)): fail(n, f'file {v} should not exist')
                elif k == 'check':
                    r = subprocess.run(v, shell=True, cwd=tmp, env=env, capture_output=True, text=True)
                    if r.returncode != 0: fail(n, f'check failed: {v}\n  {r.stdout[:400]}{r.stderr[:400]}')
                else:
                    fail(n, f'unknown key {k!r}')
    print(f'{os.path.basename(path)}: {len(steps)} commands, {fails} failed')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
