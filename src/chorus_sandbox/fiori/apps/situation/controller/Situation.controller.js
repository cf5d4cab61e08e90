sap.ui.define([
	"sap/ui/core/mvc/Controller",
	"sap/ui/model/json/JSONModel",
	"chorus/fiori/commun/Api",
	"chorus/fiori/commun/AideSaisie"
], function (Controller, JSONModel, Api, AideSaisie) {
	"use strict";

	var NIVEAUX = {programme: "Programme", bop: "BOP", uo: "UO"};

	/** The exercice typed, as the HTML screen reads it (empty: the current one). */
	function annee(texte, defaut) {
		var valeur = (texte || "").trim();
		if (!valeur) {
			return defaut;
		}
		if (!/^[0-9]{4}$/.test(valeur)) {
			throw new Error("Exercice : « " + valeur + " » n'est pas une année (ex. " + defaut + ")");
		}
		return valeur;
	}

	return Controller.extend("chorus.fiori.situation.controller.Situation", {
		onInit: function () {
			this._modele = new JSONModel({niveau: "uo", code: "", exercice: "", lignes: [], intitule: "",
				message: "Choisissez un programme, un BOP ou une UO, puis « Consulter ».", typeMessage: "Information",
				occupe: false});
			this.getView().setModel(this._modele, "situation");
			var session = this.getOwnerComponent().getModel("session");
			this.getOwnerComponent().getRouter().getRoute("situation").attachPatternMatched(function () {
				if (!this._modele.getProperty("/exercice")) {
					this._modele.setProperty("/exercice", session.getProperty("/exercice"));
				}
			}, this);
		},

		onNiveau: function () {
			this._modele.setProperty("/code", "");
			this.byId("saisieCode").setDescription("");
		},

		onAideCode: function () {
			AideSaisie.ouvrir(this.getView(), this.byId("saisieCode"), this._modele.getProperty("/niveau"));
		},

		onConsulter: function () {
			var s = this._modele.getData();
			var modele = this._modele;
			var exercice;
			var code = (s.code || "").trim().toUpperCase();
			try {
				exercice = annee(s.exercice, this.getOwnerComponent().getModel("session").getProperty("/exercice"));
				if (!code) {
					throw new Error("Code : champ obligatoire");
				}
			} catch (erreur) {
				modele.setProperty("/lignes", []);
				modele.setProperty("/message", erreur.message);
				modele.setProperty("/typeMessage", "Error");
				return;
			}
			modele.setProperty("/occupe", true);
			Api.lire("/api/situation/" + s.niveau + "/" + code + "?exercice=" + exercice).then(function (situation) {
				var intitule = NIVEAUX[situation.niveau] + " " + situation.code + " — " + situation.libelle +
					", exercice " + situation.exercice;
				modele.setProperty("/intitule", intitule);
				modele.setProperty("/lignes", situation.lignes);
				modele.setProperty("/message", situation.lignes.length > 1 ? "" : "Aucun crédit pour " +
					NIVEAUX[situation.niveau] + " " + situation.code + " sur l'exercice " + situation.exercice + ".");
				modele.setProperty("/typeMessage", "Information");
			}, function (erreur) {
				modele.setProperty("/lignes", []);
				modele.setProperty("/message", erreur.message);
				modele.setProperty("/typeMessage", "Error");
			}).finally(function () {
				modele.setProperty("/occupe", false);
			});
		}
	});
});
