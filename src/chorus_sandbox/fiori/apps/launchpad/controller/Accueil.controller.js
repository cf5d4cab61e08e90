sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/ui/model/json/JSONModel",
	"chorus/fiori/commun/Api"
], function (Controller, JSONModel, Api) {
	"use strict";

	/** The figure of each tile: the number of objects the API lists. */
	var COMPTEURS = {nbEngagements: "/api/engagements", nbTranches: "/api/tranches-fonctionnelles",
		nbDemandes: "/api/reports/demandes"};

	return Controller.extend("chorus.fiori.launchpad.controller.Accueil", {
		onInit: function () {
			var modele = new JSONModel({nbEngagements: "", nbTranches: "", nbDemandes: ""});
			this.getView().setModel(modele, "accueil");
			this.getOwnerComponent().getRouter().getRoute("accueil").attachPatternMatched(function () {
				Object.keys(COMPTEURS).forEach(function (propriete) {
					Api.lire(COMPTEURS[propriete]).then(function (objets) {
						modele.setProperty("/" + propriete, String(objets.length));
					}, function () {
						modele.setProperty("/" + propriete, "");
					});
				});
			});
		},

		onOuvrir: function (evenement, route) {
			this.getOwnerComponent().getRouter().navTo(route);
		}
	});
});
