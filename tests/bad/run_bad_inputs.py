#!/usr/bin/env python3
"""Feed every bad input of tests/bad/cases.txt to bmdsim and check how it fails.

usage: run_bad_inputs.py BMDSIM [CASE_NAME_SUBSTRING]

Each case runs in its own temporary directory, under a timeout (TIMEOUT_S) and an
address-space limit (MEM_BYTES), so a hang or a runaway allocation fails the case instead of
the machine. For every case, whatever its expectation:
  - no temporary output (*.tmp-*) is left behind;
  - neither stdout nor any file written contains a non-finite number (nan, inf);
  - a failed command (exit != 0) leaves no output file at a path given with --out/--store
    (one that was there before, such as an input given as an output, is left unchanged).
Expectations (cases.txt):
  2 REGEX   exit 2, exactly one stderr line, "bmdsim: ..." matching REGEX (re.search)
  1 REGEX   exit 1 (a legitimate input with no answer, e.g. out of range), same stderr rule
  ok CHECK  exit 0 and the named check against independent truth (CHECKS below)
Inputs: $F is tests/bad/files; $GEN holds the big files made here at start (never
committed); $DATA_<name> is a copy of data/ with one substitution (`@data` lines).
"""
import ctypes, ctypes.util, json, math, os, re, resource, shlex, shutil, subprocess, sys, tempfile

TIMEOUT_S = 60                 # per case; the 100 MB cases take about a second
MEM_BYTES = 2 << 30            # address-space cap per case (2 GiB)
NONFINITE = re.compile(r'(?<![A-Za-z_])[-+]?(nan|inf|infinity)(?![A-Za-z_])', re.I)

# ---- independent truth: PROJ's geodesic (Karney 2013) through ctypes, WGS84
_proj = ctypes.CDLL(ctypes.util.find_library('proj') or 'libproj.so')
_geod = ctypes.create_string_buffer(4096)   # struct geod_geodesic is about 1 kB
_proj.geod_init(_geod, ctypes.c_double(6378137.0), ctypes.c_double(1 / 298.257223563))

def geodesic_m(lat1, lon1, lat2, lon2):
    s12, a1, a2 = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    _proj.geod_inverse(_geod, *(ctypes.c_double(v) for v in (lat1, lon1, lat2, lon2)),
                       ctypes.byref(s12), ctypes.byref(a1), ctypes.byref(a2))
    return s12.value

def check_geodesic(p, cwd, lat1, lon1, lat2, lon2):
    """fly --json: target_range_km is PROJ's geodesic distance (to 1 m: both are Karney's
    algorithm, accurate to nanometres), the impact lies within 100 m of the target (the
    aim tolerance of docs/models/aim.md is far below that), all numbers finite"""
    r = json.loads(p.stdout)
    s = geodesic_m(*map(float, (lat1, lon1, lat2, lon2)))
    if abs(r['target_range_km'] * 1e3 - s) > 1.0:
        return f'target_range_km {r["target_range_km"]} but PROJ says {s / 1e3}'
    miss = geodesic_m(r['impact_lat_deg'], r['impact_lon_deg'], float(lat2), float(lon2))
    if miss > 100.0:
        return f'impact {r["impact_lat_deg"]},{r["impact_lon_deg"]} is {miss:.1f} m from the target'
    return None

def check_out_of_range(p, cwd, lat1, lon1, lat2, lon2):
    """exit 1 'out of range': the distance it prints is PROJ's geodesic distance (to 1 km,
    the printed precision)"""
    m = re.search(r'(\d+) km away', p.stderr)
    s = geodesic_m(*map(float, (lat1, lon1, lat2, lon2)))
    if not m or abs(float(m.group(1)) - s / 1e3) > 1.0:
        return f'want "{s / 1e3:.0f} km away" in stderr'
    return None

def read_csv(path):
    rows = [l.rstrip('\r\n').split(',') for l in open(path)]
    return rows[0], rows[1:]

def check_rows(p, cwd, path, n):
    """the output CSV has exactly n data rows"""
    _, rows = read_csv(os.path.join(cwd, path))
    return None if len(rows) == int(n) else f'{len(rows)} rows in {path}, want {n}'

