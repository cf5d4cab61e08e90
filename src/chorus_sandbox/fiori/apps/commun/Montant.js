/**
 * Amounts as a French user reads and types them. Display: "1 234,56 €" (non-breaking spaces),
 * from the API's exact decimal strings, never through a float. Input: "1 234,56", "1234.56",
 * with or without €, checked with the very messages of the sandbox's HTML screens (ui._centimes,
 * montants.vers_centimes), then sent to the API as an exact decimal string.
 */
sap.ui.define([], function () {
	"use strict";

	var INSECABLE = "\u00a0";
	var PERMIS = /^[0-9 \u00a0\u202f,.\-+€]*$/;
	var DECIMAL = /^[+-]?[0-9]+(?:\.[0-9]+)?$/;
	var MAXIMUM = "999" + INSECABLE + "999" + INSECABLE + "999" + INSECABLE + "999,99" + INSECABLE + "€";

	function grouper(entiers) {
		return entiers.replace(/\B(?=(\d{3})+(?!\d))/g, INSECABLE);
	}

	/** "1234.5" → "1 234,50 €"; "" or null → "". */
	function formater(valeur) {
		if (valeur === null || valeur === undefined || valeur === "") {
			return "";
		}
		var texte = String(valeur);
		var signe = texte.charAt(0) === "-" ? "-" : "";
		var parties = texte.replace(/^[+-]/, "").split(".");
		var entiers = parties[0].replace(/^0+(?=\d)/, "") || "0";
		var centimes = ((parties[1] || "") + "00").slice(0, 2);
		return signe + grouper(entiers) + "," + centimes + INSECABLE + "€";
	}

	/** The typed text as the API's decimal string ("1234.56"); throws an Error with the French refusal. */
	function analyser(texte, champ) {
		var brut = texte === null || texte === undefined ? "" : String(texte);
		var net = brut.trim();
		if (!net) {
			throw new Error(champ + " : champ obligatoire");
		}
		if (!PERMIS.test(net)) {
			throw new Error(champ + " : « " + net + " » n'est pas un montant");
		}
		var propre = net.replace(/€$/, "").trim().replace(/[ \u00a0\u202f]/g, "").replace(/,/g, ".");
		if (!DECIMAL.test(propre)) {
			throw new Error(champ + " : « " + brut + " » n'est pas un montant (ex. 1 234,56)");
		}
		var signe = propre.charAt(0) === "-" ? "-" : "";
		var parties = propre.replace(/^[+-]/, "").split(".");
		var entiers = parties[0].replace(/^0+(?=\d)/, "");
		var decimales = (parties[1] || "").replace(/0+$/, "");
		if (entiers !== "0" && entiers.length > 16) {
			throw new Error(champ + " : " + brut + " dépasse le maximum autorisé (" + MAXIMUM + ")");
		}
		if (decimales.length > 2) {
			throw new Error(champ + " : " + brut + " a plus de deux décimales");
		}
		var valeur = entiers + "." + (decimales + "00").slice(0, 2);
		if (entiers.length > 12) {
			throw new Error(champ + " : " + formater(valeur) + " dépasse le maximum autorisé (" + MAXIMUM + ")");
		}
		return signe + valeur;
	}

	/** "1234.5" → 123450 cents, exactly (amounts stay below 2^53 cents). */
	function centimes(valeur) {
		var texte = String(valeur || "0");
		var signe = texte.charAt(0) === "-" ? -1 : 1;
		var parties = texte.replace(/^[+-]/, "").split(".");
		return signe * (parseInt(parties[0] || "0", 10) * 100 + parseInt(((parties[1] || "") + "00").slice(0, 2), 10));
	}

	/** The sum of the API's decimal strings, as a decimal string ("1234.56"), never through a float. */
	function somme(valeurs) {
		var total = valeurs.reduce(function (cumul, v) { return cumul + centimes(v); }, 0);
		var absolu = Math.abs(total);
		return (total < 0 ? "-" : "") + Math.floor(absolu / 100) + "." + String(absolu % 100).padStart(2, "0");
	}

	return {formater: formater, analyser: analyser, somme: somme};
});
