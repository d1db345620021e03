"""Paper and card sizes as data, and sizes of your own."""

from __future__ import annotations

import pytest
import yaml

from redcard import CardSize
from redcard.geometry.sizes import SizeError, load_sizes, sizes_file


def test_shipped_sizes_are_the_standard_ones():
    sizes = load_sizes()
    assert {name: (p.width_mm, p.height_mm) for name, p in sizes.papers.items()} == {
        "letter": (215.9, 279.4), "a4": (210.0, 297.0), "legal": (215.9, 355.6)}
    assert {name: (c.width_mm, c.height_mm, c.corner_radius_mm)
            for name, c in sizes.cards.items()} == {
        "id1": (85.60, 53.98, 3.18), "business": (88.9, 50.8, 0.0), "eu": (85.0, 54.0, 0.0)}


@pytest.mark.parametrize("card", [CardSize("tall", 50.0, 80.0), CardSize("none", 0.0, 50.0),
                                  CardSize("round", 80.0, 50.0, corner_radius_mm=30.0)])
def test_impossible_cards_of_your_own_are_refused(card):
    with pytest.raises(SizeError) as caught:
        load_sizes().card(card)
    assert caught.value.setting == "card" and caught.value.fix


def test_unknown_names_list_the_known_ones():
    with pytest.raises(SizeError, match="unknown card size 'cr79'.*id1, business, eu"):
        load_sizes().card("cr79")
    with pytest.raises(SizeError, match="unknown paper 'tabloid'"):
        load_sizes().paper("tabloid")


def test_a_broken_size_file_names_the_field(tmp_path):
    data = yaml.safe_load(sizes_file().read_text(encoding="utf-8"))
    data["cards"]["id1"]["width_mm"] = "wide"
    path = tmp_path / "sizes.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(SizeError) as caught:
        load_sizes(path)
    assert caught.value.one_line().startswith(f"{path}: cards.id1.width_mm: must be a positive")
