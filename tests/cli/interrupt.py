#!/usr/bin/env python3
"""Interrupted commands never leave a partial output file (CTest cli_interrupt).

For `bmdsim footprint` and `bmdsim mc` writing into a directory that already holds a
previous complete set of outputs (from a different grid / trial count), start the command,
send SIGINT, SIGTERM or SIGKILL at a random moment, and check every output file is either
the previous complete file or the new complete file (byte for byte; JSON compared without
its wall-clock keys), never partial; for SIGINT/SIGTERM also that the files are all old or
all new (a command's outputs are one set, outfile.h), that the command exits non-zero
(unless it had already finished) and that no temporary file (*.tmp-*) is left behind.
SIGKILL cannot be caught, so its temporary files may remain; the targets must still be whole.
Sweeps (SQLite store, killed and resumed) are covered by sweep_dist.py.
usage: interrupt.py BMDSIM [SEED]
"""
import json, os, random, shutil, signal, subprocess, sys, tempfile, time

CLOCK_KEYS = {'seconds', 'prep_s', 'elapsed_s', 'trials_per_s', 'points_per_s'}

def strip_clock(o):
    if isinstance(o, dict):
        return {k: strip_clock(v) for k, v in o.items() if k not in CLOCK_KEYS}
    if isinstance(o, list):
        return [strip_clock(v) for v in o]
    return o

def same(a, b):
    if a.endswith('.json'):
        try:
            return strip_clock(json.load(open(a))) == strip_clock(json.load(open(b)))
        except ValueError:
            return False   # a partial JSON file does not parse
    return open(a, 'rb').read() == open(b, 'rb').read()

def main():
    exe = os.path.abspath(sys.argv[1])
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    fails = 0
    region = ['--region', '48,10,56,26', '--format', 'svg', '--threads', '1']
    jobs = {
        'footprint': (['footprint', '--grid-deg', '2'] + region, ['footprint', '--grid-deg', '1'] + region),
        'mc': (['mc', '--trials', '100', '--format', 'svg', '--threads', '1'],
               ['mc', '--trials', '400', '--format', 'svg', '--threads', '1']),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, (old_args, new_args) in jobs.items():
            ref_old, ref_new = os.path.join(tmp, name + '-old'), os.path.join(tmp, name + '-new')
            subprocess.run([exe] + old_args + ['--out', ref_old], check=True, capture_output=True, timeout=300)
            t0 = time.time()
            subprocess.run([exe] + new_args + ['--out', ref_new], check=True, capture_output=True, timeout=300)
            t_run = time.time() - t0
            files = sorted(os.listdir(ref_new))
            assert files and sorted(os.listdir(ref_old)) == files
            diff = [f for f in files if not same(os.path.join(ref_old, f), os.path.join(ref_new, f))]
            assert diff, f'{name}: old and new outputs are identical: the test would prove nothing'
            print(f'{name}: {t_run:.1f} s, files {files}')
            for trial in range(8):
                sig = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)[trial % 3 if trial >= 2 else trial]
                at_write = trial >= 2
                out = os.path.join(tmp, f'{name}-{trial}')
                shutil.copytree(ref_old, out)
                p = subprocess.Popen([exe] + new_args + ['--out', out], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
                if at_write:
                    # while the outputs are being written: as soon as a temporary file
                    # appears, after a random extra 0-2 ms
                    seen = False
                    while p.poll() is None and not seen:
                        seen = any('.tmp-' in f for f in os.listdir(out))
                        if not seen:
                            time.sleep(0.0005)
                    time.sleep(rnd.uniform(0.0, 0.002))
                else:
                    # a random moment over the whole run
                    time.sleep(rnd.uniform(0.05, 1.1) * t_run)
                finished = p.poll() is not None
                p.send_signal(sig)
                rc = p.wait(timeout=60)
                left = sorted(os.listdir(out))
                state = []
                for f in files:
                    a = os.path.join(out, f)
                    if same(a, os.path.join(ref_new, f)):
                        state.append('new')
                    elif same(a, os.path.join(ref_old, f)):
                        state.append('old')
                    else:
                        state.append('PARTIAL')
                        fails += 1
                        print(f'FAIL {name} {sig.name}: {f} is neither the old nor the new file')
                temps = [f for f in left if '.tmp-' in f]
                # a command's outputs are one set (outfile.h): all old or all new
                if sig != signal.SIGKILL and 'old' in state and 'new' in state:
                    fails += 1
                    print(f'FAIL {name} {sig.name}: a mixture of old and new files')
                if sig != signal.SIGKILL:
                    if temps:
                        fails += 1
                        print(f'FAIL {name} {sig.name}: temporary files left: {temps}')
                    if rc == 0 and not finished:
                        fails += 1
                        print(f'FAIL {name} {sig.name}: exit 0 although interrupted')
                extra = [f for f in left if f not in files and '.tmp-' not in f]
                if extra:
                    fails += 1
                    print(f'FAIL {name} {sig.name}: unexpected files {extra}')
                print(f'{name} {sig.name:7s} {"at write" if at_write else "random  "} exit {rc:4d}: ' + ' '.join(f'{f}={s}' for f, s in zip(files, state)) +
                      (f' (temps after SIGKILL: {len(temps)})' if temps else ''))
    print(f'interrupt: {fails} failures')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
