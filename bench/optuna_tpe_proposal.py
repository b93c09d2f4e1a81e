"""Optuna's TPE proposal time at 300 trials, the reference for `bench/tpe.bench.ts`.

Run by the TPE bench in a fresh process per figure: it searches the bench's four-parameter space
(a log-uniform learning rate, a batch-size choice, a uniform dropout, a stepped layer width) with
Optuna's default TPESampler through its ask-and-tell interface, as Optuna's documentation calls it,
for 300 told trials, then times the next 10 proposals (ask, the four suggestions, which is where
Optuna's TPE samples, and tell) and prints their mean in milliseconds on one line:
`OPTUNA_TPE_MS <mean> <optuna version>`. Logging is set to warnings, so no per-trial line is timed.

`python3 optuna_tpe_proposal.py <seed> multi` does the same for the bench's multi-objective figure:
200 told trials, two objectives (the loss and the bench's cost, units / batch), both minimised.
"""
import math
import sys
import time

import optuna

HISTORY = 300
MULTI_HISTORY = 200
TIMED = 10


def loss(lr, batch, dropout, units):
    """The bench's synthetic validation loss: optimum at lr 1e-3, batch 64, dropout 0.2, 256 units."""
    a = math.log10(lr) + 3
    b = math.log2(batch) - 6
    c = dropout - 0.2
    d = (units - 256) / 256
    return a * a + 0.1 * b * b + c * c + d * d


def step(study, multi):
    trial = study.ask()
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    batch = trial.suggest_categorical("batch", [16, 32, 64, 128, 256])
    dropout = trial.suggest_float("dropout", 0.0, 0.7)
    units = trial.suggest_int("units", 32, 512, step=32)
    value = loss(lr, batch, dropout, units)
    study.tell(trial, [value, units / batch] if multi else value)


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    multi = len(sys.argv) > 2 and sys.argv[2] == "multi"
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    sampler = optuna.samplers.TPESampler(seed=seed)
    if multi:
        study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
    else:
        study = optuna.create_study(direction="minimize", sampler=sampler)
    for _ in range(MULTI_HISTORY if multi else HISTORY):
        step(study, multi)
    start = time.perf_counter()
    for _ in range(TIMED):
        step(study, multi)
    mean_ms = (time.perf_counter() - start) * 1000 / TIMED
    print(f"OPTUNA_TPE_MS {mean_ms} {optuna.__version__}")


if __name__ == "__main__":
    main()
