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

	return Controller.extend("chorus.fiori.tranches.controller.Liste", {
		onInit: function () {
			this._modele = new JSONModel({tranches: [], nombre: 0, occupe: false, resumeFiltres: "Aucun filtre",
				filtres: {uo: "", recherche: ""}});
			this._modele.setSizeLimit(100000);
			this.getView().setModel(this._modele, "liste");
			this.getOwnerComponent().getRouter().getRoute("tranches").attachPatternMatched(this.charger, this);
		},

		charger: function () {
			var modele = this._modele;
			modele.setProperty("/occupe", true);
			return Api.lire("/api/tranches-fonctionnelles").then(function (tranches) {
				modele.setProperty("/tranches", tranches);
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
			if (f.recherche.trim()) {
				filtres.push(new Filter({filters: [contient("numero", f.recherche.trim()), contient("libelle", f.recherche.trim())],
					and: false}));
				resume.push("Recherche : " + f.recherche.trim());
			}
			this._modele.setProperty("/resumeFiltres", resume.length ? resume.join(" · ") : "Aucun filtre");
			this.byId("tableTranches").getBinding("items").filter(filtres.length ? new Filter({filters: filtres, and: true}) : []);
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

		onCreer: function () {
			this.getOwnerComponent().getRouter().navTo("trancheNouvelle");
		},

		onOuvrir: function (evenement) {
			var numero = evenement.getSource().getBindingContext("liste").getProperty("numero");
			this.getOwnerComponent().getRouter().navTo("tranche", {numero: numero});
		}
	});
});
