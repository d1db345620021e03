"""Run one redcard invocation on hostile input, in a sandbox of its own, and check the promise:
exit status 2, exactly one short line on stderr (no traceback, no raw bidi or control
characters), no output left behind, nothing written outside the output folder, nothing
written into the repository, bounded time and memory.

Each case gets a fresh sandbox:

    <sandbox>/a/b/c/work/          cwd of the command; inputs are created here
    <sandbox>/a/b/c/work/home/     HOME; XDG_CONFIG_HOME is home/.config
    <sandbox>/a/b/c/work/out/      the output folder passed as --out (when the case uses it)

The work folder sits three levels down so that a path that climbs out of it (`../../x`) still
lands inside the sandbox, where the snapshot sees it.

Cases run in-process with click's CliRunner (fast), or as a real subprocess of
`python cli.py` when they need a time or memory bound, a file-size limit, a umask, or
argv bytes that are not UTF-8. Every subprocess has a timeout and an address-space cap.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
CLI = REPO / "cli.py"
CARDS = REPO / "cards"

SUBPROCESS_TIMEOUT_S = 20.0  # a run that takes longer is a hang
HANG_GUARD_S = 5.0  # refused work must be refused quickly: a hang-guard, not a benchmark
HANG_GUARD_TIMEOUT_S = 10.0  # kill a hang-guard case after this long
MEMORY_CAP_BYTES = 2 * 1024 ** 3  # RLIMIT_AS of every subprocess
MAX_LINE = 300

OUTPUT_SUFFIXES = (".pdf", ".png", ".json", ".part")
# Characters that must never reach the terminal raw: bidi embeddings, overrides, isolates.
SPOOF_CHARS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
REPO_SKIP = {".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache",
             "redcard.egg-info", "node_modules"}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

Content = bytes | str | None  # None: make a directory


# ---------------------------------------------------------------------------------------------
# Inputs


def card_dict(code: str) -> dict:
    return yaml.safe_load((CARDS / f"{code}.yaml").read_text(encoding="utf-8"))


def dump_yaml(data: object) -> str:
    """YAML with every non-ASCII character escaped in double quotes: control characters,
    NEL, lone surrogates and noncharacters round-trip exactly (PyYAML would otherwise write
    U+0085 raw, which reads back as a line break)."""
    return yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10 ** 6)


def set_path(data: dict, dotted: str, value: object) -> dict:
    """`front.points[2]` = value, on a deep copy."""
    import copy

    data = copy.deepcopy(data)
    node: object = data
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", dotted)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        key: object = int(part[1:-1]) if part.startswith("[") else part
        if last:
            node[key] = value  # type: ignore[index]
        else:
            node = node[key]  # type: ignore[index]
    return data


def cards_folder(*, folder: str = "cards", codes: tuple[str, ...] = ("en", "es"),
                 changes: Mapping[str, Mapping[str, object]] | None = None,
                 raw: Mapping[str, Content] | None = None) -> dict[str, Content]:
    """Files for a `--cards` folder: copies of the real cards, with `changes`
    ({code: {"front.title": value}}) applied, and `raw` files ({name: content}) on top."""
    files: dict[str, Content] = {}
    for code in codes:
        if changes and code in changes:
            data = card_dict(code)
            for dotted, value in changes[code].items():
                data = set_path(data, dotted, value)
            files[f"{folder}/{code}.yaml"] = dump_yaml(data)
        else:
            files[f"{folder}/{code}.yaml"] = (CARDS / f"{code}.yaml").read_bytes()
    for name, content in (raw or {}).items():
        files[f"{folder}/{name}"] = content
    return files


def png_header_only(width: int, height: int, *, bit_depth: int = 1, colour: int = 0) -> bytes:
    """A PNG whose IHDR declares `width` × `height`, with one tiny IDAT (a decompression
    bomb in the header: no real pixels are stored)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def png_bytes(width: int = 64, height: int = 64, mode: str = "RGB") -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, (width, height), "white" if mode != "1" else 1).save(buffer, "PNG")
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Cases


