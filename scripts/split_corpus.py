#!/usr/bin/env python3
"""Assigns every corpus message to data/corpus/train/ or data/corpus/dev/.

The rule is a stable hash of the text: a message is in the dev split when the
first 8 hex digits of md5(text), as a number, modulo 100 is below 25 — so 25%
of each file, the same rows on every run and every machine, and a message
never moves once written. New files dropped into data/corpus/ (as written by
a contributor) are split and moved; running it again changes nothing.
`intentlens train` reads train/ only and reports on dev/.
"""
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "data" / "corpus"
DEV_PERCENT = 25


def is_dev(text: str) -> bool:
    return int(hashlib.md5(text.encode("utf-8")).hexdigest()[:8], 16) % 100 < DEV_PERCENT


def main() -> int:
    files: dict[str, list[str]] = {}
    for path in sorted(ROOT.glob("*.jsonl")) + sorted(ROOT.glob("train/*.jsonl")) + sorted(ROOT.glob("dev/*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{path} line {n}: {e}", file=sys.stderr)
                return 1
            files.setdefault(path.name, []).append(line)
    for split in ("train", "dev"):
        (ROOT / split).mkdir(exist_ok=True)
    for name, lines in files.items():
        seen, unique = set(), []
        for line in lines:
            text = json.loads(line)["text"]
            if text not in seen:
                seen.add(text)
                unique.append(line)
        dev = [l for l in unique if is_dev(json.loads(l)["text"])]
        train = [l for l in unique if not is_dev(json.loads(l)["text"])]
        (ROOT / "train" / name).write_text("".join(l + "\n" for l in train), encoding="utf-8")
        (ROOT / "dev" / name).write_text("".join(l + "\n" for l in dev), encoding="utf-8")
        top = ROOT / name
        if top.exists():
            top.unlink()
        print(f"{name}: {len(train)} train, {len(dev)} dev")
    return 0


if __name__ == "__main__":
    sys.exit(main())
