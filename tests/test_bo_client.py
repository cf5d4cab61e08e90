"""The BusinessObjects client (recette.bo, issue #17) against the sandbox's /biprws served in a
thread, plus BO response shapes recorded in docs/conception/bo-biprws.md read without a server,
and the ``bo:`` block of recette.yaml."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
import socket
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from chorus_sandbox import Bac, ServeurBac
from recette.bo import (
    ClientBO,
    DocumentBOInconnu,
    ErreurBO,
    FormatExportNonOffert,
    IdentifiantsBORefuses,
    InviteBOInvalide,
    InviteBOManquante,
    JetonBOInvalide,
    SemaineISO,
    ServeurBOIndisponible,
    arbre,
    client_bo,
    identifiants_bo,
    url_bo,
)
from recette.bo.client import jeu_de_donnees
from recette.bo.invites import invites
from recette.client import ClientChorus
from recette.config import charger
from recette.erreurs import ErreurConfiguration, ErreurEnvironnement
from recette.identifiants import valeurs_secretes
from recette.parametres import Exercice

DONNEES = Path(__file__).parent / "donnees"
SUIVI, SUBVENTION = 17001, 17002
NOM_SUIVI = "Suivi de la consommation des crédits"
DR75 = "BG00/0150-CSUP-DR75"
POSTE = {"montant": Decimal("1234.56"), "domaine_fonctionnel": "0150-01-02", "activite": "BG00/015001010101"}


def mot_de_passe() -> str:
    return os.environ["CHORUS_SANDBOX_MOT_DE_PASSE"]


class Enregistreur(httpx.HTTPTransport):
    """A real transport that keeps every request and the logon's answer header."""

    def __init__(self) -> None:
        super().__init__()
        self.requetes: list[httpx.Request] = []
        self.jetons_recus: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requetes.append(request)
        reponse = super().handle_request(request)
        if "x-sap-logontoken" in reponse.headers:
            self.jetons_recus.append(reponse.headers["x-sap-logontoken"])
        return reponse


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    """The sandbox (mini dataset) served on port 0, with one engagement of 1 234,56 € on the DR75 UO."""
    bac = Bac(jeu="mini", fixtures=DONNEES)
    with ServeurBac(bac) as serveur:
        session, _cookies = ClientChorus(serveur.url).connecter("recette.nationale", mot_de_passe())
        api = ClientChorus(serveur.url, jeton=session["jeton"])
        api.engager(DR75, "3", "1000012345", [POSTE], "Maintenance")
        api.fermer()
        yield f"{serveur.url}/biprws"
    bac.fermer()


@pytest.fixture
def enregistreur() -> Enregistreur:
    return Enregistreur()


@pytest.fixture
def bo(url: str, enregistreur: Enregistreur) -> Iterator[ClientBO]:
    with ClientBO(url, transport=enregistreur) as client:
        client.logon("recette.nationale", mot_de_passe())
        yield client


def cents(texte: str) -> int:
    """An infocentre amount (``"51 234,56"``, NBSP thousands, decimal comma) in integer cents."""
    propre = texte.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return int(Decimal(propre) * 100)


def lignes_csv(contenu: bytes) -> list[list[str]]:
    """The data rows of an export (after its 3-line preamble and its header)."""
    assert contenu.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(contenu.decode("utf-8-sig")), delimiter=";"))[4:]


def brut(url: str, jeton: str) -> httpx.Response:
    """A call outside the client, with a token it had: is that session still alive?"""
    return httpx.get(f"{url}/raylight/v1/documents", headers={"X-SAP-LogonToken": jeton,
                                                              "Accept": "application/json"})


# --- Session ----------------------------------------------------------------------------------------
def test_le_jeton_est_renvoye_tel_que_recu_sur_chaque_appel(url: str, enregistreur: Enregistreur) -> None:
    with ClientBO(url, transport=enregistreur) as client:
        client.logon("recette.nationale", mot_de_passe())
        client.documents()
        client.invites(SUIVI)
    (jeton,) = enregistreur.jetons_recus
    assert jeton.startswith('"') and jeton.endswith('"') and "&" in jeton
    logon, *suivantes = enregistreur.requetes
    assert logon.url.path == "/biprws/logon/long" and "x-sap-logontoken" not in logon.headers
    assert json.loads(logon.content) == {"userName": "recette.nationale", "password": mot_de_passe(),
                                         "auth": "secEnterprise"}
    assert [r.url.path for r in suivantes][-1] == "/biprws/logoff"
    assert [r.headers["x-sap-logontoken"] for r in suivantes] == [jeton] * len(suivantes)
    assert brut(url, jeton).status_code == 401  # logged off: BO refuses the token


