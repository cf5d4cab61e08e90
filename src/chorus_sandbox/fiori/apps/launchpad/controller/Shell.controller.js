sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/ui/core/routing/History",
	"sap/m/ResponsivePopover",
	"sap/m/List",
	"sap/m/StandardListItem",
	"sap/m/Button",
	"chorus/fiori/commun/Api"
], function (Controller, History, ResponsivePopover, List, StandardListItem, Button, Api) {
	"use strict";

	/** Log out as the HTML screens do: POST /deconnexion with the session's CSRF token. */
	function deconnecter() {
		var formulaire = document.createElement("form");
		formulaire.method = "post";
		formulaire.action = "/deconnexion";
		var champ = document.createElement("input");
		champ.type = "hidden";
		champ.name = "csrf_jeton";
		champ.value = Api.meta("csrf-jeton");
		formulaire.appendChild(champ);
		document.body.appendChild(formulaire);
		formulaire.submit();
	}

	return Controller.extend("chorus.fiori.launchpad.controller.Shell", {
		onAccueil: function () {
			this.getOwnerComponent().getRouter().navTo("accueil");
		},

		onRetour: function () {
			if (History.getInstance().getPreviousHash() !== undefined) {
				window.history.go(-1);
			} else {
				this.getOwnerComponent().getRouter().navTo("accueil", {}, true);
			}
		},

		onProfil: function (evenement) {
			var origine = evenement.getParameter("avatar") || evenement.getSource();
			if (!this._profil) {
				this._profil = new ResponsivePopover({
					title: "Profil",
					placement: "Bottom",
					content: new List({items: [new StandardListItem({
						title: "{session>/nom}", description: "{session>/identifiant}", icon: "sap-icon://person-placeholder"
					})]}),
					endButton: new Button({text: "Se déconnecter", icon: "sap-icon://log", press: deconnecter})
				});
				this.getView().addDependent(this._profil);
			}
			this._profil.openBy(origine);
		}
	});
});
