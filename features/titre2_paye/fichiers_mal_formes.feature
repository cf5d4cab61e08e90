# language: fr
@titre2_paye
Fonctionnalité: Fichiers de paye mal formés : rejetés en nommant la ligne et le champ, sans rien intégrer à moitié
  En tant que gestionnaire de la chaîne RH-paye
  Je veux qu'un fichier vide, mal encodé ou aux lignes mal découpées soit rejeté avec la ligne et le champ en cause
  Afin de corriger le fichier émis par la DGFiP sans chercher, et sans imputation partielle non dite

  Contexte:
    Étant donné le jeu de données "paye" est chargé

  @majeur @evolution:EVO-2026-110
  Scénario: Un fichier vide est rejeté
    Étant donné un flux "flux-paye" vide
    Quand je dépose le flux
    Alors le flux est rejeté en entier avec le motif "Fichier vide : aucun enregistrement."

  @majeur @evolution:EVO-2026-110
  Scénario: Un fichier écrit en Windows-1252 au lieu d'UTF-8 est rejeté en nommant la ligne et l'octet
    Étant donné un flux "flux-paye" d'en-tête :
      | Champ               | Valeur                    |
      | identifiant de flux | PAY-MESR-{N}06-01         |
      | mois                | {N}06                     |
      | ministère           | MESR                      |
      | émetteur            | DGFiP Paye Île-de-France  |
    Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 100 000,00 | 4    |
    Et le flux est écrit en "cp1252"
    Quand je dépose le flux
    Alors le flux est rejeté en entier avec le motif "Encodage invalide ligne 1 : le fichier doit être en UTF-8 (octet 0xCE illisible)."

  @majeur @evolution:EVO-2026-110
  Scénario: Une ligne avec un champ de moins, ou un de trop, est rejetée seule, comptée pour zéro
    Étant donné un flux "flux-paye" d'en-tête :
      | Champ               | Valeur            |
      | identifiant de flux | PAY-MESR-{N}06-02 |
      | mois                | {N}06             |
      | ministère           | MESR              |
      | émetteur            | DGFIP PAY         |
    Et les lignes du flux :
      | centre financier    | domaine fonctionnel | activité     | catégorie | compte PCE     | montant    | ETPT | ligne brute                                                                         |
      | BG00/0150-CSUP-DR75 | 0150-01-01          | 015001010101 | 21        | PCE/6411100000 | 100 000,00 | 4    |                                                                                     |
      |                     |                     |              |           |                |            |      | 10;BG00/0150-CSUP-DR75;0150-01-01;015001010101;21;PCE/6411100000;5000,00            |
      |                     |                     |              |           |                |            |      | 10;BG00/0150-CSUP-DR75;0150-01-01;015001010101;21;PCE/6411100000;5000,00;1;en trop |
    Quand je dépose le flux
    Alors le compte rendu d'intégration indique le statut "intégré partiellement"
    Et le compte rendu d'intégration rejette les lignes :
      | Ligne | Motif                     |
      | 3     | 7 champs au lieu de 8.    |
      | 4     | 9 champs au lieu de 8.    |
    Et le rapprochement du compte rendu donne 100 000,00 € au fichier, 100 000,00 € intégrés et 0,00 € rejetés
