sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/ui/model/json/JSONModel",
	"chorus/fiori/commun/Api"
], function (Controller, JSONModel, Api) {
	"use strict";

	return Controller.extend("chorus.fiori.launchpad.controller.Accueil", {
		onInit: function () {
			var modele = new JSONModel({nbEngagements: ""});
			this.getView().setModel(modele, "accueil");
			this.getOwnerComponent().getRouter().getRoute("accueil").attachPatternMatched(function () {
				Api.lire("/api/engagements").then(function (engagements) {
					modele.setProperty("/nbEngagements", String(engagements.length));
				}, function () {
					modele.setProperty("/nbEngagements", "");
				});
			});
		},

		onOuvrir: function (evenement, route) {
			this.getOwnerComponent().getRouter().navTo(route);
		}
	});
});
