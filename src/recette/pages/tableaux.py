"""Reading a screen's table the way a person reads it: by its column headers."""

from __future__ import annotations

from playwright.sync_api import Locator

from recette.pages.base import PageChorus


def textes_colonne(page: PageChorus, tableau: Locator, colonne: str) -> list[str]:
    """The texts of one column of ``tableau``, in order (empty when the table is absent)."""
    if tableau.count() == 0:
        return []
    position = page.index_colonne(tableau, colonne)
    return [t.strip() for t in tableau.locator("tbody tr").locator(f"td:nth-child({position + 1})").all_inner_texts()]
