"""redcard's benchmark: whole-process timings anyone can run (`python bench/run.py`).

Each measurement runs a fresh process `--repeats` times and reports the median wall time,
the median CPU time (user + system, from wait4) and the largest peak resident memory: the
command line's start-up (`--help`), every language built (with the default `--jobs` and with
`--jobs 1`), `check`, and one language at growing sheet counts (the cost of each added page
in milliseconds and kilobytes, and whether memory stays flat). The same commands run from a
git worktree of `--baseline` (default 07d546f, the previous release) give the ratios; if the
`typst` package is installed, a Typst document of the same cards (one Letter sheet of eight
ID-1 fronts and the back page per language, the vendored fonts) is timed as well.

Nothing here asserts a time; tests run `--tiny` only to prove the script works.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The tree's own package first, whatever the working folder (`python -c` puts it on the path)
CLI = "import sys; sys.path.insert(0, {tree!r}); from redcard.cli import main; " \
      "sys.argv[0] = 'redcard'; main()"
SHEET_CARDS = 8  # ID-1 cards on a Letter sheet


@dataclass(frozen=True)
class Timing:
    name: str
    wall_s: float  # median
    cpu_s: float  # median user + system
    peak_rss_mb: float  # largest over the repeats
    runs: int
    size_kb: float = 0.0  # of what the command wrote, where that matters


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, cpu s, peak RSS MB) of one process and its workers."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(argv[-6:])} failed: {errors[-500:]}")
    # wait4's usage covers the process and the children it waited for (--jobs workers)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(name: str, argv: list[str], env: dict[str, str], repeats: int,
            output: Path | None = None) -> Timing:
    samples = []
    for _ in range(repeats):
        if output is not None and output.exists():
            shutil.rmtree(output) if output.is_dir() else output.unlink()
        samples.append(run_once(argv, env))
    size = 0.0
    if output is not None and output.exists():
        files = output.rglob("*.pdf") if output.is_dir() else [output]
        size = sum(path.stat().st_size for path in files) / 1024
    return Timing(name, statistics.median(s[0] for s in samples),
                  statistics.median(s[1] for s in samples), max(s[2] for s in samples),
                  repeats, size)


def redcard(tree: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """The command line of the redcard in `tree` (a checkout), as its own process."""
    return [sys.executable, "-c", CLI.format(tree=str(tree)), *args], dict(os.environ)


def compiled(tree: Path) -> None:
    """The tree's modules compiled to bytecode first, as installing them does: otherwise,
    where PYTHONDONTWRITEBYTECODE is set (or the tree is read-only), every timed process
    would compile them from source again (50 ms a start)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "redcard")],
                   check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})


def suite(tree: Path, label: str, work: Path, args: argparse.Namespace,
          new: bool) -> list[Timing]:
    """Every measurement of one tree (`new`: it has --jobs)."""
    compiled(tree)
    langs = [a for code in args.langs for a in ("--lang", code)]
    out = work / label
    timings = [measure("--help", *redcard(tree, "--help"), args.repeats)]
    timings.append(measure("build, all languages", *redcard(
        tree, "build", *langs, "--out", str(out / "all")), args.repeats, out / "all"))
    if new:
        timings.append(measure("build, all languages, --jobs 1", *redcard(
            tree, "build", *langs, "--jobs", "1", "--out", str(out / "all1")),
            args.repeats, out / "all1"))
    timings.append(measure("check", *redcard(tree, "check", *langs), args.repeats))
    for sheets in args.sheets:
        pdf = out / f"sheets-{sheets}"
        timings.append(measure(f"es, {sheets} sheets", *redcard(
            tree, "build", "--lang", "es", "--copies", str(sheets * SHEET_CARDS),
            "--out", str(pdf)), args.sheet_repeats, pdf))
    return timings


def baseline_tree(ref: str, work: Path) -> Path:
    """A git worktree of `ref` (detached), removed again at the end."""
    tree = work / f"baseline-{ref}"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force",
                    str(tree), ref], check=True, capture_output=True)
    return tree


TYPST_CARD = """#let card(body, fill: rgb("#b3122a")) = box(width: 85.6mm, height: 53.98mm,
  fill: fill, inset: 3mm, clip: true, text(fill: white, size: 7pt, body))
"""


