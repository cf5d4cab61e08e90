"""Schedules of Webi documents delivered by e-mail (issue #17), end to end: the sandbox served on
port 0 in a thread, pointed at a real SMTP receiver (recette.courriel, aiosmtpd on port 0), driven
by recette.bo's client; and the IMAP reader's configuration and unreachable-server errors."""

from __future__ import annotations

import io
import os
import smtplib
import socket
from collections.abc import Iterator
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader

from chorus_sandbox import Bac, ServeurBac
from chorus_sandbox.domaine.erreurs import DonneeInvalide
from chorus_sandbox.livraison import AUCUN_SMTP, ServeurSMTP, lire_smtp
from chorus_sandbox.web.bo_planifications import configurer_smtp
from recette.bo import (
    ClientBO,
    DocumentBOInconnu,
    ErreurBO,
    PlanificationBO,
    PlanificationBOEnRetard,
    PlanificationBORefusee,
)
from recette.client import ClientChorus
from recette.config import ConfigCourriel
from recette.courriel import (
    CourrielNonRecu,
    LecteurIMAP,
    RecepteurSMTP,
    ServeurCourrielInjoignable,
    lire_courriel,
)
from recette.erreurs import ErreurConfiguration, ErreurEnvironnement

DONNEES = Path(__file__).parent / "donnees"
SUIVI, SUBVENTION = 17001, 17002
DR75, ASPR = "BG00/0150-CSUP-DR75", "BG00/0217-SGAC-ASPR"
NOM_SUIVI = "Suivi de la consommation des crédits"
PARAMETRES = {"parameter": {"id": 0, "answer": {"values": {"value": "2026"}}}}
POSTE = {"montant": Decimal("1234.56"), "domaine_fonctionnel": "0150-01-02", "activite": "BG00/015001010101"}
A, B = "pilotage.budget@finances.gouv.fr", "controle.budgetaire@finances.gouv.fr"
RAYLIGHT = "/raylight/v1/documents"
JSON = {"Accept": "application/json"}


def mot_de_passe() -> str:
    return os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]


def port_ferme() -> int:
    """A port nothing listens on (bound then released by the OS)."""
    with socket.socket() as prise:
        prise.bind(("127.0.0.1", 0))
        return int(prise.getsockname()[1])


@pytest.fixture(scope="module")
def recepteur() -> Iterator[RecepteurSMTP]:
    with RecepteurSMTP(delai=10) as recepteur:
        yield recepteur


def _servir(recepteur: RecepteurSMTP, defauts: frozenset[str] = frozenset()) -> Iterator[ServeurBac]:
    bac = Bac(jeu="mini", fixtures=DONNEES, defauts=defauts)
    with ServeurBac(bac, smtp=recepteur.adresse) as serveur:
        session, _cookies = ClientChorus(serveur.url).connecter("recette.nationale", mot_de_passe())
        api = ClientChorus(serveur.url, jeton=session["jeton"])
        api.engager(DR75, "3", "1000012345", [POSTE], "Maintenance")
        for source, destination in (("0217", "0217-SGAC"), ("0217-SGAC", ASPR)):  # a second UO, out of DR75's reach
            api.mettre_a_disposition(source, destination, "3", Decimal("1000.00"), Decimal("500.00"))
        api.fermer()
        yield serveur
    bac.fermer()


@pytest.fixture(scope="module")
def serveur(recepteur: RecepteurSMTP) -> Iterator[ServeurBac]:
    """The sandbox (mini dataset) delivering to the receiver, one engagement of 1 234,56 € on DR75."""
    yield from _servir(recepteur)


@pytest.fixture
def bo(serveur: ServeurBac) -> Iterator[ClientBO]:
    with ClientBO(f"{serveur.url}/biprws") as client:
        client.logon("recette.nationale", mot_de_passe())
        yield client


@pytest.fixture
def smtp(serveur: ServeurBac) -> Iterator[ServeurBac]:
    """The same sandbox; the test changes its SMTP server, given back afterwards."""
    avant = serveur.smtp
    yield serveur
    configurer_smtp(serveur.application, avant)


def entetes(client: ClientBO) -> dict[str, str]:
    return {"X-SAP-LogonToken": str(client._jeton), **JSON}


