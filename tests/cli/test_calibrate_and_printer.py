"""Calibration sheet and printer profiles, through the command line and read back from the
PDFs: rulers measure 100 mm, back scales sit behind the front targets, profiles apply."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pdfinspect import assert_rects, flat, page_size_mm, pdftotext, segments, trims
from pypdf import PdfReader

from redcard.cli import cli
from redcard.design.calibration import RULER_MM, TARGET_INSET_MM, measurements_to_profile
from redcard.model.printers import (
    PrinterError,
    PrinterProfile,
    get_profile,
    load_profiles,
    save_profile,
)

TOLERANCE_MM = 0.01


def test_calibration_rulers_measure_100_mm(tmp_path):
    out = tmp_path / "cal.pdf"
    result = CliRunner().invoke(cli, ["calibrate", "--paper", "a4", "--out", str(out)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert page_size_mm(reader) == pytest.approx((210.0, 297.0), abs=TOLERANCE_MM)
    lines = segments(reader, 0)
    horizontal = [s for s in lines if abs(s.y1 - s.y2) < 1e-6 and s.length > 50]
    vertical = [s for s in lines if abs(s.x1 - s.x2) < 1e-6 and s.length > 50]
    assert [round(s.length, 2) for s in horizontal] == [RULER_MM]
    assert [round(s.length, 2) for s in vertical] == [RULER_MM]
    rule = horizontal[0]
    ticks = sorted(s.x1 for s in lines if abs(s.x1 - s.x2) < 1e-6 and s.length < 6
                   and min(s.y1, s.y2) < rule.y1 - 1 and max(s.y1, s.y2) == pytest.approx(
                       rule.y1, abs=1e-6))
    assert len(ticks) == 101
    assert ticks[-1] - ticks[0] == pytest.approx(100.0, abs=TOLERANCE_MM)
    assert all(b - a == pytest.approx(1.0, abs=TOLERANCE_MM) for a, b in zip(ticks, ticks[1:]))
    text = " ".join(pdftotext(out).split())
    assert "100 mm" in text and "hold the sheet against a window" in text


def crosses(reader: PdfReader, page: int) -> list[tuple[float, float]]:
    """Centres of the calibration targets/scales: where a 16 mm horizontal and vertical cross."""
    lines = segments(reader, page)
    horizontal = [s for s in lines if abs(s.y1 - s.y2) < 1e-6 and abs(s.length - 16) < 1e-3]
    return sorted(((s.x1 + s.x2) / 2, s.y1) for s in horizontal)


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_back_scales_sit_behind_front_targets(tmp_path, duplex):
    out = tmp_path / "cal.pdf"
    CliRunner().invoke(cli, ["calibrate", "--duplex", duplex, "--out", str(out)])
    reader = PdfReader(out)
    w, h = page_size_mm(reader)
    fronts = crosses(reader, 0)
    assert flat(fronts) == pytest.approx(flat(sorted([(25, 25), (25, h - 25), (w - 25, 25),
                                                      (w - 25, h - 25)])), abs=TOLERANCE_MM)
    flipped = sorted((w - x, y) if duplex == "long" else (x, h - y) for x, y in fronts)
    assert flat(crosses(reader, 1)) == pytest.approx(flat(flipped), abs=TOLERANCE_MM)


def test_measurements_become_the_right_corrections():
    # printed 0.4 mm too far right and 0.2 mm too high; back reads +1.5, -0.5
    profile = measurements_to_profile("p", duplex="long", ruler_mm=(99.5, 100.25),
                                      front_measured_mm=(TARGET_INSET_MM + 0.4,
                                                         TARGET_INSET_MM - 0.2),
                                      back_reading_mm=(1.5, -0.5))
    assert profile.front_offset_mm == pytest.approx((-0.4, -0.2))
    # the corrected front moves 0.4 mm left as seen from the front = right from the back
    assert profile.back_offset_mm == pytest.approx((1.5 + 0.4, -0.5 - 0.2))
    assert (profile.scale_x, profile.scale_y) == pytest.approx((100 / 99.5, 100 / 100.25),
                                                               abs=1e-5)


def test_printer_profiles_round_trip_and_apply(tmp_path, monkeypatch, library):
    monkeypatch.setenv("REDCARD_CONFIG_DIR", str(tmp_path / "config"))
    runner = CliRunner()
    result = runner.invoke(cli, ["printer", "set", "office", "--back-reading", "1.5,-0.5",
                                 "--ruler-mm", "99.8,100"])
    assert result.exit_code == 0, result.output
    profile = get_profile("office")
    assert profile.back_offset_mm == (1.5, -0.5)
    assert profile.scale_x == pytest.approx(100 / 99.8, abs=1e-5)
    assert (tmp_path / "config" / "printers.yaml").exists()
    assert "office" in runner.invoke(cli, ["printer"]).output
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", "--lang", "es", "--printer", "office", "--scale", "1",
                               "--out", str(out)]).exit_code == 0
    reference = tmp_path / "ref"
    runner.invoke(cli, ["build", "--lang", "es", "--out", str(reference)])
    plain, moved = PdfReader(reference / "es.pdf"), PdfReader(out / "es.pdf")
    assert_rects(trims(moved, 0), trims(plain, 0))  # fronts untouched
    assert_rects(trims(moved, 1), [(x + 1.5, y - 0.5, w, h) for x, y, w, h in trims(plain, 1)])
    missing = runner.invoke(cli, ["build", "--lang", "es", "--printer", "nope", "--out",
                                  str(out)])
    assert missing.exit_code == 2 and "no printer profile named 'nope'" in missing.output
    assert runner.invoke(cli, ["printer", "remove", "office"]).exit_code == 0
    assert load_profiles() == {}


def test_out_of_range_profiles_are_refused(tmp_path):
    with pytest.raises(PrinterError, match="outside 0.9"):
        save_profile(PrinterProfile("x", scale_x=0.5), tmp_path / "p.yaml")
    assert not (tmp_path / "p.yaml").exists()




def test_calibrate_out_is_a_folder_like_build(tmp_path):
    result = CliRunner().invoke(cli, ["calibrate", "--paper", "a4", "--duplex", "short",
                                      "--out", str(tmp_path / "out" / "cal")])
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / "cal" / "calibration-a4-short.pdf"
    assert [p.name for p in (tmp_path / "out" / "cal").iterdir()] == [written.name]
    assert str(written) in result.output  # says which file it wrote
    assert page_size_mm(PdfReader(written)) == pytest.approx((210.0, 297.0), abs=TOLERANCE_MM)


def test_calibrate_out_ending_in_pdf_is_the_file(tmp_path):
    """As before --out became a folder (a folder named *.pdf is refused: tests/hostile)."""
    out = tmp_path / "cal.PDF"
    result = CliRunner().invoke(cli, ["calibrate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and result.output.startswith(f"{out}:")
    assert [p.name for p in tmp_path.iterdir()] == ["cal.PDF"]


def test_calibrate_refuses_to_overwrite_a_file_it_was_given_as_folder(tmp_path):
    existing = tmp_path / "cal"
    existing.write_text("keep me")
    result = CliRunner().invoke(cli, ["calibrate", "--out", str(existing)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "--out" in result.output
    assert "takes a folder" in result.output and "cal.pdf" in result.output
    assert existing.read_text() == "keep me"