@dataclass(frozen=True)
class Case:
    """One hostile invocation.

    argv: strings (formatted with {work} and {sandbox}) or bytes (subprocess only).
    files: inputs relative to the work folder; bytes/str content, None for a directory.
    setup: more setup, given the work folder (chmod, symlinks, big files...).
    code: the character the message must name, `U+202E` etc. (a tuple: any of them).
    ident: the value is an identifier the message may quote as a Python repr, so `\\u202e`
        also counts as naming the character.
    names: the message must contain one of these (the option or file at fault).
    subprocess: run `python cli.py` for real; hang_guard: also assert it ends within
        HANG_GUARD_S.
    may_succeed: the input is odd but harmless (exit 0 is acceptable); it must still end in
        time without a traceback or stray files.
    """

    id: str
    argv: tuple[str | bytes, ...]
    files: Mapping[str, Content] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None
    code: str | tuple[str, ...] | None = None
    ident: bool = False
    names: tuple[str, ...] = ()
    subprocess: bool = False
    hang_guard: bool = False
    fsize: int | None = None
    umask: int | None = None
    skip_root: bool = False
    may_succeed: bool = False  # exit 0 is also fine; time, tracebacks and stray files still count

    @property
    def real_process(self) -> bool:
        return self.subprocess or self.hang_guard or self.fsize is not None or \
            self.umask is not None or any(isinstance(a, bytes) for a in self.argv)


@dataclass
class Outcome:
    exit_code: int | None  # None: killed by the timeout
    stdout: str
    stderr: str
    seconds: float
    exception: str | None  # in-process: an exception that was not SystemExit
    work: Path
    sandbox: Path
    new_files: list[str]
    changed_inputs: list[str]
    repo_new: list[str]
    timed_out: bool = False

    def summary(self) -> str:
        """One line about what happened, for failure messages and the report."""
        lines = self.stderr.rstrip("\r\n").splitlines()
        parts = ["TIMEOUT" if self.timed_out else f"exit {self.exit_code}"]
        if self.exception:
            parts.append(f"exception {self.exception}")
        if "Traceback" in self.stderr:
            kinds = re.findall(r"^([A-Za-z_][\w.]*)(?::|$)", self.stderr.split("Traceback")[-1],
                               re.M)
            if kinds:
                parts.append(f"traceback {kinds[-1]}")
        parts.append(f"{len(lines)} stderr line(s)")
        if lines:
            parts.append(f"longest {max(map(len, lines))} chars")
        parts.append(f"{self.seconds:.1f} s")
        if self.new_files:
            parts.append("left " + ", ".join(self.new_files[:3]) +
                         (" …" if len(self.new_files) > 3 else ""))
        if self.changed_inputs:
            parts.append("changed " + ", ".join(self.changed_inputs[:3]))
        if self.repo_new:
            parts.append("REPO " + ", ".join(self.repo_new[:3]))
        if lines:
            first = lines[-1] if "Traceback" in self.stderr else lines[0]
            parts.append("stderr: " + ascii(first[:160]))
        return "; ".join(parts)


def _snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every path under root: (kind, content hash or mode)."""
    found: dict[str, tuple[str, str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            path = Path(dirpath, name)
            found[str(path.relative_to(root))] = ("dir", "")
        for name in filenames:
            path = Path(dirpath, name)
            rel = str(path.relative_to(root))
            try:
                if path.is_symlink() or not path.is_file():
                    found[rel] = ("other", "")
                elif path.stat().st_size > 1 << 20:
                    st = path.stat()
                    found[rel] = ("file", f"{st.st_size}:{st.st_mtime_ns}")
                else:
                    found[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            except OSError:
                found[rel] = ("unreadable", "")
    return found


def _repo_outputs() -> set[str]:
    """Output-like files in the repository (PDF, PNG, JSON, part files, a redcards/ folder),
    outside the folders other people are editing. New .py files are the fixer's, not ours."""
    found = set()
    for dirpath, dirnames, filenames in os.walk(REPO):
        dirnames[:] = [d for d in dirnames if d not in REPO_SKIP]
        for name in dirnames:
            if name == "redcards":
                found.add(str(Path(dirpath, name).relative_to(REPO)))
        for name in filenames:
            if name.endswith(OUTPUT_SUFFIXES) or ".part" in name:
                found.add(str(Path(dirpath, name).relative_to(REPO)))
    return found


_REPO_BEFORE: set[str] | None = None


