/**
 * What the campagne des reports' views share: dates as the HTML screens show them, totals of the
 * lines, the state colour of each statut (domaine/reports.py).
 */
sap.ui.define(["chorus/fiori/commun/Montant"], function (Montant) {
	"use strict";

	var ETATS = {"Déposée": "Information", "Avis favorable": "Success", "Avis défavorable": "Error",
		"Arrêtée": "Warning", "Intégrée": "Success", "Signé": "Information", "Intégré": "Success"};

	return {
		/** "2027-01-01" → "01/01/2027"; null → "". */
		date: function (iso) {
			return iso ? iso.slice(0, 10).split("-").reverse().join("/") : "";
		},
		/** "2027-01-01T10:02:03.123+00:00" → "01/01/2027 10:02:03" (the screens' horodatage_fr). */
		horodatage: function (iso) {
			return iso ? iso.slice(0, 10).split("-").reverse().join("/") + " " + iso.slice(11, 19) : "";
		},
		etat: function (statut) {
			return ETATS[statut] || "None";
		},
		/** The total of one amount of ``lignes`` ("ae", "cp"...), as a decimal string. */
		total: function (lignes, champ) {
			return Montant.somme((lignes || []).map(function (x) { return x[champ]; }));
		}
	};
});
