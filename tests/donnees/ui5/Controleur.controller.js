sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/m/SelectDialog",
	"sap/m/StandardListItem"
], function (Controller, SelectDialog, StandardListItem) {
	"use strict";
	return Controller.extend("essai.Controleur", {
		_modele: function () { return this.getView().getModel(); },
		_dire: function (texte) { this._modele().setProperty("/message", texte); },
		onValider: function () { this._dire("validé : " + this._modele().getProperty("/engagement/montant")); },
		onEnvoyerA: function () { this._dire("envoyé depuis A"); },
		onEnvoyerB: function () { this._dire("envoyé depuis B"); },
		onEnvoyerAutre: function () { this._dire("envoyé depuis la vue Autre"); },
		onOccuper: function () {
			var panneau = this.byId("occupe");
			panneau.setBusy(true);
			// 1.5 s: longer than the 1 s timers UI5's autowaiter waits on; only the busy state tells.
			setTimeout(function () { panneau.setBusy(false); }, 1500);
		},
		onEnregistrer: function () { var m = this._modele(); m.setProperty("/compteur", m.getProperty("/compteur") + 1); },
		onCharger: function () {
			var xhr = new XMLHttpRequest();
			xhr.open("GET", "lent?essai=" + Date.now());
			xhr.send();
		},
		onLigne: function (evenement) {
			var ligne = evenement.getParameter("listItem").getBindingContext().getProperty("numero");
			this._modele().setProperty("/ligneChoisie", ligne);
		},
		onEJ: function (evenement) {
			var table = evenement.getSource(), index = table.getSelectedIndex();
			this._modele().setProperty("/ejChoisi", index < 0 ? "" : table.getContextByIndex(index).getProperty("numero"));
		},
		onAide: function () {
			var modele = this._modele();
			if (!this._aide) {
				this._aide = new SelectDialog({
					title: "Fournisseurs",
					items: {path: "/fournisseurs", template: new StandardListItem({title: "{numero}", description: "{montant}"})},
					confirm: function (evenement) {
						modele.setProperty("/fournisseur", evenement.getParameter("selectedItem").getTitle());
					}
				});
				this.getView().addDependent(this._aide);
			}
			this._aide.open();
		}
	});
});
