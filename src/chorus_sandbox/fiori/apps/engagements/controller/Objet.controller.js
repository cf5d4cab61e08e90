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

	/** The operations of the page: dialog texts (the HTML screen's labels) and what each one calls. */
	var OPERATIONS = {
		augmentation: {titre: "Augmenter", libelleMontant: "Montant", bouton: "Augmenter",
			appeler: function (n, poste, montant) {
				return Api.envoyer("/api/engagements/" + n + "/augmentations", {poste: poste, montant: montant});
			},
			message: function (n, poste, montant, ej) {
				return "Engagement juridique " + n + " augmenté de " + fm(montant) + " (poste " + poste + ") : montant " + fm(ej.montant);
			}},
		reduction: {titre: "Réduire", libelleMontant: "Montant", bouton: "Réduire",
			appeler: function (n, poste, montant) {
				return Api.envoyer("/api/engagements/" + n + "/reductions", {poste: poste, montant: montant});
			},
			message: function (n, poste, montant, ej) {
				return "Engagement juridique " + n + " réduit de " + fm(montant) + " (poste " + poste + ") : montant " + fm(ej.montant);
			}},
		service_fait: {titre: "Constater le service fait", libelleMontant: "Montant du service fait",
			bouton: "Constater le service fait",
			appeler: function (n, poste, montant) {
				return Api.envoyer("/api/engagements/" + n + "/services-faits", {poste: poste, montant: montant});
			},
			message: function (n, poste, montant, sf) {
				return "Service fait " + sf.numero + " constaté sur l'engagement juridique " + n + ", poste " + sf.poste + " : " + fm(sf.montant);
			}},
		demande_paiement: {titre: "Créer une demande de paiement", libelleMontant: "Montant de la demande",
			bouton: "Créer la demande de paiement",
			appeler: function (n, poste, montant) {
				return Api.envoyer("/api/demandes-paiement", {engagement: n, poste: poste, montant: montant});
			},
			message: function (n, poste, montant, dp) {
				return "Demande de paiement " + dp.numero + " créée sur l'engagement juridique " + n + ", poste " + dp.poste + " : " + fm(dp.montant);
			}}
	};

	function dateFr(iso) {
		return iso ? iso.split("-").reverse().join("/") : "";
	}

	function annoncer(message) {
		MessageToast.show(message, {duration: 5000, width: "40em"});
	}

	return Controller.extend("chorus.fiori.engagements.controller.Objet", {
		onInit: function () {
			this._modele = new JSONModel({occupe: false, postes: []});
			this._op = new JSONModel({});
			this.getView().setModel(this._modele, "ej");
			this.getView().setModel(this._op, "op");
			this.getOwnerComponent().getRouter().getRoute("engagement").attachPatternMatched(function (evenement) {
				this._numero = evenement.getParameter("arguments").numero;
				this._modele.setData({numero: this._numero, occupe: true, postes: []});
				this.charger();
			}, this);
		},

		/** The EJ, its services faits and demandes de paiement, read again from the API. */
		charger: function () {
			var n = this._numero;
			var modele = this._modele;
			var config = this.getOwnerComponent().getModel("config").getData();
			modele.setProperty("/occupe", true);
			return Promise.all([Api.lire("/api/engagements/" + encodeURIComponent(n)),
				Api.lire("/api/engagements/" + encodeURIComponent(n) + "/services-faits"),
				Api.lire("/api/demandes-paiement"), AideSaisie.lignes("fournisseur")])
				.then(function (r) {
					var ej = r[0];
					var titre = config.titres.filter(function (t) { return t.code === ej.titre; })[0];
					var fournisseur = r[3].filter(function (f) { return f.code === ej.fournisseur; })[0];
					ej.titre_libelle = titre ? titre.libelle : "T" + ej.titre;
					ej.fournisseur_libelle = ej.fournisseur + (fournisseur ? " – " + fournisseur.raison_sociale : "");
					ej.date_creation_fr = dateFr(ej.date_creation);
					ej.mouvements.forEach(function (x) {
						x.libelle = config.mouvements[x.type] || "";
						x.date_fr = dateFr(x.date);
					});
					ej.services_faits = r[1].map(function (sf) {
						sf.date_fr = dateFr(sf.date);
						return sf;
					});
					ej.demandes = r[2].filter(function (dp) { return dp.engagement === n; }).map(function (dp) {
						dp.date_base_fr = dateFr(dp.date_base);
						return dp;
					});
					ej.occupe = false;
					modele.setData(ej);
				}, function (erreur) {
					modele.setProperty("/occupe", false);
					MessageBox.error(erreur.message);
				});
		},

		onOperation: function (evenement, nature) {
			var definition = OPERATIONS[nature];
			var postes = this._modele.getProperty("/postes") || [];
			this._op.setData({nature: nature, titre: definition.titre, libelleMontant: definition.libelleMontant,
				bouton: definition.bouton, poste: postes.length ? String(postes[0].numero) : "", montant: "", occupe: false});
			if (!this._dialogue) {
				this._dialogue = Fragment.load({id: this.getView().getId(), name: "chorus.fiori.engagements.fragment.Operation",
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
				if (!op.poste) {
					throw new Error("Poste : champ obligatoire");
				}
				montant = Montant.analyser(op.montant, op.libelleMontant);
			} catch (erreur) {
				MessageBox.error(erreur.message);
				return;
			}
			var n = this._numero;
			var poste = parseInt(op.poste, 10);
			this._op.setProperty("/occupe", true);
			definition.appeler(n, poste, montant).then(function (resultat) {
				this._dialogue.then(function (dialogue) {
					dialogue.close();
				});
				annoncer(definition.message(n, poste, montant, resultat));
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

		onRetirer: function () {
			var n = this._numero;
			MessageBox.confirm("Retirer l'engagement juridique " + n + " ? Chaque poste est réduit au montant déjà réceptionné.", {
				title: "Retirer l'engagement",
				actions: [MessageBox.Action.OK, MessageBox.Action.CANCEL],
				onClose: function (action) {
					if (action !== MessageBox.Action.OK) {
						return;
					}
					this._modele.setProperty("/occupe", true);
					Api.envoyer("/api/engagements/" + n + "/retrait").then(function (ej) {
						annoncer("Engagement juridique " + n + " retiré : montant ramené à " + fm(ej.montant) + " (service fait)");
						return this.charger();
					}.bind(this), function (erreur) {
						this._modele.setProperty("/occupe", false);
						MessageBox.error(erreur.message);
					}.bind(this));
				}.bind(this)
			});
		},

		onPayer: function (evenement) {
			var dp = evenement.getSource().getBindingContext("ej").getObject();
			this._modele.setProperty("/occupe", true);
			Api.envoyer("/api/demandes-paiement/" + dp.numero + "/paiement").then(function (payee) {
				annoncer("Demande de paiement " + payee.numero + " payée : " + fm(payee.montant) +
					" sur l'engagement juridique " + payee.engagement);
				return this.charger();
			}.bind(this), function (erreur) {
				this._modele.setProperty("/occupe", false);
				MessageBox.error(erreur.message);
			}.bind(this));
		}
	});
});
