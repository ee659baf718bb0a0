import re, sys, os, subprocess
files = subprocess.check_output("grep -rln 'role=\"status\"\\|role=\"alert\"' src/app --include=*.tsx", shell=True).decode().split()
# Plain (not live): loading indicators and notices that describe a standing state, not a change.
PLAIN_TEXT = ['{t.loading}', '{t.previewLoading}', '…</p>', '{t.readOnlyCopy}', 'pausedSince', 'profileLocked', '{t.unknownHead}', 't.persisted']
QUIET = ['t.count(shown, total)', 't.shown(shown, total)', 't.tableCaption(']
open_re = re.compile(r'<(p|div)((?:\s[^<>]*?)?)\s+role="(status|alert)"((?:\s[^<>]*?)?)(\s*/?)>', re.S)
stats = {}
for f in files:
    if f.endswith('Announcer.tsx'): continue
    s = open(f).read()
    out = []
    pos = 0
    changed = 0
    while True:
        m = open_re.search(s, pos)
        if not m: break
        tag = m.group(1)
        # find matching close
        depth = 1; i = m.end()
        tok = re.compile(r'<%s[\s>]|</%s>' % (tag, tag))
        while depth:
            t = tok.search(s, i)
            if t.group(0).startswith('</'): depth -= 1
            else: depth += 1
            i = t.end()
        close_start = i - len('</%s>' % tag)
        inner = s[m.end():close_start]
        attrs = (m.group(2) + m.group(4)).strip()
        context = s[m.start():i]
        plain = any(k in context for k in PLAIN_TEXT) and 'Status' not in context
        if plain:
            new = '<%s%s>' % (tag, (' ' + attrs) if attrs else '') + inner + '</%s>' % tag
        else:
            quiet = any(k in context for k in QUIET)
            a = []
            if tag == 'div': a.append('as="div"')
            if quiet: a.append('quietOnMount')
            if attrs: a.append(attrs)
            new = '<Status%s>' % ((' ' + ' '.join(a)) if a else '') + inner + '</Status>'
        out.append(s[pos:m.start()]); out.append(new); pos = i; changed += 1
    out.append(s[pos:])
    s2 = ''.join(out)
    if '<Status' in s2 and 'import { Status }' not in s2:
        rel = os.path.relpath('src/app/ui/Announcer.tsx', os.path.dirname(f))
        if not rel.startswith('.'): rel = './' + rel
        # insert after the last import line
        lines = s2.split('\n')
        last = max(i for i, l in enumerate(lines) if l.startswith('import ') or (l.startswith('} from') ))
        lines.insert(last + 1, "import { Status } from '%s';" % rel)
        s2 = '\n'.join(lines)
    open(f, 'w').write(s2)
    stats[f] = changed
print(stats)
