"""How long `lsp-bot` commands take from start to exit, as an operator types them.

Usage: python bench/startup.py [--runs 5]

Runs each command in a fresh folder (after `lsp-bot init`) several times and prints the median
and the slowest wall time in milliseconds, beside the bare interpreter's start (`python -c
pass`, the floor no command can go under) as a ratio. `report draft` is cold each time: a new
process starts its rendering workers.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = [
    ("python -c pass", [sys.executable, "-c", "pass"], ""),
    ("lsp-bot --help", [sys.executable, "-m", "bot", "--help"], ""),
    ("lsp-bot --version", [sys.executable, "-m", "bot", "--version"], ""),
    ("lsp-bot invite", [sys.executable, "-m", "bot", "invite", "--role", "asesor"], ""),
    ("lsp-bot members list", [sys.executable, "-m", "bot", "members", "list"], ""),
    ("console, one message", [sys.executable, "-m", "bot", "console", "--user", "x"], "/bantuan\n"),
    ("lsp-bot report draft", [sys.executable, "-m", "bot", "report", "draft"], ""),
]


def timed(argv: list[str], stdin: str, cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, input=stdin, cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        cwd = Path(folder)
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["PYTHONPATH"] = str(root)
        env["RENDER_WORKERS"] = "1"
        subprocess.run([sys.executable, "-m", "bot", "init"], cwd=cwd, env=env, check=True,
                       capture_output=True)  # fmt: skip
        floor = None
        print(f"{'command':<24} {'median ms':>10} {'slowest ms':>11} {'x floor':>8}")
        for name, argv, stdin in COMMANDS:
            times = [timed(argv, stdin, cwd, env) for _ in range(runs)]
            median = statistics.median(times)
            floor = floor or median
            print(f"{name:<24} {median:>10.0f} {max(times):>11.0f} {median / floor:>8.1f}")


if __name__ == "__main__":
    main()
