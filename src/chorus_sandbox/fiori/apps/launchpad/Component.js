/**
 * The launchpad of the sandbox's Fiori face: a shell bar, a home page of tiles, and the apps it
 * opens by hash (#EngagementJuridique-gerer…), as the Fiori launchpad navigates by intent.
 */
sap.ui.define([
	"sap/ui/core/UIComponent",
	"sap/ui/model/json/JSONModel",
	"chorus/fiori/commun/Api"
], function (UIComponent, JSONModel, Api) {
	"use strict";

	function initiales(nom) {
		return nom.split(/[\s.\-_]+/).filter(Boolean).slice(0, 2).map(function (mot) {
			return mot.charAt(0).toUpperCase();
		}).join("");
	}

	return UIComponent.extend("chorus.fiori.launchpad.Component", {
		metadata: {
			manifest: "json",
			interfaces: ["sap.ui.core.IAsyncContentCreation"]
		},

		init: function () {
			UIComponent.prototype.init.apply(this, arguments);
			var identifiant = Api.meta("chorus-utilisateur");
			var nom = Api.meta("chorus-nom") || identifiant;
			var session = new JSONModel({identifiant: identifiant, nom: nom, initiales: initiales(nom),
				exercice: "", dateDuJour: "", jeu: "", retourPossible: false});
			this.setModel(session, "session");
			var config = JSON.parse(document.getElementById("chorus-config").textContent);
			this.setModel(new JSONModel(config), "config");
			Api.lire("/api/sante").then(function (sante) {
				session.setProperty("/exercice", String(sante.exercice));
				session.setProperty("/dateDuJour", sante.date_du_jour.split("-").reverse().join("/"));
				session.setProperty("/jeu", sante.jeu);
			});
			this.getRouter().attachTitleChanged(function (evenement) {
				document.title = evenement.getParameter("title") + " · Chorus (bac à sable)";
			});
			this.getRouter().attachRouteMatched(function (evenement) {
				session.setProperty("/retourPossible", evenement.getParameter("name") !== "accueil");
			});
			this.getRouter().initialize();
		}
	});
});
