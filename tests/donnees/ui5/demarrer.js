sap.ui.define([
	"sap/ui/core/mvc/XMLView",
	"sap/ui/model/json/JSONModel",
	"sap/ui/model/resource/ResourceModel",
	"sap/ui/core/Core"
], function (XMLView, JSONModel, ResourceModel, Core) {
	"use strict";
	function suite(prefixe, n) {
		var lignes = [];
		for (var i = 1; i <= n; i++) {
			lignes.push({numero: prefixe + String(i).padStart(n > 99 ? 4 : 2, "0"), montant: String(i * 100)});
		}
		return lignes;
	}
	var modele = new JSONModel({
		engagement: {numero: "EJ-2026-0001", montant: ""},
		fournisseurs: suite("Fournisseur ", 30),
		lignes: suite("Ligne ", 50),
		ejs: suite("EJ ", 200),
		compteur: 0, message: "", fournisseur: "", ligneChoisie: "", ejChoisi: ""
	});
	modele.setSizeLimit(1000);
	Core.setModel(modele);
	Core.setModel(new ResourceModel({bundleUrl: "i18n/i18n.properties", supportedLocales: [""], fallbackLocale: ""}), "i18n");
	XMLView.create({viewName: "essai.Saisie"}).then(function (saisie) {
		saisie.placeAt("contenu");
		return XMLView.create({viewName: "essai.Autre"});
	}).then(function (autre) {
		autre.placeAt("contenu");
	});
});
