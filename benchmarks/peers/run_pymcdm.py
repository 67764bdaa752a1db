"""pymcdm: weighted sum (WSM) called once per weight sample, ranks counted into rank
acceptabilities (what a pymcdm user writes to get SMAA-like output). Ordinal statements by
rejection from the uniform simplex. Usage: python run_pymcdm.py PROBLEM.json SAMPLES"""

import json
import sys
import time

import numpy as np
from pymcdm.helpers import rankdata
from pymcdm.methods import WSM
from pymcdm.normalizations import minmax_normalization


def main():
    spec = json.load(open(sys.argv[1]))
    samples = int(sys.argv[2])
    matrix = np.array(spec["matrix"])
    types = np.array(spec["types"])
    order = spec["ordinal"]  # list of [higher, lower] criterion index pairs
    m, n = matrix.shape
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    weights = []
    have = 0
    while have < samples:
        w = rng.dirichlet(np.ones(n), size=samples)
        ok = np.all([w[:, a] >= w[:, b] for a, b in order], axis=0) if order else np.ones(len(w), bool)
        weights.append(w[ok])
        have += int(ok.sum())
    weights = np.concatenate(weights)[:samples]
    wsm = WSM(normalization_function=minmax_normalization)
    ra = np.zeros((m, m))
    for w in weights:
        pref = wsm(matrix, w, types)
        ranks = rankdata(pref, reverse=True).astype(int) - 1
        ra[np.arange(m), ranks] += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "samples": samples, "first_rank": (ra[:, 0] / samples).tolist()}))


if __name__ == "__main__":
    main()
