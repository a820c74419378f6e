"""Print the counts per file, origin and domain of training_data/ as Markdown (used in README.md)."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = ["train_hand.csv", "train_unseen.csv", "train_more_a.csv", "train_more_b.csv", "train_more_c.csv", "train_more_d.csv", "train_more_e.csv", "train_more_f.csv", "train_more_g.csv", "train_more_h.csv", "train_more_i.csv", "train_more_j.csv", "train_more_k.csv", "picklist.csv", "generated.csv",
         "dev_hand.csv", "dev_unseen.csv", "test_hand.csv", "test_unseen.csv"]
ROLE = {"train_hand.csv": "train", "train_unseen.csv": "train", "train_more_a.csv": "train", "train_more_b.csv": "train", "train_more_c.csv": "train", "train_more_d.csv": "train", "train_more_e.csv": "train", "train_more_f.csv": "train", "train_more_g.csv": "train", "train_more_h.csv": "train", "train_more_i.csv": "train", "train_more_j.csv": "train", "train_more_k.csv": "train", "picklist.csv": "train", "generated.csv": "train", "dev_hand.csv": "validation",
        "dev_unseen.csv": "validation", "test_hand.csv": "test", "test_unseen.csv": "test"}


def main() -> int:
    sys.path.insert(0, str(HERE.parent))
    from gkclassify.taxonomy import DOMAIN_IDS

    per_file: dict[str, Counter[str]] = {}
    rows_out = ["| file | split | rows | origin |", "|---|---|---|---|"]
    for name in FILES:
        path = HERE / name
        if not path.exists():
            continue
        rows = list(csv.DictReader(open(path, encoding="utf-8")))
        origins = Counter(r["origin"] + (f" ({r['note']})" if r["origin"] == "generated" else "") for r in rows)
        rows_out.append(f"| `{name}` | {ROLE[name]} | {len(rows)} | " + ", ".join(f"{k}: {v}" for k, v in sorted(origins.items())) + " |")
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
