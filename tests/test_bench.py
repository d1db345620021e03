"""The benchmark script runs (in its tiny mode) and writes the figures it prints: no time is
asserted, only that every measurement is there and the per-page figures are computed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_tiny_mode_measures_everything(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--tiny", "--json",
                           str(out)], capture_output=True, text=True, check=True, cwd=tmp_path)
    figures = json.loads(out.read_text())
    names = [t["name"] for t in figures["current"]]
    assert names == ["--help", "build, all languages", "build, all languages, --jobs 1",
                     "check", "es, 1 sheets", "es, 2 sheets"]
    assert all(t["wall_s"] > 0 and t["cpu_s"] > 0 and t["peak_rss_mb"] > 0
               for t in figures["current"])
    assert figures["current"][1]["size_kb"] > 0
    assert figures["per_page"]["kb_per_page"] > 0
    assert "per added page" in done.stdout
