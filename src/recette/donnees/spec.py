"""Comparison spec: the YAML file next to an expected export, and the command-line overrides.

```yaml
cles: [N° EJ, N° poste EJ]
montants:                     # tolérance en euros, incluse (défaut 0)
  Montant engagé: 0
  Montant payé: "0,01"
dates: [Date comptable du SF]
ignorer: [Dernière MàJ]
renommer:                     # nom dans l'attendu: nom dans l'obtenu (nouvelle release)
  Montant payé: Montant payé (EUR)
filtres:
  - {colonne: Centre financier, commence_par: "BG00/0150"}
```
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from recette.donnees import valeurs as v
from recette.erreurs import ErreurSpec

CLES_SPEC = ("cles", "montants", "dates", "ignorer", "renommer", "filtres")
OPERATEURS = ("egal", "different", "dans", "hors", "commence_par", "vide")
_LISTES = ("dans", "hors")


@dataclass(frozen=True)
class Filtre:
    """Keep the rows whose ``colonne`` satisfies ``operateur`` (``egal``, ``dans``, ``vide``…)."""

    colonne: str
    operateur: str
    valeurs: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.colonne} {self.operateur} {', '.join(self.valeurs)}".strip()


@dataclass(frozen=True)
class Spec:
    """How to compare an expected export with an obtained one.

    ``tolerances`` maps each amount column to its tolerance in **cents** (inclusive);
    ``renommer`` maps a name in the expected file to its name in the obtained one.
    """

    cles: tuple[str, ...] = ()
    tolerances: Mapping[str, int] = field(default_factory=dict)
    dates: tuple[str, ...] = ()
    ignorer: tuple[str, ...] = ()
    renommer: Mapping[str, str] = field(default_factory=dict)
    filtres: tuple[Filtre, ...] = ()
    chemin: Path | None = None

    @property
    def montants(self) -> tuple[str, ...]:
        return tuple(self.tolerances)

    def fusionner(self, cles: Iterable[str] | None = None, tolerances: Mapping[str, int] | None = None,
                  ignorer: Iterable[str] = ()) -> Spec:
        """This spec with command-line options on top: keys replace, tolerances and ignores add up."""
        return replace(self, cles=tuple(cles) if cles else self.cles,
                       tolerances={**self.tolerances, **(tolerances or {})},
                       ignorer=tuple(dict.fromkeys([*self.ignorer, *ignorer])))

    def to_dict(self) -> dict[str, Any]:
        return {"cles": list(self.cles), "montants": {c: v.format_centimes(t) for c, t in self.tolerances.items()},
                "dates": list(self.dates), "ignorer": list(self.ignorer), "renommer": dict(self.renommer),
                "filtres": [{"colonne": f.colonne, f.operateur: list(f.valeurs)} for f in self.filtres]}


def spec_voisine(attendu: str | Path) -> Path | None:
    """The spec next to an expected file: same stem, ``.yaml`` (or ``.yml``), if it exists."""
    attendu = Path(attendu)
    for suffixe in (".yaml", ".yml"):
        candidat = attendu.with_suffix(suffixe)
        if candidat.is_file() and candidat != attendu:
            return candidat
    return None


def tolerance_centimes(texte: object, ou: str = "", fichier: str = "", ligne: int | None = None) -> int:
    """``0,01`` / ``0.01`` / ``1`` euros → cents; refuses negatives and sub-cent precision."""
    brut = str(texte).strip()
    centimes = v.centimes_texte(brut, point=True) if not isinstance(texte, bool) else None
    if centimes is None or centimes < 0:
        raise ErreurSpec(f"tolérance invalide « {brut} » : attendu un écart en euros positif, au centime "
                         "(ex. « 0,01 » ou « 0.01 »)", fichier, ligne, ou)
    return centimes


# --- YAML ---------------------------------------------------------------------------------------
def lire_spec(chemin: str | Path) -> Spec:
    """Read and validate a spec; every error names the file, the line and the key."""
    import yaml

    chemin = Path(chemin)
    try:
        racine = yaml.compose(chemin.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ErreurSpec("fichier de spécification introuvable", str(chemin)) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        marque = getattr(exc, "problem_mark", None)
        raise ErreurSpec(f"YAML invalide ({getattr(exc, 'problem', exc)})", str(chemin),
                         marque.line + 1 if marque else None) from None
    if racine is None:
        return Spec(chemin=chemin)
    return _Lecteur(chemin).spec(racine)


class _Lecteur:
    """Walks the YAML node tree so that every error can name its line."""

    def __init__(self, chemin: Path) -> None:
        self.chemin = chemin

    def erreur(self, message: str, noeud: Any, cle: str) -> ErreurSpec:
        ligne = noeud.start_mark.line + 1 if noeud is not None else None
        return ErreurSpec(message, str(self.chemin), ligne, f"clé « {cle} »" if cle else "")

    def spec(self, racine: Any) -> Spec:
        valeurs = self.dictionnaire(racine, "")
        for cle, (noeud_cle, _) in valeurs.items():
            if cle not in CLES_SPEC:
                raise self.erreur(f"clé inconnue (clés possibles : {', '.join(CLES_SPEC)})", noeud_cle, cle)
        noeud = {k: n for k, (_, n) in valeurs.items()}
        return Spec(cles=self.liste(noeud.get("cles"), "cles"), tolerances=self.montants(noeud.get("montants")),
                    dates=self.liste(noeud.get("dates"), "dates"), ignorer=self.liste(noeud.get("ignorer"), "ignorer"),
                    renommer=self.renommer(noeud.get("renommer")), filtres=self.filtres(noeud.get("filtres")),
                    chemin=self.chemin)

    def dictionnaire(self, noeud: Any, cle: str) -> dict[str, tuple[Any, Any]]:
        import yaml

        if not isinstance(noeud, yaml.MappingNode):
            raise self.erreur("un dictionnaire « clé: valeur » est attendu", noeud, cle)
        resultat: dict[str, tuple[Any, Any]] = {}
        for k, val in noeud.value:
            nom = str(k.value)
            if nom in resultat:
                raise self.erreur("clé en double", k, f"{cle}.{nom}" if cle else nom)
            resultat[nom] = (k, val)
        return resultat

    def scalaire(self, noeud: Any, cle: str) -> str:
        import yaml

        if not isinstance(noeud, yaml.ScalarNode):
            raise self.erreur("une valeur simple est attendue", noeud, cle)
        return str(noeud.value)

    def liste(self, noeud: Any, cle: str) -> tuple[str, ...]:
        import yaml

        if noeud is None:
            return ()
        if isinstance(noeud, yaml.ScalarNode):
            return (str(noeud.value),) if noeud.value else ()
        if not isinstance(noeud, yaml.SequenceNode):
            raise self.erreur("une liste de noms de colonnes est attendue", noeud, cle)
        return tuple(self.scalaire(n, cle) for n in noeud.value)

    def montants(self, noeud: Any) -> dict[str, int]:
        import yaml

        if noeud is None:
            return {}
        if isinstance(noeud, yaml.SequenceNode):  # a list of names: tolerance 0
            return {nom: 0 for nom in self.liste(noeud, "montants")}
        return {nom: tolerance_centimes(self.scalaire(val, f"montants.{nom}") or 0, f"clé « montants.{nom} »",
                                        str(self.chemin), val.start_mark.line + 1)
                for nom, (_, val) in self.dictionnaire(noeud, "montants").items()}

    def renommer(self, noeud: Any) -> dict[str, str]:
        if noeud is None:
            return {}
        return {nom: self.scalaire(val, f"renommer.{nom}") for nom, (_, val) in
                self.dictionnaire(noeud, "renommer").items()}

    def filtres(self, noeud: Any) -> tuple[Filtre, ...]:
        import yaml

        if noeud is None:
            return ()
        if not isinstance(noeud, yaml.SequenceNode):
            raise self.erreur("une liste de filtres est attendue, ex. « - {colonne: X, egal: Y} »", noeud, "filtres")
        return tuple(self.filtre(n, f"filtres[{i + 1}]") for i, n in enumerate(noeud.value))

    def filtre(self, noeud: Any, cle: str) -> Filtre:
        valeurs = self.dictionnaire(noeud, cle)
        if "colonne" not in valeurs:
            raise self.erreur("clé « colonne » absente", noeud, cle)
        operateurs = [k for k in valeurs if k != "colonne"]
        if len(operateurs) != 1 or operateurs[0] not in OPERATEURS:
            raise self.erreur(f"un opérateur et un seul est attendu parmi : {', '.join(OPERATEURS)}", noeud, cle)
        operateur = operateurs[0]
        noeud_valeur = valeurs[operateur][1]
        if operateur in _LISTES:
            arguments = self.liste(noeud_valeur, f"{cle}.{operateur}")
        else:
            arguments = (self.scalaire(noeud_valeur, f"{cle}.{operateur}"),)
        if operateur == "vide" and arguments[0].lower() not in ("true", "false", "oui", "non"):
            raise self.erreur("« vide » attend true ou false", noeud_valeur, f"{cle}.vide")
        return Filtre(self.scalaire(valeurs["colonne"][1], f"{cle}.colonne"), operateur, arguments)
