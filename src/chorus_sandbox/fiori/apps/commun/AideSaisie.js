/**
 * Value helps of the apps (centre financier, fournisseur, domaine fonctionnel, activité, tranche,
 * BOP, programme, and the source or destination of a mise à disposition, which mix two levels):
 * a sap.m.TableSelectDialog over the référentiel read from the API, searched as one types; the
 * chosen code goes into the Input (and its label into the Input's description).
 */
sap.ui.define([
	"sap/m/TableSelectDialog",
	"sap/m/Column",
	"sap/m/ColumnListItem",
	"sap/m/Text",
	"sap/ui/model/json/JSONModel",
	"sap/ui/model/Filter",
	"sap/ui/model/FilterOperator",
	"chorus/fiori/commun/Api"
], function (TableSelectDialog, Column, ColumnListItem, Text, JSONModel, Filter, FilterOperator, Api) {
	"use strict";

	var NATURES = {
		uo: {titre: "Centre financier", url: "/api/referentiel/uos",
			colonnes: [["code", "Centre financier"], ["libelle", "Libellé"], ["bop", "BOP"]], libelle: "libelle"},
		bop: {titre: "BOP", url: "/api/referentiel/bops",
			colonnes: [["code", "BOP"], ["libelle", "Libellé"], ["programme", "Programme"]], libelle: "libelle"},
		programme: {titre: "Programme", url: "/api/referentiel/programmes",
			colonnes: [["numero", "Programme"], ["libelle", "Libellé"]], libelle: "libelle"},
		fournisseur: {titre: "Fournisseur", url: "/api/referentiel/fournisseurs",
			colonnes: [["code", "Fournisseur"], ["raison_sociale", "Raison sociale"], ["siret", "SIRET"]],
			libelle: "raison_sociale"},
		domaine: {titre: "Domaine fonctionnel", url: "/api/referentiel/domaines-fonctionnels",
			colonnes: [["code", "Domaine fonctionnel"], ["libelle", "Libellé"]], libelle: "libelle"},
		activite: {titre: "Activité", url: "/api/referentiel/activites",
			colonnes: [["code", "Activité"], ["libelle", "Libellé"]], libelle: "libelle"},
		tranche: {titre: "Tranche fonctionnelle", url: "/api/tranches-fonctionnelles",
			colonnes: [["numero", "Tranche fonctionnelle"], ["libelle", "Libellé"], ["uo", "Centre financier"]],
			libelle: "libelle"},
		source: {titre: "Source", niveaux: ["programme", "bop"],
			colonnes: [["code", "Source"], ["libelle", "Libellé"], ["niveau", "Niveau"]], libelle: "libelle"},
		destination: {titre: "Destination", niveaux: ["bop", "uo"],
			colonnes: [["code", "Destination"], ["libelle", "Libellé"], ["niveau", "Niveau"]], libelle: "libelle"}
	};
	var NIVEAUX = {programme: "Programme", bop: "BOP", uo: "UO"};
	var lectures = {};

	/** The rows of a value help that mixes levels: each level's codes, with the level's name. */
	function niveaux(liste) {
		return Promise.all(liste.map(lignes)).then(function (resultats) {
			return [].concat.apply([], resultats.map(function (objets, rang) {
				return objets.map(function (o) {
					return {code: o.numero || o.code, libelle: o.libelle, niveau: NIVEAUX[liste[rang]]};
				});
			}));
		});
	}

	/** The rows of a value help, read once per page. */
	function lignes(nature) {
		if (!lectures[nature]) {
			var definition = NATURES[nature];
			var lecture = definition.niveaux ? niveaux(definition.niveaux) : Api.lire(definition.url);
			lectures[nature] = lecture.catch(function (erreur) {
				delete lectures[nature];
				throw erreur;
			});
		}
		return lectures[nature];
	}

	function filtre(colonnes, valeur) {
		if (!valeur) {
			return [];
		}
		return [new Filter({
			filters: colonnes.map(function (c) {
				return new Filter({path: c[0], operator: FilterOperator.Contains, value1: valeur, caseSensitive: false});
			}),
			and: false
		})];
	}

	function dialogue(nature, choisir) {
		var definition = NATURES[nature];
		var filtrer = function (evenement) {
			var valeur = evenement.getParameter("value");
			evenement.getSource().getBinding("items").filter(filtre(definition.colonnes, valeur));
		};
		var modele = new JSONModel({lignes: []});
		modele.setSizeLimit(100000);
		var boite = new TableSelectDialog({
			title: definition.titre,
			noDataText: "Aucune valeur",
			searchPlaceholder: "Rechercher",
			growingThreshold: 50,
			columns: definition.colonnes.map(function (c) {
				return new Column({header: new Text({text: c[1]})});
			}),
			items: {
				path: "/lignes",
				template: new ColumnListItem({cells: definition.colonnes.map(function (c) {
					return new Text({text: "{" + c[0] + "}"});
				})})
			},
			search: filtrer,
			liveChange: filtrer,
			confirm: function (evenement) {
				var choisi = evenement.getParameter("selectedItem");
				if (choisi) {
					choisir(choisi.getBindingContext().getObject());
				}
				boite.destroy();
			},
			cancel: function () {
				boite.destroy();
			}
		});
		boite.setModel(modele);
		return {boite: boite, modele: modele};
	}

	return {
		NATURES: NATURES,
		lignes: lignes,
		/** Forget the rows read for ``nature`` (after a creation: the next value help reads them again). */
		oublier: function (nature) {
			delete lectures[nature];
		},
		/** Open the value help of ``nature`` for ``champ`` (a sap.m.Input); ``apres(objet)`` after a choice. */
		ouvrir: function (vue, champ, nature, apres) {
			var definition = NATURES[nature];
			var d = dialogue(nature, function (objet) {
				champ.setValue(objet[definition.colonnes[0][0]]);
				champ.setDescription(objet[definition.libelle] || "");
				champ.setValueState("None");
				champ.fireChange({value: champ.getValue()});
				if (apres) {
					apres(objet);
				}
			});
			vue.addDependent(d.boite);
			d.boite.setBusyIndicatorDelay(0);
			d.boite.setBusy(true);
			d.boite.open("");
			lignes(nature).then(function (donnees) {
				d.modele.setProperty("/lignes", donnees);
				d.boite.setBusy(false);
			}, function (erreur) {
				d.boite.setBusy(false);
				d.boite.setNoDataText(erreur.message);
			});
		}
	};
});
