"""Fiches descriptives: one per screen the recorded scenarios visited, from what the recorder read of
it (:data:`recette.documentation.enregistreur._INVENTAIRE`): its fields with their kind (montant,
code, texte, liste…) and whether they are required, its buttons, the refusals the scenarios met on
it, and one screenshot. Nothing here is written by hand: a new field appears at the next run."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from recette.documentation import images
from recette.documentation.document import Enregistrement
from recette.documentation.modele import EtapeEnregistree
from recette.documentation.redaction import guillemets

_MONTANT = re.compile(r"montant|\bae\b|\bcp\b|crédits?|somme|€", re.IGNORECASE)
_CODE = re.compile(r"code|centre financier|\buo\b|\bbop\b|programme|fournisseur|compte|numéro|n°|identifiant|siret"
                   r"|référence|domaine|activité", re.IGNORECASE)
_VALEUR_MONTANT = re.compile(r"-?\d[\d\u00a0\u202f ]*,\d{2}(?:\u00a0?€)?")
_VALEUR_CODE = re.compile(r"[A-Z0-9][A-Z0-9/._-]*")
NATURES = {"checkbox": "case à cocher", "radio": "bouton d'option", "date": "date", "password": "mot de passe",
           "file": "fichier", "email": "adresse électronique"}


MAX_OPTIONS = 12  # a list of 40 suppliers is shown by its first values


@dataclass
class Champ:
    libelle: str
    groupe: str
    nature: str
    requis: bool  # the screen says so (required attribute, aria-required) or a refusal named it « obligatoire »
    options: list[str] = field(default_factory=list)

    @property
    def obligatoire(self) -> str:
        return "oui" if self.requis else "non indiqué"

    @property
    def valeurs(self) -> str:
        """The list's values, the first ``MAX_OPTIONS`` of them and how many more."""
        autres = len(self.options) - MAX_OPTIONS
        return ", ".join(self.options[:MAX_OPTIONS]) + (f"… et {autres} autres" if autres > 0 else "")


@dataclass
class Fiche:
    """What the scenarios showed of one screen."""

    adresse: str
    titre: str
    champs: list[Champ] = field(default_factory=list)
    boutons: list[str] = field(default_factory=list)
    refus: list[str] = field(default_factory=list)
    scenarios: list[str] = field(default_factory=list)
    image: str = ""  # data URI of one screenshot (no box), a screen without a refusal when there is one
    image_refus: bool = False

    @property
    def ancre(self) -> str:
        return "ecran-" + (re.sub(r"[^a-z0-9]+", "-", self.adresse.lower()).strip("-") or "accueil")


def adresse_generique(adresse: str) -> str:
    """``/engagements/12`` and ``/engagements/13`` are one screen: ``/engagements/…``."""
    return "/".join("…" if re.fullmatch(r"[\d-]+|[0-9a-f]{8,}", s) else s for s in adresse.split("/")) or "/"


def titre_generique(titre: str) -> str:
    """« Engagement juridique 2103000001 » is the screen « Engagement juridique » of one engagement."""
    return re.sub(r"\s+(?:n°\s*)?[\dA-Z][\d/-]{3,}$", "", titre).strip()


def nature(champ: dict[str, Any], valeurs: Iterable[str]) -> str:
    """The kind of a field, from its tag and type, its label, its input mode and the values typed in it."""
    type_ = str(champ.get("type", ""))
    if champ.get("balise") == "select" or type_ == "liste":
        return "liste"
    if type_ in NATURES:
        return NATURES[type_]
    libelle, valeurs = str(champ.get("libelle", "")), [v for v in valeurs if v]
    if _MONTANT.search(libelle) or champ.get("mode") == "decimal" or any(_VALEUR_MONTANT.fullmatch(v) for v in valeurs):
        return "montant (format 120\u00a0000,00)"
    if _CODE.search(libelle) or champ.get("motif") or (valeurs and all(_VALEUR_CODE.fullmatch(v) for v in valeurs)):
        return "code"
    return "nombre" if type_ == "number" else "texte"


def _valeurs(enregistrements: list[Enregistrement]) -> dict[str, list[str]]:
    """The values typed in each field label, across the scenarios (to tell an amount from a code)."""
    valeurs: dict[str, list[str]] = {}
    for e in enregistrements:
        for etape in e.scenario.etapes:
            for action in etape.actions:
                if action.libelle and action.valeur:
                    valeurs.setdefault(action.libelle, []).append(action.valeur)
    return valeurs


def _ajouter_champs(fiche: Fiche, champs: list[dict[str, Any]], valeurs: dict[str, list[str]]) -> None:
    connus = {(c.libelle, c.groupe): c for c in fiche.champs}
    for brut in champs:
        libelle, groupe = str(brut.get("libelle", "")), str(brut.get("groupe", ""))
        if not libelle:
            continue
        champ = connus.get((libelle, groupe))
        if champ is None:
            champ = Champ(libelle, groupe, nature(brut, valeurs.get(libelle, [])), bool(brut.get("requis")))
            connus[(libelle, groupe)] = champ
            fiche.champs.append(champ)
        champ.requis = champ.requis or bool(brut.get("requis"))
        champ.options += [o for o in brut.get("options", []) if o and o not in champ.options]


def _noter(fiche: Fiche, etape: EtapeEnregistree, e: Enregistrement, valeurs: dict[str, list[str]]) -> None:
    _ajouter_champs(fiche, list(etape.inventaire.get("champs", [])), valeurs)
    fiche.boutons += [b for b in etape.inventaire.get("boutons", []) if b not in fiche.boutons]
    if etape.refus and etape.texte_message and etape.texte_message not in fiche.refus:
        fiche.refus.append(etape.texte_message)
    nom = guillemets(e.scenario.nom)
    if nom not in fiche.scenarios:
        fiche.scenarios.append(nom)
    chemin = e.dossier / etape.apres if etape.apres else None
    if chemin is not None and chemin.is_file() and (not fiche.image or (fiche.image_refus and not etape.refus)):
        fiche.image, fiche.image_refus = images.uri_donnees(images.vignette(chemin)), etape.refus


def etablir(enregistrements: list[Enregistrement]) -> list[Fiche]:
    """One fiche per screen seen after a « Quand » or « Alors » step, sorted by address."""
    valeurs = _valeurs(enregistrements)
    fiches: dict[str, Fiche] = {}
    for e in sorted(enregistrements, key=lambda e: (e.scenario.fichier, e.scenario.ligne, e.scenario.rang)):
        for etape in e.scenario.etapes:
            if not etape.adresse or etape.genre not in ("when", "then"):
                continue
            cle = adresse_generique(etape.adresse)
            titre = titre_generique(etape.ecran) if cle != etape.adresse else etape.ecran
            fiche = fiches.setdefault(cle, Fiche(cle, titre or cle))
            _noter(fiche, etape, e, valeurs)
    for fiche in fiches.values():
        _obligatoires_par_refus(fiche)
    return [fiches[c] for c in sorted(fiches)]


def _obligatoires_par_refus(fiche: Fiche) -> None:
    """A refusal « … Montant … obligatoire » seen on the screen tells that its field is mandatory."""
    for refus in fiche.refus:
        if "obligatoire" not in refus.lower():
            continue
        for champ in fiche.champs:
            if re.search(rf"\b{re.escape(champ.libelle.lower())}\b", refus.lower()):
                champ.requis = True
