#!/usr/bin/env python3
"""How bmdsim writes, class by class (CTest cli_outputs; docs/reliability.md quotes its
summary line).

usage: outputs.py BMDSIM

Classes, each tried on every command it applies to:
  targets   an output path that holds a FIFO, a socket, a symbolic link (dangling, and to a
            file), a directory or a device node (made with mknod where allowed, i.e. as
            root; never /dev itself) is refused: exit 2, one stderr line naming what it is,
            the thing left as it was; a file inside an existing output folder likewise,
            with nothing of the folder replaced
  stdout    standard output on /dev/full: exit 1 and the one line "write error on standard
            output: no space left on device" (coreutils' close_stdout rule)
  full      a full disk while writing: a 64 KB tmpfs in a user namespace where the kernel
            allows one ("no space left on device"), and always a file-size limit
            (RLIMIT_FSIZE: "file too large"); exit 1, one line naming the file and the
            cause, no temporary file or folder left, and a previous complete set of outputs
            in the folder left byte for byte as it was
  sets      an existing output folder: the command's files replaced, a file of the user's
            kept, nothing else added
  folders   a scenario file's default output folder comes from the file's name and is never
            a built-in scenario's (a copy of epaa-phase3.yaml runs into out/epaa-phase3-file)
  reproduce the "how to reproduce" line of each report (run, plot, mc, footprint, coverage),
            run again from the same folder, writes the same data files (byte for byte)

Every case runs under a timeout; the summary counts cases, refusals as expected, crashes
(death by a signal), hangs (timeouts) and leftovers (temporary files or folders).
"""
import html, os, re, resource, shlex, shutil, signal, socket, stat, subprocess, sys, tempfile

TIMEOUT_S = 300
CHEAP = 'iskander-kaliningrad'   # the built-in scenario that runs fastest (3 threats, 1 site)
stats = {'cases': 0, 'refused': 0, 'crashes': 0, 'hangs': 0, 'leftovers': 0}
fails = 0

def fail(msg):
    global fails
    fails += 1
    print('FAIL', msg)

def bmdsim(exe, args, cwd, stdout=subprocess.PIPE, preexec=None, wrap=None):
    """run one case; returns (exit code, stdout, stderr lines); counts crashes and hangs"""
    stats['cases'] += 1
    argv = [exe] + args if not wrap else wrap([exe] + args)
    try:
        p = subprocess.run(argv, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, timeout=TIMEOUT_S,
                           preexec_fn=preexec)
    except subprocess.TimeoutExpired:
        stats['hangs'] += 1
        fail(f'hang: bmdsim {" ".join(args)}')
        return None, '', []
    if p.returncode < 0 or p.returncode >= 128:
        stats['crashes'] += 1
        fail(f'crash ({p.returncode}): bmdsim {" ".join(args)}')
    out = p.stdout.decode('utf-8', 'replace') if p.stdout else ''
    return p.returncode, out, p.stderr.decode('utf-8', 'replace').splitlines()

def leftovers(top):
    """temporary files and folders anywhere under top"""
    found = []
    for root, dirs, files in os.walk(top):
        for n in dirs + files:
            if '.tmp-' in n or n.startswith('.bmdsim-tmp'):
                found.append(os.path.join(root, n))
    if found:
        stats['leftovers'] += len(found)
        fail(f'temporary files left: {found}')
        for f in found:
            shutil.rmtree(f, ignore_errors=True) if os.path.isdir(f) else os.unlink(f)

def expect_refusal(exe, args, cwd, what):
    rc, _, err = bmdsim(exe, args, cwd)
    if rc == 2 and len(err) == 1 and re.search(what, err[0]):
        stats['refused'] += 1
    else:
        fail(f'bmdsim {" ".join(args)}: want exit 2 and one line /{what}/, got {rc}: {err}')

def snapshot(d):
    """{name: (mode, bytes)} of a folder, without following links"""
    out = {}
    for n in sorted(os.listdir(d)):
        p = os.path.join(d, n)
        st = os.lstat(p)
        out[n] = (stat.S_IFMT(st.st_mode), open(p, 'rb').read() if stat.S_ISREG(st.st_mode) else None)
    return out

# ---- targets ---------------------------------------------------------------------------------