def check_same_rows(p, cwd, path, ref):
    """the output CSV equals the output of the reference input (e.g. CRLF vs LF)"""
    a = open(os.path.join(cwd, path)).read()
    b = open(os.path.join(cwd, ref)).read()
    return None if a == b else f'{path} differs from {ref}'

def check_mirror(p, cwd, path):
    """rows 1 and 2 are mirror images in latitude (the oblate rotating Earth is symmetric
    about the equator): impact latitudes opposite, longitudes and times equal (1e-6)"""
    _, rows = read_csv(os.path.join(cwd, path))
    a, b = rows[0], rows[1]
    if abs(float(a[1]) + float(b[1])) > 1e-6 or abs(float(a[2]) - float(b[2])) > 1e-6 or \
       abs(float(a[3]) - float(b[3])) > 1e-6:
        return f'rows are not mirror images: {a} {b}'
    return None

def check_validate_ok(p, cwd):
    """validate accepted it"""
    return None if p.stdout.startswith('ok: ') else 'stdout does not start with ok:'

def check_shots(p, cwd, threats, shots):
    """validate --json: the scenario's threats and its distinct shots (each flown once)"""
    r = json.loads(p.stdout)
    if r.get('valid') is not True or r['threats'] != int(threats) or r['shots'] != int(shots):
        return f'threats {r.get("threats")}, shots {r.get("shots")}; want {threats}, {shots}'
    return None

def check_stdout(p, cwd, *words):
    """stdout matches the regular expression (the words joined by spaces)"""
    rx = ' '.join(words)
    return None if re.search(rx, p.stdout, re.M) else f'stdout does not match /{rx}/'

CHECKS = {'geodesic': check_geodesic, 'out-of-range': check_out_of_range, 'rows': check_rows,
          'same': check_same_rows, 'mirror': check_mirror, 'validate-ok': check_validate_ok,
          'shots': check_shots, 'stdout': check_stdout}

def make_small(gen, files):
    """inputs made per run because git cannot hold them (FIFOs) or they are large and
    regular (a scenario per scale limit): cheap, so always made"""
    os.mkfifo(os.path.join(gen, 'fifo.yaml'))
    os.mkfifo(os.path.join(gen, 'fifo.csv'))
    d = os.path.join(gen, 'data-fifo')
    os.mkdir(d)
    os.mkfifo(os.path.join(d, 'missiles.yaml'))
    base = open(os.path.join(files, 'base.yaml')).read()
    head, threats = base.split('threats:\n')
    shot = '  - {id: "T%d", missile: iskander-m, from: chernyakhovsk, to: warsaw, launch_s: %d}\n'
    for name, n in (('same-10000.yaml', 10000), ('threats-10001.yaml', 10001)):
        with open(os.path.join(gen, name), 'w') as f:
            f.write(head + 'threats:\n' + ''.join(shot % (i, i % 600) for i in range(n)))
    site = '  - {name: "s%d", site: redzikowo, interceptor: sm-3-iia, inventory: 1, source: "t"}\n'
    a, b = base.split('sites:\n')
    b = b[b.index('c2:'):]
    with open(os.path.join(gen, 'sites-101.yaml'), 'w') as f:
        f.write(a + 'sites:\n' + ''.join(site % i for i in range(101)) + b)
    radar = '    - {name: "r%d", type: spy-1, site: redzikowo, boresight_az_deg: 0, source: "t"}\n'
    a, b = base.split('  radars:\n')
    b = b[b.index('sites:'):]
    with open(os.path.join(gen, 'radars-101.yaml'), 'w') as f:
        f.write(a + '  radars:\n' + ''.join(radar % i for i in range(101)) + b)

