"""count.py WORK NAME...: per revision, the product files a warm delivery runs (and a cold first one), by assembly."""
import sys, glob, collections, xml.etree.ElementTree as ET
work, names = sys.argv[1], sys.argv[2:]
def load(tree, run):
    root = ET.parse(glob.glob(f'{work}/res/{tree}-{run}/*/coverage.cobertura.xml')[0]).getroot()
    hits, asm = collections.defaultdict(int), {}
    for pkg in root.iter('package'):
        for c in pkg.iter('class'):
            rel = c.get('filename').split(f'{work}/{tree}/', 1)[-1]; asm[rel] = pkg.get('name')
            for line in c.iter('line'): hits[(rel, int(line.get('number')))] += int(line.get('hits'))
    return hits, asm
def product(p): return p.startswith(('functions/', 'shared/', 'template/csharp-isolated/hosting')) and '/obj/' not in p
counted = {}
for tree in names:
    runs = {r: load(tree, r) for r in ('eA', 'eB', 'eA2', 'eB2', 'cA', 'cB')}; asm = {}
    for _, a in runs.values(): asm.update(a)
    def delta(a, b):
        A, B = runs[a][0], runs[b][0]
        return {f for (f, n), h in A.items() if product(f) and h > B.get((f, n), 0)}
    warm = set.intersection(*[delta(a, b) for a, b in (('eA', 'eB'), ('eA2', 'eB2'), ('eA', 'eB2'), ('eA2', 'eB'))])
    cold = delta('cA', 'cB')
    print(f'{tree}: warm delivery {len(warm)} files in {len({asm[f] for f in warm})} assemblies; cold first delivery {len(cold)}')
    for a, c in sorted(collections.Counter(asm[f] for f in warm).items()): print(f'    {a:28} {c}')
    counted[tree] = warm
if len(counted) == 2:
    first, second = counted.values()
    print('only in the first:', *sorted(first - second), sep='\n    '); print('only in the second:', *sorted(second - first), sep='\n    ')
