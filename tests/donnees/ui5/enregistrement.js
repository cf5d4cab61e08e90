sap.ui.define([
	"sap/ui/core/mvc/XMLView",
	"sap/ui/model/json/JSONModel",
	"sap/ui/core/Core"
], function (XMLView, JSONModel, Core) {
	"use strict";
	Core.setModel(new JSONModel({montant: "", reference: "", etat: "Engagé"}));
	XMLView.create({viewName: "essai.Engagement"}).then(function (vue) { vue.placeAt("contenu"); });
});