def targets(exe, src, tmp):
    d = os.path.join(tmp, 'targets')
    os.mkdir(d)
    states = os.path.join(src, 'tests', 'data', 'bench_ref_states_1k.csv')
    open(os.path.join(d, 'real.csv'), 'w').write('mine\n')
    os.mkfifo(os.path.join(d, 'fifo'))
    s = socket.socket(socket.AF_UNIX)
    s.bind(os.path.join(d, 'sock'))
    os.symlink('real.csv', os.path.join(d, 'link'))
    os.symlink('nowhere.csv', os.path.join(d, 'dangling'))
    os.mkdir(os.path.join(d, 'dir'))
    kinds = {'fifo': 'is a FIFO', 'sock': 'is a socket', 'link': 'is a symbolic link', 'dangling': 'is a symbolic link',
             'dir': 'is a directory'}
    try:
        os.mknod(os.path.join(d, 'null'), 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        kinds['null'] = 'is a device'
    except OSError as e:
        print(f'device node not tried (mknod: {e.strerror})')
    before = snapshot(d)
    for name, what in kinds.items():
        expect_refusal(exe, ['propagate', '--in', states, '--out', name], d, f'{name}: {what}')
        expect_refusal(exe, ['sweep', os.path.join(src, 'sweeps', 'example.yaml'), '--store', name], d, f'{name}: {what}')
    for name in ('fifo', 'sock', 'null', 'real.csv', 'dangling'):
        if name in kinds or name == 'real.csv':
            for cmd in (['run', '--out', name], ['fly', '--missile', 'shahab-3', '--from', 'tabriz', '--to', 'ankara', '--out', name],
                        ['mc', '--trials', '5', '--report', name], ['plot', '--out', name],
                        ['coverage', '--no-sweep', '--out', name], ['footprint', '--grid-deg', '5', '--out', name]):
                expect_refusal(exe, cmd, d, f'{name}: (is not a folder|is a symbolic link to nothing)')
    if snapshot(d) != before:
        fail('a refused target was changed')
    # a file inside an existing output folder: refused at the commit, nothing replaced
    o = os.path.join(d, 'o')
    os.mkdir(o)
    open(os.path.join(o, 'summary.json'), 'w').write('old\n')
    os.mkfifo(os.path.join(o, 'events.csv'))
    before = snapshot(o)
    expect_refusal(exe, ['run', '--out', 'o'], d, r'o/events\.csv: is a FIFO')
    if snapshot(o) != before:
        fail('run --out o replaced files of a set it refused')
    os.unlink(os.path.join(o, 'events.csv'))
    os.symlink('../real.csv', os.path.join(o, 'run.kml'))
    before = snapshot(o)
    expect_refusal(exe, ['run', '--out', 'o'], d, r'o/run\.kml: is a symbolic link')
    if snapshot(o) != before or open(os.path.join(d, 'real.csv')).read() != 'mine\n':
        fail('run --out o wrote through a symbolic link')
    s.close()
    leftovers(d)

# ---- stdout ----------------------------------------------------------------------------------

def stdout_full(exe, src, tmp):
    d = os.path.join(tmp, 'stdout')
    os.mkdir(d)
    states = os.path.join(src, 'tests', 'data', 'bench_ref_states_1k.csv')
    # a store to export: two points of the smallest built-in raid (the rule under test is
    # the writing of stdout, not the analysis, so the cheapest scenario serves)
    open(os.path.join(d, 'two.yaml'), 'w').write(
        'sweep: "two"\nsource: "test"\nbase: "iskander-kaliningrad"\nanalysis: run\nseed: 1\n'
        'parameters:\n  - {name: c2.sspk, values: [0.5, 0.9]}\nmetrics: [killed, leaked]\n')
    p = subprocess.run([exe, 'sweep', 'two.yaml', '--store', 's.sqlite'], cwd=d, capture_output=True, timeout=TIMEOUT_S)
    if p.returncode != 0:
        fail(f'sweep two.yaml: exit {p.returncode} {p.stderr}')
    cmds = [['--help'], ['--version'], ['catalog'], ['catalog', '--json'], ['run', '--help'],
            ['run', CHEAP, '--json'], ['run', CHEAP],
            ['validate', os.path.join(src, 'scenarios', 'epaa-phase3.yaml'), '--json'],
            ['fly', '--missile', 'shahab-3', '--from', 'tabriz', '--to', 'ankara', '--json'],
            ['engage', '--help'], ['mc', CHEAP, '--trials', '20', '--json'],
            ['propagate', '--in', states, '--out', 'imp.csv', '--json'],
            ['sweep', '--export', 'csv', '--store', 's.sqlite'], ['sweep', '--export', 'json', '--store', 's.sqlite'],
            ['coverage', CHEAP, '--no-sweep', '--json', '--out', 'c'],
            ['footprint', CHEAP, '--grid-deg', '5', '--json', '--out', 'f']]
    with open('/dev/full', 'wb') as full:
        for c in cmds:
            rc, _, err = bmdsim(exe, c, d, stdout=full)
            if rc != 1 or err != ['bmdsim: write error on standard output: no space left on device']:
                fail(f'bmdsim {" ".join(c)} > /dev/full: exit {rc}, stderr {err}')
    leftovers(d)

# ---- full disk ---------------------------------------------------------------------------------

FULL_CMDS = [
    ['run', CHEAP, '--out', 'o', '--plot', '--report', 'r'],
    ['plot', CHEAP, '--out', 'o', '--format', 'png'],
    ['mc', CHEAP, '--trials', '20', '--out', 'o', '--report', 'r'],
    ['coverage', CHEAP, '--no-sweep', '--out', 'o', '--format', 'svg'],
    ['footprint', CHEAP, '--grid-deg', '3', '--out', 'o', '--format', 'svg'],
    ['fly', '--missile', 'ss-25', '--from', 'teykovo', '--to', 'new-york', '--out', 'o'],
]

def fsize_limit(n):
    def f():
        resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # write(2) then fails with EFBIG
    return f

def full_disk(exe, src, tmp):
    d = os.path.join(tmp, 'full')
    os.mkdir(d)
    for c in FULL_CMDS:
        # the previous complete set, then the same command with room for about 40 KB a file
        rc, _, err = bmdsim(exe, c, d)
        if rc != 0:
            fail(f'bmdsim {" ".join(c)}: exit {rc} {err}')
            continue
        before = snapshot(os.path.join(d, 'o'))
        rc, _, err = bmdsim(exe, c + ['--seed', '99'] if c[0] in ('run', 'plot', 'mc') else c, d,
                            preexec=fsize_limit(40000))
        if rc != 1 or len(err) != 1 or not re.search(r'^bmdsim: (o|r)/[\w.-]+: file too large$', err[0]):
            fail(f'bmdsim {" ".join(c)} (40 KB file limit): exit {rc}, stderr {err}')
        if snapshot(os.path.join(d, 'o')) != before:
            fail(f'bmdsim {" ".join(c)} (40 KB file limit): the previous outputs changed')
        leftovers(d)
        shutil.rmtree(os.path.join(d, 'o'), ignore_errors=True)
        shutil.rmtree(os.path.join(d, 'r'), ignore_errors=True)
    # a real full file system, where the kernel lets a user namespace mount a tmpfs
    probe = subprocess.run(['unshare', '--user', '--map-root-user', '--mount', 'true'], capture_output=True)
    if probe.returncode != 0:
        print('tmpfs not tried: unshare --user --mount is not allowed here')
        return
    m = os.path.join(d, 'small')
    os.mkdir(m)
    for c in FULL_CMDS + [['propagate', '--in', os.path.join(src, 'tests', 'data', 'bench_ref_states_1k.csv'),
                           '--out', 'o.csv']]:
        script = 'mount -t tmpfs -o size=64k tmpfs "$1" && cd "$1" && shift && exec "$@"'
        rc, _, err = bmdsim(exe, c, d, wrap=lambda argv: ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c',
                                                          script, 'sh', m] + argv)
        want = 0 if c[0] == 'propagate' else 1   # 57 KB of impacts fit; the others need more
        if rc != want or (want == 1 and (len(err) != 1 or not re.search(r'^bmdsim: (o|r)/[\w.-]+: no space left on device$', err[0]))):
            fail(f'bmdsim {" ".join(c)} (64 KB tmpfs): exit {rc}, stderr {err}')
        # the mount died with the namespace: what was written is gone, but nothing may be
        # left beside it either
        if os.listdir(m):
            fail(f'files left beside the tmpfs: {os.listdir(m)}')
    leftovers(d)

