"""The screen « Marchés et accords-cadres » (issue #17): register a marché or an accord-cadre."""

from __future__ import annotations

from collections.abc import Mapping

from recette.pages.base import PageChorus

#: Labels of the form, in the order a person fills them; the two lists are chosen, not typed.
CHAMPS_MARCHE = ("Nature", "Objet", "Titulaire", "Centre financier", "Date de début", "Date de fin",
                 "Montant maximum")
LISTES = {"Nature": {"marché": "marche", "marche": "marche", "accord-cadre": "accord-cadre"}, "Titulaire": {}}


class PageMarches(PageChorus):
    chemin = "/marches"

    def enregistrer(self, valeurs: Mapping[str, str]) -> None:
        """Fill the form with ``valeurs`` (label → value as written; absent: left empty) and submit."""
        self.ouvrir()
        for libelle in CHAMPS_MARCHE:
            valeur = valeurs.get(libelle, "")
            if libelle in LISTES:
                self.choisir(libelle, LISTES[libelle].get(valeur.lower(), valeur))
            else:
                self.saisir(libelle, valeur)
        self.valider("Enregistrer")
