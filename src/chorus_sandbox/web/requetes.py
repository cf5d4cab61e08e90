"""What a route finds in its request besides its parameters: the sandbox serving it.

The application keeps its ``Bac`` in ``app.state`` (web/app.py); screens and API read it here.
"""

from __future__ import annotations

from starlette.requests import Request

from chorus_sandbox.service import Bac


def bac_courant(requete: Request) -> Bac:
    """The sandbox of the application answering ``requete``."""
    bac: Bac = requete.app.state.bac
    return bac
