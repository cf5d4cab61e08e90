sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/ui/core/Fragment",
	"sap/ui/model/json/JSONModel",
	"sap/m/MessageBox",
	"sap/m/MessageToast",
	"chorus/fiori/commun/Api",
	"chorus/fiori/commun/AideSaisie",
	"chorus/fiori/commun/Montant"
], function (Controller, Fragment, JSONModel, MessageBox, MessageToast, Api, AideSaisie, Montant) {
	"use strict";

	var fm = Montant.formater;

	/** The operations of the page: the HTML screen's labels, the API called, the verb of the notice. */
	var OPERATIONS = {
		affectation: {titre: "Affecter des AE", bouton: "Affecter", url: "affectations", verbe: "affectés"},
		retrait: {titre: "Retirer une affectation", bouton: "Retirer", url: "retraits", verbe: "retirés"}
	};

	return Controller.extend("chorus.fiori.tranches.controller.Objet", {
		onInit: function () {
			this._modele = new JSONModel({occupe: false, engagements: []});
			this._op = new JSONModel({});
			this.getView().setModel(this._modele, "tf");
			this.getView().setModel(this._op, "op");
			this.getOwnerComponent().getRouter().getRoute("tranche").attachPatternMatched(function (evenement) {
				this._numero = evenement.getParameter("arguments").numero;
				this._modele.setData({numero: this._numero, occupe: true, engagements: []});
				this.charger();
			}, this);
		},

		/** The TF and the EJs engaged on it, read again from the API. */
		charger: function () {
			var n = this._numero;
			var modele = this._modele;
			var titres = this.getOwnerComponent().getModel("config").getProperty("/titres");
			modele.setProperty("/occupe", true);
			return Promise.all([Api.lire("/api/tranches-fonctionnelles/" + encodeURIComponent(n)),
				Api.lire("/api/engagements"), AideSaisie.lignes("fournisseur")]).then(function (r) {
				var tf = r[0];
				var titre = titres.filter(function (t) { return t.code === tf.titre; })[0];
				var noms = {};
				r[2].forEach(function (f) {
					noms[f.code] = f.raison_sociale;
				});
				tf.titre_libelle = titre ? titre.libelle : "T" + tf.titre;
				tf.engagements = r[1].filter(function (ej) { return ej.tranche === n; }).map(function (ej) {
					ej.fournisseur_libelle = ej.fournisseur + " – " + (noms[ej.fournisseur] || "");
					return ej;
				});
				tf.occupe = false;
				modele.setData(tf);
			}, function (erreur) {
				modele.setProperty("/occupe", false);
				MessageBox.error(erreur.message);
			});
		},

		onOperation: function (evenement, nature) {
			var definition = OPERATIONS[nature];
			var aide = nature === "retrait" ? "au plus l'AENE, " + fm(this._modele.getProperty("/aene")) : "ex. 1 234 567,89";
			this._op.setData({nature: nature, titre: definition.titre, bouton: definition.bouton, aide: aide,
				montant: "", occupe: false});
			if (!this._dialogue) {
				this._dialogue = Fragment.load({id: this.getView().getId(), name: "chorus.fiori.tranches.fragment.Affectation",
					controller: this}).then(function (dialogue) {
					this.getView().addDependent(dialogue);
					return dialogue;
				}.bind(this));
			}
			this._dialogue.then(function (dialogue) {
				dialogue.open();
			});
		},

		onValiderOperation: function () {
			var op = this._op.getData();
			var definition = OPERATIONS[op.nature];
			var montant;
			try {
				montant = Montant.analyser(op.montant, "Montant AE");
			} catch (erreur) {
				MessageBox.error(erreur.message);
				return;
			}
			var n = this._numero;
			this._op.setProperty("/occupe", true);
			Api.envoyer("/api/tranches-fonctionnelles/" + encodeURIComponent(n) + "/" + definition.url, {ae: montant})
				.then(function (tf) {
					this._dialogue.then(function (dialogue) {
						dialogue.close();
					});
					MessageToast.show("Tranche fonctionnelle " + n + " : " + fm(montant) + " d'AE " + definition.verbe +
						" ; AE affectées " + fm(tf.ae_affectees) + ", AENE " + fm(tf.aene), {duration: 5000, width: "40em"});
					return this.charger();
				}.bind(this), function (erreur) {
					MessageBox.error(erreur.message);
				}).finally(function () {
					this._op.setProperty("/occupe", false);
				}.bind(this));
		},

		onAnnulerOperation: function () {
			this._dialogue.then(function (dialogue) {
				dialogue.close();
			});
		},

		onOperationFermee: function () {
			this._op.setProperty("/montant", "");
		},

		onOuvrirEngagement: function (evenement) {
			var numero = evenement.getSource().getBindingContext("tf").getProperty("numero");
			this.getOwnerComponent().getRouter().navTo("engagement", {numero: numero});
		}
	});
});
