"""Design: what goes on a card face, a sheet's margins and the calibration sheet, as drawing
lists (`scene`) in millimetres: themes, card layout with auto-fit, QR symbols."""
