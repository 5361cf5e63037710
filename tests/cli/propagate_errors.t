setup: printf 'id,lat_deg,lon_deg,alt_m,v_east_mps,v_north_mps,v_up_mps,beta_kgm2\n1,10,20,100000,1000,2000,3000,5000\n2,10,abc,100000,1000,2000,3000,5000\n' > bad.csv
setup: printf 'id,lat_deg,lon_deg,alt_m,v_east_mps,v_north_mps,v_up_mps,beta_kgm2\n1,10,20,100000,1000,2000,3000,5000\n' > good.csv
setup: echo old > keep.csv

# a bad row: exit 2, file:line:col naming the field, no output file
args: propagate --in bad.csv --out out.csv
exit: 2
stderr: ^bmdsim: bad.csv:3:6: 'lon_deg' must be a number$
stderr-lines: 1
nofile: out.csv

# the previous output survives a failed run
args: propagate --in bad.csv --out keep.csv
exit: 2
check: grep -qx old keep.csv
check: test -z "$(ls | grep tmp-)"

args: propagate --in missing.csv --out out.csv
exit: 2
stderr: missing.csv: cannot open: No such file
args: propagate --in good.csv
exit: 2
stderr: ^bmdsim: propagate: --out is required
args: propagate --in good.csv --out out.csv --threads 0
exit: 2
stderr: --threads
args: propagate --help
exit: 0
stdout: usage: bmdsim propagate
args: propagate --in good.csv --out out.csv --kernel fast
exit: 2
stderr: ^bmdsim: --kernel: 'fast' is not one of auto, scalar, generic, avx2, avx512, neon$
stderr-lines: 1
nofile: out.csv
args: propagate --in good.csv --out out.csv --kernel generic --earth sphere
exit: 2
stderr: ^bmdsim: --kernel lanes-generic: the lanes carry the wgs84-j2 Earth only
stderr-lines: 1
nofile: out.csv
