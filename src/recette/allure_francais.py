"""The Allure results speak to a tester: steps, parameters and failures as the scenario writes them.

allure-pytest-bdd writes what pytest-bdd knows: keywords title-cased (« Étant Donné », « Et Que »),
every argument of the step function as a parameter (``Decimal('1000.00')``, fixtures such as
``ContexteScenario(…)``), the exception as ``module.Classe: message`` with pytest's traceback. Just
before a result is written (an allure-commons ``report_result`` hook), this module puts back:

- each step's name with its keyword as written in the feature file;
- as parameters, only the values of the sentence, as the tester typed them (``1 000,00 €``);
- the French message first, without the exception's class; the Python traceback in an attachment
  « Trace Python »; the nature of the failure in a label ``nature`` (the id of its category,
  computed from the original message), which the report's categories read first.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import allure_commons
import parse as base_parse
import pytest
from allure_commons.model2 import Attachment, Label, Parameter, StatusDetails

from recette.echecs import etape_ecrite
from recette.parametres import Exercice, format_montant
from recette.rapport.categories import classer_message, sans_classe

LABEL_NATURE = "nature"
TRACE = "Trace Python"
_SIMPLES = (str, int, Decimal, dt.date, Exercice)


@dataclass
class Redaction:
    """What to put back in one scenario's result: step names (in order) and sentence parameters."""

    noms: list[str]
    parametres: dict[int, list[Parameter]] = field(default_factory=dict)


_en_cours: dict[str, Redaction] = {}  # by Allure fullName, until the result is written


def nom_complet(feature: Any, scenario: Any) -> str:
    """The ``fullName`` allure-pytest-bdd gives the scenario's result."""
    return f"{os.path.normpath(feature.rel_filename)}:{scenario.name}"


def texte_valeur(valeur: Any) -> str:
    """A converted value as a tester writes it (when the sentence's text is not available)."""
    if isinstance(valeur, Decimal):
        return format_montant(valeur)
    if isinstance(valeur, dt.date):
        return f"{valeur:%d/%m/%Y}"
    return str(valeur)


def textes_de_la_phrase(parser: Any, texte: str) -> dict[str, str] | None:
    """The parameters' texts exactly as written in the step, from its parser; None if unknown."""
    interne = getattr(parser, "parser", None)
    if isinstance(interne, base_parse.Parser):
        try:
            trouve = interne.parse(texte)
        except ValueError:
            trouve = None
        if isinstance(trouve, base_parse.Result):
            return {nom: texte[debut:fin] for nom, (debut, fin) in trouve.spans.items() if isinstance(nom, str)}
    motif = getattr(parser, "regex", None)
    if isinstance(motif, re.Pattern):
        correspondance = motif.fullmatch(texte)
        if correspondance:
            return {k: v for k, v in correspondance.groupdict().items() if v is not None}
    return None


def parametres_de_l_etape(textes: dict[str, str] | None, arguments: dict[str, Any]) -> list[Parameter]:
    """The sentence's values only: fixtures (page, target, context objects) are not parameters."""
    if textes is not None:
        return [Parameter(name=nom, value=textes[nom]) for nom in arguments if nom in textes]
    return [Parameter(name=nom, value=texte_valeur(v)) for nom, v in arguments.items()
            if isinstance(v, _SIMPLES) and nom not in ("datatable", "docstring")]


# --- pytest-bdd hooks: remember what was written ---------------------------------------------------
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    if getattr(request.config.option, "allure_report_dir", None):
        _en_cours[nom_complet(feature, scenario)] = Redaction([etape_ecrite(s, feature) for s in scenario.steps])


def pytest_bdd_before_step_call(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                                step_func_args: dict[str, Any], **_: Any) -> None:
    redaction = _en_cours.get(nom_complet(feature, scenario))
    if redaction is None:
        return
    from pytest_bdd.scenario import get_step_function

    contexte = get_step_function(request, step)
    textes = textes_de_la_phrase(contexte.parser, step.name) if contexte else None
    rang = next((i for i, s in enumerate(scenario.steps) if s is step), -1)
    redaction.parametres[rang] = parametres_de_l_etape(textes, step_func_args)


# --- allure-commons hook: rewrite the result before it is written ----------------------------------
def message_francais(message: str | None) -> str | None:
    """The message without the exception's class on its first line."""
    return sans_classe(message) if message else message


class RedactionAllure:
    """Registered in allure-commons when Allure is on (see :func:`configurer`)."""

    @allure_commons.hookimpl(tryfirst=True)
    def report_result(self, result: Any) -> None:
        redaction = _en_cours.pop(str(result.fullName), None)
        if redaction is not None:
            renommer(result.steps, redaction)
        details = result.statusDetails
        if result.status in ("failed", "broken") and details is not None:
            categorie = classer_message(str(result.status), details.message or "")
            if categorie is not None:
                result.labels.append(Label(name=LABEL_NATURE, value=categorie.id))
        traces = [details.trace] if details is not None and details.trace else []
        franciser(result, message_francais(details.message) if details else None, traces)
        if traces:
            result.attachments.append(attacher_texte("\n\n".join(traces), TRACE))


def renommer(etapes: list[Any], redaction: Redaction) -> None:
    if len(etapes) != len(redaction.noms):
        return  # a step added by the code (allure.step) would shift the order: leave them as they are
    for rang, (etape, nom) in enumerate(zip(etapes, redaction.noms)):
        etape.name = nom
        if rang in redaction.parametres:
            etape.parameters = redaction.parametres[rang]


def franciser(noeud: Any, message_echec: str | None, traces: list[str]) -> None:
    """French messages on ``noeud`` and its failed steps; their traces moved to ``traces``."""
    details = noeud.statusDetails
    if details is not None:
        if details.trace and details.trace not in traces:
            traces.append(details.trace)
        en_echec = noeud.status in ("failed", "broken")
        message = message_echec if en_echec and message_echec else message_francais(details.message)
        noeud.statusDetails = StatusDetails(known=details.known, flaky=details.flaky, message=message)
    for etape in noeud.steps or []:
        franciser(etape, message_echec, traces)


def attacher_texte(texte: str, nom: str) -> Attachment:
    """Write ``texte`` as an attachment of the results (masked like every attachment)."""
    source = f"{uuid.uuid4()}-attachment.txt"
    allure_commons.plugin_manager.hook.report_attached_data(body=texte, file_name=source)
    return Attachment(name=nom, source=source, type="text/plain")


def configurer(config: pytest.Config) -> None:
    """Rewrite the results only when Allure writes some (``--alluredir``)."""
    if getattr(config.option, "allure_report_dir", None):
        greffon = RedactionAllure()
        allure_commons.plugin_manager.register(greffon)
        config.add_cleanup(lambda: allure_commons.plugin_manager.unregister(greffon))