def planifier_et_attendre(bo: ClientBO, sujet: str, format_: str = "csv", document: int = SUIVI,
                          **options: object) -> PlanificationBO:
    options.setdefault("reponses", {"Exercice": 2026})
    planification = bo.planifier(document, [A, B], sujet, format_, **options)
    return bo.attendre_planification(document, planification, delai=30)


# --- Delivery -----------------------------------------------------------------------------------------
def test_csv_livre_a_deux_destinataires_identique_a_l_export(bo: ClientBO, recepteur: RecepteurSMTP) -> None:
    boite = recepteur.vue()
    fin = planifier_et_attendre(bo, "Suivi des crédits (CSV)", nom_piece_jointe="suivi-credits")
    assert (fin.statut_id, fin.statut, fin.erreur) == ("1", "Completed", "")
    bo.repondre(SUIVI, {"Exercice": 2026})
    attendu = bo.exporter(SUIVI, 1, "csv")
    for destinataire in (A, B):
        courriel = boite.attendre(destinataire, "Suivi des crédits (CSV)")
        assert len(boite.recus(destinataire, "Suivi des crédits (CSV)")) == 1
        piece = courriel.piece_jointe()
        assert (piece.nom, piece.type_media) == ("suivi-credits.csv", "text/csv")
        assert piece.contenu == attendu and len(attendu.split(b"\r\n")) > 6  # preamble, header and rows
        assert courriel.expediteur == "bo-chorus@chorus-sandbox.invalid" and courriel.date is not None


def cellules_du_csv(contenu: bytes) -> list[str]:
    """The data cells of an infocentre CSV (after its preamble and header), spaces made plain."""
    lignes = contenu.decode("utf-8-sig").replace("\u00a0", " ").split("\r\n")[4:]
    return [c.strip('"') for ligne in lignes if ligne for c in ligne.split(";") if c.strip('"')]


def test_pdf_livre_avec_le_texte_du_rapport(bo: ClientBO, recepteur: RecepteurSMTP) -> None:
    boite = recepteur.vue()
    fin = planifier_et_attendre(bo, "Suivi des crédits (PDF)", "pdf", message="Bonjour,\nle suivi du jour.")
    assert fin.reussie
    bo.repondre(SUIVI, {"Exercice": 2026})
    cellules = cellules_du_csv(bo.exporter(SUIVI, 1, "csv"))
    assert len(cellules) >= 9
    for destinataire in (A, B):
        courriel = boite.attendre(destinataire, "Suivi des crédits (PDF)")
        assert boite.recus(destinataire, "Suivi des crédits (PDF)") == [courriel]
        piece = courriel.piece_jointe()
        assert (piece.nom, piece.type_media) == ("Suivi de la consommation des crédits.pdf", "application/pdf")
        texte = "".join(page.extract_text() for page in PdfReader(io.BytesIO(piece.contenu)).pages)
        assert "Suivi de la consommation des crédits - Par programme et titre" in texte
        assert "Exercice comptable 2026" in texte
        mots = set(texte.replace("\u00a0", " ").split())
        absents = [c for c in cellules if c not in texte.replace("\u00a0", " ") and not set(c.split()) <= mots]
        assert absents == []  # every cell of the report (a long label wraps in its cell: its words)
        assert courriel.texte.strip() == "Bonjour,\nle suivi du jour."


def test_le_pdf_est_reproductible(bo: ClientBO, recepteur: RecepteurSMTP) -> None:
    boite = recepteur.vue()
    for sujet in ("PDF 1", "PDF 2"):
        assert planifier_et_attendre(bo, sujet, "pdf").reussie
    premier, second = (boite.attendre(A, s).piece_jointe().contenu for s in ("PDF 1", "PDF 2"))
    assert premier == second and premier.startswith(b"%PDF-")


def cellules_xlsx(contenu: bytes) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    return [tuple(ligne) for ligne in load_workbook(io.BytesIO(contenu)).active.iter_rows(values_only=True)]


