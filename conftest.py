"""Thin: the recette plugin comes by its pytest11 entry point; this loads the shared steps."""

pytest_plugins = ["steps.communs", "steps.budget", "steps.donnees", "steps.regulation", "steps.reports", "steps.habilitations",
                  "steps.filet", "steps.refus", "steps.restitutions_bo", "steps.interfaces"]
