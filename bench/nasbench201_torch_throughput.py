"""Training images/s of the benchmark's NAS-Bench-201 network in PyTorch on the CPU.

Usage: python3 nasbench201_torch_throughput.py STEPS [THREADS]

The network is the one `tfjs.bench.ts` trains (8 channels, one cell per stage, 16x16 RGB images,
6 classes, batch 64, Adam at 0.005), built by the module archspace's PyTorch comparison test uses.
Prints one JSON line: {"torch": version, "threads": n, "imagesPerSecond": x}.
"""

import json
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "packages", "tfjs", "src", "test-support"))
from nasbench201_torch_step import Network  # noqa: E402

ARCH = "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_3x3~2|"
BATCH = 64


def main(steps, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    net = Network(ARCH, 8, 1, 6).train()
    optimizer = torch.optim.Adam(net.parameters(), lr=0.005)
    batches = [(torch.rand(BATCH, 3, 16, 16), torch.randint(0, 6, (BATCH,))) for _ in range(4)]

    def step(i):
        x, y = batches[i % 4]
        optimizer.zero_grad()
        F.cross_entropy(net(x), y).backward()
        optimizer.step()

    for i in range(2):
        step(i)
    start = time.perf_counter()
    for i in range(steps):
        step(i)
    seconds = time.perf_counter() - start
    print(json.dumps({"torch": torch.__version__, "threads": threads, "imagesPerSecond": steps * BATCH / seconds}))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    main(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) == 3 else 2)