def test_xlsx_et_rapport_choisi(bo: ClientBO, recepteur: RecepteurSMTP) -> None:
    boite = recepteur.vue()
    rapport = next(r for r in bo.rapports(SUIVI) if r.nom == "Par UO")
    assert planifier_et_attendre(bo, "Par UO (Excel)", "xls", rapport=rapport).reussie
    bo.repondre(SUIVI, {"Exercice": 2026})
    piece = boite.attendre(B, "Par UO (Excel)").piece_jointe()
    assert piece.nom == "Suivi de la consommation des crédits.xlsx" and piece.contenu.startswith(b"PK")
    assert cellules_xlsx(piece.contenu) == cellules_xlsx(bo.exporter(SUIVI, rapport, "xlsx"))  # a zip dates its entries
    assert len(cellules_xlsx(piece.contenu)) >= 5


def test_la_planification_suit_le_perimetre_de_son_auteur(serveur: ServeurBac, bo: ClientBO,
                                                           recepteur: RecepteurSMTP) -> None:
    boite = recepteur.vue()
    with ClientBO(f"{serveur.url}/biprws") as regional:
        regional.logon("ruo.dr75", mot_de_passe())
        fin = planifier_et_attendre(regional, "Par UO (DR75)", rapport=2)
        assert fin.reussie
        regional.repondre(SUIVI, {"Exercice": 2026})
        attendu = regional.exporter(SUIVI, 2, "csv")
    bo.repondre(SUIVI, {"Exercice": 2026})
    recu = boite.attendre(A, "Par UO (DR75)").piece_jointe().contenu
    assert recu == attendu and recu != bo.exporter(SUIVI, 2, "csv")
    assert DR75.encode() in recu and ASPR.encode() not in recu


def test_copies_et_sans_piece_jointe(bo: ClientBO, recepteur: RecepteurSMTP) -> None:
    boite = recepteur.vue()
    planification = bo.planifier(SUBVENTION, A, "Associations", "csv", reponses={"Semaine": "2026-W10"},
                                 copies=[B], expediteur="infocentre@chorus.gouv.fr")
    assert bo.attendre_planification(SUBVENTION, planification).reussie
    courriel = boite.attendre(B, "Associations")
    assert courriel.destinataires == (A.lower(), B.lower()) and courriel.expediteur == "infocentre@chorus.gouv.fr"
    assert courriel.piece_jointe().contenu.startswith(b"\xef\xbb\xbf")


def test_le_defaut_piece_jointe_vide_livre_un_fichier_vide(recepteur: RecepteurSMTP) -> None:
    boite = recepteur.vue()
    for serveur in _servir(recepteur, frozenset({"planification-piece-jointe-vide"})):
        with ClientBO(f"{serveur.url}/biprws") as bo:
            bo.logon("recette.nationale", mot_de_passe())
            assert planifier_et_attendre(bo, "Pièce jointe vide").reussie
    for destinataire in (A, B):
        piece = boite.attendre(destinataire, "Pièce jointe vide").piece_jointe()
        assert (piece.nom, piece.contenu) == ("Suivi de la consommation des crédits.csv", b"")


# --- Failures of the run --------------------------------------------------------------------------------
def test_sans_serveur_smtp_la_planification_echoue_et_dit_pourquoi(bo: ClientBO, smtp: ServeurBac,
                                                                   recepteur: RecepteurSMTP) -> None:
    boite = recepteur.vue()
    configurer_smtp(smtp.application, None)
    fin = planifier_et_attendre(bo, "Sans SMTP")
    assert (fin.statut_id, fin.statut, fin.code_erreur) == ("3", "Failed", "FWB 00031")
    assert fin.erreur == f"{AUCUN_SMTP} (option --smtp ou variable CHORUS_SANDBOX_SMTP=hôte:port)"
    assert boite.recus() == []


def test_serveur_smtp_injoignable_nomme_hote_et_port(bo: ClientBO, smtp: ServeurBac) -> None:
    port = port_ferme()
    configurer_smtp(smtp.application, ServeurSMTP("127.0.0.1", port))
    fin = planifier_et_attendre(bo, "SMTP injoignable")
    assert fin.echouee and fin.erreur == f"Serveur SMTP injoignable : 127.0.0.1:{port} (connexion refusée)"
    xml = httpx.get(f"{smtp.url}/biprws{RAYLIGHT}/{SUIVI}/schedules/{fin.id}",
                    headers={**entetes(bo), "Accept": "application/xml"}).text
    assert '<status id="3">Failed</status>' in xml and f"127.0.0.1:{port}" in xml
    assert "<error_code>FWB 00031</error_code>" in xml


