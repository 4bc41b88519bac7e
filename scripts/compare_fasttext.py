#!/usr/bin/env python3
"""Intent accuracy of IntentLens next to the keyword baseline and fastText.

fastText (`pip install fasttext-wheel`) is trained on the same corpus split
(data/corpus/train; Bitext rows subsampled 1 in 4, as IntentLens weighs them
0.25) with character n-grams 2-5 and word bigrams, then all three are scored
on the dev split and on the independent held-out set. Not part of the test
command: a report for the classifier issue. Run after `cargo build --release`.
"""
import glob
import json
import subprocess
import sys
import tempfile

import fasttext


def rows(pattern):
    out = []
    for path in sorted(glob.glob(pattern)):
        out += [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    return out


def clean(text):
    return " ".join(text.lower().split())


def macro_f1(gold, pred):
    labels = sorted(set(gold))
    f1s = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label != g for g, p in zip(gold, pred))
        fn = sum(g == label != p for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


def intentlens(path, baseline=False):
    cmd = ["target/release/intentlens", "eval", "--json", path] + (["--baseline"] if baseline else [])
    report = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return report["accuracy"], report["macro_f1"]


def main():
    train = rows("data/corpus/train/*.jsonl")
    train = [r for i, r in enumerate(train) if not r["source"].startswith("bitext") or i % 4 == 0]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        for r in train:
            f.write(f"__label__{r['intent']} {clean(r['text'])}\n")
        train_file = f.name
    model = fasttext.train_supervised(train_file, epoch=25, lr=0.5, wordNgrams=2, minn=2, maxn=5, dim=50, seed=42, thread=1, verbose=0)

    sets = {"dev split (19 languages)": "data/corpus/dev", "held-out eval (en/es/zh/id)": "tests/data/eval.jsonl"}
    print("| set | keyword baseline | fastText | IntentLens |")
    print("|---|---|---|---|")
    for name, path in sets.items():
        data = rows(path + "/*.jsonl") if not path.endswith(".jsonl") else rows(path)
        gold = [r["intent"] for r in data]
        # The binding's own predict() breaks on NumPy 2; the C++ call is the same.
        pred = [model.f.predict(clean(r["text"]), 1, 0.0, "strict")[0][1].removeprefix("__label__") for r in data]
        ft_acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
        b_acc, b_f1 = intentlens(path, baseline=True)
        il_acc, il_f1 = intentlens(path)
        print(f"| {name}, n={len(gold)} | {b_acc:.3f} / {b_f1:.3f} | {ft_acc:.3f} / {macro_f1(gold, pred):.3f} | {il_acc:.3f} / {il_f1:.3f} |")
    print("\n(accuracy / macro-F1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
