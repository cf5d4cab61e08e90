"""What a scheduled Webi document becomes: a file (CSV, XLSX, PDF) and an e-mail sent through a
real SMTP server (issue #17). No HTTP and no BO here: web/bo_planifications.py drives it.

The sandbox never fakes a delivery: no SMTP server configured, a server that does not answer or
refuses the message, and the schedule fails with a French reason naming the server.
"""

from __future__ import annotations

import datetime as dt
import re
import smtplib
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from chorus_sandbox import restitutions as r
from chorus_sandbox.domaine.erreurs import DonneeInvalide, ErreurChorus
from chorus_sandbox.domaine.montants import ESPACE_INSECABLE, format_montant

VARIABLE_SMTP = "CHORUS_SANDBOX_SMTP"
AUCUN_SMTP = "Aucun serveur SMTP n'est configuré pour le bac à sable"
DELAI_SMTP = 10.0  # seconds to connect to and talk with the SMTP server
PDF = "application/pdf"
#: Producer and creator written in the PDF; its dates are the report's data date (reproducible).
AUTEUR_PDF = "Chorus (bac à sable) - BusinessObjects Web Intelligence"
_ADRESSE = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*", re.ASCII)
_HOTE = re.compile(r"[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]", re.ASCII)


class EchecLivraison(ErreurChorus):
    """The e-mail could not be delivered (no server, server unreachable, message refused)."""


@dataclass(frozen=True)
class ServeurSMTP:
    hote: str
    port: int

    def __str__(self) -> str:
        return f"{self.hote}:{self.port}"


def lire_smtp(texte: str | None, origine: str = VARIABLE_SMTP) -> ServeurSMTP | None:
    """``hôte:port`` (``[::1]:2525`` for IPv6) as a server; None or empty: no server configured."""
    valeur = (texte or "").strip()
    if not valeur:
        return None
    hote, _, port = valeur.rpartition(":")
    if not _HOTE.fullmatch(hote) or not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise DonneeInvalide(f"{origine} : « {valeur[:80]} » n'est pas un serveur SMTP hôte:port "
                             "(ex. 127.0.0.1:2525)")
    return ServeurSMTP(hote.strip("[]"), int(port))


def verifier_adresse(adresse: str, champ: str) -> str:
    """A plain ``nom@domaine`` address (ASCII, no display name); French error naming it otherwise."""
    valeur = adresse.strip()
    if not _ADRESSE.fullmatch(valeur) or ".." in valeur or valeur.split("@")[1].startswith(("-", ".")):
        raise DonneeInvalide(f"Adresse de courriel invalide : « {adresse[:120]} » ({champ})")
    return valeur


def adresses(valeur: str | Sequence[str], champ: str) -> tuple[str, ...]:
    """Addresses separated by ``;`` or ``,`` (or a list of them), each checked."""
    morceaux = re.split(r"[;,]", valeur) if isinstance(valeur, str) else list(valeur)
    return tuple(verifier_adresse(a, champ) for a in morceaux if a.strip())


# --- Files --------------------------------------------------------------------------------------------
def produire(tableau: r.Tableau, format_: str, encodage_csv: str = "utf-8") -> r.Fichier:
    """The report in ``format_`` (csv, xlsx, pdf): CSV and XLSX are the interactive exports' own."""
    if format_ == "pdf":
        return r.Fichier(f"{tableau.restitution.code}_{tableau.exercice}.pdf", PDF, ecrire_pdf(tableau))
    return r.fichier(tableau, format_, encodage_csv)


def _texte_pdf(texte: str) -> str:
    """PDF core fonts speak cp1252: a narrow NBSP becomes a NBSP, anything else missing a ``?``."""
    propre = texte.replace(r.ESPACE_FINE, ESPACE_INSECABLE).replace("\u2019", "'")
    return propre.encode("cp1252", errors="replace").decode("cp1252")


def cellule_pdf(valeur: r.Cellule, nature: str) -> str:
    if valeur is None:
        return r.NON_AFFECTE
    if nature == r.MONTANT and isinstance(valeur, int):
        return format_montant(valeur, devise=False)
    if isinstance(valeur, dt.date):
        return valeur.strftime("%d/%m/%Y")
    return str(valeur)


