"""Render: scenes to PDF (one writer for every output) and PDF pages to PNG. The only place
that knows about points, ReportLab and PDFium."""
