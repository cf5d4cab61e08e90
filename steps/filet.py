"""Steps of the thicker net (issue 16): limits to the cent, rounding, figures of the situation
screens, export formats, security thresholds, all-or-nothing bulk operations."""

from __future__ import annotations
