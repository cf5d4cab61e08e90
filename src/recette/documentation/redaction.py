"""How a step becomes a sentence for a person: a few French rewriting rules.

A step definition may carry its own wording next to its sentence, a line of its docstring::

    Mode opératoire : Engagez {montant} sur l'UO « {uo} » en titre {titre}.

whose ``{noms}`` are the step's parameters as written in the scenario. Without one, the step's text
is rewritten by sentence pattern: a « Quand » in the first person (« j'engage… ») becomes an
instruction (« Engagez… »), an « Étant donné » or an « Alors » becomes a statement addressed to the
reader (« je suis… » → « vous êtes… », « m'est refusé » → « vous est refusé »); quotes become
guillemets. Each action recorded on screen becomes an instruction of its own (« Saisissez 120 000,00
dans « Montant » »).
"""

from __future__ import annotations

import re

from recette.documentation.modele import (
    CASE,
    CHOIX,
    CLIC,
    FICHIER,
    OUVERTURE,
    SAISIE,
    Action,
    EtapeEnregistree,
    chemin_affiche,
)

NBSP = "\u00a0"
#: Verbs whose « vous » form is not their first person plus -ez.
IRREGULIERS = {"fais": "faites", "dis": "dites", "vais": "allez", "extrais": "extrayez", "mets": "mettez",
               "prends": "prenez", "lis": "lisez", "vois": "voyez", "paie": "payez", "dégèle": "dégelez",
               "appelle": "appelez", "rappelle": "rappelez", "peux": "pouvez", "dois": "devez",
               "reçois": "recevez", "écris": "écrivez", "suis": "êtes", "ai": "avez", "sais": "savez",
               "veux": "voulez", "obtiens": "obtenez", "tiens": "tenez", "viens": "venez"}
_PERSONNE = ((r"\bmon\b", "votre"), (r"\bma\b", "votre"), (r"\bmes\b", "vos"), (r"\bm'", "vous "),
             (r"\bme\b", "vous"), (r"\bmoi\b", "vous"))
_SUJET = re.compile(r"^(?:je (?P<negation>ne |n')?(?P<reflexif>me |m')?|j')(?P<verbe>[\wàâçéèêëîïôûù]+)(?P<reste>.*)$", re.IGNORECASE)
_NOMBRE = re.compile(r"-?[\d\u00a0\u202f ]+(?:,\d+)?(?:\u00a0?€)?")
_TENTATIVE = re.compile(r"^(?:je|j') ?tente (?:de |d')(?P<verbe>[\wéèêâîôûç]+)(?P<reste>.*)$", re.IGNORECASE)


def vous(verbe: str) -> str:
    """The « vous » form of a verb given in the first person (« engage » → « engagez »)."""
    minuscule = verbe.lower()
    if minuscule in IRREGULIERS:
        return IRREGULIERS[minuscule]
    for fin, remplacement in (("uis", "uisez"), ("is", "issez"), ("ds", "dez")):
        if minuscule.endswith(fin):
            return minuscule[: -len(fin)] + remplacement
    if minuscule.endswith("e"):  # transfère → transférez, intègre → intégrez
        return re.sub(r"è([^aeiouyéèê]+)e$", r"é\1ez", minuscule) if "è" in minuscule else minuscule + "z"
    return minuscule


def infinitif_vous(verbe: str) -> str:
    """The « vous » form of an infinitive (« engager » → « engagez », « choisir » → « choisissez »)."""
    minuscule = verbe.lower()
    if minuscule.endswith("er"):
        return minuscule[:-1] + "z"
    if minuscule.endswith("ir"):
        return minuscule[:-1] + "ssez"
    return minuscule


def guillemets(texte: str) -> str:
    """``"x"`` → ``« x »`` with non-breaking spaces, and the spaces French typography wants before ; : ! ?"""
    texte = re.sub(r'"([^"]*)"', lambda m: f"«{NBSP}{m[1]}{NBSP}»", texte)
    texte = re.sub(r"« ", f"«{NBSP}", re.sub(r" »", f"{NBSP}»", texte))
    texte = re.sub(r"(?<=\d) (?=\d{3}\b)|(?<=\d) (?=€)", NBSP, texte)  # 120 000,00 € never broken
    return re.sub(r" ([;:!?])", rf"{NBSP}\1", texte)


