#!/usr/bin/env python3
"""bmdsim sweep across processes (CTest cli_sweep_dist):
  (a) sweeps/example.yaml with one process and, when the MPI build is on, with
      `mpirun --allow-run-as-root --oversubscribe -np 2`: the exported stores are identical;
  (b) the same sweep killed with SIGKILL once some points are stored (and before it ends),
      then restarted with --resume: the export equals the uninterrupted run's, every point
      done exactly once (no point lost, none duplicated).
usage: sweep_dist.py BMDSIM SOURCE_DIR MPI(ON|OFF)
"""
import csv, io, os, re, shutil, signal, sqlite3, subprocess, sys, tempfile, time

def main():
    exe, src, mpi = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3].upper() in ('ON', '1', 'TRUE', 'YES')
    sweep = os.path.join(src, 'sweeps', 'example.yaml')
    fails = 0

    def check(cond, msg):
        nonlocal fails
        if not cond:
            fails += 1
            print('FAIL:', msg)

    def export(store):
        p = subprocess.run([exe, 'sweep', '--export', 'csv', '--store', store], capture_output=True, text=True, timeout=60)
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
        check(len(rows) == 18 and all(r['status'] == 'done' for r in rows), 'one process: 18 done points')
        check([int(r['idx']) for r in rows] == list(range(18)), 'point order')
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
        print(f'killed with {before} of 18 points stored')
        check(proc.returncode == -signal.SIGKILL, 'the sweep was killed before it finished')
        check(3 <= before < 18, f'killed mid-sweep ({before} points stored)')
        p = subprocess.run([exe, 'sweep', sweep, '--store', 'kill.sqlite', '--resume', '--json'], capture_output=True,
                           text=True, timeout=300)
        check(p.returncode == 0, f'resume: exit {p.returncode} {p.stderr}')
        check(f'"stored_before":\t{before}' in p.stdout, f'resume skipped the {before} stored points: {p.stdout}')
        check(f'"computed":\t{18 - before}' in p.stdout, f'resume computed the other {18 - before}: {p.stdout}')
        check(export('kill.sqlite') == ref, 'killed + resumed export differs from the uninterrupted run')
        with sqlite3.connect('kill.sqlite') as db:
            n = db.execute('select count(*) from metrics').fetchone()[0]
            # 18 points x the metrics sweeps/example.yaml keeps
            nm = len(re.search(r'^metrics: \[(.*)\]$', open(sweep).read(), re.M).group(1).split(','))
            check(n == 18 * nm, f'{n} metric rows, want {18 * nm} (no duplicate, none lost)')
        os.chdir('/')
    print(f'sweep_dist: {fails} failed')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
