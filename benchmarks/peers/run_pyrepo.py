"""pyrepo-mcda: VIKOR_SMAA with its own weight generation (no preference statements supported).
Usage: python run_pyrepo.py PROBLEM.json SAMPLES"""

import json
import sys
import time

import numpy as np
from pyrepo_mcda.mcda_methods import VIKOR_SMAA
from pyrepo_mcda.normalizations import minmax_normalization


def main():
    spec = json.load(open(sys.argv[1]))
    samples = int(sys.argv[2])
    matrix = np.array(spec["matrix"])
    types = np.array(spec["types"])
    np.random.seed(0)
    start = time.perf_counter()
    smaa = VIKOR_SMAA(normalization_method=minmax_normalization)
    weights = smaa._generate_weights(matrix.shape[1], samples)
    ra, cw, scores = smaa(matrix, weights, types)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "samples": samples, "first_rank": np.asarray(ra)[:, 0].tolist()}))


if __name__ == "__main__":
    main()
