#!/usr/bin/python3
"""Checks that FAISS reads an index file hashing4j wrote (`hashing index export --faiss`).

    /usr/bin/python3 check_hashing4j_index.py OUT.index CODES.npy [IDS.txt]

Opens OUT.index with faiss.read_index_binary, and checks that it holds exactly the packed codes of
CODES.npy (n x bytes uint8) in that order, with the ids of IDS.txt (one per line) when given, and
that a FAISS search of the first codes finds themselves at distance 0. Exits non-zero on a mismatch.
"""
import sys

import faiss
import numpy as np

index = faiss.read_index_binary(sys.argv[1])
codes = np.load(sys.argv[2])
ids = np.loadtxt(sys.argv[3], dtype=np.int64, ndmin=1) if len(sys.argv) > 3 else np.arange(len(codes))
flat = faiss.downcast_IndexBinary(index.index) if isinstance(index, faiss.IndexBinaryIDMap) else index
stored = faiss.vector_to_array(flat.xb).reshape(flat.ntotal, flat.code_size)
assert index.d == codes.shape[1] * 8, (index.d, codes.shape)
assert index.ntotal == len(codes), (index.ntotal, len(codes))
assert np.array_equal(stored, codes), "codes differ"
stored_ids = faiss.vector_to_array(index.id_map) if isinstance(index, faiss.IndexBinaryIDMap) else np.arange(index.ntotal)
assert np.array_equal(stored_ids, ids), "ids differ"
D, I = index.search(codes[:5], 1)
assert (D[:, 0] == 0).all(), D
print("ok:", type(index).__name__, index.ntotal, "codes of", index.d, "bits")
