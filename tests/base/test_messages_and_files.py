"""Messages stay one short line whatever they quote; files are read within limits and written
whole, with the umask, every OS error as one line naming the path; YAML is refused when too
big, too deep, too full of aliases or when it gives a key twice."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from redcard.errors import MAX_LINE, ContentError, Notice
from redcard.files import FileAccessError, read_bytes, write_atomically
from redcard.limits import MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_VALUES
from redcard.yamlfile import load_yaml


def test_a_message_shows_invisible_characters_as_codes_and_stays_on_one_line():
    line = Notice("unknown theme 'a\u202eb\nc'", file="x\u2067.yaml", field="t\x00").one_line()
    assert line == "x\\u2067.yaml: t\\u0000: unknown theme 'a\\u202eb\\u000ac'"


def test_a_message_quoting_huge_values_is_cut_to_one_short_line():
    notice = Notice("what " * 500, file="/very/long/" * 50 + "en.yaml", setting="s" * 300,
                    field="f" * 300, fix="fix " * 500)
    line = notice.one_line()
    assert len(line) <= MAX_LINE and "\n" not in line
    assert line.startswith("…") and "en.yaml: " in line and "(fix: fix" in line


def test_read_bytes_refuses_folders_devices_and_big_files(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 101)
    cases = {tmp_path: "is a folder", Path("/dev/zero"): "is not a regular file",
             big: "is 101 bytes, more than the 100", tmp_path / "none": "does not exist"}
    for path, words in cases.items():
        with pytest.raises(ContentError) as caught:
            read_bytes(path, ContentError, 100, what="card file")
        assert words in caught.value.one_line() and str(path) in caught.value.one_line()


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_take_the_umask(tmp_path, umask, mode):
    previous = os.umask(umask)
    try:
        path = write_atomically(tmp_path / "out" / "es.pdf", b"%PDF")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_bytes() == b"%PDF"
    assert [p.name for p in path.parent.iterdir()] == ["es.pdf"]


def test_write_errors_name_the_path_and_leave_nothing(tmp_path):
    (tmp_path / "file").write_text("x")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "es.pdf").mkdir()  # a folder where the PDF goes
    cases = {tmp_path / "file" / "es.pdf": "is in the way",
             tmp_path / "file" / "sub" / "es.pdf": "a part of the path is a file",
             tmp_path / "out" / "es.pdf": "is a folder, not a file",
             Path("/proc/redcard-test/es.pdf"): "cannot",
             Path("/dev/null"): "it is a device or a pipe, not a file"}
    for path, words in cases.items():
        with pytest.raises(FileAccessError) as caught:
            write_atomically(path, b"%PDF")
        assert words in caught.value.one_line(), caught.value.one_line()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["es.pdf"]


def test_a_full_disk_is_one_line_and_leaves_no_part_file(tmp_path, monkeypatch):
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle, mode):
            self.stream = real_fdopen(handle, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def write(self, data):
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", Full)
    with pytest.raises(FileAccessError) as caught:
        write_atomically(tmp_path / "es.pdf", b"%PDF")
    assert caught.value.one_line() == (f"{tmp_path / 'es.pdf'}: cannot write the file: the "
                                       "disk is full (fix: free some space, or choose another "
                                       "disk)")
    assert list(tmp_path.iterdir()) == []


def yaml_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "card.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_yaml(path, ContentError, fix="fix it")
    return caught.value.one_line()


def test_yaml_nested_too_deep_is_refused_without_recursion_error(tmp_path):
    assert f"nests lists and mappings more than {MAX_YAML_DEPTH} deep" in \
        yaml_error(tmp_path, "[" * 20_000 + "]" * 20_000)


def test_a_yaml_alias_bomb_is_refused(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    assert f"holds more than {MAX_YAML_VALUES} values" in yaml_error(tmp_path,
                                                                     "\n".join(lines))


def test_yaml_that_gives_a_key_twice_is_refused_but_merge_keys_work(tmp_path):
    assert "line 2, column 1: gives 'title' twice" in yaml_error(tmp_path,
                                                                 "title: a\ntitle: b\n")
    path = tmp_path / "merge.yaml"
    path.write_text("base: &b {theme: red, org: A}\nmine:\n  <<: *b\n  theme: mono\n")
    assert load_yaml(path, ContentError, fix="")["mine"] == {"theme": "mono", "org": "A"}


def test_big_and_non_utf8_yaml_files_are_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_YAML_BYTES)
    with pytest.raises(ContentError, match="more than the 1,000,000 a YAML file may be"):
        load_yaml(path, ContentError, fix="")
    path.write_bytes(b"title: caf\xe9\n")
    with pytest.raises(ContentError, match=r"is not UTF-8 text \(byte 11\)"):
        load_yaml(path, ContentError, fix="")
