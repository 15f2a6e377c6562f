"""Markdown pages rendered to HTML for SCORM and EPUB (render.py)."""

from __future__ import annotations

from oerkit.render import render_page


def test_a_page_is_rendered_again_once_its_file_changes(tmp_path):
    """Pages are rendered once and shared by SCORM and EPUB; an edited page (`oerkit serve`, a later build in
    the same process) is not served from that cache."""
    page_file = tmp_path / "page.md"
    page_file.write_text("# Title\n\nFirst text.\n", encoding="utf-8")
    assert "First text." in render_page(page_file)
    page_file.write_text("# Title\n\nSecond, longer text.\n", encoding="utf-8")
    assert "Second, longer text." in render_page(page_file) and "First" not in render_page(page_file)