# ---- sets ----------------------------------------------------------------------------------------

def sets(exe, src, tmp):
    d = os.path.join(tmp, 'sets')
    os.mkdir(d)
    os.mkdir(os.path.join(d, 'o'))
    open(os.path.join(d, 'o', 'notes.txt'), 'w').write('mine\n')
    for seed in ('1', '2'):
        rc, out, err = bmdsim(exe, ['run', '--seed', seed, '--out', 'o'], d)
        if rc != 0:
            fail(f'run --out o: exit {rc} {err}')
    names = sorted(os.listdir(os.path.join(d, 'o')))
    if names != ['events.csv', 'notes.txt', 'run.kml', 'summary.json', 'tracks.geojson']:
        fail(f'run into an existing folder left {names}')
    if open(os.path.join(d, 'o', 'notes.txt')).read() != 'mine\n':
        fail('a file of the user\'s was changed')
    leftovers(d)

# ---- default folders -------------------------------------------------------------------------------

def folders(exe, src, tmp):
    d = os.path.join(tmp, 'folders')
    os.mkdir(d)
    shutil.copy(os.path.join(src, 'scenarios', 'epaa-phase3.yaml'), os.path.join(d, 'epaa-phase3.yaml'))
    shutil.copy(os.path.join(src, 'scenarios', 'iskander-kaliningrad.yaml'), os.path.join(d, 'my raid.yaml'))
    for args, want in ((['run', 'epaa-phase3.yaml', '--plot'], 'out/epaa-phase3-file'),
                       (['plot', 'my raid.yaml', '--format', 'png'], 'out/my raid-plots'),
                       (['coverage', 'my raid.yaml', '--no-sweep', '--format', 'png'], 'out/my raid-coverage'),
                       (['run', 'epaa-phase3', '--plot'], 'out/epaa-phase3')):
        rc, out, err = bmdsim(exe, args, d)
        if rc != 0 or not os.path.isdir(os.path.join(d, want)) or 'wrote ' + want not in out:
            fail(f'bmdsim {" ".join(args)}: want the outputs in {want} and said so: exit {rc}, {err}, {os.listdir(os.path.join(d, "out"))}')
    if sorted(os.listdir(os.path.join(d, 'out'))) != ['epaa-phase3', 'epaa-phase3-file', 'my raid-coverage', 'my raid-plots']:
        fail(f'folders: {sorted(os.listdir(os.path.join(d, "out")))}')
    leftovers(d)

