"""Print accuracy floors for tests/test_accuracy.py from a fresh measurement.

    python bench/set_floors.py            # the FLOORS dict, measured - 0.01
    python bench/set_floors.py --diff     # only the floors that would change

Floors are the value measured on the standard 60-dump sample less 0.01,
rounded down. Reply-to accuracy is not floored: it rewards guessing a parent
where the dump shows none; parent precision and recall are floored instead.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from threadparse import evaluate

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
METRICS = [m for m in evaluate.METRICS if m != "reply_to"]


def measure() -> dict[str, dict[str, float]]:
    report = evaluate.run(evaluate.sample(CORPUS, n=60, seed=0), baselines=False)
    out: dict[str, dict[str, float]] = {}
    for group, sc in report.systems["threadparse"].items():
        vals = sc.values()
        out[group] = {
            m: max(0.0, math.floor((vals[m] - 0.01) * 100) / 100) for m in METRICS if vals[m] is not None
        }
    return out


def main() -> int:
    floors = measure()
    if "--diff" in sys.argv:
        sys.path.insert(0, str(HERE.parent))
        from tests.test_accuracy import FLOORS

        for g, ms in floors.items():
            for m, v in ms.items():
                old = FLOORS.get(g, {}).get(m)
                if old != v:
                    print(f"{g:<20} {m:<20} {old} -> {v}")
        return 0
    print(json.dumps(floors, indent=4))
    return 0


if __name__ == "__main__":
    sys.exit(main())