def test_la_sortie_du_with_deconnecte_meme_sur_erreur(url: str, enregistreur: Enregistreur) -> None:
    with pytest.raises(RuntimeError, match="panne du scénario"), ClientBO(url, transport=enregistreur) as client:
        client.logon("recette.nationale", mot_de_passe())
        assert brut(url, enregistreur.jetons_recus[0]).status_code == 200
        raise RuntimeError("panne du scénario")
    assert enregistreur.requetes[-1].url.path == "/biprws/logoff" and not client.connecte
    assert brut(url, enregistreur.jetons_recus[0]).json()["error"]["error_code"] == "WSR 00002"


def test_un_jeton_nu_au_choix(url: str, enregistreur: Enregistreur) -> None:
    with ClientBO(url, transport=enregistreur, jeton_entre_guillemets=False) as client:
        client.logon("recette.nationale", mot_de_passe())
        client.documents()
    assert enregistreur.requetes[1].headers["x-sap-logontoken"] == enregistreur.jetons_recus[0].strip('"')


# --- Documents, prompts, reports ---------------------------------------------------------------------
def test_documents_page_par_page(url: str, enregistreur: Enregistreur) -> None:
    with ClientBO(url, transport=enregistreur, limite_page=1) as client:
        client.logon("recette.nationale", mot_de_passe())
        documents = client.documents()
        assert client.document(NOM_SUIVI).id == SUIVI
    vus = [(d.id, d.nom) for d in documents]
    assert {(SUBVENTION, "Paiements aux associations (Data.Subvention)"), (SUIVI, NOM_SUIVI)} <= set(vus)
    assert [nom for _id, nom in vus] == sorted(nom for _id, nom in vus) and len(set(vus)) == len(vus)
    pages = [r.url.params["offset"] for r in enregistreur.requetes if r.url.path.endswith("/documents")]
    assert pages[:len(vus) + 1] == [str(n) for n in range(len(vus) + 1)]  # the last is BO's 404 WSR 00400: end of the list


def test_invites_lues_avec_leurs_valeurs(bo: ClientBO) -> None:
    exercice, programme = bo.invites(SUIVI, lov=True)
    assert (exercice.id, exercice.nom, exercice.obligatoire, exercice.type_reponse) == (0, "Exercice", True, "Text")
    assert (programme.nom, programme.obligatoire, programme.cardinalite) == ("Programme", False, "Single")
    assert {"0150", "0217"} <= set(programme.valeurs_possibles)


def test_export_csv_exact_en_centimes(bo: ClientBO) -> None:
    document = bo.document(NOM_SUIVI)
    bo.repondre(document, {"Exercice": Exercice(annee=2026)})
    par_uo = {(x[0], x[2]): [cents(m) for m in x[3:]] for x in lignes_csv(bo.exporter(document, 2)) if x}
    assert par_uo == {
        (DR75, "T3"): [20_000_000, 5_123_456, 14_876_544, 10_000_000, 2_000_000, 8_000_000],
        (DR75, "T5"): [60_000_000, 10_000_000, 30_000_000, 10_000_000, 0, 10_000_000],
    }
    jeu = bo.dataset(document, 2)
    assert jeu.entetes[:4] == ["Centre financier", "Centre financier", "Titre", "AE ouvertes"]
    assert [cents(v) for v in jeu.lignes[0][3:]] == par_uo[(DR75, "T3")]  # the same figures, point decimal
    assert bo.exporter(document, 2, "xlsx")[:2] == b"PK"


def test_le_code_programme_garde_son_zero(bo: ClientBO, enregistreur: Enregistreur) -> None:
    bo.repondre(SUIVI, {0: 2026, "Programme": "0217"})
    envoye = json.loads(enregistreur.requetes[-1].content)["parameters"]["parameter"]
    assert envoye == [{"id": 0, "answer": {"values": {"value": ["2026"]}}},
                      {"id": 1, "answer": {"values": {"value": ["0217"]}}}]
    assert {ligne[0] for ligne in bo.dataset(SUIVI, 1).lignes} == {"0217"}


