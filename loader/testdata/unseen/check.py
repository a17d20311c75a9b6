#!/usr/bin/env python3
"""Verify the tune corpus: gold spans, body ranges, order, overlaps, manifest markers; print counts."""
import json, os, sys, glob
HERE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
QUALS = {'exact', 'approx', 'gt', 'gte', 'lt', 'lte', 'range'}
ROLES = {'actual', 'target', 'baseline', 'change', None}
FIELDS = ['start', 'end', 'raw', 'value', 'value_max', 'unit', 'qualifier', 'required', 'cell',
          'period', 'role', 'region', 'subject']
errors = []
def err(doc, msg):
    errors.append(f'{doc}: {msg}')

def marker_ranges(text, body):
    out, cur = [], 0
    for r in body:
        s, e = r['start'], r['end']
        # as the loader reads them: each marker is searched from the end of the previous one
        if s not in text[cur:]: raise ValueError(f'start marker not found after offset {cur}: {s!r}')
        a = text.index(s, cur)
        if e not in text[a:]: raise ValueError(f'end marker not found after its start: {e!r}')
        if a < cur: raise ValueError(f'start marker before previous marker: {s!r}')
        b = text.index(e, a) + len(e)
        out.append([a, b]); cur = b
    return out

manifest = None
try:
    import yaml
    manifest = yaml.safe_load(open(os.path.join(HERE, 'manifest.yaml'), encoding='utf-8'))
except ImportError:
    print('warning: PyYAML missing, manifest markers not checked')

totals = dict(docs=0, figures=0, required=0, cells=0, req_cells=0, ctx4=0)
print(f"{'document':48s} {'figs':>5s} {'req':>5s} {'cells':>5s} {'ctx4':>5s}")
for gpath in sorted(glob.glob(os.path.join(HERE, '*.gold.jsonl'))):
    name = os.path.basename(gpath)[:-len('.gold.jsonl')]
    tpath = os.path.join(HERE, name + '.txt'); bpath = os.path.join(HERE, name + '.body.json')
    if not os.path.exists(tpath) or not os.path.exists(bpath):
        err(name, 'missing .txt or .body.json'); continue
    text = open(tpath, encoding='utf-8').read()
    body = json.load(open(bpath, encoding='utf-8'))['body']
    for a, b in body:
        if not (0 <= a < b <= len(text)): err(name, f'bad body range {a},{b}')
    for (a1, b1), (a2, b2) in zip(body, body[1:]):
        if a2 < b1: err(name, 'body ranges overlap or out of order')
    gold = []
    for ln, line in enumerate(open(gpath, encoding='utf-8'), 1):
        if not line.strip(): continue
        try: gold.append(json.loads(line))
        except Exception as ex: err(name, f'line {ln}: bad JSON {ex}')
    prev_end = -1; prev_start = -1
    n_req = n_cell = n_ctx = n_req_cell = 0
    for i, r in enumerate(gold, 1):
        for f in FIELDS:
            if f not in r: err(name, f'line {i}: missing field {f}')
        s, e, raw = r['start'], r['end'], r['raw']
        if text[s:e] != raw: err(name, f'line {i}: text[{s}:{e}]={text[s:e]!r} != raw {raw!r}')
        if not any(a <= s and e <= b for a, b in body): err(name, f'line {i}: span {s},{e} {raw!r} outside body')
        if s < prev_start: err(name, f'line {i}: not in text order')
        if s < prev_end: err(name, f'line {i}: overlaps previous figure')
        prev_start, prev_end = s, e
        if r['qualifier'] not in QUALS: err(name, f'line {i}: bad qualifier {r["qualifier"]}')
        if r['role'] not in ROLES: err(name, f'line {i}: bad role {r["role"]}')
        v, vm = r['value'], r['value_max']
        if not isinstance(v, (int, float)) or not isinstance(vm, (int, float)): err(name, f'line {i}: value not a number')
        elif r['qualifier'] == 'range':
            if not v < vm: err(name, f'line {i}: range needs value < value_max')
        elif v != vm: err(name, f'line {i}: value_max != value for non-range')
        if not isinstance(r['required'], bool) or not isinstance(r['cell'], bool): err(name, f'line {i}: required/cell not bool')
        if r['required']:
            n_req += 1
            if r['cell']: n_req_cell += 1
            if all(r.get(k) not in (None, '') for k in ('period', 'role', 'region', 'subject')): n_ctx += 1
        if r['cell']: n_cell += 1
    if manifest is not None:
        ents = [src for src in manifest['sources'] if src['file'] == name + '.txt']
        if len(ents) != 1: err(name, f'manifest has {len(ents)} entries for this file')
        else:
            ranges = []
            try:
                for d in ents[0]['documents']:
                    ranges += marker_ranges(text, d['body'])
                if ranges != body: err(name, f'manifest markers give {ranges}, body.json has {body}')
            except ValueError as ex:
                err(name, f'manifest: {ex}')
    print(f'{name:48s} {len(gold):5d} {n_req:5d} {n_cell:5d} {n_ctx:5d}')
    totals['docs'] += 1; totals['figures'] += len(gold); totals['required'] += n_req
    totals['cells'] += n_cell; totals['req_cells'] += n_req_cell; totals['ctx4'] += n_ctx
print(f"{'TOTAL (' + str(totals['docs']) + ' documents)':48s} {totals['figures']:5d} {totals['required']:5d} {totals['cells']:5d} {totals['ctx4']:5d}")
print(f"required table cells: {totals['req_cells']}")
# each part of the corpus: at least 4 documents, 90 required figures, 30 of them table cells
for cond, msg in [(totals['docs'] >= 4, 'at least 4 documents'), (totals['required'] >= 90, 'at least 90 required figures'),
                  (totals['req_cells'] >= 30, 'at least 30 required table cells'), (totals['ctx4'] >= 90, 'at least 90 figures with all four context fields')]:
    if not cond: errors.append('corpus: needs ' + msg)
if errors:
    print('\nFAIL'); [print('  ' + e) for e in errors]; sys.exit(1)
print('\nOK')
