"""The Allure 3 HTML report: one French file that opens from disk with no network.

``allurerc.mjs`` (at the project's root) holds the report's settings; ``recette rapport`` writes a
configuration that imports it and adds what depends on the campaign (name with the release,
output, history file, categories, known issues), runs the Allure installed by ``npm ci`` from
the lockfile (never a global one), then removes the analytics tag that Allure inserts.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recette.erreurs import ErreurRecette

CONFIG_RACINE = "allurerc.mjs"
#: The analytics block of the awesome plugin (an external script and its inline call).
_ANALYTIQUE = re.compile(
    r"\s*<script async src=\"https://www\.googletagmanager\.com/[^\"]*\"></script>\s*"
    r"<script>\s*window\.dataLayer.*?</script>", re.DOTALL)
_EXTERNE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//[^\"]+\"", re.IGNORECASE)


class ErreurAllure(ErreurRecette):
    """Allure is missing or failed to generate the report."""


@dataclass(frozen=True)
class RapportAllure:
    fichier: Path
    octets: int
    secondes: float


def executable(racine: Path) -> Path:
    chemin = racine / "node_modules" / ".bin" / "allure"
    if not chemin.exists():
        raise ErreurAllure(f"Allure 3 est absent ({chemin}) : lancer « make setup » (npm ci, depuis "
                           "package-lock.json) à la racine du projet")
    return chemin


def configuration(racine: Path, sortie: Path, historique: Path, reglages: dict[str, Any]) -> str:
    """The text of an ES module: the root configuration, with the campaign's settings on top."""
    base = racine / CONFIG_RACINE
    importation = f'import base from "{base.resolve().as_uri()}";' if base.exists() else "const base = {};"
    surcharge = {**reglages, "output": str(sortie.resolve()), "historyPath": str(historique.resolve())}
    return f"""// Généré par « recette rapport » : {CONFIG_RACINE} et les réglages de la campagne.
{importation}
const surcharge = {json.dumps(surcharge, ensure_ascii=False, indent=2)};
const awesome = (base.plugins && base.plugins.awesome) || {{ options: {{}} }};
export default {{
  ...base,
  ...surcharge,
  plugins: {{
    awesome: {{
      ...awesome,
      options: {{ ...(awesome.options || {{}}), reportName: surcharge.name, reportLanguage: "fr", singleFile: true }},
    }},
  }},
}};
"""


def generer(racine: Path, resultats: Path, sortie: Path, historique: Path, reglages: dict[str, Any],
            travail: Path) -> RapportAllure:
    """Run ``allure generate`` on ``resultats``; the single file is ``sortie/index.html``."""
    allure = executable(racine)
    historique.parent.mkdir(parents=True, exist_ok=True)
    fichier_config = travail / "allurerc.genere.mjs"
    fichier_config.write_text(configuration(racine, sortie, historique, reglages), encoding="utf-8")
    debut = time.perf_counter()
    fini = subprocess.run([str(allure), "generate", "--config", str(fichier_config), "--cwd", str(racine),
                           str(resultats.resolve())], cwd=racine, capture_output=True, text=True, timeout=600,
                          check=False)
    secondes = time.perf_counter() - debut
    index = sortie / "index.html"
    if fini.returncode != 0 or not index.exists():
        raise ErreurAllure(f"échec de « allure generate » (code {fini.returncode}) :\n{(fini.stdout + fini.stderr)[-2000:]}")
    nettoyer(index)
    return RapportAllure(index, index.stat().st_size, secondes)


def nettoyer(index: Path) -> None:
    """Remove the analytics tag: the report must open from ``file://`` without calling anyone."""
    texte = index.read_text(encoding="utf-8")
    texte, nombre = _ANALYTIQUE.subn("", texte)
    externes = _EXTERNE.findall(texte)
    if externes:
        raise ErreurAllure(f"{index} : ressource externe restante après nettoyage : {externes[0][:120]}")
    if nombre:
        index.write_text(texte, encoding="utf-8")