def _personne(texte: str) -> str:
    for motif, remplacement in _PERSONNE:
        texte = re.sub(motif, remplacement, texte)
    return texte.replace("vous  ", "vous ")


def _phrase(texte: str) -> str:
    texte = texte.strip()
    texte = texte[:1].upper() + texte[1:]
    return texte if texte.endswith((".", "!", "?", ":")) else texte + "."


def instruction(texte: str) -> str:
    """A « Quand » step as an instruction: « j'engage 120 000,00 € » → « Engagez 120 000,00 €. »"""
    tentative = _TENTATIVE.match(texte)
    if tentative:
        return _phrase(guillemets(infinitif_vous(tentative["verbe"]) + _personne(tentative["reste"])))
    sujet = _SUJET.match(texte)
    if not sujet:
        return _phrase(guillemets(_personne(texte)))
    if sujet["negation"]:  # « je ne valide pas » → « ne validez pas »
        return _phrase(guillemets(f"{sujet['negation']}{vous(sujet['verbe'])}{_personne(sujet['reste'])}"))
    verbe = vous(sujet["verbe"]) + ("-vous" if sujet["reflexif"] else "")
    return _phrase(guillemets(verbe + _personne(sujet["reste"])))


def constat(texte: str) -> str:
    """An « Étant donné » or « Alors » step as a statement to the reader (« je vois » → « vous voyez »)."""
    sujet = _SUJET.match(texte)
    if sujet:
        reflexif = "vous " if sujet["reflexif"] else ""
        texte = f"vous {sujet['negation'] or ''}{reflexif}{vous(sujet['verbe'])}{sujet['reste']}"
    return _phrase(guillemets(_personne(texte)))


def depuis_modele(modele: str, parametres: dict[str, str]) -> str:
    """The step definition's own wording, its ``{noms}`` replaced by the values as written."""
    return _phrase(guillemets(re.sub(r"\{(\w+)\}", lambda m: parametres.get(m[1], m[0]), modele)))


def rediger(etape: EtapeEnregistree) -> str:
    """The sentence a person reads for ``etape``."""
    if etape.modele:
        return depuis_modele(etape.modele, etape.parametres)
    return instruction(etape.texte) if etape.genre == "when" else constat(etape.texte)


def _champ(action: Action) -> str:
    libelle = f"«{NBSP}{action.libelle}{NBSP}»" if action.libelle else "le champ"
    return f"{libelle} ({action.groupe})" if action.groupe else libelle


def _valeur(valeur: str) -> str:
    """An amount or a number as typed (« 120 000,00 »); any other value between guillemets."""
    return valeur if _NOMBRE.fullmatch(valeur) else f"«{NBSP}{valeur}{NBSP}»"


def action_en_clair(action: Action) -> str:
    """One recorded action as an instruction: « Saisissez 120 000,00 dans « Montant » (Poste 1). »"""
    champ = _champ(action)
    if action.genre == OUVERTURE:
        adresse = f" (adresse {chemin_affiche(action.valeur)})" if action.valeur else ""
        return f"Ouvrez l'écran «{NBSP}{action.libelle}{NBSP}»{adresse}." if action.libelle else f"Ouvrez l'écran{adresse}."
    if action.genre == SAISIE and action.type_champ == "password":
        return f"Saisissez votre mot de passe dans {champ}."
    if action.genre == SAISIE and not action.valeur:
        return f"Laissez {champ} vide."
    if action.genre == SAISIE:
        return f"Saisissez {_valeur(action.valeur)} dans {champ}."
    if action.genre == CHOIX:
        return f"Dans {champ}, choisissez «{NBSP}{action.valeur}{NBSP}»."
    if action.genre == CASE:
        return f"Cochez {champ}."
    if action.genre == FICHIER:
        return f"Dans {champ}, joignez le fichier {action.valeur}."
    if action.genre == CLIC and action.type_champ == "liste":
        return f"Ouvrez la liste {champ}."
    if action.genre == CLIC and action.type_champ == "option":
        return f"Choisissez «{NBSP}{action.libelle}{NBSP}» dans la liste."
    if action.genre == CLIC:
        return f"Cliquez sur {champ}."
    return f"{action.genre.capitalize()} {champ}."