def test_semaine_iso_et_rapports(bo: ClientBO) -> None:
    assert [(r.id, r.nom) for r in bo.rapports(SUIVI)] == [(1, "Par programme et titre"), (2, "Par UO")]
    (seul,) = bo.rapports(SUBVENTION)  # one report: BO's bare object, read as a list
    bo.repondre(SUBVENTION, {"Semaine": SemaineISO.de(dt.date(2026, 3, 18))})
    assert bo.invites(SUBVENTION)[0].valeurs == ("2026-W12",)
    assert bo.dataset(SUBVENTION, seul).entetes[:2] == ["N° EJ", "N° poste EJ"]
    bo.fermer(SUBVENTION)
    assert bo.invites(SUBVENTION)[0].valeurs == ()  # closed: its answers dropped


def test_perimetre_un_utilisateur_regional_n_exporte_que_ses_lignes(url: str) -> None:
    with ClientBO(url) as regional:
        regional.logon("ruo.dr75", mot_de_passe())
        regional.repondre(SUIVI, {"Exercice": 2026})
        assert {x[0] for x in lignes_csv(regional.exporter(SUIVI, 2)) if x} == {DR75}
        assert [x for x in lignes_csv(regional.exporter(SUIVI, 1)) if x] == []
    with ClientBO(url) as national:
        national.logon("recette.nationale", mot_de_passe())
        national.repondre(SUIVI, {"Exercice": 2026})
        assert {x[0] for x in lignes_csv(national.exporter(SUIVI, 1)) if x} == {"0150", "0217"}


# --- Errors -------------------------------------------------------------------------------------------
def test_mauvais_identifiants(url: str) -> None:
    with ClientBO(url) as client, pytest.raises(IdentifiantsBORefuses) as erreur:
        client.logon("rbop.csup", "pas-le-bon-mot-de-passe")
    message = str(erreur.value)
    assert message.startswith(f"Connexion à BusinessObjects refusée pour l'utilisateur « rbop.csup » sur {url}")
    assert "(FWB 00008 : « Account information not recognized" in message
    assert "pas-le-bon-mot-de-passe" not in message and erreur.value.code == "FWB 00008"
    with ClientBO(url, auth="secLDAP") as ldap, pytest.raises(IdentifiantsBORefuses):
        ldap.logon("recette.nationale", mot_de_passe())  # an auth type the server has not configured


def test_jeton_expire(url: str, enregistreur: Enregistreur) -> None:
    with ClientBO(url, transport=enregistreur) as client:
        client.logon("recette.nationale", mot_de_passe())
        httpx.post(f"{url}/logoff", headers={"X-SAP-LogonToken": enregistreur.jetons_recus[0]})  # killed elsewhere
        with pytest.raises(JetonBOInvalide, match=r"jeton absent, invalide ou expiré, reconnectez-vous \(WSR 00002"):
            client.documents()
        with pytest.raises(JetonBOInvalide, match="FWM 02024"):
            client.logoff()
        assert not client.connecte
    with ClientBO(url, transport=enregistreur) as ferme:  # expired before leaving the with: no error
        ferme.logon("recette.nationale", mot_de_passe())
        httpx.post(f"{url}/logoff", headers={"X-SAP-LogonToken": enregistreur.jetons_recus[1]})
    assert enregistreur.requetes[-1].url.path == "/biprws/logoff" and not ferme.connecte


def test_document_inconnu(bo: ClientBO) -> None:
    with pytest.raises(DocumentBOInconnu, match="Document BusinessObjects introuvable : « Budget 2031 »"):
        bo.document("Budget 2031")
    with pytest.raises(DocumentBOInconnu) as erreur:
        bo.invites(99999)
    assert "« 99999 »" in str(erreur.value) and "(WSR 00400 : « The resource of type \"Document\"" in str(erreur.value)


def test_rapport_inconnu_erreur_bo_generique(bo: ClientBO) -> None:
    with pytest.raises(ErreurBO) as erreur:
        bo.exporter(SUIVI, 9)
    assert type(erreur.value) is ErreurBO and erreur.value.code == "WSR 00400"
    assert "BusinessObjects a refusé GET" in str(erreur.value) and 'type "Report"' in str(erreur.value)


