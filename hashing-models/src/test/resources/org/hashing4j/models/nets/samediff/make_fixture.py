"""Makes the expected outputs of TorchvisionWeightsTest with torchvision itself.

Run the test once (it writes seeded weights with torchvision's key names and shapes, and a seeded
input, to hashing-models/target/torchvision-fixture/), then, from hashing-models/:
    /usr/bin/python3 src/test/resources/org/hashing4j/models/nets/samediff/make_fixture.py target/torchvision-fixture
It loads every <case>.npz into the torchvision model (each key must be used), runs the network up to
the case's layer in eval mode (after ImageNet mean/std normalisation) and saves <case>-expected.npy here: batch x features, convolution maps
flattened in NHWC order (the Java graph's layout).
"""
import os, sys
import numpy as np, torch, torchvision

CASES = {  # id: (model, layer)
    "alexnet-224-fc6": ("alexnet", "fc6"),
    "vgg16-32-pool5": ("vgg16", "pool5"),
    "resnet18-32-avgpool": ("resnet18", "avgpool"),
    "resnet50-32-layer2": ("resnet50", "layer2"),
}

def forward(name, m, layer, x):
    if name == "alexnet":  # layer fc6: classifier[1] + ReLU after adaptive pooling
        f = torch.flatten(m.avgpool(m.features(x)), 1)
        return torch.relu(m.classifier[1](f))
    if name == "vgg16":  # layer pool5
        return m.features(x)
    x = m.maxpool(m.relu(m.bn1(m.conv1(x))))
    for i, stage in enumerate([m.layer1, m.layer2, m.layer3, m.layer4], 1):
        x = stage(x)
        if layer == "layer%d" % i:
            return x
    return torch.flatten(m.avgpool(x), 1)

def main(src):
    here = os.path.dirname(os.path.abspath(__file__))
    for case, (name, layer) in CASES.items():
        weights = np.load(os.path.join(src, case + ".npz"))
        m = getattr(torchvision.models, name)()
        state = {k: torch.from_numpy(weights[k]) for k in weights.files}
        missing, unexpected = m.load_state_dict(state, strict=False)
        assert not unexpected, unexpected
        m.eval()
        x = torch.from_numpy(np.load(os.path.join(src, case + "-input.npz"))["input"])
        # Images enter the Java graph in [0,1] and it normalises them; torchvision models expect it done.
        x = torchvision.transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])(x)
        with torch.no_grad():
            y = forward(name, m, layer, x)
        if y.dim() == 4:
            y = y.permute(0, 2, 3, 1)
        y = y.reshape(y.shape[0], -1).numpy().astype(np.float32)
        np.save(os.path.join(here, case + "-expected.npy"), y)
        print(case, y.shape, "unused model parameters:", len(missing))

if __name__ == "__main__":
    main(sys.argv[1])
