from __future__ import annotations

from pathlib import Path

from recette.pages.base import PageChorus


class PageRestitutions(PageChorus):
    chemin = "/restitutions"

    def telecharger(self, code: str, exercice: int, format_: str, encodage: str, dossier: Path) -> Path:
        """Download a restitution as a user does; returns where the file was saved."""
        self.ouvrir()
        self.choisir("Restitution", code)
        self.saisir("Exercice", str(exercice))
        self.choisir("Format", format_)
        self.choisir("Encodage", encodage)
        with self.page.expect_download() as attente:
            self.valider("Télécharger")
        telechargement = attente.value
        chemin = dossier / telechargement.suggested_filename
        dossier.mkdir(parents=True, exist_ok=True)
        telechargement.save_as(chemin)
        return chemin