def test_un_destinataire_refuse_par_le_serveur_smtp(bo: ClientBO, serveur: ServeurBac) -> None:
    class Refus:
        async def handle_RCPT(self, server: object, session: object, envelope: object, address: str,
                              options: object) -> str:
            return "550 5.1.1 Mailbox unknown" if address.startswith("inconnu") else "250 OK"

    from aiosmtpd.controller import Controller

    controleur = Controller(Refus(), hostname="127.0.0.1", port=port_ferme())
    controleur.start()
    try:
        configurer_smtp(serveur.application, ServeurSMTP("127.0.0.1", controleur.port))
        planification = bo.planifier(SUIVI, ["inconnu@finances.gouv.fr"], "Refus", reponses={"Exercice": 2026})
        fin = bo.attendre_planification(SUIVI, planification)
    finally:
        controleur.stop()
        configurer_smtp(serveur.application, serveur.smtp)
    assert fin.echouee and fin.erreur.startswith(f"Le serveur SMTP 127.0.0.1:{controleur.port} a refusé les "
                                                 "destinataires : inconnu@finances.gouv.fr (550")


# --- Refusals at POST ------------------------------------------------------------------------------------
@pytest.mark.parametrize("adresse", ["pas-une-adresse", "a@b@c.fr", "x@exemple..fr", "é@exemple.fr",
                                     "a@exemple.fr\r\nBcc: b@exemple.fr"])
def test_adresse_invalide_refusee_en_400_en_la_nommant(bo: ClientBO, serveur: ServeurBac, adresse: str) -> None:
    with pytest.raises(PlanificationBORefusee) as refus:
        bo.planifier(bo.document(NOM_SUIVI), [A, adresse], "Adresse", reponses={"Exercice": 2026})
    assert refus.value.statut == 400 and refus.value.code == "WSR 00101"
    assert "Adresse de courriel invalide" in str(refus.value) and "Suivi de la consommation" in str(refus.value)
    corps = {"schedule": {"name": "x", "format": {"@type": "csv"}, "destination": {"mail": {"to": adresse,
             "subject": "x"}}, "parameters": PARAMETRES}}
    brut = httpx.post(f"{serveur.url}/biprws{RAYLIGHT}/{SUIVI}/schedules", json=corps, headers=entetes(bo))
    assert brut.status_code == 400 and brut.json()["error"]["error_code"] == "WSR 00101"
    assert adresse.split("\r")[0] in brut.json()["error"]["message"]


def test_document_inconnu_404_a_la_forme_de_bo(bo: ClientBO, serveur: ServeurBac) -> None:
    corps = {"schedule": {"name": "x", "destination": {"mail": {"to": A, "subject": "x"}}}}
    brut = httpx.post(f"{serveur.url}/biprws{RAYLIGHT}/99999/schedules", json=corps, headers=entetes(bo))
    assert brut.status_code == 404
    assert brut.json() == {"error": {"error_code": "WSR 00400", "message": 'The resource of type "Document" with '
                                                                          'identifier "99999" does not exist.'}}
    with pytest.raises(DocumentBOInconnu):
        bo.planifier(99999, A, "x")
    inconnue = httpx.get(f"{serveur.url}/biprws{RAYLIGHT}/{SUIVI}/schedules/424242", headers=entetes(bo))
    assert (inconnue.status_code, inconnue.json()["error"]["error_code"]) == (404, "WSR 00400")


