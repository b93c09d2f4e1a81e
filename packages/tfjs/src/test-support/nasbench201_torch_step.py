"""One training step of a NAS-Bench-201 network in PyTorch, for archspace's comparison test.

Usage: python3 nasbench201_torch_step.py INPUT.json OUTPUT.json

INPUT.json (written by packages/tfjs/src/compile/nasbench201-matches-pytorch.test.ts) holds the
architecture string, the widths, the input batch (NCHW), the labels, every parameter and batch-norm
buffer under its PyTorch name and in PyTorch's layout, and the optimisers' settings. OUTPUT.json
receives, computed in float64 from those float32 values:

- the logits and the mean cross-entropy of a training-mode forward pass,
- every parameter's gradient, and the batch-norm buffers after that pass,
- the parameters after one SGD step (Nesterov momentum) and after one Adam step, each taken from
  the starting weights.

The network is the benchmark's: a 3x3 stem, three stages of cells with residual reductions between
them, batch norm and ReLU, global average pooling and a linear classifier. Module names follow
NNI's hub (cells.0.layers.2.0.op.1 is the convolution of cell 0's edge 0 -> 3), which are also the
names archspace gives the nodes.
"""

import json
import sys

import torch
from torch import nn
import torch.nn.functional as F


class ReLUConvBN(nn.Module):
    """ReLU, a convolution without bias, batch norm; the modules sit under `op`."""

    def __init__(self, c_in, c_out, kernel, stride, padding):
        super().__init__()
        self.op = nn.Sequential(
            nn.ReLU(),
            nn.Conv2d(c_in, c_out, kernel, stride=stride, padding=padding, bias=False),
            nn.BatchNorm2d(c_out),
        )

    def forward(self, x):
        return self.op(x)


class AveragePooling(nn.Module):
    """The cell's avg_pool_3x3 (equal widths): padded zeros are not averaged."""

    def __init__(self, stride):
        super().__init__()
        self.op = nn.AvgPool2d(3, stride=stride, padding=1, count_include_pad=False)

    def forward(self, x):
        return self.op(x)


class Zero(nn.Module):
    """The cell's none edge: zeros of the (subsampled) input's shape."""

    def __init__(self, stride):
        super().__init__()
        self.stride = stride

    def forward(self, x):
        return x[:, :, :: self.stride, :: self.stride] * 0.0


def edge_op(name, channels):
    """The module of one cell edge (stride 1, equal widths, as in the benchmark's cells)."""
    if name == "none":
        return Zero(1)
    if name == "skip_connect":
        return nn.Identity()
    if name == "nor_conv_1x1":
        return ReLUConvBN(channels, channels, 1, 1, 0)
    if name == "nor_conv_3x3":
        return ReLUConvBN(channels, channels, 3, 1, 1)
    if name == "avg_pool_3x3":
        return AveragePooling(1)
    raise ValueError(f"unknown NAS-Bench-201 op {name!r}")


def parse_arch(arch):
    """'|op~0|+|op~0|op~1|+...' -> [[op of 0->1], [ops of 0->2, 1->2], ...]."""
    groups = []
    for group in arch.split("+"):
        entries = [entry for entry in group.split("|") if entry]
        groups.append([entry.split("~")[0] for entry in entries])
    return groups


class Cell(nn.Module):
    """Node j is the sum over i < j of edge i -> j applied to node i; `layers[j - 1][i]` is that edge."""

    def __init__(self, arch, channels):
        super().__init__()
        self.layers = nn.ModuleList(nn.ModuleList(edge_op(name, channels) for name in group) for group in parse_arch(arch))

    def forward(self, x):
        nodes = [x]
        for edges in self.layers:
            nodes.append(sum(edge(nodes[i]) for i, edge in enumerate(edges)))
        return nodes[-1]


class ResidualReduction(nn.Module):
    """The residual block between stages: two 3x3 ReLUConvBNs (stride 2 first) plus a pooled 1x1 shortcut."""

    def __init__(self, c_in, c_out):
        super().__init__()
        self.convA = ReLUConvBN(c_in, c_out, 3, 2, 1)
        self.convB = ReLUConvBN(c_out, c_out, 3, 1, 1)
        self.downsample = nn.Sequential(nn.AvgPool2d(2, stride=2, padding=0), nn.Conv2d(c_in, c_out, 1, bias=False))

    def forward(self, x):
        return self.downsample(x) + self.convB(self.convA(x))


class Network(nn.Module):
    def __init__(self, arch, channels, cells_per_stage, classes):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels))
        cells = []
        c = channels
        for stage in range(3):
            if stage > 0:
                cells.append(ResidualReduction(c, 2 * c))
                c *= 2
            cells.extend(Cell(arch, c) for _ in range(cells_per_stage))
        self.cells = nn.ModuleList(cells)
        self.lastact = nn.Sequential(nn.BatchNorm2d(c), nn.ReLU())
        self.classifier = nn.Linear(c, classes)

    def forward(self, x):
        y = self.stem(x)
        for cell in self.cells:
            y = cell(y)
        y = F.adaptive_avg_pool2d(self.lastact(y), 1).flatten(1)
        return self.classifier(y)


def tensor(entry):
    return torch.tensor(entry["values"], dtype=torch.float64).reshape(entry["shape"])


def plain(t):
    return {"shape": list(t.shape), "values": t.detach().reshape(-1).tolist()}


def build(spec):
    """A float64 network holding the given parameters and buffers, in training mode."""
    net = Network(spec["arch"], spec["channels"], spec["cellsPerStage"], spec["classes"]).double()
    state = net.state_dict()
    given = {name: tensor(entry) for name, entry in spec["state"].items()}
    missing = sorted(name for name in state if name not in given and not name.endswith("num_batches_tracked"))
    unknown = sorted(name for name in given if name not in state)
    if missing or unknown:
        raise SystemExit(f"state does not match the network: missing {missing}, unknown {unknown}")
    for name, value in given.items():
        if tuple(state[name].shape) != tuple(value.shape):
            raise SystemExit(f"{name}: shape {tuple(value.shape)} given, {tuple(state[name].shape)} expected")
    net.load_state_dict(given, strict=False)
    return net.train()


def loss_of(net, x, labels):
    logits = net(x)
    return logits, F.cross_entropy(logits, labels)


def main(source, target):
    with open(source, encoding="utf-8") as f:
        spec = json.load(f)
    x = tensor(spec["input"])
    labels = torch.tensor(spec["labels"], dtype=torch.long)

    net = build(spec)
    logits, loss = loss_of(net, x, labels)
    loss.backward()
    out = {
        "torch": torch.__version__,
        "logits": plain(logits),
        "loss": loss.item(),
        "grads": {name: plain(p.grad) for name, p in net.named_parameters()},
        "buffers": {name: plain(b) for name, b in net.named_buffers() if not name.endswith("num_batches_tracked")},
    }

    sgd = spec["sgd"]
    net = build(spec)
    step = torch.optim.SGD(net.parameters(), lr=sgd["lr"], momentum=sgd["momentum"], nesterov=sgd["nesterov"])
    loss_of(net, x, labels)[1].backward()
    step.step()
    out["sgd"] = {name: plain(p) for name, p in net.named_parameters()}

    adam = spec["adam"]
    net = build(spec)
    step = torch.optim.Adam(net.parameters(), lr=adam["lr"], betas=tuple(adam["betas"]), eps=adam["eps"])
    loss_of(net, x, labels)[1].backward()
    step.step()
    out["adam"] = {name: plain(p) for name, p in net.named_parameters()}

    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
