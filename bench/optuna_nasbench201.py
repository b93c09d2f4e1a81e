"""Optuna's TPESampler on NAS-Bench-201 under archspace's quality protocol (`bench/quality-optuna.ts`).

`python3 optuna_nasbench201.py <nb201.csv> <first seed> <end seed>`: for each seed, Optuna's default
TPESampler (seeded) chooses the six edges' operations through ask-and-tell for 200 queries, each query
answered with the table's search signal (CIFAR-10 validation accuracy after 12 epochs,
`c10v_valid_12`); a run scores the 200-epoch CIFAR-10 test accuracy (`c10_test_200`) of the
architecture with the best signal among its first 100 and among all 200 queries (ties: the first
found). Optuna has no duplicate filter, so a repeated architecture spends a query, as it does in a
real experiment. Prints one line per seed: `<seed> <test at 100> <test at 200> <distinct
architectures among the first 100 queries>`.
"""
import csv
import sys

import optuna

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
EDGES = ["0_1", "0_2", "1_2", "0_3", "1_3", "2_3"]


def arch_string(ops):
    """The table's architecture string of the six edges' operations (edge i_j reads node i into node j)."""
    o = dict(zip(EDGES, ops))
    return f"|{o['0_1']}~0|+|{o['0_2']}~0|{o['1_2']}~1|+|{o['0_3']}~0|{o['1_3']}~1|{o['2_3']}~2|"


def main():
    table, first, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    records = {}
    with open(table, newline="") as f:
        for row in csv.DictReader(f):
            records[row["arch"]] = (float(row["c10v_valid_12"]), float(row["c10_test_200"]))
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    for seed in range(first, end):
        study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
        best_signal, best_test, at_100, seen = -1.0, None, None, set()
        for query in range(200):
            trial = study.ask()
            ops = [trial.suggest_categorical(edge, OPS) for edge in EDGES]
            arch = arch_string(ops)
            signal, test = records[arch]
            study.tell(trial, signal)
            if query < 100:
                seen.add(arch)
            if signal > best_signal:
                best_signal, best_test = signal, test
            if query == 99:
                at_100 = best_test
        print(seed, at_100, best_test, len(seen), flush=True)


if __name__ == "__main__":
    main()
