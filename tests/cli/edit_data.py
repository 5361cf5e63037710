#!/usr/bin/env python3
"""Edit a copy of a data file for a CLI test: replace the first match of the regular
expression OLD (re.S; \\1 etc. in NEW refer to its groups) in FILE; fail if there is none.

usage: edit_data.py FILE OLD NEW
"""
import re
import sys

path, old, new = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
out, n = re.subn(old, new.replace('\\n', '\n'), text, count=1, flags=re.S)
if n != 1:
    sys.exit('%s: no match for %r' % (path, old))
open(path, 'w').write(out)
