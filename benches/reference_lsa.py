#!/usr/bin/env python3
"""Reference solver for benches/pairing.rs: scipy's linear_sum_assignment on the same instance.

Reads DIR/edges.bin (little-endian records: u32 mentor, u32 mentee, i64 score) and
DIR/caps.json (mentor_capacity, mentee_capacity), expands capacities as slots, builds the
dense cost matrix (eligible: smax - score; forbidden: a cost larger than any score
difference, so the fewest forbidden cells, i.e. the most real pairs, come first, then the
best score), solves it, and prints one JSON line: seconds (the solve call only), peak_kib
(max RSS of this process), pairs and total (of real pairs only).
"""

import json
import resource
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def main(d):
    caps = json.load(open(f"{d}/caps.json"))
    rec = np.dtype([("m", "<u4"), ("e", "<u4"), ("s", "<i8")])
    edges = np.fromfile(f"{d}/edges.bin", dtype=rec)
    mc = np.asarray(caps["mentor_capacity"], dtype=np.int64)
    ec = np.asarray(caps["mentee_capacity"], dtype=np.int64)
    m, e, s = edges["m"].astype(np.int64), edges["e"].astype(np.int64), edges["s"]
    first_row = np.concatenate(([0], np.cumsum(mc)[:-1]))
    first_col = np.concatenate(([0], np.cumsum(ec)[:-1]))
    rows, cols = int(mc.sum()), int(ec.sum())
    smax = int(s.max()) if len(s) else 0
    forbidden = float(smax * (min(rows, cols) + 1) + 1)
    cost = np.full((rows, cols), forbidden)
    for k in range(int(mc.max(initial=0))):
        for l in range(int(ec.max(initial=0))):
            sel = (mc[m] > k) & (ec[e] > l)
            cost[first_row[m[sel]] + k, first_col[e[sel]] + l] = smax - s[sel]
    t0 = time.perf_counter()
    r, c = linear_sum_assignment(cost)
    seconds = time.perf_counter() - t0
    chosen = cost[r, c]
    real = chosen < forbidden
    total = int((smax - chosen[real]).sum())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_kib": peak, "pairs": int(real.sum()), "total": total}))


if __name__ == "__main__":
    main(sys.argv[1])
