"""``python -m chorus_sandbox`` / ``recette bac-a-sable``: start the sandbox for people and tests."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from chorus_sandbox.domaine.defauts import CATALOGUE, lire_defauts
from chorus_sandbox.domaine.erreurs import ErreurChorus
from chorus_sandbox.mots_de_passe import VARIABLE

if TYPE_CHECKING:
    from chorus_sandbox.service import Bac


def construire_analyseur(prog: str = "python -m chorus_sandbox") -> argparse.ArgumentParser:
    analyseur = argparse.ArgumentParser(prog=prog, description="Démarre le bac à sable Chorus (écrans et API).")
    ajouter_options(analyseur)
    return analyseur


def ajouter_options(analyseur: argparse.ArgumentParser) -> None:
    analyseur.add_argument("--port", type=int, default=8000, help="port d'écoute (0 : port libre ; défaut 8000)")
    analyseur.add_argument("--hote", default="127.0.0.1", help="adresse d'écoute (défaut 127.0.0.1)")
    analyseur.add_argument("--donnees", default="standard", metavar="JEU",
                           help="jeu de données de fixtures/jeux/ (défaut : standard)")
    analyseur.add_argument("--base", default=os.environ.get("CHORUS_SANDBOX_BASE"), metavar="URL",
                           help="URL SQLAlchemy de la base (défaut : fichier SQLite temporaire)")
    analyseur.add_argument("--smtp", default=None, metavar="HOTE:PORT",
                           help="serveur SMTP des planifications BusinessObjects envoyées par courriel "
                                "(défaut : CHORUS_SANDBOX_SMTP ; aucun : les planifications échouent)")
    analyseur.add_argument("--defauts", default=os.environ.get("CHORUS_SANDBOX_DEFAUTS", ""), metavar="NOMS",
                           help="défauts à activer, séparés par des virgules ; « liste » affiche le catalogue")


def lister_defauts() -> str:
    largeur = max(len(nom) for nom in CATALOGUE)
    return "\n".join(f"{nom:<{largeur}}  {description}" for nom, description in sorted(CATALOGUE.items()))


def message_mot_de_passe(bac: Bac) -> str:
    """How to log in: the random password is printed here, once; a given one never is."""
    if bac.mot_de_passe_aleatoire:
        return (f"Mot de passe des utilisateurs du jeu (aléatoire, affiché une seule fois) : {bac.mot_de_passe_initial}\n"
                f"Pour le fixer : {VARIABLE}=… avant de démarrer. Utilisateur national : recette.nationale.")
    return f"Mot de passe des utilisateurs du jeu : la valeur de {VARIABLE}. Utilisateur national : recette.nationale."


def executer(options: argparse.Namespace) -> int:
    from chorus_sandbox.serveur import ServeurBac
    from chorus_sandbox.service import Bac

    if options.defauts.strip() == "liste":
        print(lister_defauts())
        return 0
    try:
        bac = Bac(url=options.base, jeu=options.donnees, defauts=lire_defauts(options.defauts))
    except ErreurChorus as exc:
        print(f"Erreur : {exc.message}", file=sys.stderr)
        return 2
    try:
        serveur = ServeurBac(bac, options.hote, options.port, smtp=getattr(options, "smtp", None))
    except ErreurChorus as exc:
        print(f"Erreur : {exc.message}", file=sys.stderr)
        bac.fermer()
        return 2
    try:
        url = serveur.demarrer()
    except (RuntimeError, OSError) as exc:
        print(f"Erreur : impossible de démarrer sur {options.hote}:{options.port} ({exc})", file=sys.stderr)
        return 2
    defauts = ", ".join(sorted(bac.defauts)) or "aucun"
    smtp = serveur.smtp or "aucun (les planifications par courriel échouent)"
    print(f"Bac à sable Chorus : {url}  (jeu « {bac.jeu.nom} », exercice {bac.contexte.exercice}, "
          f"défauts : {defauts}, SMTP : {smtp})\nAPI documentée : {url}/docs — Ctrl+C pour arrêter.", flush=True)
    print(message_mot_de_passe(bac), flush=True)
    try:
        serveur.attendre()
    except KeyboardInterrupt:
        print("\nArrêt du bac à sable.")
    finally:
        serveur.arreter()
        bac.fermer()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return executer(construire_analyseur().parse_args(argv))
