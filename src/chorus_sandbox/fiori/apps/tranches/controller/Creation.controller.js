sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/ui/model/json/JSONModel",
	"sap/m/MessageBox",
	"sap/m/MessageToast",
	"chorus/fiori/commun/Api",
	"chorus/fiori/commun/AideSaisie",
	"chorus/fiori/commun/Montant"
], function (Controller, JSONModel, MessageBox, MessageToast, Api, AideSaisie, Montant) {
	"use strict";

	function vierge() {
		return {uo: "", titre: "", libelle: "", ae: "", occupe: false};
	}

	/** The body of POST /api/tranches-fonctionnelles; throws the HTML screen's French refusal. */
	function corps(saisie) {
		var uo = (saisie.uo || "").trim();
		if (!uo) {
			throw new Error("Centre financier : champ obligatoire");
		}
		var ae = Montant.analyser(saisie.ae, "AE à affecter");
		// An empty libellé is refused by the domain (after the titre and the UO), as on the HTML
		// screen; the API's schema would refuse "" first with a technical message.
		return {uo: uo.toUpperCase(), titre: saisie.titre || "", libelle: (saisie.libelle || "").trim() || " ", ae: ae};
	}

	return Controller.extend("chorus.fiori.tranches.controller.Creation", {
		onInit: function () {
			this._modele = new JSONModel(vierge());
			this.getView().setModel(this._modele, "creation");
			this.getOwnerComponent().getRouter().getRoute("trancheNouvelle").attachPatternMatched(function () {
				this._modele.setData(vierge());
				this.byId("saisieUo").setDescription("");
			}, this);
		},

		onAffecter: function () {
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
			Api.envoyer("/api/tranches-fonctionnelles", demande).then(function (tf) {
				AideSaisie.oublier("tranche");
				MessageToast.show("Tranche fonctionnelle " + tf.numero + " créée : " + Montant.formater(tf.ae_affectees) +
					" d'AE affectés sur l'UO " + tf.uo, {duration: 5000, width: "40em",
					closeOnBrowserNavigation: false});  // the toast is for the page navigated to
				routeur.navTo("tranche", {numero: tf.numero}, true);
			}, function (erreur) {
				MessageBox.error(erreur.message);
			}).finally(function () {
				modele.setProperty("/occupe", false);
			});
		},

		onAnnuler: function () {
			this.getOwnerComponent().getRouter().navTo("tranches", {}, true);
		},

		onAideUo: function (evenement) {
			AideSaisie.ouvrir(this.getView(), evenement.getSource(), "uo");
		}
	});
});
