#!/usr/bin/env python3
"""Write the example situations (situations/*.yaml) as one JSON Lines caseload on stdout.

Used by the revaluation workflow (README, "A revaluation is published"): the caseload diff of
the example situations between the months before and after the new value goes in CHANGELOG.md::

    scripts/examples_caseload.py > /tmp/examples.jsonl
    rights-engine compare /tmp/examples.jsonl --from 2024-03 --to 2024-04
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

SITUATIONS = Path(__file__).resolve().parent.parent / "situations"


def main() -> None:
    for path in sorted(SITUATIONS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sys.stdout.write(json.dumps(data, default=str, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