# ---- reproduce -------------------------------------------------------------------------------------

def reproduce(exe, src, tmp):
    d = os.path.join(tmp, 'repro dir')
    os.mkdir(d)
    data = os.path.join(d, 'my data')
    shutil.copytree(os.path.join(src, 'data'), data)
    shutil.copy(os.path.join(src, 'scenarios', 'iskander-kaliningrad.yaml'), os.path.join(d, "raid 'one'.yaml"))
    scen = "raid 'one'.yaml"
    jobs = [(['run', scen, '--data', data, '--seed', '5', '--out', 'o', '--report', 'r'],
             ['events.csv', 'summary.json', 'tracks.geojson', 'run.kml']),
            (['plot', scen, '--data', data, '--out', 'o', '--format', 'png', '--report', 'r'], ['map.png', 'profile.png']),
            (['mc', scen, '--data', data, '--trials', '30', '--threads', '2', '--out', 'o', '--report', 'r'], ['trials.csv']),
            (['footprint', scen, '--data', data, '--grid-deg', '4', '--out', 'o', '--format', 'png', '--report', 'r'],
             ['footprint.csv', 'footprint.geojson', 'footprint.tif']),
            (['coverage', scen, '--data', data, '--no-sweep', '--out', 'o', '--format', 'png', '--report', 'r'],
             ['coverage.csv', 'coverage.geojson'])]
    for args, files in jobs:
        shutil.rmtree(os.path.join(d, 'o'), ignore_errors=True)
        shutil.rmtree(os.path.join(d, 'r'), ignore_errors=True)
        rc, _, err = bmdsim(exe, args, d)
        if rc != 0:
            fail(f'bmdsim {" ".join(args)}: exit {rc} {err}')
            continue
        page = open(os.path.join(d, 'r', 'report.html'), encoding='utf-8').read()
        m = re.search(r'How to reproduce: <code>(.*?)</code>', page, re.S)
        if not m:
            fail(f'{args[0]}: no reproduce line in the report')
            continue
        line = html.unescape(m.group(1))
        words = shlex.split(line)
        if words[0] != 'bmdsim' or words[1:] != args:
            fail(f'{args[0]}: the reproduce line {line!r} is not the invocation {args!r}')
            continue
        os.rename(os.path.join(d, 'o'), os.path.join(d, 'first'))
        shutil.rmtree(os.path.join(d, 'r'))
        rc, _, err = bmdsim(exe, words[1:], d)
        for f in files:
            a, b = os.path.join(d, 'first', f), os.path.join(d, 'o', f)
            if rc != 0 or not os.path.exists(b) or open(a, 'rb').read() != open(b, 'rb').read():
                fail(f'{args[0]}: {f} differs when the reproduce line is run again')
        shutil.rmtree(os.path.join(d, 'first'))
    leftovers(d)

def main():
    exe = os.path.abspath(sys.argv[1])
    src = os.environ.get('BMD_SOURCE_DIR') or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with tempfile.TemporaryDirectory() as tmp:
        for part in (targets, stdout_full, full_disk, sets, folders, reproduce):
            n0, f0 = stats['cases'], fails
            part(exe, src, tmp)
            ru = resource.getrusage(resource.RUSAGE_CHILDREN)
            print(f'{part.__name__}: {stats["cases"] - n0} cases, {fails - f0} failures (children cpu {ru.ru_utime + ru.ru_stime:.1f} s)')
    print('outputs: {cases} cases, {refused} refused as expected, {crashes} crashes, {hangs} hangs, '
          '{leftovers} leftovers; {f} failures'.format(f=fails, **stats))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
