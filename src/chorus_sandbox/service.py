"""The sandbox as a service: a database, a loaded dataset, the operations in transactions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from chorus_sandbox import jeux, mots_de_passe
from chorus_sandbox.domaine import traces
from chorus_sandbox.domaine.depot import Depot
from chorus_sandbox.domaine.erreurs import ErreurChorus, RegleDeGestion
from chorus_sandbox.domaine.habilitations import DepotPerimetre, autoriser, habilitation_courante
from chorus_sandbox.domaine.regles import Contexte
from chorus_sandbox.domaine.reports import contexte_courant
from chorus_sandbox.lectures_comparees import LecturesComparees
from chorus_sandbox.operations_comparees import OperationsComparees
from chorus_sandbox.stockage import Stockage, metadata

T = TypeVar("T")
P = ParamSpec("P")
VERSION = "0.1.0"


def date_du_jour(exercice: int, aujourdhui: dt.date | None = None) -> dt.date:
    """Today when it falls in the exercice; else the exercice's last or first day."""
    jour = aujourdhui or dt.date.today()
    if jour.year == exercice:
        return jour
    return dt.date(exercice, 12, 31) if jour.year > exercice else dt.date(exercice, 1, 1)


class Bac:
    """One sandbox: its own database (a SQLite file by default) loaded with one dataset."""

    def __init__(
        self,
        url: str | None = None,
        jeu: str = "standard",
        defauts: frozenset[str] = frozenset(),
        fixtures: Path | None = None,
        mot_de_passe: str | None = None,
        defauts_variables: bool = False,
    ) -> None:
        # The seeded users' password: given, else CHORUS_SANDBOX_MOT_DE_PASSE, else random (the
        # command line prints it once). Kept in memory only, with its Argon2id hash.
        self.mot_de_passe_initial, self.mot_de_passe_aleatoire = mots_de_passe.mot_de_passe_initial(mot_de_passe)
        self.empreinte_initiale = mots_de_passe.empreinte_partagee(self.mot_de_passe_initial)
        self._dossier_temporaire = None if url else tempfile.TemporaryDirectory(prefix="chorus-bac-")
        if url is None:
            url = f"sqlite:///{Path(self._dossier_temporaire.name) / 'chorus.sqlite'}"  # type: ignore[union-attr]
        self.stockage = Stockage(url)
        self.defauts = defauts
        self.defauts_variables = defauts_variables  # the guided mutation switches them per scenario
        self.fixtures = fixtures
        self._instantanes: dict[tuple[str, frozenset[str]], Path] = {}
        self._jeux_lus: dict[tuple[str, frozenset[str]], jeux.Jeu] = {}  # each snapshot's dataset file, as read
        self.lectures = LecturesComparees(lambda: self.jeu.nom, lambda d: self.operations is not None and self.operations.suit(d))
        self.operations: OperationsComparees | None = None
        if traces.actif() and self._sqlite:  # recording what the recette reaches: reads compared with the shadows
            self.lectures.brancher(self.stockage.moteur)
            self.operations = OperationsComparees(self.stockage, Path(str(self.stockage.moteur.url.database)).parent,
                                                  self.lectures.appliquer)
        self.jeu = jeux.lire_jeu(jeu, fixtures)
        self.jeu_de_depart = jeu
        self.contexte = self._contexte_du_jeu = self._contexte(self.jeu)
        self.charger(jeu)

    def _contexte(self, jeu: jeux.Jeu) -> Contexte:
        """The dataset may fix the sandbox's date (reproducible exports); else today, in the exercice."""
        return Contexte(jeu.exercice, jeu.date_du_jour or date_du_jour(jeu.exercice), self.defauts)

    # --- Operations ------------------------------------------------------------------------
    def executer(self, operation: Callable[Concatenate[Depot, Contexte, P], T],
                 *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a domain operation in its own transaction: all of it is written, or nothing.

        ``args`` and ``kwargs`` are the operation's own parameters after the depot and the context
        (a ParamSpec: mypy checks every call against the domain function's signature).

        The exercice and date come from the database, read in the same transaction (a closing
        moves them to N+1); ``self.contexte`` follows once the transaction is committed.
        """
        def appliquer(stockage: Stockage, defauts: frozenset[str], heure: dt.time | None,
                      avant_validation: Callable[[], None]) -> tuple[T, Contexte]:
            with stockage.transaction() as depot:
                habilitation = habilitation_courante.get()
                if habilitation is not None:  # a request of a logged-in user: the matrix decides
                    autoriser(depot, habilitation, operation, args, kwargs)
                contexte = contexte_courant(depot, self._contexte_du_jeu)
                contexte = dataclasses.replace(contexte, defauts=contexte.defauts | defauts, heure=heure)
                resultat = operation(depot, contexte, *args, **kwargs)
                apres = contexte_courant(depot, self._contexte_du_jeu)
                avant_validation()
            return resultat, apres

        if self.operations is None:
            resultat, self.contexte = appliquer(self.stockage, frozenset(), None, lambda: None)
        else:  # recording: the operation also runs on the shadows of the scenario under way
            resultat, self.contexte = self.operations.executer(appliquer)
        return resultat

    def lire(self, lecture: Callable[[Depot], T], perimetre: bool = True) -> T:
        """Read in one transaction; a logged-in user's reading sees only their périmètres (unless
        ``perimetre`` is False: only the catalogued defect ``perimetre-absent-restitution`` asks it)."""
        with self.stockage.transaction() as depot:
            habilitation = habilitation_courante.get() if perimetre else None
            return lecture(depot if habilitation is None else DepotPerimetre(depot, habilitation))

    # --- Datasets and reset ----------------------------------------------------------------
    def charger(self, nom: str) -> float:
        """Empty the database and load dataset ``nom``; returns the seconds it took."""
        debut = time.perf_counter()
        cle = (nom, self.defauts)  # a dataset loaded with a defect on is another dataset
        restaurable = self._sqlite and cle in self._instantanes
        jeu = self._jeux_lus[cle] if restaurable else jeux.lire_jeu(nom, self.fixtures)
        if self.operations is not None:
            self.operations.oublier()
        if restaurable:
            self._restaurer(self._instantanes[cle])
        else:
            heure = dt.datetime.now().time().replace(microsecond=0)  # what the loading stamps, shadows included
            with traces.changeants() as changeants:
                self._remplir(jeu, self.defauts, heure)
            if self._sqlite:
                self._instantane(cle, jeu)
                if traces.actif():
                    self._ombrer(jeu, changeants - self.defauts, heure)
        self.jeu, self._contexte_du_jeu = jeu, self._contexte(jeu)
        self.contexte = self.lire(lambda depot: contexte_courant(depot, self._contexte_du_jeu))
        return time.perf_counter() - debut

    def _remplir(self, jeu: jeux.Jeu, defauts: frozenset[str], heure: dt.time) -> None:
        contexte = dataclasses.replace(self._contexte(jeu), defauts=defauts, heure=heure)
        with self.stockage.transaction() as depot:  # emptied and loaded together, or not at all
            depot.vider()
            jeux.charger(depot, contexte, jeu, self.empreinte_initiale)

    def _ombrer(self, jeu: jeux.Jeu, defauts: set[str], heure: dt.time) -> None:
        """Recording: ``jeu`` loaded again with each defect that changed its loading, kept as its shadow
        (:mod:`chorus_sandbox.lectures_comparees`), then its snapshot restored. A defect that also
        moves the exercice or the date, or stops the loading, keeps its old way: every scenario of
        the dataset inherits it."""
        instantane, ombres = self._instantanes[(jeu.nom, self.defauts)], {}
        with traces.muet():
            attendu = self._date_du_jeu(jeu)
            for defaut in sorted(defauts):
                avec = self.defauts | {defaut}
                try:
                    self._remplir(jeu, avec, heure)  # stamped as the dataset was: only the defect differs
                except ErreurChorus:  # rolled back: the live data are still a loaded dataset's
                    continue
                ombre = self._instantane((jeu.nom, avec), jeu)
                if self._date_du_jeu(jeu) == attendu:
                    ombres[defaut] = ombre
            if defauts:
                self._restaurer(instantane)
        self.lectures.declarer(jeu.nom, instantane, ombres)
        for defaut in ombres:
            traces.noter_ombre(defaut)

    def _date_du_jeu(self, jeu: jeux.Jeu) -> tuple[int, dt.date]:
        contexte = self.lire(lambda depot: contexte_courant(depot, self._contexte(jeu)), perimetre=False)
        return contexte.exercice, contexte.date_du_jour

    def changer_defauts(self, defauts: frozenset[str]) -> None:
        """Switch the catalogued defects of a sandbox started with ``defauts_variables`` (the guided
        mutation runs each scenario with its own defect), then load the dataset it started with, as
        a sandbox started with those defects would be: the dataset the previous scenario left may
        not load with them (``cloture`` and ``mad-du-disponible-exact-refusee``), and a switch that
        failed there made a scenario fail or not by the order of the runs."""
        if not self.defauts_variables:
            raise RegleDeGestion("Les défauts de ce bac à sable sont fixés à son démarrage "
                                 "(CHORUS_SANDBOX_MUTATION=1 pour les changer d'un scénario à l'autre)")
        self.defauts = defauts
        self.charger(self.jeu_de_depart)

    def reinitialiser(self) -> float:
        """Back to the state right after loading the current dataset (well under a second)."""
        return self.charger(self.jeu.nom)

    @property
    def _sqlite(self) -> bool:
        return self.stockage.moteur.dialect.name == "sqlite" and self.stockage.moteur.url.database not in (None, "", ":memory:")

    def _instantane(self, cle: tuple[str, frozenset[str]], jeu: jeux.Jeu) -> Path:
        """Snapshot of the data just loaded for ``cle`` (dataset, defects), kept with ``jeu``: the
        file as it was read then (reading it again took nine tenths of each scenario's reset)."""
        base = Path(str(self.stockage.moteur.url.database))
        chemin = base.with_name(f"{base.stem}.jeu-{cle[0]}-{len(self._instantanes)}.sqlite")
        chemin.unlink(missing_ok=True)
        with self.stockage.moteur.connect() as connexion:
            connexion.connection.dbapi_connection.execute("VACUUM INTO ?", (str(chemin),))  # type: ignore[union-attr]
        self._instantanes[cle], self._jeux_lus[cle] = chemin, jeu
        return chemin

    def _restaurer(self, instantane: Path) -> None:
        """Copy every table back from the snapshot in one write transaction."""
        with self.stockage.moteur.connect() as connexion:
            brute = connexion.connection.dbapi_connection
            brute.execute("ATTACH DATABASE ? AS modele", (str(instantane),))  # type: ignore[union-attr]
            try:
                brute.execute("BEGIN IMMEDIATE")  # type: ignore[union-attr]
                for table in reversed(metadata.sorted_tables):
                    brute.execute(f'DELETE FROM main."{table.name}"')  # type: ignore[union-attr]
                for table in metadata.sorted_tables:
                    brute.execute(f'INSERT INTO main."{table.name}" SELECT * FROM modele."{table.name}"')  # type: ignore[union-attr]
                brute.execute("COMMIT")  # type: ignore[union-attr]
            except BaseException:
                brute.execute("ROLLBACK")  # type: ignore[union-attr]
                raise
            finally:
                brute.execute("DETACH DATABASE modele")  # type: ignore[union-attr]

    def fermer(self) -> None:
        if self.operations is not None:
            self.operations.oublier()
        self.lectures.fermer()
        self.stockage.fermer()
        if self._dossier_temporaire is not None:
            self._dossier_temporaire.cleanup()
