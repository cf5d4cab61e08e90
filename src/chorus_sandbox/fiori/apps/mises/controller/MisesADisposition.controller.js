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

	var fm = Montant.formater;
	var NIVEAUX = {programme: "Programme", bop: "BOP", uo: "UO"};

	function vierge() {
		return {source: "", destination: "", titre: "", ae: "", cp: ""};
	}

	function dateFr(iso) {
		return iso ? iso.split("-").reverse().join("/") : "";
	}

	/** A code typed: required, trimmed, upper case (the HTML screen's refusal when empty). */
	function code(valeur, champ) {
		var texte = (valeur || "").trim();
		if (!texte) {
			throw new Error(champ + " : champ obligatoire");
		}
		return texte.toUpperCase();
	}

	/** An amount of the form; empty is 0, as on the HTML screen. */
	function montant(valeur, champ) {
		return (valeur || "").trim() ? Montant.analyser(valeur, champ) : "0.00";
	}

	/** The body of POST /api/mises-a-disposition; throws the HTML screen's French refusal. */
	function corps(saisie) {
		return {source: code(saisie.source, "Source"), destination: code(saisie.destination, "Destination"),
			titre: saisie.titre || "", ae: montant(saisie.ae, "Montant AE"), cp: montant(saisie.cp, "Montant CP")};
	}

	return Controller.extend("chorus.fiori.mises.controller.MisesADisposition", {
		onInit: function () {
			this._modele = new JSONModel({saisie: vierge(), lignes: [], nombre: 0, exercice: "", occupe: false,
				chargement: false});
			this._modele.setSizeLimit(100000);
			this.getView().setModel(this._modele, "mad");
			this.getOwnerComponent().getRouter().getRoute("misesADisposition")
				.attachPatternMatched(this.charger, this);
		},

		/** The mises à disposition of the current exercice, the latest first (as the HTML screen). */
		charger: function () {
			var modele = this._modele;
			var titres = this.getOwnerComponent().getModel("config").getProperty("/titres");
			modele.setProperty("/chargement", true);
			return Promise.all([Api.lire("/api/sante"), Api.lire("/api/mises-a-disposition")]).then(function (r) {
				var exercice = r[0].exercice;
				var lignes = r[1].filter(function (x) { return x.exercice === exercice; }).reverse().map(function (x) {
					var titre = titres.filter(function (t) { return t.code === x.titre; })[0];
					x.date_fr = dateFr(x.date);
					x.niveau = NIVEAUX[x.niveau_destination] || x.niveau_destination;
					x.titre_libelle = titre ? titre.libelle : "";
					return x;
				});
				modele.setProperty("/exercice", String(exercice));
				modele.setProperty("/lignes", lignes);
			}, function (erreur) {
				MessageBox.error(erreur.message);
			}).finally(function () {
				modele.setProperty("/chargement", false);
			});
		},

		onMettreADisposition: function () {
			var demande;
			try {
				demande = corps(this._modele.getProperty("/saisie"));
			} catch (erreur) {
				MessageBox.error(erreur.message);
				return;
			}
			var modele = this._modele;
			modele.setProperty("/occupe", true);
			Api.envoyer("/api/mises-a-disposition", demande).then(function (mad) {
				MessageToast.show("Mise à disposition enregistrée : " + mad.source + " → " + mad.destination +
					", titre " + mad.titre + ", AE " + fm(mad.ae) + ", CP " + fm(mad.cp), {duration: 5000, width: "40em"});
				modele.setProperty("/saisie", vierge());
				this.byId("saisieSource").setDescription("");
				this.byId("saisieDestination").setDescription("");
				return this.charger();
			}.bind(this), function (erreur) {
				MessageBox.error(erreur.message);
			}).finally(function () {
				modele.setProperty("/occupe", false);
			});
		},

		onMiseAJour: function (evenement) {
			this._modele.setProperty("/nombre", evenement.getParameter("total"));
		},

		onActualiser: function () {
			this.charger();
		},

		onAideSource: function () {
			AideSaisie.ouvrir(this.getView(), this.byId("saisieSource"), "source");
		},

		onAideDestination: function () {
			AideSaisie.ouvrir(this.getView(), this.byId("saisieDestination"), "destination");
		}
	});
});