def typst_document(card, fonts: list[str]) -> str:
    """One Letter sheet of eight fronts, then the back page, in the card's own fonts."""
    def side(text) -> str:
        points = "".join(f"- {_typst_escape(point)}\n" for point in text.points)
        return (f"#card[#text(weight: \"bold\", size: 9pt)[{_typst_escape(text.title)}]\n\n"
                f"{points}]")
    direction = "rtl" if card.is_rtl else "ltr"
    families = ", ".join(json.dumps(font) for font in fonts)
    grid = "#grid(columns: 2, gutter: 4mm, " + ", ".join(["[" + side(card.front) + "]"] * 8) \
        + ")"
    back = "#grid(columns: 2, gutter: 4mm, " + ", ".join(["[" + side(card.back) + "]"] * 8) \
        + ")"
    return (f"#set page(paper: \"us-letter\", margin: 12mm)\n"
            f"#set text(font: ({families},), lang: \"{card.code.split('-')[0]}\", "
            f"dir: {direction})\n{TYPST_CARD}\n{grid}\n#pagebreak()\n{back}\n")


def _typst_escape(text: str) -> str:
    return "".join("\\" + char if char in "\\#*_`$<>@[]~/=-+\"'" else char for char in text)


def typst_command(args: argparse.Namespace, work: Path) -> list[str] | None:
    """The command that sets the Typst documents of the same cards (written now), or None
    where the typst package is not installed."""
    try:
        import typst  # noqa: F401
    except ImportError:
        return None
    sys.path.insert(0, str(ROOT))
    from fontTools.ttLib import TTFont

    from redcard.library import Library

    library = Library()
    folder = work / "typst"
    folder.mkdir(parents=True, exist_ok=True)
    for code in args.langs:
        card = library.card(code)
        chain = library.fonts.chain(card.text_language, card.script, "regular")
        families = [TTFont(font.path, lazy=True)["name"].getDebugName(1)
                    for font in chain.fonts]
        (folder / f"{code}.typ").write_text(typst_document(card, families), encoding="utf-8")
    script = ("import sys, typst\nfrom pathlib import Path\n"
              "for source in sys.argv[2:]:\n"
              "    typst.compile(source, output=str(Path(source).with_suffix('.pdf')), "
              "font_paths=[sys.argv[1]], ignore_system_fonts=True)\n")
    return [sys.executable, "-c", script, str(ROOT / "fonts"),
            *(str(folder / f"{code}.typ") for code in args.langs)]


def typst_timing(args: argparse.Namespace, work: Path) -> Timing | None:
    argv = typst_command(args, work)
    if argv is None:
        return None
    return measure("typst, all languages", argv, dict(os.environ), args.repeats)


def interleaved(args: argparse.Namespace, work: Path) -> dict | None:
    """redcard and Typst building all languages in turn, `--interleave` times each: on a
    machine whose speed drifts, runs taken in turn compare fairly."""
    argv = typst_command(args, work)
    if argv is None:
        return None
    ours, env = redcard(ROOT, "build", *(a for c in args.langs for a in ("--lang", c)),
                        "--out", str(work / "interleaved"))
    pairs = [(run_once(ours, env)[0], run_once(argv, dict(os.environ))[0])
             for _ in range(args.interleave)]
    result = {"runs": args.interleave,
              "redcard_median_s": statistics.median(a for a, _ in pairs),
              "typst_median_s": statistics.median(b for _, b in pairs),
              "pairwise_median_ratio": statistics.median(a / b for a, b in pairs)}
    result["median_ratio"] = result["redcard_median_s"] / result["typst_median_s"]
    print(f"in turn, {args.interleave} runs each: redcard {result['redcard_median_s']:.3f} s, "
          f"typst {result['typst_median_s']:.3f} s: {result['median_ratio']:.2f}× "
          f"(pairwise median {result['pairwise_median_ratio']:.2f}×)")
    return result


def per_page(timings: list[Timing], sheets: list[int]) -> dict[str, float]:
    """The cost of each page added between the smallest and the largest sheet count."""
    rows = {t.name: t for t in timings}
    small, large = rows[f"es, {sheets[0]} sheets"], rows[f"es, {sheets[-1]} sheets"]
    pages = 2 * (sheets[-1] - sheets[0])
    return {"ms_per_page": 1000 * (large.wall_s - small.wall_s) / pages,
            "cpu_ms_per_page": 1000 * (large.cpu_s - small.cpu_s) / pages,
            "kb_per_page": (large.size_kb - small.size_kb) / pages,
            "rss_ratio": large.peak_rss_mb / small.peak_rss_mb}


