#!/usr/bin/env python3
"""Instructions per message, per JIT-compiled method, from two callgrind runs of a counted loop
(InstructionCount or ChainInstructionCount).

    instructions.py N1 CG1 MAP1 N2 CG2 MAP2 [TOP]

CGk: callgrind output of the main Java thread (--dump-instr=yes), MAPk: the HotSpot perf map of
that run (-XX:+DumpPerfMapAtExit). Prints (Ir2 - Ir1) / (N2 - N1) for the thread and for each
method (self instructions, i.e. with what the JIT inlined into it), so warm-up, class loading and
compilation cancel out. Code outside the JIT's code cache is grouped by shared object.
"""
import bisect
import collections
import glob
import re
import sys


def object_names(cg):
    """Callgrind compresses names across the per-thread files of one run: read them all."""
    names = {}
    for f in glob.glob(cg.rsplit('-', 1)[0] + '*'):
        with open(f) as fh:
            for line in fh:
                m = re.match(r'c?ob=\((\d+)\) (.*)', line)
                if m:
                    names[m.group(1)] = m.group(2).strip()
    return names


def methods(perf_map):
    ranges = []
    with open(perf_map) as fh:
        for line in fh:
            start, size, name = line.rstrip('\n').split(' ', 2)
            ranges.append((int(start, 16), int(size, 16), name))
    ranges.sort()
    return ranges


def self_cost(cg, perf_map):
    names = object_names(cg)
    ranges = methods(perf_map)
    starts = [r[0] for r in ranges]
    cost = collections.Counter()
    ob = None
    addr = 0
    after_call = False
    with open(cg) as fh:
        for line in fh:
            if line.startswith('ob='):
                ob = names.get(re.match(r'ob=\((\d+)\)', line).group(1), '?')
                continue
            if line.startswith('calls='):
                after_call = True  # the next cost line is the call's inclusive cost
                continue
            if not line or line[0] not in '0123456789+-*':
                continue
            fields = line.split()
            a = fields[0]
            if a.startswith('0x'):
                addr = int(a, 16)
            elif a[0] in '+-':
                step = int(a[1:], 16) if a[1:].startswith('0x') else int(a[1:])
                addr += step if a[0] == '+' else -step
            if after_call:
                after_call = False
                continue
            ir = int(fields[2]) if len(fields) > 2 else 0
            cost['(thread total)'] += ir
            if ob not in (None, '???'):
                cost[ob.rsplit('/', 1)[-1]] += ir
                continue
            i = bisect.bisect_right(starts, addr) - 1
            if i >= 0 and addr < ranges[i][0] + ranges[i][1]:
                cost[ranges[i][2]] += ir
            else:
                cost['(other generated code)'] += ir
    return cost


def main():
    n1, cg1, map1, n2, cg2, map2 = sys.argv[1:7]
    top = int(sys.argv[7]) if len(sys.argv) > 7 else 25
    per = int(n2) - int(n1)
    c1, c2 = self_cost(cg1, map1), self_cost(cg2, map2)
    if not any('io.sipalg.benchmarks.' in k for k in c2):  # the loop's own compiled code
        sys.exit(f'{cg2}: not the thread that ran the counted loop')
    delta = {k: (c2[k] - c1.get(k, 0)) / per for k in c2}
    print(f"{delta.pop('(thread total)'):10,.0f}  instructions per message (main thread)")
    for k, v in sorted(delta.items(), key=lambda kv: -kv[1])[:top]:
        if abs(v) >= 0.5:
            print(f"{v:10,.0f}  {k}")


if __name__ == '__main__':
    main()
