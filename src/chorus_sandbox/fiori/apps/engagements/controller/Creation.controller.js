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

	function poste(rang) {
		return {rang: rang, montant: "", domaine_fonctionnel: "", activite: ""};
	}

	function vierge() {
		return {uo: "", titre: "", fournisseur: "", tranche: "", objet: "", postes: [poste(1)], occupe: false};
	}

	/** A required field, trimmed; the HTML screen's refusal when empty. */
	function obligatoire(valeur, champ) {
		var texte = (valeur || "").trim();
		if (!texte) {
			throw new Error(champ + " : champ obligatoire");
		}
		return texte;
	}

	/** The non-empty poste rows, amounts checked as the HTML screen checks them. */
	function postes(lignes) {
		return lignes.filter(function (p) {
			return (p.montant + p.domaine_fonctionnel + p.activite).trim() !== "";
		}).map(function (p) {
			return {montant: Montant.analyser(p.montant, "Poste " + p.rang + ", montant"),
				domaine_fonctionnel: p.domaine_fonctionnel.trim().toUpperCase(), activite: p.activite.trim().toUpperCase()};
		});
	}

	/** The body of POST /api/engagements from the form; throws the French refusal of the HTML screen. */
	function corps(saisie) {
		var demande = {
			uo: obligatoire(saisie.uo, "Centre financier").toUpperCase(),
			fournisseur: obligatoire(saisie.fournisseur, "Fournisseur"),
			titre: saisie.titre || "",
			objet: saisie.objet || "",
			tranche: (saisie.tranche || "").trim().toUpperCase() || null,
			postes: postes(saisie.postes)
		};
		if (!demande.postes.length) {
			throw new Error("Un engagement juridique comporte au moins un poste");
		}
		return demande;
	}

	return Controller.extend("chorus.fiori.engagements.controller.Creation", {
		onInit: function () {
			this._modele = new JSONModel(vierge());
			this.getView().setModel(this._modele, "creation");
			this.getOwnerComponent().getRouter().getRoute("engagementNouveau").attachPatternMatched(function () {
				this._modele.setData(vierge());
				["saisieUo", "saisieFournisseur"].forEach(function (id) {
					this.byId(id).setDescription("");
				}, this);
			}, this);
		},

		onEngager: function () {
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
			Api.envoyer("/api/engagements", demande).then(function (ej) {
				MessageToast.show("Engagement juridique " + ej.numero + " créé : " + Montant.formater(ej.montant) +
					" sur l'UO " + ej.uo + ", titre " + ej.titre, {duration: 5000, width: "40em",
					closeOnBrowserNavigation: false});  // the toast is for the new EJ's page: survives the navTo
				routeur.navTo("engagement", {numero: ej.numero}, true);
			}, function (erreur) {
				MessageBox.error(erreur.message);
			}).finally(function () {
				modele.setProperty("/occupe", false);
			});
		},

		onAnnuler: function () {
			this.getOwnerComponent().getRouter().navTo("engagements", {}, true);
		},

		onAjouterPoste: function () {
			var lignes = this._modele.getProperty("/postes");
			this._modele.setProperty("/postes", lignes.concat([poste(lignes.length + 1)]));
		},

		onRetirerPoste: function () {
			this._modele.setProperty("/postes", this._modele.getProperty("/postes").slice(0, -1));
		},

		onAideUo: function (evenement) {
			AideSaisie.ouvrir(this.getView(), evenement.getSource(), "uo");
		},

		onAideFournisseur: function (evenement) {
			AideSaisie.ouvrir(this.getView(), evenement.getSource(), "fournisseur");
		},

		onAideTranche: function (evenement) {
			AideSaisie.ouvrir(this.getView(), evenement.getSource(), "tranche");
		},

		onAideDomaine: function (evenement) {
			AideSaisie.ouvrir(this.getView(), evenement.getSource(), "domaine");
		},

		onAideActivite: function (evenement) {
			AideSaisie.ouvrir(this.getView(), evenement.getSource(), "activite");
		}
	});
});
