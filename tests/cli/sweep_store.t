# The sweep store is checked before a sweep resumes into it or exports it: a store tampered
# with by hand (sqlite3), another SQLite database, another layout version, a FIFO -- each is
# refused with one line and exit 2, and left as it was. A resume into a store whose metrics
# were deleted would otherwise count those points as done with no metrics.
setup: printf 'source: "test"\nbase: epaa-phase3\nanalysis: run\nparameters:\n  - {name: raid_size, values: [2, 3]}\nmetrics: [killed, leaked]\n' > small.yaml
setup: $BMDSIM sweep small.yaml --store ok.sqlite > /dev/null
setup: for t in nometrics droptable npoints addcol trigger appid version index onemetric pending textvalue strayrow dupname; do cp ok.sqlite $t.sqlite; done
setup: sqlite3 nometrics.sqlite 'DELETE FROM metrics'
setup: sqlite3 droptable.sqlite 'DROP TABLE params'
setup: sqlite3 npoints.sqlite 'UPDATE sweep SET npoints = 3'
setup: sqlite3 addcol.sqlite 'ALTER TABLE points ADD COLUMN note TEXT'
setup: sqlite3 trigger.sqlite 'CREATE TRIGGER t AFTER UPDATE ON points BEGIN DELETE FROM metrics; END'
setup: sqlite3 appid.sqlite 'PRAGMA application_id = 0'
setup: sqlite3 version.sqlite 'PRAGMA user_version = 2'
setup: sqlite3 index.sqlite 'CREATE INDEX i ON metrics(value)'
setup: sqlite3 onemetric.sqlite "DELETE FROM metrics WHERE idx = 1 AND name = 'leaked'"
setup: sqlite3 pending.sqlite "UPDATE points SET status = 'pending' WHERE idx = 0"
setup: sqlite3 textvalue.sqlite "UPDATE metrics SET value = 'many' WHERE idx = 0 AND name = 'killed'"
setup: sqlite3 strayrow.sqlite "INSERT INTO metrics VALUES (1, 0, 'happiness', 1.0)"
setup: sqlite3 dupname.sqlite "UPDATE columns SET name = 'killed' WHERE kind = 'metric' AND pos = 1"
setup: sqlite3 other.sqlite 'CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES (1)'
setup: printf 'not a database at all\n' > text.sqlite
setup: mkfifo fifo.sqlite
setup: $BMDSIM sweep small.yaml --shard 2/2 --store shard.sqlite > /dev/null
setup: for t in shardmoved shardgone; do cp shard.sqlite $t.sqlite; done
setup: sqlite3 shardmoved.sqlite 'UPDATE shard SET part = 1'
setup: sqlite3 shardgone.sqlite 'DELETE FROM shard'

# the intact store resumes (nothing left to do) and exports
# a shard's store holds its own points only (point 1 of 2 for shard 2/2)
args: sweep small.yaml --shard 2/2 --store shard.sqlite --resume --json
exit: 0
json: stored_before == 1
json: computed == 0
args: sweep small.yaml --shard 2/2 --store shardmoved.sqlite --resume
exit: 2
stderr: ^bmdsim: shardmoved.sqlite: damaged sweep store: a point lies outside the store's shard; nothing was changed$
stderr-lines: 1
args: sweep --export csv --store shardgone.sqlite
exit: 2
stderr: ^bmdsim: shardgone.sqlite: damaged sweep store: the points are not one row per point of the sweep \(or of its shard\); nothing was changed$
stderr-lines: 1
args: sweep small.yaml --store ok.sqlite --resume --json
exit: 0
json: stored_before == 2
json: computed == 0
args: sweep --export csv --store ok.sqlite
exit: 0
stdout: ^1,done,3,

args: sweep small.yaml --store nometrics.sqlite --resume
exit: 2
stderr: ^bmdsim: nometrics.sqlite: damaged sweep store: a point marked done lacks metrics, or a pending point has some; nothing was changed$
stderr-lines: 1
check: test $(sqlite3 nometrics.sqlite 'SELECT count(*) FROM metrics') -eq 0
args: sweep --export json --store nometrics.sqlite
exit: 2
stderr-lines: 1
args: sweep small.yaml --store droptable.sqlite --resume
exit: 2
stderr: ^bmdsim: droptable.sqlite: damaged sweep store: its tables are not the ones bmdsim made; nothing was changed$
stderr-lines: 1
args: sweep small.yaml --store npoints.sqlite --resume
exit: 2
stderr: damaged sweep store: the points are not one row per point of the sweep
stderr-lines: 1
args: sweep small.yaml --store addcol.sqlite --resume
exit: 2
stderr: its tables are not the ones bmdsim made
stderr-lines: 1
args: sweep small.yaml --store trigger.sqlite --resume
exit: 2
stderr: its tables are not the ones bmdsim made
stderr-lines: 1
check: test $(sqlite3 trigger.sqlite 'SELECT count(*) FROM metrics') -eq 4
args: sweep small.yaml --store appid.sqlite --resume
exit: 2
stderr: ^bmdsim: appid.sqlite: not a bmdsim sweep store \(another SQLite database\); nothing was changed$
args: sweep small.yaml --store version.sqlite --resume
exit: 2
stderr: ^bmdsim: version.sqlite: a sweep store of another bmdsim version \(layout 2, this one reads 1\); nothing was changed$
args: sweep small.yaml --store index.sqlite --resume
exit: 2
stderr: its tables are not the ones bmdsim made
args: sweep small.yaml --store onemetric.sqlite --resume
exit: 2
stderr: a point marked done lacks metrics
args: sweep small.yaml --store pending.sqlite --resume
exit: 2
stderr: a pending point has some
args: sweep small.yaml --store textvalue.sqlite --resume
exit: 2
stderr: damaged sweep store: a metric value is not a number, or belongs to no metric column or point
args: sweep small.yaml --store strayrow.sqlite --resume
exit: 2
stderr: a metric value is not a number, or belongs to no metric column or point
args: sweep small.yaml --store dupname.sqlite --resume
exit: 2
stderr: the column list names a column twice

# not a store: refused without writing into it
args: sweep small.yaml --store other.sqlite
exit: 2
stderr: ^bmdsim: other.sqlite: not a bmdsim sweep store \(another SQLite database\); nothing was changed$
stderr-lines: 1
check: test "$(sqlite3 other.sqlite .tables)" = notes
args: sweep small.yaml --store text.sqlite
exit: 2
stderr: ^bmdsim: text.sqlite: not a bmdsim store: file is not a database$
check: test "$(cat text.sqlite)" = 'not a database at all'
args: sweep small.yaml --store fifo.sqlite
exit: 2
stderr: ^bmdsim: fifo.sqlite: is a FIFO, not a regular file$
args: sweep --export csv --store fifo.sqlite
exit: 2
stderr-lines: 1
