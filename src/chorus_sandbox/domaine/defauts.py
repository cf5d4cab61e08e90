"""Catalogue of the defects the sandbox can be started with, to prove the recette catches them.

Each defect is a name checked in exactly one rule of :mod:`chorus_sandbox.domaine.regles`.
"""

from __future__ import annotations

from chorus_sandbox.domaine.erreurs import DonneeInvalide

#: Defects of the execution chain (domaine/operations.py).
CATALOGUE_EXECUTION: dict[str, str] = {
    "ej-au-dela-des-ae": "Un engagement juridique au-delà des AE disponibles de l'UO ou de la TF est accepté.",
    "mad-au-dela-du-disponible": "Une mise à disposition au-delà du disponible du niveau parent est acceptée.",
    "reserve-non-appliquee": "La réserve de précaution n'est pas appliquée à l'intégration de la loi de finances.",
    "retrait-anterieur-libere-ae": "La réduction d'un EJ d'un exercice antérieur libère des AE (recyclage interdit).",
    "dp-sans-service-fait": "Une demande de paiement au-delà du service fait est acceptée.",
    "paiement-au-dela-des-cp": "Un paiement au-delà des CP disponibles de l'UO est accepté.",
}

#: Defects of the in-year regulation (domaine/regulation.py).
CATALOGUE_REGULATION: dict[str, str] = {
    "annulation-lfr-au-dela-du-disponible": "Une annulation de LFR au-delà des crédits disponibles du programme est acceptée.",
    "degel-au-dela-de-la-reserve": "Un dégel au-delà de la réserve de précaution est accepté.",
    "surgel-au-dela-du-disponible": "Un surgel au-delà des crédits disponibles du programme est accepté.",
    "annulation-reserve-au-dela-de-la-reserve": "Une annulation de crédits réservés au-delà de la réserve est acceptée.",
    "virement-plafond-ignore": "Un virement au-delà du plafond de 2 % des crédits LFI d'un programme est accepté.",
    "mouvement-au-dela-du-disponible": "Un virement, un transfert ou une fongibilité au-delà du disponible de la source est accepté.",
    "fongibilite-vers-t2": "Un mouvement d'un autre titre vers le titre 2 est accepté (fongibilité asymétrique).",
}

#: Defects of the year-end closing and the campagne des reports (domaine/reports.py).
CATALOGUE_REPORTS: dict[str, str] = {
    "plafond-cp-3-pourcent-ignore": "Un report de CP hors titre 2 au-delà du plafond de 3 % des CP LFI hors titre 2 du programme est accepté.",
    "plafond-majore-ignore": "Le plafond de report majoré d'un programme de la liste de l'année est ignoré : le plafond général de 3 % lui est appliqué.",
    "cp-t2-reportes": "Un report des CP du titre 2 non consommés (hors fonds de concours) est accepté.",
    "aene-mauvaise-base": "L'assiette des AENE reportables est celle des AE affectées au lieu des AE affectées non engagées.",
    "arrete-integre-deux-fois": "Un arrêté de report déjà intégré est intégré une seconde fois et ouvre à nouveau ses crédits.",
    "bascule-ej-soldes": "Un engagement juridique soldé est basculé sur l'exercice suivant à la clôture.",
}

#: Defects of the infocentre exports (restitutions.degrader).
CATALOGUE_RESTITUTIONS: dict[str, str] = {
    "restitution-zeros-non-significatifs": "Un code exporté par les restitutions est privé de ses zéros non significatifs (programme « 0150 » exporté « 150 »).",
    "restitution-arrondie-a-l-euro": "Un montant exporté par les restitutions est arrondi à l'euro.",
    "data-subvention-sans-siret": "Le SIRET des associations est perdu dans l'extraction Data.Subvention (colonne « Code taxe 1 » vide).",
    "csv-point-decimal": "Un montant des restitutions CSV est écrit avec un point décimal au lieu d'une virgule.",
}

#: Defects of the périmètre filtering (restitutions.lue_sans_perimetre).
CATALOGUE_HABILITATIONS: dict[str, str] = {
    "perimetre-absent-restitution": "La restitution INF-BUD-53 est produite sans le filtre du périmètre : l'utilisateur y voit les engagements des autres services.",
}

