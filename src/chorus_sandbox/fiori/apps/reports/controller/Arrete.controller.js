sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/ui/model/json/JSONModel",
	"sap/m/MessageBox",
	"sap/m/MessageToast",
	"chorus/fiori/commun/Api",
	"chorus/fiori/commun/Montant",
	"chorus/fiori/reports/Format"
], function (Controller, JSONModel, MessageBox, MessageToast, Api, Montant, Format) {
	"use strict";

	return Controller.extend("chorus.fiori.reports.controller.Arrete", {
		onInit: function () {
			this._modele = new JSONModel({occupe: false, lignes: [], historique: []});
			this.getView().setModel(this._modele, "objet");
			this.getOwnerComponent().getRouter().getRoute("arrete").attachPatternMatched(function (evenement) {
				this._numero = evenement.getParameter("arguments").numero;
				this._modele.setData({numero: this._numero, occupe: true, lignes: [], historique: []});
				this.charger();
			}, this);
		},

		/** The arrêté (its lines of the user's programmes) and its history, read again from the API. */
		charger: function () {
			var modele = this._modele;
			modele.setProperty("/occupe", true);
			return Api.lire("/api/reports/arretes/" + encodeURIComponent(this._numero)).then(function (a) {
				this.afficher(a);
			}.bind(this), function (erreur) {
				modele.setProperty("/occupe", false);
				MessageBox.error(erreur.message);
			});
		},

		afficher: function (a) {
			a.historique.forEach(function (e) {
				e.horodatage_fr = Format.horodatage(e.horodatage);
			});
			a.date_signature_fr = Format.date(a.date_signature);
			a.date_integration_fr = Format.date(a.date_integration);
			a.etat = Format.etat(a.statut);
			a.occupe = false;
			this._modele.setData(a);
		},

		/** Open the granted credits on the next exercice, once (the HTML screen's « Intégrer l'arrêté »). */
		onIntegrer: function () {
			var n = this._numero;
			this._modele.setProperty("/occupe", true);
			Api.envoyer("/api/reports/arretes/" + encodeURIComponent(n) + "/integration").then(function (a) {
				MessageToast.show("Arrêté de report " + a.numero + " intégré : AE " + Montant.formater(a.ae_accordees) +
					" et CP " + Montant.formater(a.cp_accordees) + " ouverts sur l'exercice " + a.exercice_ouverture,
					{duration: 5000, width: "40em"});
				this.afficher(a);
			}.bind(this), function (erreur) {
				this._modele.setProperty("/occupe", false);
				MessageBox.error(erreur.message);
			}.bind(this));
		},

		onOuvrirDemande: function (evenement) {
			var numero = evenement.getSource().getBindingContext("objet").getProperty("demande");
			this.getOwnerComponent().getRouter().navTo("demande", {numero: numero});
		}
	});
});
