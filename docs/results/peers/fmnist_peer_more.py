"""Peer reference on Fashion-MNIST, written from the papers' formulas (PyTorch CPU).

Protocol: database = 60k train images, queries = 10k test images, relevance = same
class, small CNN (conv5-32, pool, conv5-64, pool, fc500) + hashing head.
Methods: DPN (bias-free head, Bernoulli codebook), DFH (bank likelihood + DCC centres),
CE (classifier on the K-dim pre-activations; codes are their signs),
OrthoCos (bias-free head + BN, min-distance codebook, s 8, m 0.3).
Recipe of experiments/fashion-mnist-deep-comparison.yaml: Adam 1e-3, batch 128, pixels in [0, 1].
Plain mAP@all with ties in index order (stable sort), as our report's plain column.
Prints each epoch's last loss to stderr, then mAP@all, P@H<=2 and wall time as one JSON line.
A measuring script (needs /usr/bin/python3 with torch and Debian's dataset-fashion-mnist), not part
of the build or the tests. Usage: python3 fmnist_peer_more.py METHOD BITS EPOCHS
"""
import gzip, json, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(0)
np.random.seed(0)
D = "/usr/share/datasets/fashion-mnist/"


def idx(path, off):
    with gzip.open(D + path) as f:
        return np.frombuffer(f.read(), np.uint8, offset=off)


xtr = idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
ytr = idx("train-labels-idx1-ubyte.gz", 8).astype(np.int64)
xte = idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
yte = idx("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64)


class Net(nn.Module):
    def __init__(self, bits):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(1, 32, 5), nn.Conv2d(32, 64, 5)
        self.f1 = nn.Linear(64 * 4 * 4, 500)
        self.h = nn.Linear(500, bits)
        self.cls = nn.Linear(bits, 10)

    def feat(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.h(F.relu(self.f1(x.flatten(1))))


def min_distance_codebook(C, bits):
    """FIRe's cent_init M: accept sign vectors whose normalised Hamming distance to every accepted one is >= d,
    d starting at 0.61 and lowered by 0.01 after 10,000 rejections; class order permuted at the end."""
    d, rejected, out = 0.61, 0, []
    while len(out) < C:
        t = (torch.rand(bits) > 0.5).float() * 2 - 1
        if all(float((t != o).float().mean()) >= d for o in out):
            out.append(t)
        else:
            rejected += 1
            if rejected >= 10000:
                d, rejected = d - 0.01, 0
    return torch.stack(out)[torch.randperm(C)]


def train(method, bits, epochs):
    # The heads are drawn in this order (each replaces the last) so that a re-run draws the same random
    # numbers as the runs whose figures docs/results/peers/README.md gives.
    net = Net(bits)
    net.h = nn.Linear(500, bits, bias=(method != "dpn"))   # DPN: u = W f without bias (FIRe)
    X, Y = torch.from_numpy(xtr), torch.from_numpy(ytr)
    n, C = len(X), 10
    Yoh = F.one_hot(Y, C).float()
    if method == "orthocos":
        net.h = nn.Sequential(nn.Linear(500, bits, bias=False), nn.BatchNorm1d(bits, momentum=0.1))
        T = min_distance_codebook(C, bits)
    elif method == "dpn":
        T = (torch.rand(C, bits) > 0.5).float() * 2 - 1            # cent_init B
    elif method == "dfh":
        U = torch.zeros(n, bits)                                   # bank of network outputs
        Cn = torch.zeros(bits, C)                                  # centres, sign(0) = 0 at first
        mu, nu, m, eta = 1.0, 1.0, 1.0, 0.5
    opt = torch.optim.Adam(net.parameters(), 1e-3)
    for ep in range(epochs):
        perm = torch.randperm(n)
        for i in range(0, n, 128):
            b = perm[i:i + 128]
            u = net.feat(X[b])
            if method == "dpn":
                loss = F.relu(1.0 - u * T[Y[b]]).sum(1).mean() + 0.1 * (u ** 2).mean()
            elif method == "orthocos":                                        # s 8, m 0.3 (FIRe)
                cos = F.normalize(u, dim=1) @ F.normalize(T, dim=1).t()
                z = 8.0 * (cos - 0.3 * F.one_hot(Y[b], C).float())
                loss = F.cross_entropy(z, Y[b])
            elif method == "ce":
                loss = F.cross_entropy(net.cls(u), Y[b])                      # codes: sign(u)
            else:  # dfh
                yb = Yoh[b]
                with torch.no_grad():
                    U[b] = u.detach()
                    tb = torch.sign(mu * yb @ Cn.t() + u)                     # target codes
                    # DCC centre update, one class at a time
                    Bsum = tb.t() @ yb                                         # K x C: sum_i y_ic b_i
                    YY = yb.t() @ yb                                           # C x C
                    for c in range(C):
                        others = [k for k in range(C) if k != c]
                        arg = Bsum[:, c] - Cn[:, others] @ YY[others, c] - nu * Cn[:, others].sum(1)
                        Cn[:, c] = torch.sign(arg)
                s = (yb @ Yoh.t() > 0).float()
                theta = (0.5 * u @ U.t()).clamp(-100, 50)
                lik = ((1 - s) * F.softplus(m + theta) + s * F.softplus(m - theta)).mean()
                loss = lik + eta * ((tb - u) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(json.dumps({"epoch": ep + 1, "loss": float(loss)}), file=sys.stderr, flush=True)
    return net


def codes(net, x):
    net.eval()
    with torch.no_grad():
        out = [net.feat(torch.from_numpy(x[i:i + 1000])) for i in range(0, len(x), 1000)]
    return (torch.cat(out) > 0).numpy()


def evaluate(qb, ql, db, dl):
    bits = qb.shape[1]
    qs, ds = qb.astype(np.float32) * 2 - 1, db.astype(np.float32) * 2 - 1
    aps, p2 = [], []
    for i in range(len(qb)):
        ham = 0.5 * (bits - ds @ qs[i])
        rel = dl == ql[i]
        order = np.argsort(ham, kind="stable")
        r = rel[order]
        hits = np.cumsum(r)
        pos = np.nonzero(r)[0]
        aps.append(np.mean(hits[pos] / (pos + 1)) if len(pos) else 0.0)
        inside = ham <= 2
        p2.append(rel[inside].mean() if inside.any() else 0.0)
    return float(np.mean(aps)), float(np.mean(p2))


METHODS = ("dpn", "dfh", "ce", "orthocos")

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in METHODS or not sys.argv[2].isdigit() or not sys.argv[3].isdigit():
        sys.exit("usage: fmnist_peer_more.py {" + "|".join(METHODS) + "} BITS EPOCHS")
    method, bits, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    t = time.time()
    net = train(method, bits, epochs)
    tt = time.time() - t
    m, p2 = evaluate(codes(net, xte), yte, codes(net, xtr), ytr)
    print(json.dumps({"method": method, "bits": bits, "epochs": epochs, "mAP_all": round(m, 4),
                      "P_H2": round(p2, 4), "train_s": round(tt, 1), "total_s": round(time.time() - t, 1)}))
