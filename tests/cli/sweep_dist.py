#!/usr/bin/env python3
"""bmdsim sweep across processes (CTest cli_sweep_dist):
  (a) tests/data/sweep_dist.yaml (9 points) with one process and, when the MPI build is on, with
      `mpirun --allow-run-as-root --oversubscribe -np 2`: the exported stores are identical;
  (b) the same sweep killed with SIGKILL once some points are stored (and before it ends),
      then restarted with --resume: the export equals the uninterrupted run's, every point
      done exactly once (no point lost, none duplicated);
  (c) the same sweep as three shards (--shard I/3, each its own process and store; shard 2
      killed with SIGKILL after a point and resumed) joined with --merge: the merged store's
      --export csv and json are byte-identical to the one-process run's, and its tables
      hold the same rows except the times (created, started, finished);
  (d) --merge without shard 2: refused, exit 2, one line naming the missing shard; with
      --allow-partial the merged store has shard 2's points pending, and a --resume of it
      computes them: the export is again the one-process run's;
  (e) with MPI built: bmdsim itself does not link Open MPI (its module bmdsim-mpi.so is
      loaded under a launcher only), and a launcher's variable with the module missing is
      one line, exit 1, no store.
usage: sweep_dist.py BMDSIM SOURCE_DIR MPI(ON|OFF)
"""
import csv, io, os, re, shutil, signal, sqlite3, subprocess, sys, tempfile, time

