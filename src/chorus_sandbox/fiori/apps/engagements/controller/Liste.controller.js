sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/ui/model/json/JSONModel",
	"sap/ui/model/Filter",
	"sap/ui/model/FilterOperator",
	"sap/m/MessageBox",
	"chorus/fiori/commun/Api",
	"chorus/fiori/commun/AideSaisie"
], function (Controller, JSONModel, Filter, FilterOperator, MessageBox, Api, AideSaisie) {
	"use strict";

	function contient(chemin, valeur) {
		return new Filter({path: chemin, operator: FilterOperator.Contains, value1: valeur, caseSensitive: false});
	}

	/** The distinct statuses of the list, after "Tous". */
	function statuts(engagements) {
		var vus = [];
		engagements.forEach(function (ej) {
			if (vus.indexOf(ej.statut) < 0) {
				vus.push(ej.statut);
			}
		});
		return [{cle: "", texte: "Tous"}].concat(vus.sort().map(function (s) {
			return {cle: s, texte: s};
		}));
	}

	return Controller.extend("chorus.fiori.engagements.controller.Liste", {
		onInit: function () {
			this._modele = new JSONModel({engagements: [], statuts: [{cle: "", texte: "Tous"}], nombre: 0,
				occupe: false, resumeFiltres: "Aucun filtre", filtres: {uo: "", statut: "", fournisseur: ""}});
			this._modele.setSizeLimit(100000);
			this.getView().setModel(this._modele, "liste");
			this.getOwnerComponent().getRouter().getRoute("engagements")
				.attachPatternMatched(this.charger, this);
		},

		charger: function () {
			var modele = this._modele;
			modele.setProperty("/occupe", true);
			return Promise.all([Api.lire("/api/engagements"), AideSaisie.lignes("fournisseur")])
				.then(function (resultats) {
					var noms = {};
					resultats[1].forEach(function (f) {
						noms[f.code] = f.raison_sociale;
					});
					resultats[0].forEach(function (ej) {
						ej.fournisseur_libelle = ej.fournisseur + (noms[ej.fournisseur] ? " – " + noms[ej.fournisseur] : "");
					});
					modele.setProperty("/engagements", resultats[0]);
					modele.setProperty("/statuts", statuts(resultats[0]));
					this.onFiltrer();
				}.bind(this), function (erreur) {
					MessageBox.error(erreur.message);
				}).finally(function () {
					modele.setProperty("/occupe", false);
				});
		},

		onFiltrer: function () {
			var f = this._modele.getProperty("/filtres");
			var filtres = [];
			var resume = [];
			if (f.uo.trim()) {
				filtres.push(contient("uo", f.uo.trim()));
				resume.push("UO : " + f.uo.trim());
			}
			if (f.statut) {
				filtres.push(new Filter("statut", FilterOperator.EQ, f.statut));
				resume.push("Statut : " + f.statut);
			}
			if (f.fournisseur.trim()) {
				filtres.push(contient("fournisseur_libelle", f.fournisseur.trim()));
				resume.push("Fournisseur : " + f.fournisseur.trim());
			}
			this._modele.setProperty("/resumeFiltres", resume.length ? resume.join(" · ") : "Aucun filtre");
			this.byId("tableEngagements").getBinding("items").filter(filtres.length ? new Filter({filters: filtres, and: true}) : []);
		},

		onMiseAJour: function (evenement) {
			this._modele.setProperty("/nombre", evenement.getParameter("total"));
		},

		onActualiser: function () {
			this.charger();
		},

		onAideUo: function () {
			AideSaisie.ouvrir(this.getView(), this.byId("filtreUo"), "uo");
		},

		onAideFournisseur: function () {
			AideSaisie.ouvrir(this.getView(), this.byId("filtreFournisseur"), "fournisseur");
		},

		onCreer: function () {
			this.getOwnerComponent().getRouter().navTo("engagementNouveau");
		},

		onOuvrir: function (evenement) {
			var numero = evenement.getSource().getBindingContext("liste").getProperty("numero");
			this.getOwnerComponent().getRouter().navTo("engagement", {numero: numero});
		}
	});
});
