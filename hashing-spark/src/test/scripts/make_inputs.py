#!/usr/bin/env python3
"""Tiny inputs for spark-submit-check.sh (numpy only, no imaging library).

Writes OUT/imgs/{train,test}/<class>/*.png (8x8 RGB PNGs, 3 classes), OUT/imgs/database.txt (the
train images as a list file with one-hot labels) and OUT/feats/{train,query,database}.npy float32
features with {..}_labels.npy int32 labels (the 'features' dataset, protocol 'given').
"""
import os
import struct
import sys
import zlib

import numpy as np


def write_png(path, rgb):
    """An 8-bit RGB PNG, filter 0 on every row: the smallest valid encoder."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].astype(np.uint8).tobytes() for y in range(h))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(png)


def main(out):
    rng = np.random.default_rng(7)
    classes = ["cat", "dog", "owl"]
    lines = []
    for split, count in (("train", 24), ("test", 4)):
        for c, name in enumerate(classes):
            d = os.path.join(out, "imgs", split, name)
            os.makedirs(d, exist_ok=True)
            for i in range(count):
                # class-dependent mean colour, so the codes carry some class signal
                base = np.array([60 + 60 * c, 200 - 50 * c, 90], dtype=float)
                img = np.clip(base + rng.normal(0, 40, (8, 8, 3)), 0, 255)
                rel = f"{split}/{name}/{name}-{i:03d}.png"
                write_png(os.path.join(out, "imgs", rel), img)
                if split == "train":
                    lines.append(rel + " " + " ".join("1" if k == c else "0" for k in range(3)))
    with open(os.path.join(out, "imgs", "database.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    fd = os.path.join(out, "feats")
    os.makedirs(fd, exist_ok=True)
    centres = rng.normal(0, 1, (5, 48))
    for split, n in (("train", 300), ("query", 40), ("database", 600)):
        labels = rng.integers(0, 5, n).astype(np.int32)
        x = (centres[labels] + rng.normal(0, 0.8, (n, 48))).astype(np.float32)
        np.save(os.path.join(fd, split + ".npy"), x)
        np.save(os.path.join(fd, split + "_labels.npy"), labels)


if __name__ == "__main__":
    main(sys.argv[1])