def main():
    exe, src, mpi = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3].upper() in ('ON', '1', 'TRUE', 'YES')
    sweep = os.path.join(src, 'tests', 'data', 'sweep_dist.yaml')
    N = 9                                      # its points; three shards of N // 3
    fails = 0

    def check(cond, msg):
        nonlocal fails
        if not cond:
            fails += 1
            print('FAIL:', msg)

    def export(store, fmt='csv'):
        p = subprocess.run([exe, 'sweep', '--export', fmt, '--store', store], capture_output=True, text=True, timeout=60)
        check(p.returncode == 0, f'export {store}: exit {p.returncode} {p.stderr}')
        return p.stdout

    def done_count(store):
        try:
            with sqlite3.connect(f'file:{store}?mode=ro', uri=True, timeout=10) as db:
                return db.execute("select count(*) from points where status='done'").fetchone()[0]
        except sqlite3.Error:
            return 0

    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        t = time.time()
        p = subprocess.run([exe, 'sweep', sweep, '--store', 'one.sqlite'], capture_output=True, text=True, timeout=300)
        t1 = time.time() - t
        check(p.returncode == 0, f'one process: exit {p.returncode} {p.stderr}')
        ref = export('one.sqlite')
        rows = list(csv.DictReader(io.StringIO(ref)))
        check(len(rows) == N and all(r['status'] == 'done' for r in rows), f'one process: {N} done points')
        check([int(r['idx']) for r in rows] == list(range(N)), 'point order')
        print(f'one process: {t1:.1f} s')

        if mpi and shutil.which('mpirun'):
            t = time.time()
            # Open MPI itself leaves allocations at exit (its components are unloaded, so
            # LeakSanitizer cannot even name them): leak checking stays on for every
            # one-process run of the same code above, and is off for the MPI ranks only
            env = dict(os.environ)
            env['ASAN_OPTIONS'] = (env.get('ASAN_OPTIONS', '') + ':detect_leaks=0').lstrip(':')
            p = subprocess.run(['mpirun', '--allow-run-as-root', '--oversubscribe', '-np', '2', exe, 'sweep', sweep,
                                '--store', 'two.sqlite', '--json'], capture_output=True, text=True, timeout=300,
                               env=env)
            t2 = time.time() - t
            check(p.returncode == 0, f'mpirun -np 2: exit {p.returncode} {p.stderr}')
            check('"ranks":\t2' in p.stdout or '"ranks": 2' in p.stdout, f'mpirun -np 2 ran on 2 ranks: {p.stdout}')
            check(export('two.sqlite') == ref, 'mpirun -np 2 export differs from one process')
            print(f'mpirun -np 2: {t2:.1f} s')
        else:
            print('MPI build off (or no mpirun): (a) tested with one process only')

        # (b) kill -9 after a few points, then --resume
        proc = subprocess.Popen([exe, 'sweep', sweep, '--store', 'kill.sqlite'], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.time() + 200
        while done_count('kill.sqlite') < 3 and proc.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        before = done_count('kill.sqlite')
        print(f'killed with {before} of {N} points stored')
        check(proc.returncode == -signal.SIGKILL, 'the sweep was killed before it finished')
        check(3 <= before < N, f'killed mid-sweep ({before} points stored)')
        p = subprocess.run([exe, 'sweep', sweep, '--store', 'kill.sqlite', '--resume', '--json'], capture_output=True,
                           text=True, timeout=300)
        check(p.returncode == 0, f'resume: exit {p.returncode} {p.stderr}')
        check(f'"stored_before":\t{before}' in p.stdout, f'resume skipped the {before} stored points: {p.stdout}')
        check(f'"computed":\t{N - before}' in p.stdout, f'resume computed the other {N - before}: {p.stdout}')
        check(export('kill.sqlite') == ref, 'killed + resumed export differs from the uninterrupted run')
        with sqlite3.connect('kill.sqlite') as db:
            n = db.execute('select count(*) from metrics').fetchone()[0]
            # N points x the metrics the sweep keeps
            nm = len(re.search(r'^metrics: \[(.*)\]$', open(sweep).read(), re.M).group(1).split(','))
            check(n == N * nm, f'{n} metric rows, want {N * nm} (no duplicate, none lost)')

        # (c) three shards, the second killed after its first point and resumed, then merged
        for i in (1, 3):
            p = subprocess.run([exe, 'sweep', sweep, '--shard', f'{i}/3', '--store', f's{i}.sqlite', '--json'],
                               capture_output=True, text=True, timeout=300)
            check(p.returncode == 0 and f'"points":\t{N // 3}' in p.stdout and '"shard":\t"%d/3"' % i in p.stdout,
                  f'shard {i}/3: exit {p.returncode} {p.stdout} {p.stderr}')
        proc = subprocess.Popen([exe, 'sweep', sweep, '--shard', '2/3', '--store', 's2.sqlite'],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 200
        while done_count('s2.sqlite') < 1 and proc.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        before = done_count('s2.sqlite')
        check(proc.returncode == -signal.SIGKILL and 1 <= before < N // 3, f'shard 2/3 killed mid-run ({before} of {N // 3} stored)')
        p = subprocess.run([exe, 'sweep', sweep, '--shard', '2/3', '--store', 's2.sqlite', '--resume', '--json'],
                           capture_output=True, text=True, timeout=300)
        check(p.returncode == 0 and f'"computed":\t{N // 3 - before}' in p.stdout,
              f'shard 2/3 resumed: exit {p.returncode} {p.stdout} {p.stderr}')
        p = subprocess.run([exe, 'sweep', sweep, '--merge', '--store', 'merged.sqlite', 's3.sqlite', 's1.sqlite',
                            's2.sqlite', '--json'], capture_output=True, text=True, timeout=300)
        check(p.returncode == 0 and f'"done":\t{N}' in p.stdout and '"pending":\t0' in p.stdout,
              f'merge: exit {p.returncode} {p.stdout} {p.stderr}')
        check(export('merged.sqlite') == ref, 'merged shards: --export csv differs from one process')
        check(export('merged.sqlite', 'json') == export('one.sqlite', 'json'),
              'merged shards: --export json differs from one process')
        queries = ['select id, file_hash, spec_json, npoints from sweep', 'select * from columns order by kind, pos',
                   'select sweep_id, idx, params_json, status from points order by idx',
                   'select * from params order by idx, pos', 'select * from metrics order by idx, name',
                   'select * from shard']
        with sqlite3.connect('one.sqlite') as a, sqlite3.connect('merged.sqlite') as b:
            for q in queries:
                check(a.execute(q).fetchall() == b.execute(q).fetchall(), f'merged store differs: {q}')
            check(a.execute('select count(*) from metrics').fetchone()[0] > 0, 'the stores hold metrics')
        check(not [f for f in os.listdir('.') if 'tmp-' in f], 'no temporary file left by the merge')

        # (d) a shard missing: refused; with --allow-partial its points stay pending, and
        # a --resume of the merged store computes them
        p = subprocess.run([exe, 'sweep', sweep, '--merge', '--store', 'part.sqlite', 's1.sqlite', 's3.sqlite'],
                           capture_output=True, text=True, timeout=300)
        check(p.returncode == 2 and len(p.stderr.splitlines()) == 1 and 'shard 2/3 missing' in p.stderr
              and not os.path.exists('part.sqlite'), f'merge without shard 2: exit {p.returncode} {p.stderr}')
        p = subprocess.run([exe, 'sweep', sweep, '--merge', '--allow-partial', '--store', 'part.sqlite', 's1.sqlite',
                            's3.sqlite', '--json'], capture_output=True, text=True, timeout=300)
        check(p.returncode == 0 and f'"pending":\t{N // 3}' in p.stdout, f'--allow-partial: exit {p.returncode} {p.stdout}')
        rows = list(csv.DictReader(io.StringIO(export('part.sqlite'))))
        check([r['status'] for r in rows] == ['pending' if i % 3 == 1 else 'done' for i in range(N)],
              'partial merge: shard 2\'s points pending, the others done')
        p = subprocess.run([exe, 'sweep', sweep, '--store', 'part.sqlite', '--resume', '--json'], capture_output=True,
                           text=True, timeout=300)
        check(p.returncode == 0 and f'"computed":\t{N // 3}' in p.stdout, f'resume of the partial merge: {p.stdout}')
        check(export('part.sqlite') == ref, 'partial merge + resume: export differs from one process')

        # (e) the MPI module: loaded under a launcher only
        if mpi:
            if shutil.which('ldd'):
                p = subprocess.run(['ldd', exe], capture_output=True, text=True)
                check(p.returncode == 0 and 'libmpi' not in p.stdout, 'bmdsim links no MPI library')
            env = dict(os.environ, OMPI_COMM_WORLD_SIZE='1', BMDSIM_MPI_MODULE=os.path.join(tmp, 'no-such-module.so'))
            p = subprocess.run([exe, 'sweep', sweep, '--store', 'nompi.sqlite'], capture_output=True, text=True,
                               timeout=60, env=env)
            check(p.returncode == 1 and len(p.stderr.splitlines()) == 1 and 'MPI: cannot load' in p.stderr
                  and not os.path.exists('nompi.sqlite'), f'missing MPI module: exit {p.returncode} {p.stderr}')
        os.chdir('/')
    print(f'sweep_dist: {fails} failed')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