def make_big(gen, files):
    """100 MB inputs: made per run, never committed (built in memory and written whole:
    a write per row took most of this test's time)"""
    mb = 100 << 20
    base = open(os.path.join(files, 'base.yaml')).read().encode()
    line = b'# ' + b'x' * 1021 + b'\n'
    with open(os.path.join(gen, 'big-100mb.yaml'), 'wb') as f:       # valid YAML, far too big
        f.write(base + line * (mb // len(line)))
    with open(os.path.join(gen, 'big-100mb-oneline.csv'), 'wb') as f:  # no newline at all
        f.write(b'id,lat_deg,lon_deg,alt_m,v_east_mps,v_north_mps,v_up_mps,beta_kgm2\n')
        f.write(b'1' * mb)
    # 1.7 M rows with ids 1, 2, 3, ... (the header included, just past 100 MB), then a last
    # bad row: beta -1 (rows) or id 1 again (dup)
    head = b'id,lat_deg,lon_deg,alt_m,v_east_mps,v_north_mps,v_up_mps,beta_kgm2\n'
    row = ',10,20,100000,1000,2000,3000,5000\n'
    n = mb // (len(row) + 6) + 1                       # ids of 7 digits: enough rows to pass 100 MB
    rows = head + (row.join(map(str, range(1, n + 1))) + row).encode()
    # cut after the first row that takes the file to 100 MB, as a row-by-row writer would
    cut = rows.index(b'\n', mb - 1) + 1 if len(rows) > mb else len(rows)
    rows = rows[:cut]
    with open(os.path.join(gen, 'big-100mb-rows.csv'), 'wb') as f:
        f.write(rows + b'0,10,20,100000,1000,2000,3000,-1\n')
    with open(os.path.join(gen, 'big-100mb-dup.csv'), 'wb') as f:      # the same rows, then id 1 again
        f.write(rows + b'1,10,20,100000,1000,2000,3000,5000\n')
    with open(os.path.join(gen, 'big-100mb-blank.csv'), 'wb') as f:     # header + 100 MB of \n
        f.write(head + b'\n' * mb)
    os.link(os.path.join(gen, 'big-100mb.yaml'), os.path.join(gen, 'big-100mb-sweep.yaml'))

ASAN = False  # set in main: an AddressSanitizer build reserves terabytes of shadow address
              # space, so RLIMIT_AS would stop it at start; its own RSS cap is used instead

def limits():
    if not ASAN:
        resource.setrlimit(resource.RLIMIT_AS, (MEM_BYTES, MEM_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

def main():
    global ASAN
    exe = os.path.abspath(sys.argv[1])
    with open(exe, 'rb') as f:
        ASAN = b'__asan_init' in f.read()
    only = sys.argv[2] if len(sys.argv) > 2 else None
    here = os.path.dirname(os.path.abspath(__file__))
    src = os.path.dirname(os.path.dirname(here))
    files = os.path.join(here, 'files')
    fails = ncases = 0
    tally = {'refused': 0, 'no_answer': 0, 'answered': 0, 'crashes': 0, 'hangs': 0, 'leftovers': 0}
    with tempfile.TemporaryDirectory() as top:
        env = dict(os.environ, F=files, GEN=os.path.join(top, 'gen'), SRC=src)
        if ASAN:  # the same 2 GiB cap, as resident memory (sanitizer common flag)
            env['ASAN_OPTIONS'] = (env.get('ASAN_OPTIONS', '') + ':hard_rss_limit_mb=%d' % (MEM_BYTES >> 20)).lstrip(':')
        os.mkdir(env['GEN'])
        make_small(env['GEN'], files)
        cases = []
        for n, line in enumerate(open(os.path.join(here, 'cases.txt')), 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if line.startswith('@data '):   # @data NAME | OLD | NEW  (\n allowed in OLD/NEW)
                name, old, new = [x.strip().replace('\\n', '\n') for x in line[6:].split(' | ')]
                # OLD is a regular expression, NEW literal text; the first match is replaced
                d = os.path.join(top, 'data-' + name)
                shutil.copytree(os.path.join(src, 'data'), d)
                text = open(os.path.join(d, 'missiles.yaml')).read()
                if not re.search(old, text):
                    print(f'cases.txt:{n}: @data {name}: {old!r} not in data/missiles.yaml'); fails += 1
                open(os.path.join(d, 'missiles.yaml'), 'w').write(re.sub(old, lambda m: new, text, count=1))
                env['DATA_' + name.replace('-', '_')] = d
                continue
            expect, _, args = line.partition(' | ')
            cases.append((n, expect.strip(), args.strip()))
        if any('$GEN' in a for _, _, a in cases if not only or only in a):
            make_big(env['GEN'], files)
        for n, expect, args in cases:
            if only and only not in args and only not in expect:
                continue
            ncases += 1
            cwd = tempfile.mkdtemp(dir=top)
            argv = [exe] + [re.sub(r'\$(\w+)', lambda m: env.get(m.group(1), m.group(0)), a)
                           for a in shlex.split(args)]
            outs = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ('--out', '--store', '--report')]
            # a target that exists before (an input file given as an output, to be refused)
            # is checked to be left as it was instead
            before = {o: (os.path.getmtime(os.path.join(cwd, o)), os.path.getsize(os.path.join(cwd, o)))
                      for o in outs if os.path.exists(os.path.join(cwd, o))}
            errs = []
            try:
                p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True,
                                   errors='replace', timeout=TIMEOUT_S, preexec_fn=limits)
            except subprocess.TimeoutExpired:
                print(f'cases.txt:{n}: FAIL timeout after {TIMEOUT_S} s\n  bmdsim {args}'); fails += 1
                tally['hangs'] += 1
                continue
            if p.returncode < 0 or p.returncode > 2:
                tally['crashes'] += 1   # killed by a signal (negative) or an unexpected status
            elif p.returncode == 2:
                tally['refused'] += 1
            elif p.returncode == 1:
                tally['no_answer'] += 1
            else:
                tally['answered'] += 1
            kind, _, rest = expect.partition(' ')
            lines = p.stderr.splitlines()
            if kind in ('1', '2'):
                if p.returncode != int(kind):
                    errs.append(f'exit {p.returncode}, want {kind}')
                if len(lines) != 1:
                    errs.append(f'{len(lines)} stderr lines, want 1')
                elif not lines[0].startswith('bmdsim: ') or not re.search(rest, lines[0]):
                    errs.append(f'stderr does not match /{rest}/')
                for o in outs:
                    path = os.path.join(cwd, o)
                    if o in before:
                        if (os.path.getmtime(path), os.path.getsize(path)) != before[o]:
                            errs.append(f'failed but changed {o}')
                    elif os.path.exists(path):
                        errs.append(f'failed but wrote {o}')
                        tally['leftovers'] += 1
            elif kind == 'ok':
                words = rest.split()
                if p.returncode != 0:
                    errs.append(f'exit {p.returncode}, want 0')
                else:
                    try:
                        why = CHECKS[words[0]](p, cwd, *words[1:])
                    except Exception as e:   # a check that cannot parse the output fails
                        why = f'check {words[0]}: {e!r}'
                    if why:
                        errs.append(why)
            else:
                errs.append(f'bad expectation {expect!r}')
            if NONFINITE.search(p.stdout):
                errs.append('non-finite number on stdout')
            for root, _, fs in os.walk(cwd):
                for f in fs:
                    path = os.path.join(root, f)
                    if '.tmp-' in f:
                        errs.append(f'temporary file {f} left behind')
                        tally['leftovers'] += 1
                    elif f.endswith(('.csv', '.json', '.geojson', '.kml')) and \
                            NONFINITE.search(open(path, errors='replace').read()):
                        errs.append(f'non-finite number in {f}')
            if errs:
                fails += 1
                print(f'cases.txt:{n}: FAIL ' + '; '.join(errs) +
                      f'\n  bmdsim {args}\n  exit {p.returncode}\n  stderr: {p.stderr[:400]!r}\n  stdout: {p.stdout[:300]!r}')
            shutil.rmtree(cwd, ignore_errors=True)
    # the figures docs/reliability.md quotes
    print(f"run_bad_inputs: {ncases} cases: {tally['refused']} refused (exit 2), {tally['no_answer']} "
          f"without an answer (exit 1), {tally['answered']} answered and checked (exit 0); "
          f"{tally['crashes']} crashes, {tally['hangs']} hangs, {tally['leftovers']} files left behind; "
          f"{fails} failed")
    return 1 if fails or not ncases else 0

if __name__ == '__main__':
    sys.exit(main())
