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

	var FAVORABLE = "Avis favorable";

	function demande(d) {
		d.date_depot_fr = Format.date(d.date_depot);
		d.date_avis_fr = Format.date(d.date_avis);
		d.etat = Format.etat(d.statut);
		d.ae = Format.total(d.lignes, "ae");
		d.cp = Format.total(d.lignes, "cp");
		return d;
	}

	function arrete(a) {
		a.date_signature_fr = Format.date(a.date_signature);
		a.date_integration_fr = Format.date(a.date_integration);
		return a;
	}

	return Controller.extend("chorus.fiori.reports.controller.Campagne", {
		onInit: function () {
			this._modele = new JSONModel({onglet: "demandes", demandes: [], aArreter: [], arretes: [], nbDemandes: "",
				nbArretes: "", intitule: "", occupe: false, chargement: false});
			this._modele.setSizeLimit(100000);
			this.getView().setModel(this._modele, "campagne");
			this.getOwnerComponent().getRouter().getRoute("reports").attachPatternMatched(this.charger, this);
		},

		/** Demandes, demandes awaiting an arrêté, arrêtés: read again from the API. */
		charger: function () {
			var modele = this._modele;
			modele.setProperty("/chargement", true);
			return Promise.all([Api.lire("/api/reports/exercice"), Api.lire("/api/reports/demandes"),
				Api.lire("/api/reports/arretes")]).then(function (r) {
				var demandes = r[1].map(demande);
				var clos = r[0].exercices_clos;
				modele.setProperty("/intitule", "Exercice courant " + r[0].exercice + " · " + (clos.length ?
					"reports de l'exercice " + clos[clos.length - 1] + " sur " + (clos[clos.length - 1] + 1) :
					"aucun exercice clos : la campagne des reports commence à la clôture"));
				modele.setProperty("/demandes", demandes);
				modele.setProperty("/aArreter", demandes.filter(function (d) { return d.statut === FAVORABLE; }));
				modele.setProperty("/arretes", r[2].map(arrete));
				modele.setProperty("/nbDemandes", String(demandes.length));
				modele.setProperty("/nbArretes", String(r[2].length));
				this.byId("tableAArreter").removeSelections(true);
			}.bind(this), function (erreur) {
				MessageBox.error(erreur.message);
			}).finally(function () {
				modele.setProperty("/chargement", false);
			});
		},

		onActualiser: function () {
			this.charger();
		},

		onDeposer: function () {
			this.getOwnerComponent().getRouter().navTo("demandeNouvelle");
		},

		onOuvrirDemande: function (evenement) {
			var numero = evenement.getSource().getBindingContext("campagne").getProperty("numero");
			this.getOwnerComponent().getRouter().navTo("demande", {numero: numero});
		},

		onOuvrirArrete: function (evenement) {
			var numero = evenement.getSource().getBindingContext("campagne").getProperty("numero");
			this.getOwnerComponent().getRouter().navTo("arrete", {numero: numero});
		},

		/** Sign an arrêté on the selected demandes (none selected: every demande with an avis favorable). */
		onSigner: function () {
			var choisies = this.byId("tableAArreter").getSelectedItems().map(function (ligne) {
				return ligne.getBindingContext("campagne").getProperty("numero");
			});
			var modele = this._modele;
			var routeur = this.getOwnerComponent().getRouter();
			modele.setProperty("/occupe", true);
			Api.envoyer("/api/reports/arretes", {demandes: choisies.length ? choisies : null}).then(function (a) {
				MessageToast.show("Arrêté de report " + a.numero + " signé : " + a.demandes.length + " demande(s), AE " +
					Montant.formater(a.ae_accordees) + " et CP " + Montant.formater(a.cp_accordees) + " accordés",
					{duration: 5000, width: "40em",
					closeOnBrowserNavigation: false});  // the toast is for the page navigated to
				routeur.navTo("arrete", {numero: a.numero});
			}, function (erreur) {
				MessageBox.error(erreur.message);
			}).finally(function () {
				modele.setProperty("/occupe", false);
			});
		}
	});
});
