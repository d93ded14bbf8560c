"""Benchmark: N units uploading at once through `nianbao serve` on loopback.

    python benchmarks/serve_upload.py [--units 50] [--rounds 2]

Builds N returns as benchmarks/validate_1000.py does (the ten kinds, each unit's code and name put in), a desk
of their N units with a link each, and starts `nianbao serve` (one process, as an office runs it). Then, each
round, N threads released together each act as a unit's browser: open its page (for the form token), upload
its file and follow the redirect to the verdict page (timed: the time to a verdict), then submit and follow
to the receipt (timed). Round r uploads each file with its zip comment changed (other bytes, the same report),
so each round is every unit's next version. At the end the ledger must hold every version: N × rounds
returns, each unit's versions 1…rounds, none lost or doubled. Figures go in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from desk_add import roster  # noqa: E402
from validate_1000 import YEAR, build, nianbao  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def variant(data: bytes, n: int) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as z:
        z.comment = f"round {n}".encode()
    return buffer.getvalue()


def unit_round(url: str, name: str, data: bytes, start: threading.Barrier, out: dict[str, object]) -> None:
    with httpx.Client(timeout=120, follow_redirects=False) as client:
        page = client.get(url)
        csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text).group(1)
        start.wait()
        began = time.perf_counter()
        sent = client.post(f"{url}/check", data={"csrf": csrf}, files={"file": (name, data)})
        draft = str(sent.next_request.url)  # the verdict page, where the upload redirects to
        verdict = client.get(draft)
        out["verdict"] = time.perf_counter() - began
        began = time.perf_counter()
        submitted = client.post(f"{draft}/submit", data={"csrf": csrf})
        out["submit"] = time.perf_counter() - began
        out["ok"] = verdict.status_code == 200 and submitted.status_code == 303 and "/receipt/" in \
            submitted.headers.get("location", "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        returned, expected, _ = build(work, args.units)
        roster(work / "roster.csv", list(expected))
        desk = work / "desk"
        subprocess.run([*nianbao(), "desk", "init", str(desk), "--year", str(YEAR), "--roster",
                        str(work / "roster.csv")], check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        subprocess.run([*nianbao(), "desk", "links", "--desk", str(desk), "--base-url", base, "-o",
                        str(work / "links.csv")], check=True, stdout=subprocess.DEVNULL)
        urls = {line.split(",")[0]: line.split(",")[2] for line in
                (work / "links.csv").read_text(encoding="utf-8-sig").splitlines()[1:]}
        files = {path.stem.split("_")[1]: path for path in returned.glob("*.xlsx")}
        server = subprocess.Popen([*nianbao(), "serve", str(desk), "--port", str(port)], stdout=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    httpx.get(base + "/", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
                  f"{args.units} units, {args.rounds} rounds")
            for n in range(1, args.rounds + 1):
                start = threading.Barrier(args.units)
                results: dict[str, dict[str, object]] = {code: {} for code in files}
                threads = [threading.Thread(target=unit_round, args=(urls[code], path.name,
                                                                     variant(path.read_bytes(), n), start,
                                                                     results[code])) for code, path in files.items()]
                began = time.perf_counter()
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                wall = time.perf_counter() - began
                failed = [code for code, r in results.items() if not r.get("ok")]
                verdicts = sorted(float(r["verdict"]) for r in results.values() if "verdict" in r)
                submits = sorted(float(r["submit"]) for r in results.values() if "submit" in r)
                p95 = verdicts[max(0, round(0.95 * len(verdicts)) - 1)]
                print(f"round {n}: {wall:.2f}s for all; time to a verdict median {statistics.median(verdicts):.2f}s, "
                      f"95th percentile {p95:.2f}s, slowest {verdicts[-1]:.2f}s; submit median "
                      f"{statistics.median(submits):.2f}s; failed {len(failed)}")
        finally:
            server.terminate()
            server.wait(timeout=30)
        db = sqlite3.connect(desk / "desk.db")
        entered = db.execute("SELECT count(*), count(DISTINCT unit), min(version), max(version) FROM submissions "
                             "WHERE kind = 'return'").fetchone()
        per_unit = set(db.execute("SELECT count(*) FROM submissions WHERE kind = 'return' GROUP BY unit"))
        whole = entered == (args.units * args.rounds, args.units, 1, args.rounds) and per_unit == {(args.rounds,)}
        print(f"the ledger: {entered[0]} returns of {entered[1]} units, versions {entered[2]}…{entered[3]} "
              f"({'every version, none lost' if whole else 'WRONG'})")
        if not whole:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
