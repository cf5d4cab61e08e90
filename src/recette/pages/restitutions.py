from __future__ import annotations

from pathlib import Path

from recette.pages.base import PageChorus


class PageRestitutions(PageChorus):
    chemin = "/restitutions"

    def choisir_restitution(self, code: str, exercice: int, format_: str = "csv", encodage: str = "cp1252") -> None:
        self.ouvrir()
        self.choisir("Restitution", code)
        self.saisir("Exercice", str(exercice))
        self.choisir("Format", format_)
        self.choisir("Encodage", encodage)

    def demander(self, code: str, exercice: int) -> None:
        """Ask for a restitution without waiting for a file (the screen may refuse it)."""
        self.choisir_restitution(code, exercice)
        self.valider("Télécharger")

    def telecharger(self, code: str, exercice: int, format_: str, encodage: str, dossier: Path) -> Path:
        """Download a restitution as a user does; returns where the file was saved."""
        self.choisir_restitution(code, exercice, format_, encodage)
        with self.page.expect_download() as attente:
            self.valider("Télécharger")
        telechargement = attente.value
        chemin = dossier / telechargement.suggested_filename
        dossier.mkdir(parents=True, exist_ok=True)
        telechargement.save_as(chemin)
        return chemin