def _make_sandbox(case: Case) -> tuple[Path, Path]:
    sandbox = Path(tempfile.mkdtemp(prefix="redcard-hostile-"))
    work = sandbox / "a" / "b" / "c" / "work"
    (work / "home" / ".config").mkdir(parents=True)
    for rel, content in case.files.items():
        path = work / rel
        if content is None:
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8", "surrogatepass"))
        else:
            path.write_bytes(content)
    if case.setup is not None:
        case.setup(work)
    return sandbox, work


def _env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("REDCARD_CONFIG_DIR", "APPDATA", "PYTHONSTARTUP")}
    env.update(HOME=str(work / "home"), XDG_CONFIG_HOME=str(work / "home" / ".config"),
               PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8:backslashreplace",
               COLUMNS="200")
    return env


def _argv(case: Case, work: Path, sandbox: Path) -> list[str | bytes]:
    return [a.replace("{work}", str(work)).replace("{sandbox}", str(sandbox))
            if isinstance(a, str) else a for a in case.argv]


@contextmanager
def _cwd(path: Path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _limits(fsize: int | None, umask: int | None) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        if umask is not None:
            os.umask(umask)
    return apply


def invoke(case: Case) -> Outcome:
    """Run the case in a fresh sandbox; the caller removes `outcome.sandbox` (see `run`)."""
    global _REPO_BEFORE
    if _REPO_BEFORE is None:
        _REPO_BEFORE = _repo_outputs()
    sandbox, work = _make_sandbox(case)
    before = _snapshot(sandbox)
    argv = _argv(case, work, sandbox)
    env = _env(work)
    exception = None
    timed_out = False
    started = time.monotonic()
    if case.real_process:
        timeout = HANG_GUARD_TIMEOUT_S if case.hang_guard else SUBPROCESS_TIMEOUT_S
        try:
            done = subprocess.run([sys.executable, str(CLI), *argv], cwd=work, env=env,
                                  capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL,
                                  preexec_fn=_limits(case.fsize, case.umask))
            exit_code = done.returncode
            stdout_b, stderr_b = done.stdout, done.stderr
        except subprocess.TimeoutExpired as expired:
            exit_code, timed_out = None, True
            stdout_b, stderr_b = expired.stdout or b"", expired.stderr or b""
        stdout = stdout_b.decode("utf-8", "backslashreplace")
        stderr = stderr_b.decode("utf-8", "backslashreplace")
    else:
        from click.testing import CliRunner

        from redcard.cli import cli

        runner = CliRunner()
        with _cwd(work):
            result = runner.invoke(cli, argv, env={**env, "REDCARD_CONFIG_DIR": None},
                                   prog_name="redcard", catch_exceptions=True)
        exit_code = result.exit_code
        stdout, stderr = result.stdout, result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            exc = result.exception
            exception = f"{type(exc).__name__}: {' '.join(str(exc).split())[:120]}"
            stderr += "Traceback (in-process)\n" + "".join(
                traceback.format_exception(*result.exc_info)[-3:]) if result.exc_info else ""
    seconds = time.monotonic() - started
    after = _snapshot(sandbox)
    new = sorted(p for p in after if p not in before)
    changed = sorted(p for p in before if p in after and after[p] != before[p]
                     and before[p][0] == "file")
    repo_new = sorted(_repo_outputs() - _REPO_BEFORE)
    return Outcome(exit_code, stdout, stderr, seconds, exception, work, sandbox,
                   [_short(p) for p in new], [_short(p) for p in changed], repo_new,
                   timed_out)


def _short(rel: str) -> str:
    return rel.removeprefix("a/b/c/work/")


def _names_char(line: str, code: str, ident: bool) -> bool:
    hexcode = code.upper().removeprefix("U+")
    if re.search(rf"U\+{hexcode}(?![0-9A-F])", line, re.I):
        return True
    return ident and re.search(rf"\\u{hexcode}|\\x{hexcode[-2:]}" if len(hexcode) <= 4
                               else rf"\\U{hexcode:0>8}", line, re.I) is not None


def refusal_problems(case: Case, outcome: Outcome) -> list[str]:
    """What is wrong with how the case was refused (empty: the promise holds)."""
    problems = []
    if outcome.timed_out:
        problems.append("did not finish (timeout)")
    if outcome.exception:
        problems.append(f"raised {outcome.exception}")
    if case.may_succeed and outcome.exit_code == 0:
        if "Traceback" in outcome.stderr or "Traceback" in outcome.stdout:
            problems.append("traceback")
        if case.hang_guard and outcome.seconds > HANG_GUARD_S:
            problems.append(f"took {outcome.seconds:.1f} s (hang-guard {HANG_GUARD_S:g} s)")
        stray = [p for p in outcome.new_files if not (p.startswith("out/") or p == "out")]
        if stray:
            problems.append(f"wrote outside the output folder {stray[:3]}")
        if outcome.repo_new:
            problems.append(f"wrote into the repository {outcome.repo_new[:3]}")
        return problems
    if outcome.exit_code != 2:
        problems.append(f"exit status {outcome.exit_code}, not 2")
    lines = outcome.stderr.rstrip("\r\n").splitlines()
    if len(lines) != 1:
        problems.append(f"{len(lines)} lines on stderr, not 1")
    if "Traceback" in outcome.stderr or "Traceback" in outcome.stdout:
        problems.append("traceback")
    if lines and len(lines) == 1:
        line = lines[0]
        if len(line) >= MAX_LINE:
            problems.append(f"message is {len(line)} characters")
        bad = sorted({f"U+{ord(c):04X}" for c in line
                      if c in SPOOF_CHARS or unicodedata.category(c) in ("Cc", "Cs")})
        if bad:
            problems.append(f"message holds raw {', '.join(bad)}")
        codes = (case.code,) if isinstance(case.code, str) else case.code or ()
        if codes and not any(_names_char(line, c, case.ident) for c in codes):
            problems.append(f"message does not name {' or '.join(codes)}")
        if case.names and not any(n in line for n in case.names):
            problems.append(f"message names none of {case.names}")
    if case.hang_guard and outcome.seconds > HANG_GUARD_S:
        problems.append(f"took {outcome.seconds:.1f} s (hang-guard {HANG_GUARD_S:g} s)")
    outputs = [p for p in outcome.new_files if p.startswith("out/") or p == "out"]
    others = [p for p in outcome.new_files if p not in outputs]
    left = [p for p in outputs if p.endswith(OUTPUT_SUFFIXES) or ".part" in p]
    if left:
        problems.append(f"left output {left[:3]}")
    if others:
        problems.append(f"wrote outside the output folder {others[:3]}")
    if outcome.changed_inputs:
        problems.append(f"changed inputs {outcome.changed_inputs[:3]}")
    if outcome.repo_new:
        problems.append(f"wrote into the repository {outcome.repo_new[:3]}")
    return problems


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def cleanup(outcome: Outcome) -> None:
    for dirpath, dirnames, _ in os.walk(outcome.sandbox):
        for name in dirnames:  # undo chmod 0o500 and the like so rmtree works
            try:
                os.chmod(Path(dirpath, name), 0o700)
            except OSError:
                pass
    shutil.rmtree(outcome.sandbox, ignore_errors=True)


def assert_refused(case: Case) -> Outcome:
    """Run the case; fail with one line saying what broke the promise."""
    import pytest

    if case.skip_root and IS_ROOT:
        pytest.skip("root ignores file permissions")
    outcome = invoke(case)
    try:
        problems = refusal_problems(case, outcome)
        if problems:
            pytest.fail(_one_line(f"{case.id}: {'; '.join(problems)} || {outcome.summary()}"),
                        pytrace=False)
    finally:
        cleanup(outcome)
    return outcome


def assert_works(case: Case, expect: tuple[str, ...] = ()) -> Outcome:
    """Run a case that must succeed: exit 0, no traceback, the expected files (relative to
    the work folder) present. The sandbox is kept until the caller calls cleanup()."""
    import pytest

    outcome = invoke(case)
    problems = []
    if outcome.exit_code != 0:
        problems.append(f"exit status {outcome.exit_code}, not 0")
    if outcome.exception or "Traceback" in outcome.stderr:
        problems.append("traceback")
    missing = [p for p in expect if not (outcome.work / p).is_file()]
    if missing:
        problems.append(f"missing {missing}")
    if outcome.repo_new:
        problems.append(f"wrote into the repository {outcome.repo_new[:3]}")
    if problems:
        cleanup(outcome)
        pytest.fail(_one_line(f"{case.id}: {'; '.join(problems)} || {outcome.summary()}"),
                    pytrace=False)
    return outcome