@pytest.mark.parametrize(("corps", "code", "extrait"), [
    ({"schedule": {"name": "x", "format": {"@type": "csv"}, "destination": {"mail": {"to": A, "subject": "x"}}}},
     "WSR 00100", "« Exercice »"),
    ({"schedule": {"name": "x", "format": {"@type": "webi"}, "destination": {"mail": {"to": A, "subject": "x"}}}},
     "WSR 00501", "« webi »"),
    ({"schedule": {"name": "x", "format": {"@type": "csv"}, "destination": {"inbox": ""}}}, "WSR 00501", "« inbox »"),
    ({"schedule": {"name": "x", "daily": {"dayinterval": 1}, "destination": {"mail": {"to": A, "subject": "x"}}}},
     "WSR 00501", "« daily »"),
    ({"schedule": {"name": "x", "format": {"@type": "csv"}, "destination": {"mail": {"to": "", "subject": "x"}}}},
     "WSR 00101", "aucun destinataire"),
    ({"schedule": {"name": "x", "format": {"@type": "csv"}, "destination": {"mail": {"to": A}},
                   "parameters": PARAMETRES}}, "WSR 00101", "« subject » est obligatoire"),
    ({"schedule": {"name": "x", "format": {"@type": "csv", "properties": {"property": {"@key": "reportId",
     "$": "9"}}}, "destination": {"mail": {"to": A, "subject": "x"}}}}, "WSR 00101", "pas de rapport 9"),
    ({"schedule": {"name": "x", "format": {"@type": "csv"}, "destination": {
        "useSpecificName": "../x", "mail": {"to": A, "subject": "x"}}, "parameters": PARAMETRES}}, "WSR 00101",
     "nom de pièce jointe"),
    ({"planification": {}}, "WSR 00102", "schedule"),
])
def test_planification_refusee_en_francais(bo: ClientBO, serveur: ServeurBac, corps: dict[str, object], code: str,
                                          extrait: str) -> None:
    reponse = httpx.post(f"{serveur.url}/biprws{RAYLIGHT}/{SUIVI}/schedules", json=corps, headers=entetes(bo))
    assert reponse.status_code == 400, reponse.text
    assert reponse.json()["error"]["error_code"] == code and extrait in reponse.json()["error"]["message"]


def test_corps_xml_liste_et_suppression(bo: ClientBO, serveur: ServeurBac, recepteur: RecepteurSMTP) -> None:
    boite = recepteur.vue()
    xml = (f"<schedule><name>Hebdo</name><format type=\"csv\"/><destination>"
           f"<useSpecificName fileExtension=\"false\">suivi.txt</useSpecificName><mail><from>bo@chorus.gouv.fr</from>"
           f"<to>{A};{B}</to><subject>Hebdo XML</subject><message>Voir pièce jointe</message>"
           f"<addAttachment>true</addAttachment></mail></destination><now retriesAllowed=\"2\"/><parameters>"
           f"<parameter><id>0</id><answer><values><value>2026</value></values></answer></parameter></parameters>"
           f"</schedule>").encode()
    url = f"{serveur.url}/biprws{RAYLIGHT}/{SUIVI}/schedules"
    cree = httpx.post(url, content=xml, headers={**entetes(bo), "Content-Type": "application/xml",
                                                 "Accept": "application/xml"})
    assert cree.status_code == 200 and cree.text.startswith('<?xml version="1.0" encoding="UTF-8"?><success>')
    sid = int(cree.text.split("<id>")[1].split("</id>")[0])
    assert bo.attendre_planification(SUIVI, sid).reussie
    assert boite.attendre(A, "Hebdo XML").piece_jointe().nom == "suivi.txt"
    assert sid in [p.id for p in bo.planifications(SUIVI)]
    supprimee = httpx.delete(f"{url}/{sid}", headers=entetes(bo))
    assert supprimee.json()["success"]["message"].endswith("has been successfully deleted.")
    assert sid not in [p.id for p in bo.planifications(SUIVI)]


def test_un_autre_utilisateur_ne_voit_pas_la_planification(bo: ClientBO, serveur: ServeurBac) -> None:
    planification = bo.planifier(SUIVI, A, "Privée", reponses={"Exercice": 2026})
    with ClientBO(f"{serveur.url}/biprws") as autre:
        autre.logon("ruo.dr75", mot_de_passe())
        assert planification.id not in [p.id for p in autre.planifications(SUIVI)]
        with pytest.raises(ErreurBO) as refus:  # a 404 on the schedule, not on the document
            autre.planification(SUIVI, planification)
        assert refus.value.statut == 404


def test_attente_bornee_d_une_planification(bo: ClientBO, smtp: ServeurBac) -> None:
    document = bo.document(NOM_SUIVI)
    with socket.socket() as muet:  # accepts connections, never greets: the run waits on it
        muet.bind(("127.0.0.1", 0))
        muet.listen(4)
        port = muet.getsockname()[1]
        configurer_smtp(smtp.application, ServeurSMTP("127.0.0.1", port))
        planification = bo.planifier(document, A, "Bornée", reponses={"Exercice": 2026})
        with pytest.raises(PlanificationBOEnRetard) as retard:
            bo.attendre_planification(document, planification, delai=0.3, intervalle=0.05)
    assert str(retard.value) == (f"La planification {planification.id} du document « Suivi de la consommation des "
                                 "crédits » n'est pas terminée après 0.3 s (dernier statut : Running)")
    fin = bo.attendre_planification(document, planification, delai=30)
    assert fin.echouee and f"127.0.0.1:{port}" in fin.erreur


