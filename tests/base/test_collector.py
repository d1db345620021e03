"""The cycle collector is kept off designing and drawing (redcard.collector), and off for the
command line's whole process, which must therefore not pile up garbage cycles."""

from __future__ import annotations

import gc
import subprocess
import sys

from redcard.collector import paused


def test_a_pause_restores_the_collector_as_it_was():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_command_line_runs_without_the_collector_and_leaves_little_garbage(tmp_path):
    """A build of several languages in the command line's process: the collector is off,
    and the cycles left behind (fpdf's bidi objects) are few."""
    script = (
        "import gc, sys\n"
        "from redcard import cli\n"
        "sys.argv = ['redcard', 'build', '--jobs', '1', '--lang', 'ar', '--lang', 'ko',\n"
        f"            '--lang', 'hi', '--lang', 'es', '--out', {str(tmp_path)!r}]\n"
        "try:\n"
        "    cli.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(gc.isenabled(), gc.collect())\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    enabled, garbage = result.stdout.split()[-2:]
    assert enabled == "False"
    assert int(garbage) < 20_000  # objects in cycles (2,000 measured): a few MB at most
