#!/usr/bin/python3
"""Writes the FAISS binary index files the Java tests read (FaissIndexFilesTest).

Run with Debian's python3-faiss and python3-numpy: /usr/bin/python3 make_faiss_files.py
The files are committed; re-running gives the same bytes (fixed seed).

  codes-32.npy      20 x 4 uint8, packed 32-bit codes (np.packbits, most significant bit first)
  flat-32.index     faiss.IndexBinaryFlat(32) holding those codes, written by faiss.write_index_binary
  idmap-32.index    faiss.IndexBinaryIDMap over a flat index, same codes, ids 1000 + 7 * i
  search-32.npy     distances of the 5 nearest codes to the first 3 codes, as FAISS finds them (3 x 5 int32)
"""
import faiss
import numpy as np

rng = np.random.default_rng(20240607)
bits = rng.integers(0, 2, size=(20, 32), dtype=np.uint8)
codes = np.packbits(bits, axis=1)
np.save("codes-32.npy", codes)

flat = faiss.IndexBinaryFlat(32)
flat.add(codes)
faiss.write_index_binary(flat, "flat-32.index")

idmap = faiss.IndexBinaryIDMap(faiss.IndexBinaryFlat(32))
idmap.add_with_ids(codes, (1000 + 7 * np.arange(20)).astype(np.int64))
faiss.write_index_binary(idmap, "idmap-32.index")

D, I = flat.search(codes[:3], 5)
np.save("search-32.npy", D.astype(np.int32))
print("faiss", faiss.__version__, "wrote codes-32.npy flat-32.index idmap-32.index search-32.npy")
