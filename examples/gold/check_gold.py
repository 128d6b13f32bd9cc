#!/usr/bin/env python3
"""Sanity-check the hand-written gold files against examples/corpus.

Every "text", "trigger", "source", "cue" and "content_start" value must be an exact
substring of the visible text of its file (.txt as-is; .html and the "html" field of
batch.jsonl with tags, scripts, styles and <head> removed and entities unescaped).
Day-level timexes whose text names a weekday must fall on that weekday.
Run: python3 examples/gold/check_gold.py   (exit status 1 on any mismatch)
"""
import datetime, glob, html, json, os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', 'corpus')


def html_visible(s):
    s = re.sub(r'(?is)<(script|style|head)\b.*?</\1>', ' ', s)
    s = re.sub(r'(?s)<!--.*?-->', ' ', s)
    s = re.sub(r'<[^>]+>', ' ', s)
    return html.unescape(s)


def load_docs():
    docs = {}
    for p in sorted(glob.glob(os.path.join(CORPUS, '*'))):
        n = os.path.basename(p)
        if n.endswith('.txt'):
            docs[n] = open(p, encoding='utf-8').read()
        elif n.endswith('.html'):
            docs[n] = html_visible(open(p, encoding='utf-8').read())
        elif n.endswith('.jsonl'):
            for i, line in enumerate(open(p, encoding='utf-8'), 1):
                r = json.loads(line)
                docs[f'{n}:{i}'] = r['text'] if 'text' in r else html_visible(r['html'])
    return docs


def main():
    docs = load_docs()
    errors = []

    def need(file, s, what):
        if s is None:
            return
        if file not in docs:
            errors.append(f'unknown file {file!r} ({what})')
        elif s not in docs[file]:
            errors.append(f'{file}: {what} not found: {s!r}')

    def rows(name):
        return [json.loads(l) for l in open(os.path.join(HERE, name), encoding='utf-8')]

    for r in rows('figures.jsonl'):
        need(r['file'], r['text'], 'figure text')
    for r in rows('events.jsonl'):
        need(r['file'], r['trigger'], 'event trigger')
    for r in rows('attributions.jsonl'):
        for k in ('source', 'cue', 'content_start'):
            need(r['file'], r.get(k), f'attribution {k}')
    for r in rows('non_attributions.jsonl'):
        need(r['file'], r['text'], 'non-attribution text')

    days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
    for r in rows('timexes.jsonl'):
        need(r['file'], r['text'], 'timex text')
        m = re.match(r'^(\d{4}-\d{2}-\d{2})', r['value'])
        named = [d for d in days if d in r['text'].lower()]
        if m and named:
            real = days[datetime.date.fromisoformat(m.group(1)).weekday()]
            if real != named[0]:
                errors.append(f"{r['file']}: {r['text']!r} -> {r['value']} is a {real}")

    conf = tomllib.load(open(os.path.join(HERE, 'conflicts.toml'), 'rb'))
    for c in conf.get('conflict', []):
        for cl in c['claims']:
            need(cl['file'], cl['text'], 'conflict claim')
    for u in conf.get('update', []):
        for cl in u['series']:
            need(cl['file'], cl['text'], 'update item')
    for n in conf.get('not_conflict', []):
        for t in n['texts']:
            if not any(t in docs[f] for f in n['files']):
                errors.append(f'not_conflict text not found: {t!r}')

    ents = tomllib.load(open(os.path.join(HERE, 'entities.toml'), 'rb'))
    for e in ents['entity']:
        files = e.get('files') or list(docs)
        for f in e['forms']:
            if not any(f in docs[x] for x in files):
                errors.append(f"entity {e['name']}: form {f!r} not in {files if e.get('files') else 'corpus'}")
    by_name = {e['name']: e for e in ents['entity']}
    for d in ents.get('distinct', []):
        for who, fs in ((d['a'], d['a_files']), (d['b'], d['b_files'])):
            if who not in by_name:
                errors.append(f'distinct: {who!r} is not an [[entity]] name')
                continue
            for f in fs:
                if not any(form in docs.get(f, '') for form in by_name[who]['forms']):
                    errors.append(f'distinct: no form of {who!r} in {f}')

    st = tomllib.load(open(os.path.join(HERE, 'stories.toml'), 'rb'))
    for g in st.get('same_event', []) + st.get('undated', []):
        for f in g['files']:
            if f not in docs:
                errors.append(f'stories: unknown file {f}')

    for e in errors:
        print('ERROR', e)
    print(f'{len(docs)} documents checked, {len(errors)} errors')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
