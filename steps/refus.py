"""Steps that provoke the sandbox's refusals a tester meets on its screens (bad input, a state
that forbids the operation) and check their messages."""

from __future__ import annotations
