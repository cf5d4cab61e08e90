"""Binds every feature of this folder to pytest-bdd (the steps come from steps/ via conftest)."""

from pytest_bdd import scenarios

scenarios(".")
