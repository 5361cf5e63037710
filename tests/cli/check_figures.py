#!/usr/bin/env python3
"""Checks of the files written by bmdsim plot / run --plot / --report (used by plot.t):
  check_figures.py png WIDTH HEIGHT FILE...  PNG signature, IHDR size, at least 20 KB
  check_figures.py svg FILE...               XML prolog, <svg root, at least 20 KB
  check_figures.py html FILE [TEXT...]       parses with html.parser, no external http(s)
                                             src/href/url(), inline figures, contains TEXT
  (html: BMD_FIGURES=N in the environment sets the figures expected, default 3)
"""
import html.parser, os, re, struct, sys

def fail(msg):
    print(msg)
    sys.exit(1)

def check_png(w, h, files):
    for f in files:
        b = open(f, 'rb').read()
        if b[:8] != b'\x89PNG\r\n\x1a\n' or b[12:16] != b'IHDR':
            fail(f'{f}: not a PNG')
        gw, gh = struct.unpack('>II', b[16:24])
        if (w, h) != (0, 0) and (gw, gh) != (w, h):
            fail(f'{f}: {gw}x{gh}, want {w}x{h}')
        if len(b) < 20000:  # a blank or nearly blank figure compresses far below this
            fail(f'{f}: only {len(b)} bytes')

def check_svg(files):
    for f in files:
        t = open(f, encoding='utf-8').read()
        if not t.startswith('<?xml') or '<svg' not in t[:500] or len(t) < 20000:
            fail(f'{f}: not a (non-trivial) SVG')

class Parser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.stack, self.external = {}, [], []
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for k, v in attrs:
            if k in ('src', 'href', 'xlink:href') and v and re.match(r'\s*(https?:)?//', v):
                self.external.append((tag, k, v))

def check_html(f, texts):
    t = open(f, encoding='utf-8').read()
    p = Parser()
    p.feed(t)
    p.close()
    if not t.startswith('<!DOCTYPE html>'):
        fail(f'{f}: no doctype')
    if p.external:
        fail(f'{f}: external references {p.external[:3]}')
    if re.search(r'url\(\s*[\'"]?https?:', t) or re.search(r'@import', t):
        fail(f'{f}: external CSS reference')
    want = int(os.environ.get('BMD_FIGURES', '3'))
    if p.tags.get('svg', 0) + p.tags.get('img', 0) < want or p.tags.get('figure', 0) < want:
        fail(f'{f}: {p.tags.get("figure", 0)} figures, want {want}')
    if p.tags.get('img') and 'src="data:image/png;base64,' not in t:
        fail(f'{f}: an image that is not an inline data URI')
    for tag in ('table', 'h1', 'h2', 'dl', 'figcaption'):
        if not p.tags.get(tag):
            fail(f'{f}: no <{tag}>')
    plain = html.unescape(re.sub(r'<[^>]+>', '', t))
    for s in texts:
        if s not in plain:
            fail(f'{f}: does not contain {s!r}')
    if 'Assumptions and sources' not in plain or 'How to reproduce' not in plain:
        fail(f'{f}: sections missing')

def main():
    kind, args = sys.argv[1], sys.argv[2:]
    if kind == 'png':
        check_png(int(args[0]), int(args[1]), args[2:])
    elif kind == 'svg':
        check_svg(args)
    elif kind == 'html':
        check_html(args[0], args[1:])
    else:
        fail('usage')
    print('ok')

if __name__ == '__main__':
    main()
