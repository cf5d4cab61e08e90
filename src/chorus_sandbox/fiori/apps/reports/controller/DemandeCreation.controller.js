sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/ui/model/json/JSONModel",
	"sap/m/MessageBox",
	"sap/m/MessageToast",
	"chorus/fiori/commun/Api",
	"chorus/fiori/commun/AideSaisie",
	"chorus/fiori/commun/Montant",
	"chorus/fiori/reports/Format"
], function (Controller, JSONModel, MessageBox, MessageToast, Api, AideSaisie, Montant, Format) {
	"use strict";

	function ligne(rang) {
		return {rang: rang, titre: "", nature: "", ae: "", cp: ""};
	}

	function vierge(exercice) {
		return {programme: "", lignes: [ligne(1)], exercice: exercice, occupe: false};
	}

	/** An amount of a line; empty is 0, as on the HTML screen. */
	function montant(valeur, champ) {
		return (valeur || "").trim() ? Montant.analyser(valeur, champ) : "0.00";
	}

	/** The body of POST /api/reports/demandes; throws the HTML screen's French refusal. */
	function corps(saisie) {
		var programme = (saisie.programme || "").trim();
		if (!programme) {
			throw new Error("Programme : champ obligatoire");
		}
		var lignes = saisie.lignes.filter(function (x) {
			return (x.titre + x.nature + x.ae + x.cp).trim() !== "";
		}).map(function (x) {
			return {titre: x.titre, nature: x.nature, ae: montant(x.ae, "Ligne " + x.rang + ", AE"),
				cp: montant(x.cp, "Ligne " + x.rang + ", CP")};
		});
		if (!lignes.length) {
			throw new Error("Une demande de report comporte au moins une ligne");
		}
		return {programme: programme.toUpperCase(), lignes: lignes};
	}

	return Controller.extend("chorus.fiori.reports.controller.DemandeCreation", {
		onInit: function () {
			this._modele = new JSONModel(vierge(""));
			this.getView().setModel(this._modele, "creation");
			this.getOwnerComponent().getRouter().getRoute("demandeNouvelle").attachPatternMatched(function () {
				this._modele.setData(vierge(""));
				this.byId("saisieProgramme").setDescription("");
				Api.lire("/api/sante").then(function (sante) {
					this._modele.setProperty("/exercice", String(sante.exercice - 1));
				}.bind(this));
			}, this);
		},

		onDeposer: function () {
			var demande;
			try {
				demande = corps(this._modele.getData());
			} catch (erreur) {
				MessageBox.error(erreur.message);
				return;
			}
			var modele = this._modele;
			var routeur = this.getOwnerComponent().getRouter();
			modele.setProperty("/occupe", true);
			Api.envoyer("/api/reports/demandes", demande).then(function (d) {
				MessageToast.show("Demande de report " + d.numero + " déposée : programme " + d.programme + ", " +
					d.lignes.length + " ligne(s), AE " + Montant.formater(Format.total(d.lignes, "ae")) + " et CP " +
					Montant.formater(Format.total(d.lignes, "cp")), {duration: 5000, width: "40em",
					closeOnBrowserNavigation: false});  // the toast is for the page navigated to
				routeur.navTo("demande", {numero: d.numero}, true);
			}, function (erreur) {
				MessageBox.error(erreur.message);
			}).finally(function () {
				modele.setProperty("/occupe", false);
			});
		},

		onAnnuler: function () {
			this.getOwnerComponent().getRouter().navTo("reports", {}, true);
		},

		onAjouterLigne: function () {
			var lignes = this._modele.getProperty("/lignes");
			this._modele.setProperty("/lignes", lignes.concat([ligne(lignes.length + 1)]));
		},

		onRetirerLigne: function () {
			this._modele.setProperty("/lignes", this._modele.getProperty("/lignes").slice(0, -1));
		},

		onAideProgramme: function (evenement) {
			AideSaisie.ouvrir(this.getView(), evenement.getSource(), "programme");
		}
	});
});