@pytest.mark.parametrize(("reponses", "classe", "attendu"), [
    ({"Programme": "0150"}, InviteBOManquante,
     f"Invite « Exercice » du document « {SUIVI} » : BusinessObjects demande encore une réponse"),
    ({"Exercice": ""}, InviteBOInvalide,
     (f"Invite « Exercice » du document « {SUIVI} » : réponse refusée par BusinessObjects (WSR 00100 : "
     "« Invite « Exercice » : une réponse est obligatoire")),
    ({"Exercice": 2026, "Programme": "150"}, InviteBOInvalide,
     (f"Invite « Programme » du document « {SUIVI} » : réponse refusée par BusinessObjects (WSR 00101 : "
     "« Invite « Programme » : Code programme invalide : « 150 »")),
    ({"Exercice": Exercice(decalage=1)}, InviteBOInvalide,
     f"Invite « Exercice » du document « {SUIVI} » : exercice relatif « N+1 » : donnez l'année"),
    ({"Année": 2026}, InviteBOInvalide,
     f"Invite « Année » du document « {SUIVI} » : invite inconnue (invites du document : 0 « Exercice »"),
])
def test_invite_manquante_ou_malformee(bo: ClientBO, reponses: dict[str | int, object], classe: type,
                                       attendu: str) -> None:
    with pytest.raises(classe) as erreur:
        bo.repondre(SUIVI, reponses)  # type: ignore[arg-type]
    assert str(erreur.value).startswith(attendu), str(erreur.value)


def test_invite_nommee_dans_le_nom_du_document(bo: ClientBO) -> None:
    with pytest.raises(InviteBOInvalide, match="Invite « Semaine » du document « Paiements aux associations"):
        bo.repondre(bo.document("Paiements aux associations (Data.Subvention)"), {"Semaine": "2025-W53"})


def test_format_d_export_non_offert(bo: ClientBO) -> None:
    with pytest.raises(FormatExportNonOffert) as erreur:
        bo.exporter(SUIVI, 1, "pdf")  # known to the client, not produced by this server: BO's 406
    assert str(erreur.value).startswith("Format d'export « pdf » non offert par BusinessObjects")
    assert (erreur.value.statut, erreur.value.code) == (406, "WSR 00501")
    with pytest.raises(FormatExportNonOffert, match="« docx » .* formats connus : csv, pdf, xls, xlsx"):
        bo.exporter(SUIVI, 1, "docx")


def test_serveur_injoignable() -> None:
    with socket.socket() as libre:
        libre.bind(("127.0.0.1", 0))
        port = libre.getsockname()[1]
    client = ClientBO(f"http://127.0.0.1:{port}/biprws")
    with pytest.raises(ServeurBOIndisponible) as erreur:
        client.logon("recette.nationale", "secret-jamais-montre")
    assert str(erreur.value) == f"BusinessObjects injoignable : http://127.0.0.1:{port}/biprws/logon/long (ConnectError)"
    assert isinstance(erreur.value, ErreurEnvironnement) and erreur.value.__suppress_context__
    assert erreur.value.__cause__ is None


def test_serveur_qui_ne_repond_pas_dans_le_delai() -> None:
    with socket.socket() as muet:  # accepts connections (backlog), never answers
        muet.bind(("127.0.0.1", 0))
        muet.listen(1)
        url = f"http://127.0.0.1:{muet.getsockname()[1]}/biprws"
        with ClientBO(url, delai=0.3) as client, pytest.raises(ServeurBOIndisponible) as erreur:
            client.logon("recette.nationale", "secret-jamais-montre")
    assert str(erreur.value) == f"BusinessObjects ne répond pas dans le délai de 0.3 s : {url}/logon/long"


