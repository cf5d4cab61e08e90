"""Chorus sandbox: an embedded, faithful system under test for the State's budget execution."""

from __future__ import annotations

from chorus_sandbox.serveur import ServeurBac
from chorus_sandbox.service import VERSION, Bac

__all__ = ["VERSION", "Bac", "ServeurBac"]
