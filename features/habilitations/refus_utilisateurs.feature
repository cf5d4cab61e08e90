# language: fr
@habilitations
Fonctionnalité: Refus des saisies et des opérations de paramétrage des utilisateurs sans objet
  En tant qu'administrateur du pôle Chorus
  Je veux qu'un identifiant ou un nom mal saisi, un doublon ou une opération sans objet soit refusé avec sa raison
  Afin que les habilitations restent exactes et que personne ne se retire lui-même l'accès

  Contexte:
    Étant donné le jeu de données "standard" est chargé
    Et que je suis connecté en tant que l'utilisateur "admin.pole"

  @majeur @evolution:EVO-2026-102
  Plan du Scénario: Un utilisateur mal saisi ou déjà existant n'est pas créé
    Quand je crée l'utilisateur "<identifiant>" nommé "<nom>"
    Alors l'opération est refusée avec le message "<message>"
    Et l'utilisateur "camille.martin" n'existe pas

    Exemples:
      | identifiant    | nom                                                                                                                         | message                                                                                                                         |
      | Camille Martin | Camille Martin                                                                                                              | Identifiant invalide : « Camille Martin » (3 à 40 caractères : minuscules, chiffres, point, tiret, souligné ; ex. camille.martin) |
      | camille.martin | Camille Martin – gestionnaire du centre financier Île-de-France, enseignement supérieur, établissements et pilotage national | Nom : 120 caractères au plus                                                                                                    |
      | sophie.garnier | Sophie Garnier                                                                                                              | L'utilisateur sophie.garnier existe déjà                                                                                        |

  @majeur @evolution:EVO-2026-102
  Scénario: Un utilisateur sans nom n'est pas créé
    Quand je crée l'utilisateur "camille.martin" nommé " "
    Alors l'opération est refusée avec le message "Nom : champ obligatoire"
    Et l'utilisateur "camille.martin" n'existe pas

  @critique @evolution:EVO-2026-102
  Scénario: Un administrateur ne peut pas suspendre son propre compte
    Quand je suspends l'utilisateur "admin.pole"
    Alors l'opération est refusée avec le message "Vous ne pouvez pas suspendre votre propre compte"

  @majeur @evolution:EVO-2026-102
  Scénario: Un rôle-territoire déjà attribué ne l'est pas une seconde fois
    Quand j'attribue le rôle "RUO" sur le périmètre "BG00/0150-CSUP-DR75" à l'utilisateur "sophie.garnier"
    Alors l'opération est refusée avec le message "L'utilisateur sophie.garnier a déjà le rôle RUO sur BG00/0150-CSUP-DR75"
    Et l'utilisateur "sophie.garnier" a les rôles-territoires :
      | Rôle | Périmètre           |
      | RUO  | BG00/0150-CSUP-DR75 |

  @mineur @evolution:EVO-2026-102
  Scénario: La fiche d'un utilisateur inconnu n'existe pas
    Quand j'ouvre l'adresse "/utilisateurs/jean.inconnu"
    Alors l'opération est refusée avec le message "Utilisateur inconnu : jean.inconnu"

  # Le service de paramétrage (API de Chorus) reçoit des opérations que la fiche de l'utilisateur ne
  # propose pas dans cet état (le bouton « Suspendre » d'un compte suspendu n'est pas affiché) :
  # il les refuse lui-même.

  @mineur @evolution:EVO-2026-102
  Plan du Scénario: Le service de paramétrage refuse une opération sans objet
    Quand j'appelle le service "POST /api/utilisateurs/<identifiant>/<operation>" avec :
      """
      <corps>
      """
    Alors le service refuse la demande avec le statut 409 et le message "<message>"

    Exemples:
      | identifiant    | operation     | corps                                                   | message                                                                  |
      | ines.caron     | suspension    | {}                                                      | L'utilisateur ines.caron est déjà suspendu                               |
      | sophie.garnier | reactivation  | {}                                                      | L'utilisateur sophie.garnier est déjà actif                              |
      | sophie.garnier | roles/retrait | {"role": "RUO", "perimetre": "BG00/0150-CSUP-DR69"}     | L'utilisateur sophie.garnier n'a pas le rôle RUO sur BG00/0150-CSUP-DR69 |