#: Regressions a little different from a switched-off rule (issue 16, « a thicker net »): a limit
#: off by one cent, a half cent rounded the other way, a figure computed on the wrong base, an
#: export format changed, a security threshold moved by one, a bulk operation applied in part.
CATALOGUE_FILET: dict[str, str] = {
    "ej-depassement-d-un-centime": "Un engagement juridique qui dépasse d'un centime les AE disponibles de l'UO ou de la TF "
                                   "est accepté (limite décalée d'un centime).",
    "mad-du-disponible-exact-refusee": "Une mise à disposition de tout le disponible du niveau parent, au centime près, "
                                       "est refusée (limite stricte au lieu de large).",
    "reserve-arrondi-bancaire": "La réserve de précaution est arrondie au demi-centime pair (arrondi bancaire) au lieu "
                                "du demi-centime supérieur.",
    "situation-disponible-avant-reserve": "Le disponible en AE et en CP de la situation budgétaire (écrans et API) est "
                                          "calculé sans déduire la réserve de précaution.",
    "csv-dates-a-barres": "Une date des restitutions est écrite 31/12/2026 au lieu de 31.12.2026 (format de "
                          "l'infocentre), et en texte dans le classeur XLSX.",
    "verrouillage-au-sixieme-echec": "Le compte n'est verrouillé qu'au sixième échec de connexion de suite au lieu du "
                                     "cinquième (seuil décalé d'un).",
    "import-habilitations-partiel": "Un fichier d'habilitations dont une ligne est rejetée est appliqué jusqu'à cette "
                                    "ligne au lieu d'être refusé en entier.",
}

#: Defects of the marchés publics and of BusinessObjects Webi (issue 17).
CATALOGUE_MARCHES_BO: dict[str, str] = {
    "accord-cadre-maximum-ignore": "Un bon de commande (EJ) au-delà du montant maximum restant de l'accord-cadre est "
                                   "accepté.",
    "webi-perimetre-ignore": "Un document Webi rafraîchi par un utilisateur montre aussi les lignes hors de son "
                             "périmètre.",
    "planification-piece-jointe-vide": "Une planification Webi livre par courriel une pièce jointe vide au lieu du "
                                       "document produit.",
}

#: Defects of titre 2, the emplois and the payroll flow (issue 18, domaine/paye.py).
CATALOGUE_PAYE: dict[str, str] = {
    "flux-paye-fin-non-controlee": "L'enregistrement de fin d'un flux de paye n'est pas contrôlé : un flux dont le "
                                   "nombre de lignes ou le montant total annoncé est faux est intégré.",
    "flux-paye-integre-deux-fois": "Un flux de paye déjà intégré est intégré une seconde fois sous le même "
                                   "identifiant et consomme à nouveau le titre 2.",
    "cas-pensions-impute-hors-cas": "La contribution au CAS Pensions (catégorie 22, comptes PCE/6453…) d'un flux de "
                                    "paye est imputée sur le titre 2 hors CAS.",
    "etpt-comptes-en-etp": "La consommation du plafond d'emplois est comptée en ETP : un flux de paye compte l'effectif "
                           "du mois (ETPT × 12) au lieu de sa part de l'année.",
}

#: Every defect the sandbox can be started with (``--defauts``, ``CHORUS_SANDBOX_DEFAUTS``).
CATALOGUE: dict[str, str] = {**CATALOGUE_EXECUTION, **CATALOGUE_REGULATION, **CATALOGUE_REPORTS,
                           **CATALOGUE_RESTITUTIONS, **CATALOGUE_HABILITATIONS, **CATALOGUE_FILET,
                           **CATALOGUE_MARCHES_BO, **CATALOGUE_PAYE}


def lire_defauts(texte: str | None) -> frozenset[str]:
    """Parse ``"a,b"`` (CLI or ``CHORUS_SANDBOX_DEFAUTS``); refuse unknown names in French."""
    noms = frozenset(n.strip() for n in (texte or "").split(",") if n.strip())
    inconnus = sorted(noms - CATALOGUE.keys())
    if inconnus:
        # refus non provocable : option de démarrage du bac à sable (--defauts, CHORUS_SANDBOX_DEFAUTS), qu'aucun écran ni service ne reçoit
        raise DonneeInvalide(
            f"Défaut inconnu : {', '.join(inconnus)} (défauts connus : {', '.join(sorted(CATALOGUE))})"
        )
    return noms
