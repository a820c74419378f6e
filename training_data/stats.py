"""Print the counts per file, origin and domain of training_data/ as Markdown (used in README.md)."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE.parent))
    from gkclassify.taxonomy import DOMAIN_IDS
    from gkclassify.train import DEV_FILES, TEST_FILES, TRAIN_FILES

    role = {**dict.fromkeys(TRAIN_FILES, "train"), **dict.fromkeys(DEV_FILES, "validation"), **dict.fromkeys(TEST_FILES, "test")}

    per_file: dict[str, Counter[str]] = {}
    rows_out = ["| file | split | rows | origin |", "|---|---|---|---|"]
    for name in role:
        path = HERE / name
        if not path.exists():
            continue
        rows = list(csv.DictReader(open(path, encoding="utf-8")))
        origins = Counter(r["origin"] + (f" ({r['note']})" if r["origin"] == "generated" else "") for r in rows)
        rows_out.append(f"| `{name}` | {role[name]} | {len(rows)} | " + ", ".join(f"{k}: {v}" for k, v in sorted(origins.items())) + " |")
        c: Counter[str] = Counter()
        for r in rows:
            c.update(d for d in r["domains"].split(";") if d)
        per_file[name] = c
    print("\n".join(rows_out))
    print()
    names = list(per_file)
    print("| domain | " + " | ".join(n.removesuffix(".csv") for n in names) + " |")
    print("|---|" + "---|" * len(names))
    for d in DOMAIN_IDS:
        print(f"| `{d}` | " + " | ".join(str(per_file[n][d]) for n in names) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