def ecrire_pdf(tableau: r.Tableau) -> bytes:
    """The report as an A4 landscape PDF: its preamble, then its table (header repeated on each
    page, amounts right-aligned). Dated with the data's date: the same data give the same bytes."""
    from fpdf import FPDF
    from fpdf.enums import Align

    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_creation_date(tableau.mise_a_jour.replace(tzinfo=dt.UTC))
    pdf.set_title(_texte_pdf(tableau.restitution.titre))
    pdf.set_author(_texte_pdf(AUTEUR_PDF))
    pdf.set_creator(_texte_pdf(AUTEUR_PDF))
    pdf.set_producer(_texte_pdf(AUTEUR_PDF))
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, _texte_pdf(tableau.restitution.titre), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)
    for ligne in tableau.preambule()[1:]:
        pdf.multi_cell(0, 4.5, _texte_pdf(" ".join(ligne)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    alignements = tuple(Align.R if c.nature == r.MONTANT else Align.L for c in tableau.colonnes)
    pdf.set_font("Helvetica", "", 7)
    with pdf.table(text_align=alignements, line_height=4, first_row_as_headings=True) as table:
        table.row([_texte_pdf(c.entete) for c in tableau.colonnes])
        for cellules in tableau.lignes:
            table.row([_texte_pdf(cellule_pdf(v, c.nature)) for v, c in zip(cellules, tableau.colonnes, strict=True)])
    return bytes(pdf.output())


# --- E-mail -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Courriel:
    """An e-mail to send: sender, recipients, subject, text, and its attachment (or none)."""

    expediteur: str
    destinataires: tuple[str, ...]
    copies: tuple[str, ...]
    sujet: str
    message: str
    piece_jointe: r.Fichier | None


def composer(courriel: Courriel, date: dt.datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = courriel.expediteur
    message["To"] = ", ".join(courriel.destinataires)
    if courriel.copies:
        message["Cc"] = ", ".join(courriel.copies)
    message["Subject"] = courriel.sujet
    message["Date"] = format_datetime(date)
    message["Message-ID"] = make_msgid(domain="chorus-sandbox.invalid")
    message.set_content(courriel.message or " ")
    if courriel.piece_jointe is not None:
        principal, _, secondaire = courriel.piece_jointe.type_media.split(";")[0].partition("/")
        message.add_attachment(courriel.piece_jointe.contenu, maintype=principal, subtype=secondaire,
                               filename=courriel.piece_jointe.nom)
    return message


def envoyer(serveur: ServeurSMTP | None, courriel: Courriel, date: dt.datetime, delai: float = DELAI_SMTP) -> None:
    """Deliver through ``serveur`` with smtplib; every failure is an :class:`EchecLivraison` in French
    naming the server (and the refused addresses)."""
    if serveur is None:
        raise EchecLivraison(f"{AUCUN_SMTP} (option --smtp ou variable {VARIABLE_SMTP}=hôte:port)")
    message = composer(courriel, date)
    try:
        with smtplib.SMTP(serveur.hote, serveur.port, timeout=delai) as smtp:
            refuses = smtp.send_message(message, courriel.expediteur,
                                        [*courriel.destinataires, *courriel.copies])
    except smtplib.SMTPRecipientsRefused as exc:
        raise EchecLivraison(f"Le serveur SMTP {serveur} a refusé les destinataires : "
                             f"{_refus(exc.recipients)}") from None
    except smtplib.SMTPResponseException as exc:
        raise EchecLivraison(f"Le serveur SMTP {serveur} a refusé le courriel : {exc.smtp_code} "
                             f"{_texte_smtp(exc.smtp_error)}") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise EchecLivraison(f"Serveur SMTP injoignable : {serveur} ({_cause(exc, delai)})") from None
    if refuses:
        raise EchecLivraison(f"Le serveur SMTP {serveur} a refusé les destinataires : {_refus(refuses)}")


def _texte_smtp(texte: bytes | str) -> str:
    return (texte.decode("utf-8", errors="replace") if isinstance(texte, bytes) else texte).strip()[:200]


def _refus(refuses: dict[str, tuple[int, bytes]]) -> str:
    return ", ".join(f"{adresse} ({code} {_texte_smtp(texte)})" for adresse, (code, texte) in sorted(refuses.items()))


def _cause(exc: BaseException, delai: float) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connexion refusée"
    if isinstance(exc, TimeoutError):
        return f"pas de réponse en {delai:g} s"
    if isinstance(exc, socket.gaierror):
        return "nom d'hôte inconnu"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "connexion fermée par le serveur"
    return f"{type(exc).__name__} : {exc}"[:200]