def report(current: list[Timing], baseline: list[Timing] | None, typst: Timing | None,
           sheets: list[int]) -> dict:
    base = {t.name: t for t in baseline or []}
    print(f"{'measurement':38} {'wall s':>8} {'cpu s':>8} {'RSS MB':>8} {'KB':>9}"
          + ("   wall/base  cpu/base" if baseline else ""))
    for t in current:
        line = f"{t.name:38} {t.wall_s:8.3f} {t.cpu_s:8.3f} {t.peak_rss_mb:8.1f} {t.size_kb:9.0f}"
        b = base.get(t.name) or (base.get("build, all languages")
                                 if t.name.endswith("--jobs 1") else None)
        if b:
            line += f"   {t.wall_s / b.wall_s:9.2f} {t.cpu_s / b.cpu_s:9.2f}"
        print(line)
    summary = {"per_page": per_page(current, sheets)} if len(sheets) > 1 else {}
    if summary:
        p = summary["per_page"]
        print(f"per added page ({sheets[0]}→{sheets[-1]} sheets): {p['ms_per_page']:.2f} ms "
              f"wall, {p['cpu_ms_per_page']:.2f} ms CPU, {p['kb_per_page']:.2f} KB; peak RSS "
              f"{p['rss_ratio']:.2f}× the smallest")
        if baseline:
            summary["baseline_per_page"] = bp = per_page(baseline, sheets)
            print(f"baseline per added page: {bp['ms_per_page']:.2f} ms wall, "
                  f"{bp['kb_per_page']:.2f} KB; peak RSS {bp['rss_ratio']:.2f}×")
    if typst:
        print(f"{typst.name:38} {typst.wall_s:8.3f} {typst.cpu_s:8.3f} "
              f"{typst.peak_rss_mb:8.1f}")
        ours = {t.name: t for t in current}["build, all languages"]
        summary["vs_typst"] = {"wall": ours.wall_s / typst.wall_s, "cpu": ours.cpu_s / typst.cpu_s}
        print(f"redcard / typst, all languages: {summary['vs_typst']['wall']:.2f}× wall, "
              f"{summary['vs_typst']['cpu']:.2f}× CPU")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sheet-repeats", type=int, default=3)
    parser.add_argument("--sheets", default="10,125,1250",
                        help="sheet counts for one language (1250 sheets = 10,000 cards, the "
                             "most one PDF may hold)")
    parser.add_argument("--baseline", default="07d546f", help="git ref, or 'none'")
    parser.add_argument("--lang", action="append", dest="langs", default=None)
    parser.add_argument("--no-typst", action="store_true")
    parser.add_argument("--interleave", type=int, default=0, metavar="N",
                        help="also time redcard and Typst in turn, N runs each (all languages)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--tiny", action="store_true",
                        help="a quick run that proves the script works (tests use it)")
    args = parser.parse_args(argv)
    args.sheets = [int(n) for n in args.sheets.split(",")]
    if args.tiny:
        args.repeats, args.sheet_repeats, args.sheets = 1, 1, [1, 2]
        args.baseline, args.langs = "none", args.langs or ["es", "ar"]
    if args.langs is None:
        sys.path.insert(0, str(ROOT))
        from redcard.library import Library
        args.langs = list(Library().languages)
    print(f"redcard bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{platform.node()} {platform.machine()}, {os.cpu_count()} processors, "
          f"Python {platform.python_version()}, {len(args.langs)} languages")
    with tempfile.TemporaryDirectory(prefix="redcard-bench-") as temporary:
        work = Path(temporary)
        current = suite(ROOT, "current", work, args, new=True)
        baseline = None
        if args.baseline != "none":
            tree = baseline_tree(args.baseline, work)
            try:
                baseline = suite(tree, "baseline", work, args, new=False)
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(tree)], check=False, capture_output=True)
        typst = None if args.no_typst or args.tiny else typst_timing(args, work)
        summary = report(current, baseline, typst, args.sheets)
        if args.interleave and not args.no_typst and not args.tiny:
            summary["in_turn"] = interleaved(args, work)
    if args.json:
        args.json.write_text(json.dumps({
            "current": [asdict(t) for t in current],
            "baseline": [asdict(t) for t in baseline or []],
            "typst": asdict(typst) if typst else None, **summary}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
