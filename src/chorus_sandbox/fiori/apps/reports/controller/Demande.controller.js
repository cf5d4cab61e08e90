sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/ui/core/Fragment",
	"sap/ui/model/json/JSONModel",
	"sap/m/MessageBox",
	"sap/m/MessageToast",
	"chorus/fiori/commun/Api",
	"chorus/fiori/reports/Format"
], function (Controller, Fragment, JSONModel, MessageBox, MessageToast, Api, Format) {
	"use strict";

	var TITRES_AVIS = {"favorable": "Avis favorable", "défavorable": "Avis défavorable"};

	/** The reportable amounts of the closing, by "titre|nature" (none when they cannot be read). */
	function reportables(d) {
		return Api.lire("/api/reports/reportables/" + d.exercice + "/" + encodeURIComponent(d.programme))
			.then(function (r) {
				var parLigne = {};
				r.lignes.forEach(function (x) {
					parLigne[x.titre + "|" + x.nature] = x;
				});
				return parLigne;
			}, function () {
				return {};
			});
	}

	return Controller.extend("chorus.fiori.reports.controller.Demande", {
		onInit: function () {
			this._modele = new JSONModel({occupe: false, lignes: [], historique: []});
			this._avis = new JSONModel({});
			this.getView().setModel(this._modele, "objet");
			this.getView().setModel(this._avis, "avis");
			this.getOwnerComponent().getRouter().getRoute("demande").attachPatternMatched(function (evenement) {
				this._numero = evenement.getParameter("arguments").numero;
				this._modele.setData({numero: this._numero, occupe: true, lignes: [], historique: []});
				this.charger();
			}, this);
		},

		/** The demande, its history and the reportable amounts of its lines, read again from the API. */
		charger: function () {
			var modele = this._modele;
			var config = this.getOwnerComponent().getModel("config").getData();
			modele.setProperty("/occupe", true);
			return Api.lire("/api/reports/demandes/" + encodeURIComponent(this._numero)).then(function (d) {
				return reportables(d).then(function (bases) {
					d.lignes.forEach(function (x) {
						var base = bases[x.titre + "|" + x.nature];
						var titre = config.titres.filter(function (t) { return t.code === x.titre; })[0];
						var nature = config.natures.filter(function (n) { return n.code === x.nature; })[0];
						x.titre_libelle = titre ? titre.libelle : "";
						x.nature_libelle = nature ? nature.intitule : "";
						x.ae_reportables = base ? base.ae_reportables : "0.00";
						x.cp_reportables = base ? base.cp_reportables : "0.00";
					});
					d.historique.forEach(function (e) {
						e.horodatage_fr = Format.horodatage(e.horodatage);
					});
					d.date_depot_fr = Format.date(d.date_depot);
					d.date_avis_fr = Format.date(d.date_avis);
					d.etat = Format.etat(d.statut);
					d.ae = Format.total(d.lignes, "ae");
					d.cp = Format.total(d.lignes, "cp");
					d.occupe = false;
					modele.setData(d);
				});
			}, function (erreur) {
				modele.setProperty("/occupe", false);
				MessageBox.error(erreur.message);
			});
		},

		onAvis: function (evenement, avis) {
			this._avis.setData({avis: avis, titre: TITRES_AVIS[avis], motif: "", occupe: false});
			if (!this._dialogue) {
				this._dialogue = Fragment.load({id: this.getView().getId(), name: "chorus.fiori.reports.fragment.Avis",
					controller: this}).then(function (dialogue) {
					this.getView().addDependent(dialogue);
					return dialogue;
				}.bind(this));
			}
			this._dialogue.then(function (dialogue) {
				dialogue.open();
			});
		},

		/** The avis as the HTML screen sends it; the domain refuses a défavorable without motif. */
		onEnregistrerAvis: function () {
			var saisie = this._avis.getData();
			var n = this._numero;
			this._avis.setProperty("/occupe", true);
			Api.envoyer("/api/reports/demandes/" + encodeURIComponent(n) + "/avis", {avis: saisie.avis, motif: saisie.motif || ""})
				.then(function (d) {
					this._dialogue.then(function (dialogue) {
						dialogue.close();
					});
					MessageToast.show("Avis " + d.avis + " enregistré sur la demande de report " + n +
						(d.motif_avis ? " : " + d.motif_avis : ""), {duration: 5000, width: "40em"});
					return this.charger();
				}.bind(this), function (erreur) {
					MessageBox.error(erreur.message);
				}).finally(function () {
					this._avis.setProperty("/occupe", false);
				}.bind(this));
		},

		onAnnulerAvis: function () {
			this._dialogue.then(function (dialogue) {
				dialogue.close();
			});
		},

		onAvisFerme: function () {
			this._avis.setProperty("/motif", "");
		},

		onOuvrirArrete: function () {
			this.getOwnerComponent().getRouter().navTo("arrete", {numero: this._modele.getProperty("/arrete")});
		}
	});
});
