"""Reading Chorus restitutions and comparing them with expected results."""
from recette.donnees.lecture import Export, lire_export
