"""Geometry: sizes and templates as data, imposition of cards on sheets, slots, in mm."""