# --- The mailboxes ---------------------------------------------------------------------------------------
def test_un_courriel_qui_ne_vient_pas_est_une_attente_bornee(recepteur: RecepteurSMTP) -> None:
    with pytest.raises(CourrielNonRecu) as absent:
        recepteur.vue(delai=0.2).attendre(A, "Jamais envoyé")
    assert str(absent.value).startswith(f"Aucun courriel reçu par {A} avec le sujet « Jamais envoyé » en 0.2 s")


def test_le_recepteur_garde_l_enveloppe_et_les_pieces_jointes(recepteur: RecepteurSMTP) -> None:
    vue = recepteur.vue()
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@x.fr", A, "Direct"
    message.set_content("corps")
    message.add_attachment(b"\x00\x01", maintype="application", subtype="octet-stream", filename="d.bin")
    hote, port = recepteur.adresse.split(":")
    with smtplib.SMTP(hote, int(port), timeout=10) as client:
        client.send_message(message, to_addrs=[A, "cache@x.fr"])
    recu = vue.attendre("CACHE@x.fr", "Direct")
    assert recu.destinataires == (A, "cache@x.fr") and recu.piece_jointe("d.bin").contenu == b"\x00\x01"
    assert vue.recus(sujet="Direct") == [recu] and recepteur.vue().recus() == []
    assert lire_courriel(recu.brut).destinataires == (A,)  # read from its headers: To only


def test_serveur_smtp_mal_ecrit_refuse_au_demarrage() -> None:
    assert lire_smtp("127.0.0.1:2525") == ServeurSMTP("127.0.0.1", 2525) and lire_smtp("") is None
    assert lire_smtp("[::1]:25") == ServeurSMTP("::1", 25)
    for faux in ("localhost", "h:0", "h:99999", "h:x", "a b:25"):
        with pytest.raises(DonneeInvalide, match="n'est pas un serveur SMTP hôte:port"):
            lire_smtp(faux)


def test_lecteur_imap_serveur_injoignable_nomme_hote_et_port() -> None:
    port = port_ferme()
    lecteur = LecteurIMAP("127.0.0.1", port, "lecteur", "secret-imap-123", ssl=False, delai_connexion=5)
    with pytest.raises(ServeurCourrielInjoignable) as injoignable:
        lecteur.vue(delai=1).recus(A)
    assert str(injoignable.value) == f"Serveur IMAP injoignable : 127.0.0.1:{port} (connexion refusée)"
    assert isinstance(injoignable.value, ErreurEnvironnement) and "secret-imap-123" not in repr(lecteur)


def test_lecteur_imap_variables_non_definies(monkeypatch: pytest.MonkeyPatch) -> None:
    config = ConfigCourriel("imap.finances.gouv.fr", "RECETTE_IMAP_ID", "RECETTE_IMAP_MDP")
    monkeypatch.setenv("RECETTE_IMAP_ID", "boite.recette")
    monkeypatch.delenv("RECETTE_IMAP_MDP", raising=False)
    with pytest.raises(ErreurConfiguration, match="RECETTE_IMAP_MDP .courriel.mot_de_passe de l'environnement « rec »"):
        LecteurIMAP.de_configuration(config, "rec")
    monkeypatch.setenv("RECETTE_IMAP_MDP", "m0t-de-passe")
    lecteur = LecteurIMAP.de_configuration(config, "rec")
    assert lecteur.description == "imaps://imap.finances.gouv.fr:993/INBOX" and "m0t-de-passe" not in repr(lecteur)


def test_api_publique_du_paquet_courriel() -> None:
    import recette.courriel

    assert recette.courriel.__all__ == sorted(recette.courriel.__all__, key=lambda n: (not n.isupper(), n))
    assert all(hasattr(recette.courriel, nom) for nom in recette.courriel.__all__)