def test_ni_jeton_ni_mot_de_passe_dans_les_messages_repr_et_journaux(url: str, enregistreur: Enregistreur,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    textes = []
    with ClientBO(url, transport=enregistreur) as client:
        client.logon("recette.nationale", mot_de_passe())
        textes.append(repr(client))
        for action in (lambda: client.repondre(SUIVI, {"Exercice": "20x6"}), lambda: client.exporter(SUIVI, 1, "pdf"),
                       lambda: client.invites(4242), lambda: client.exporter(SUIVI, 9)):
            with pytest.raises(ErreurBO) as erreur:
                action()
            textes += [str(erreur.value), repr(erreur.value), erreur.value.message_bo]
        httpx.post(f"{url}/logoff", headers={"X-SAP-LogonToken": enregistreur.jetons_recus[0]})
        with pytest.raises(JetonBOInvalide) as expire:
            client.documents()
        with pytest.raises(JetonBOInvalide) as deconnexion:
            client.logoff()
        textes += [str(expire.value), repr(expire.value), str(deconnexion.value)]
    with ClientBO(url) as autre, pytest.raises(IdentifiantsBORefuses) as refus:
        autre.logon("recette.nationale", mot_de_passe() + "x")
    textes += [str(refus.value), repr(refus.value), *(r.getMessage() for r in caplog.records)]
    assert any("BusinessObjects GET" in r.getMessage() for r in caplog.records)  # the client does log
    jeton = enregistreur.jetons_recus[0]
    for secret in (mot_de_passe(), jeton, jeton.strip('"'), jeton.split("UP&S9=")[1][:20]):
        assert not [t for t in textes if secret in t], secret


# --- Recorded BO shapes, read without a server -----------------------------------------------------
@pytest.mark.parametrize(("corps", "type_", "attendu"), [
    ((b'<?xml version="1.0" encoding="UTF-8"?>\n<error>\n    <error_code>WSR 00400</error_code>\n'
     b"    <message>The resource of type \"Document\" with identifier \"4242\" does not exist.</message>\n</error>"),
     "application/xml", ("WSR 00400", 'The resource of type "Document" with identifier "4242" does not exist.')),
    (b'{"error": {"error_code": "WSR 00100", "message": "Rule not respected"}}', "application/json",
     ("WSR 00100", "Rule not respected")),
    ((b'{"error_code": "FWB 00008", "message": "Account information not recognized: Please make sure your logon '
     b'information is correct. (FWB 00008)"}'), "application/json",
     ("FWB 00008", ("Account information not recognized: Please make sure your logon information is correct. "
                   "(FWB 00008)"))),
    (b"<html><body>502 Bad Gateway</body></html>", "text/html", ("", "<html><body>502 Bad Gateway</body></html>")),
    (b"<error><error_code>002</error_code><message>Invalid logon token</message></error>", "", ("002",
                                                                                               "Invalid logon token")),
])
def test_corps_d_erreur_de_bo(corps: bytes, type_: str, attendu: tuple[str, str]) -> None:
    assert arbre.erreur(corps, type_) == attendu


def test_collection_d_un_element_donnee_en_objet_nu() -> None:
    jeu = jeu_de_donnees({"dataset": {"metadata": {"value": {"@type": "Numeric", "$": "Sales revenue"}},
                                      "row": {"value": "910451.2"}}})
    assert (jeu.colonnes, jeu.lignes) == ((("Sales revenue", "Numeric"),), (("910451.2",),))
    xml = arbre.lire(b'<dataset><metadata><value type="String">Country</value><value type="Numeric">Revenue</value>'
                     b"</metadata><row><value>Germany</value><value/></row></dataset>", "application/xml")
    assert jeu_de_donnees(xml).lignes == (("Germany", ""),)


def test_invites_d_une_variable_bw_reelle() -> None:
    reel = {"parameters": {"parameter": [{
        "@optional": "false", "@type": "sapVariable", "@dpId": "DP0", "id": 0, "technicalName": "YUPM0001",
        "name": "Fiscal Year/Period",
        "answer": {"@constrained": "false", "@type": "Text", "info": {
            "@cardinality": "Single",
            "lov": {"values": {"value": [{"@id": "2019002", "$": "February 2019"}]}},
            "previous": {"value": [{"@id": "2019002", "$": "February 2019"}]}},
            "values": {"value": [{"@id": "2019002", "$": "February 2019"}]}}}]}}
    (invite,) = invites(reel)
    assert (invite.id, invite.nom, invite.nom_technique, invite.obligatoire) == (0, "Fiscal Year/Period", "YUPM0001",
                                                                                  True)
    assert (invite.valeurs, invite.valeurs_possibles) == (("February 2019",), ("February 2019",))


def test_refus_en_xml_traduits_sans_serveur() -> None:
    def bo_enregistre(requete: httpx.Request) -> httpx.Response:
        if requete.url.path.endswith("/logon/long"):
            return httpx.Response(200, headers={"X-SAP-LogonToken": '"h:6400@{3&2=1,UP}"'},
                                  json={"logonToken": "h:6400@{3&2=1,UP}"})
        if requete.url.path.endswith("/4242/parameters"):
            return httpx.Response(404, headers={"Content-Type": "application/xml"}, content=(
                b"<error><error_code>WSR 00400</error_code><message>The resource of type \"Document\" with "
                b"identifier \"4242\" does not exist.</message></error>"))
        if requete.url.path.endswith("/7/parameters"):  # a wrong base URL: no such service, not no such document
            return httpx.Response(404, json={"error_code": "RWS 00005", "message": "Not found (RWS 00005)"})
        return httpx.Response(500, json={"error": {"error_code": "WSR 00999", "message": "Internal error"}})

    client = ClientBO("https://bo.invalid:6405/biprws", transport=httpx.MockTransport(bo_enregistre))
    client.logon("u", "secret-du-test")
    with pytest.raises(DocumentBOInconnu, match="« 4242 » sur https://bo.invalid:6405/biprws/raylight/v1/documents/"
                                                "4242/parameters \\(WSR 00400"):
        client.invites(4242)
    with pytest.raises(ServeurBOIndisponible, match="BusinessObjects en erreur 500 .*WSR 00999 : « Internal error »"):
        client.rapports(1)
    with pytest.raises(ErreurBO) as erreur:
        client.invites(7)
    assert type(erreur.value) is ErreurBO and "(HTTP 404) (RWS 00005" in str(erreur.value)


def test_semaine_iso() -> None:
    assert str(SemaineISO.lire("2026-W03")) == "2026-W03" and str(SemaineISO.de(dt.date(2027, 1, 1))) == "2026-W53"
    with pytest.raises(ValueError):
        SemaineISO(2025, 53)


# --- The bo: block of recette.yaml ------------------------------------------------------------------
def _ecrire(tmp_path: Path, texte: str) -> Path:
    chemin = tmp_path / "recette.yaml"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def test_bloc_bo_lu_et_identifiants_des_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configuration = charger(_ecrire(tmp_path, (
        "environnements:\n  recette:\n    url: https://chorus.invalid\n    bo:\n"
        "      url: https://bo.invalid:6405/biprws/\n      auth: secLDAP\n"
        "      identifiant: RECETTE_BO_UTILISATEUR\n      mot_de_passe: RECETTE_BO_MOT_DE_PASSE\n")))
    env = configuration.environnement("recette")
    assert env.bo is not None and (env.bo.auth, url_bo(env)) == ("secLDAP", "https://bo.invalid:6405/biprws")
    monkeypatch.setenv("RECETTE_BO_UTILISATEUR", "expert.bo")
    monkeypatch.delenv("RECETTE_BO_MOT_DE_PASSE", raising=False)
    with pytest.raises(ErreurConfiguration, match="RECETTE_BO_MOT_DE_PASSE \\(bo.mot_de_passe de l'environnement "
                                                  "« recette »\\) n'est pas définie"):
        identifiants_bo(env)
    monkeypatch.setenv("RECETTE_BO_MOT_DE_PASSE", "motdepasse-bo")
    identifiants = identifiants_bo(env)
    assert (identifiants.utilisateur, identifiants.mot_de_passe) == ("expert.bo", "motdepasse-bo")
    assert "motdepasse-bo" not in repr(identifiants) and "motdepasse-bo" in valeurs_secretes(env)  # masked


def test_bac_a_sable_sans_bloc_bo(url: str) -> None:
    env = charger(Path("absent.yaml")).environnement(None)
    assert url_bo(env, url.removesuffix("/biprws")) == url
    assert identifiants_bo(env).utilisateur == "recette.nationale"  # the campaign's user
    with client_bo(env, url.removesuffix("/biprws")) as bo:
        assert bo.connecte and bo.document(NOM_SUIVI).id == SUIVI
    assert not bo.connecte


@pytest.mark.parametrize(("bloc", "ligne", "fragment"), [
    ("    bo:\n      url: ftp://bo\n", 5, "clé « environnements.r.bo.url » : doit commencer par http://"),
    ("    bo:\n      auth: secKerberos\n      url: https://bo\n", 5, "« secKerberos » inconnu"),
    ("    bo:\n      url: https://bo\n      mot_de_passe: s3cr3t!\n", 6, "bo.mot_de_passe » : le nom d'une variable"),
    ("    bo:\n      auth: secEnterprise\n", 5, "clé « environnements.r.bo.url » : « url » est obligatoire"),
    ("    bo:\n      adresse: https://bo\n", 5, "clé « environnements.r.bo.adresse » : clé inconnue"),
])
def test_erreurs_du_bloc_bo(tmp_path: Path, bloc: str, ligne: int, fragment: str) -> None:
    chemin = _ecrire(tmp_path, "environnements:\n  r:\n    url: https://chorus.invalid\n" + bloc)
    with pytest.raises(ErreurConfiguration) as erreur:
        charger(chemin)
    assert str(erreur.value).startswith(f"{chemin}, ligne {ligne}"), str(erreur.value)
    assert fragment in str(erreur.value)


def test_le_filtre_masque_l_en_tete_du_jeton_dans_les_journaux_http(caplog: pytest.LogCaptureFixture) -> None:
    from recette.journaux_http import filtre_secrets

    filtre_secrets.installer()
    caplog.set_level(logging.DEBUG)
    logging.getLogger("httpcore.http11").debug("return_value=%s", [(b"x-sap-logontoken", b'"h:6400@{3&2=1,UP}"')])
    logging.getLogger("httpx").debug("en-têtes %s", {"X-SAP-LogonToken": '"h:6400@{3&2=2,UP}"'})
    assert [r.getMessage() for r in caplog.records] == ["return_value=[(b'x-sap-logontoken', b'********')]",
                                                        "en-têtes {'X-SAP-LogonToken': ********}"]


def test_api_publique_du_paquet() -> None:
    import recette.bo

    assert recette.bo.__all__ == sorted(recette.bo.__all__, key=lambda n: (not n.isupper(), n))
    assert all(hasattr(recette.bo, nom) for nom in recette.bo.__all__)


def test_jeton_du_corps_mis_entre_guillemets_et_offset_ignore() -> None:
    """A BO that gives the token in its body only (no header), and ignores ``offset``: the client
    quotes the token itself and stops paging instead of looping."""
    def bo_enregistre(requete: httpx.Request) -> httpx.Response:
        if requete.url.path.endswith("/logon/long"):
            return httpx.Response(200, content=(
                b'<entry xmlns="http://www.w3.org/2005/Atom"><content type="application/xml">'
                b'<attrs xmlns="http://www.sap.com/rws/bip"><attr name="logonToken" type="string">'
                b"h:6400@{3&amp;2=7,UP}</attr></attrs></content></entry>"), headers={"Content-Type": "application/xml"})
        assert requete.headers["x-sap-logontoken"] == '"h:6400@{3&2=7,UP}"'
        return httpx.Response(200, json={"documents": {"document": {"id": 5, "name": "Seul", "state": "Unused"}}})

    client = ClientBO("https://bo.invalid/biprws", transport=httpx.MockTransport(bo_enregistre), limite_page=1)
    client.logon("u", "secret-du-test")
    assert [(d.id, d.nom, d.etat) for d in client.documents()] == [(5, "Seul", "Unused")]


def test_un_objet_rendu_au_lieu_du_fichier_est_une_erreur() -> None:
    def bo_enregistre(requete: httpx.Request) -> httpx.Response:
        if requete.url.path.endswith("/logon/long"):
            return httpx.Response(200, headers={"X-SAP-LogonToken": '"h:6400@{3&2=8,UP}"'})
        if requete.url.path.endswith("/reports/1"):  # the report's detail instead of its export
            return httpx.Response(200, json={"report": {"id": 1, "name": "R"}})
        return httpx.Response(200, content=b"a;b\r\n", headers={"Content-Type": "application/octet-stream"})

    client = ClientBO("https://bo.invalid/biprws", transport=httpx.MockTransport(bo_enregistre))
    client.logon("u", "secret-du-test")
    with pytest.raises(ErreurBO, match="a répondu « application/json » au lieu de « text/csv »"):
        client.exporter(7, 1)
    assert client.exporter(7, 2) == b"a;b\r\n"  # a file of another declared type is given as received
