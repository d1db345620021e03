"""Templates as data: the shipped files load, mistakes name the file and field, stocks a
template also covers are real names, and cards that do not fit are refused."""

from __future__ import annotations

import pytest
import yaml

from redcard import CardSize, PrintSettings
from redcard.geometry.templates import TemplateError, load_catalog, templates_dir


def test_card_that_does_not_fit_the_stock_names_stocks_that_do(library):
    with pytest.raises(TemplateError) as caught:
        library.job(PrintSettings(template="avery-5371", card="id1"))
    message = caught.value.one_line()
    assert "does not fit avery-5371" in message
    assert "letter" in message and "cr80" in message and "c32011" not in message.split("fix")[1]


def test_grid_that_fits_the_page_exactly_is_accepted(tmp_path):
    # 2 x 5 business cards with no margin at all on a 177.8 x 254 mm page: exactly full
    (tmp_path / "exact.yaml").write_text(yaml.safe_dump({
        "title": "exact", "kind": "stock", "page": "letter", "card": "business",
        "grid": {"cols": 2, "rows": 5, "left_mm": 215.9 - 2 * 88.9, "top_mm": 279.4 - 254.0,
                 "pitch_x_mm": 88.9, "pitch_y_mm": 50.8}}))
    (tmp_path / "over.yaml").write_text(yaml.safe_dump({
        "title": "over", "kind": "stock", "page": "letter", "card": "business",
        "grid": {"cols": 2, "rows": 5, "left_mm": 215.9 - 2 * 88.9 + 0.01, "top_mm": 0.0,
                 "pitch_x_mm": 88.9, "pitch_y_mm": 50.8}}))
    with pytest.raises(TemplateError, match="over.yaml: grid: cells run off the page"):
        load_catalog(tmp_path)
    (tmp_path / "over.yaml").unlink()
    assert load_catalog(tmp_path).templates["exact"].slots == 10


def test_every_shipped_template_loads(library):
    found = library.catalog.templates
    assert set(found) == {path.stem for path in templates_dir().glob("*.yaml")}
    assert {"letter", "a4", "legal", "avery-5371", "avery-8373", "c32011", "c32015", "cr80",
            "print-shop"} <= set(found)


@pytest.mark.parametrize("name, template", [
    ("avery-8371", "avery-5371"), ("Avery 28371", "avery-5371"), ("AVERY-5911", "avery-5371"),
    ("avery-8869", "avery-8373"), ("avery-c32011-25", "c32011"), ("c32015", "c32015")])
def test_stocks_a_template_covers_are_its_names(library, name, template):
    assert library.catalog.template(name).name == template
    job = library.job(PrintSettings(template=name))
    assert job.template.name == template and job.per_sheet == library.catalog.templates[
        template].slots


def test_unknown_template_names_the_setting(library):
    with pytest.raises(TemplateError) as caught:
        library.catalog.template("avery-9999")
    assert caught.value.setting == "template" and "avery-5371" in caught.value.fix


def test_a_card_size_of_your_own_fits_plain_paper_and_is_refused_by_small_cells(library):
    mini = CardSize("mini", 70.0, 45.0, 2.0)
    assert library.job(PrintSettings(card=mini)).card == mini
    with pytest.raises(TemplateError, match="a big card .* does not fit cr80"):
        library.job(PrintSettings(template="cr80", card=CardSize("big", 90.0, 60.0)))


@pytest.mark.parametrize("change, field", [
    ({"colour": "red"}, "colour: unknown field 'colour'"),
    ({"kind": "sticker"}, "kind: unknown kind 'sticker'"),
    ({"grid": {"cols": 0, "rows": 5, "left_mm": 0, "top_mm": 0, "pitch_x_mm": 1,
               "pitch_y_mm": 1}}, "grid.cols: must be a whole number >= 1"),
    ({"corner_radius_mm": 40}, "corner_radius_mm: must be a number from 0"),
])
def test_template_file_mistakes_name_file_and_field(tmp_path, change, field):
    data = yaml.safe_load((templates_dir() / "avery-5371.yaml").read_text()) | change
    (tmp_path / "mine.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(TemplateError) as caught:
        load_catalog(tmp_path)
    assert caught.value.one_line().startswith(f"{tmp_path / 'mine.yaml'}: {field}")


@pytest.mark.parametrize("pitch_x, pitch_y, theme_bleed, expected", [
    (95.0, 54.0, 2.0, (2.0, 0.0)),  # c32011: 10 mm between columns, rows touch
    (88.0, 57.0, 2.0, (1.5, 1.5)),  # 3 mm gaps: half of each, less than the theme's
    (85.0, 60.0, 2.0, (0.0, 2.0)),  # columns touch, 6 mm between rows
    (95.0, 60.0, 0.0, (0.0, 0.0)),  # a white theme has no bleed anywhere
])
def test_stock_bleed_is_half_the_gap_per_axis(tmp_path, pitch_x, pitch_y, theme_bleed,
                                              expected):
    (tmp_path / "stock.yaml").write_text(yaml.safe_dump({
        "title": "stock", "kind": "stock", "page": "a4", "card": "eu", "marks": "none",
        "grid": {"cols": 2, "rows": 4, "left_mm": 15.0, "top_mm": 20.0,
                 "pitch_x_mm": pitch_x, "pitch_y_mm": pitch_y}}))
    catalog = load_catalog(tmp_path)
    template = catalog.templates["stock"]
    layout = template.plan(template.card, bleed_mm=theme_bleed, gutter_mm=2 * theme_bleed,
                           duplex="long")
    assert (layout.bleed_x_mm, layout.bleed_y_mm) == pytest.approx(expected)
    assert layout.bleed_mm == pytest.approx(min(expected))
    for placement in layout.fronts:  # bled, no card reaches another's trim
        t = placement.trim
        for other in layout.fronts:
            o = other.trim
            if other.slot != placement.slot:
                assert (t.right_mm + layout.bleed_x_mm <= o.x_mm + 1e-9
                        or t.x_mm - layout.bleed_x_mm >= o.right_mm - 1e-9
                        or t.top_mm + layout.bleed_y_mm <= o.y_mm + 1e-9
                        or t.y_mm - layout.bleed_y_mm >= o.top_mm - 1e-9)
