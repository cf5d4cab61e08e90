"""The périmètre bindings of the protected operations cannot rot: each protection names the
parameters holding its codes, and a name the domain function does not have fails when the
protection is declared (at import), not silently as a role-only check at run time."""

from __future__ import annotations

import importlib
import inspect
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chorus_sandbox.domaine import habilitations as h
from chorus_sandbox.domaine import import_habilitations as imp
from chorus_sandbox.domaine import operations as op
from chorus_sandbox.domaine import paye as pa
from chorus_sandbox.domaine import utilisateurs as u
from chorus_sandbox.domaine.depot import DepotMemoire
from chorus_sandbox.domaine.erreurs import AccesRefuse

DR75, DR69 = "BG00/0150-CSUP-DR75", "BG00/0150-CSUP-DR69"
#: Matrix operations no domain function performs: reading (``Bac.lire``), and the sandbox's
#: administration, checked by the web layer (``exiger("administrer_bac", NATIONAL)``).
HORS_OPERATIONS = {"consulter", "administrer_bac", "operation_non_declaree"}


def habilitation(*roles: tuple[str, str]) -> h.Habilitation:
    return h.Habilitation("essai", "Essai", tuple(roles))


def renommer(fonction: Callable[..., Any], ancien: str) -> Callable[..., Any]:
    """A stand-in of ``fonction`` whose parameter ``ancien`` is renamed, as a refactoring would."""
    signature = inspect.signature(fonction)
    parametres = [p.replace(name=f"{p.name}_renomme") if p.name == ancien else p
                  for p in signature.parameters.values()]

    def copie(*args: Any, **kwargs: Any) -> Any:
        return fonction(*args, **kwargs)
    copie.__signature__ = signature.replace(parameters=parametres)  # type: ignore[attr-defined]
    copie.__module__, copie.__qualname__ = fonction.__module__, fonction.__qualname__
    return copie


# --- A wrong declaration fails at once --------------------------------------------------------------
def test_un_parametre_de_code_inexistant_echoue_a_la_declaration() -> None:
    with pytest.raises(h.LiaisonInvalide) as erreur:
        @h.protegee("engager", h.codes_de("centre_financier"))
        def engager_ailleurs(depot: object, ctx: object, uo: str, titre: str) -> None:
            """Declares a parameter it does not have."""
    message = str(erreur.value)
    assert "engager_ailleurs" in message and "« engager »" in message
    assert "n'a pas de paramètre « centre_financier »" in message and "(ses paramètres : uo, titre)" in message


def test_un_module_mal_declare_ne_s_importe_pas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "operation_mal_liee.py").write_text(textwrap.dedent('''
        from chorus_sandbox.domaine.habilitations import codes_de, protegee

        @protegee("reguler", codes_de("programme"))
        def degeler_autrement(depot, ctx, numero_programme, titre, ae, cp):
            """« programme » was renamed « numero_programme »."""
        '''), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "operation_mal_liee", raising=False)
    with pytest.raises(h.LiaisonInvalide, match="degeler_autrement .*n'a pas de paramètre « programme »"):
        importlib.import_module("operation_mal_liee")


def test_le_depot_et_le_contexte_ne_sont_pas_des_codes() -> None:
    def operation(depot: object, ctx: object, numero: str) -> None:
        """Only what follows the depot and the context may hold a code."""
    with pytest.raises(h.LiaisonInvalide, match="« depot »"):
        h.verifier_liaison(operation, h.Protection("engager", h.codes_de("depot")))


def test_le_registre_ne_s_ecrit_que_par_une_declaration_verifiee() -> None:
    with pytest.raises(TypeError):
        h.PROTECTIONS[op.engager] = h.Protection("engager")  # type: ignore[index]


# --- Every declared binding holds, and breaks when its parameter is renamed -------------------------
def test_chaque_operation_protegee_a_une_liaison_dont_les_parametres_existent() -> None:
    assert u.creer_utilisateur in h.PROTECTIONS and imp.importer in h.PROTECTIONS  # the decorated ones too
    for fonction, protection in h.PROTECTIONS.items():
        assert protection.operation in h.OPERATIONS, fonction
        assert set(protection.codes.parametres) <= set(h.parametres_nommes(fonction)), fonction
    declarees = {protection.operation for protection in h.PROTECTIONS.values()}
    assert declarees == set(h.OPERATIONS) - HORS_OPERATIONS


def test_seules_des_operations_choisies_ne_verifient_que_le_role() -> None:
    """A liaison reading no parameter is national or none; none is a decision, listed here."""
    role_seul = set()
    for fonction, protection in h.PROTECTIONS.items():
        if not protection.codes.parametres:
            codes = list(protection.codes(DepotMemoire(), {}))
            if not codes:
                role_seul.add(fonction)
            else:
                assert codes == [(h.NATIONAL, "le périmètre national")], fonction
    # a new user has no role; the import checks each line; a payroll flow's lines are checked against the
    # depositor's périmètres by the integration itself (hors-perimetre rejects the whole flow)
    assert role_seul == {u.creer_utilisateur, imp.importer, pa.integrer_flux_paye}


def test_un_parametre_renomme_est_detecte_pour_chaque_liaison() -> None:
    for fonction, protection in h.PROTECTIONS.items():
        for nom in protection.codes.parametres:
            with pytest.raises(h.LiaisonInvalide, match=f"n'a pas de paramètre « {nom} »"):
                h.proteger(renommer(fonction, nom), protection)


def test_un_parametre_renomme_dans_une_fonction_jetable_est_detecte() -> None:
    def engager(depot: object, ctx: object, centre_financier: str, titre: str) -> None:
        """``uo`` renamed ``centre_financier``: without the check, a role-only engagement."""
    with pytest.raises(h.LiaisonInvalide) as erreur:
        h.proteger(engager, h.PROTECTIONS[op.engager])
    assert "engager" in str(erreur.value) and "« uo »" in str(erreur.value)


# --- The check itself --------------------------------------------------------------------------------
def test_une_liaison_ne_voit_que_les_parametres_qu_elle_declare() -> None:
    """Reading an undeclared argument fails loudly instead of finding nothing."""
    lit_trop = h.Liaison(("uo",), lambda _depot, arguments: [(arguments["programme"], "le programme")])
    with pytest.raises(KeyError):
        lit_trop(DepotMemoire(), {"uo": DR75, "programme": "0150"})


def test_un_code_laisse_a_sa_valeur_par_defaut_est_verifie(depot_mini: DepotMemoire) -> None:
    def engager_par_defaut(depot: object, ctx: object, titre: str, uo: str = DR75) -> None:
        """A code parameter the caller may leave to its default."""
    h.proteger(engager_par_defaut, h.Protection("engager", h.codes_de("uo")))
    h.autoriser(depot_mini, habilitation(("RUO", DR75)), engager_par_defaut, ("3",), {})
    with pytest.raises(AccesRefuse, match=f"l'UO {DR75} est hors de votre périmètre"):
        h.autoriser(depot_mini, habilitation(("RUO", DR69)), engager_par_defaut, ("3",), {})
