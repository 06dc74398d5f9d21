"""A sampling view of a warm ``evaluate``: where the wall time goes, by cumulative time.

A thread samples the main thread's stack every millisecond while the example situations are
evaluated again and again; each function (file:function) is counted once per sample where it is
on the stack, and the innermost one apart. Less distorted than cProfile for code made of many
small calls.

Usage: python benchmarks/sample_profile.py [SECONDS] [TOP]
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from pathlib import Path

import rights_engine

SITUATIONS = Path(__file__).resolve().parent.parent / "situations"


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 70
    situations = [rights_engine.load_situation(p) for p in sorted(SITUATIONS.glob("*.yaml"))]
    for situation in situations:
        rights_engine.evaluate(situation)
    main_id = threading.get_ident()
    counts: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    samples = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal samples
        while not done.is_set():
            frame = sys._current_frames().get(main_id)
            seen = set()
            leaf = True
            while frame is not None:
                code = frame.f_code
                path = Path(code.co_filename)
                name = f"{path.parent.name}/{path.name}:{code.co_name}"
                seen.add(name)
                if leaf:
                    leaves[name] += 1
                    leaf = False
                frame = frame.f_back
            counts.update(seen)
            samples += 1
            time.sleep(0.001)

    # A thread runs when the main one lets the GIL go: every 5 ms by default, and wherever C code
    # releases it, which would bias the samples towards such places.
    sys.setswitchinterval(0.0001)
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        for situation in situations:
            rights_engine.evaluate(situation)
    done.set()
    thread.join()
    print("By cumulative time (on the stack):")
    for name, count in counts.most_common(top):
        print(f"{100 * count / samples:5.1f}%  {name}")
    print("By own time (the innermost Python function):")
    for name, count in leaves.most_common(top):
        print(f"{100 * count / samples:5.1f}%  {name}")


if __name__ == "__main__":
    main()
