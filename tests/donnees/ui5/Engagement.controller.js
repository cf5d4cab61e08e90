sap.ui.define(["sap/ui/core/mvc/Controller"], function (Controller) {
	"use strict";
	return Controller.extend("essai.Engagement", {
		_modele: function () { return this.getView().getModel(); },
		onCreer: function () { this._modele().setProperty("/etat", "Créé : " + this._modele().getProperty("/montant")); },
		onRetirer: function () { this._modele().setProperty("/etat", "Retiré"); }
	});
});
