/**
 * Calls to the sandbox's JSON API, as a Fiori app calls its service: real XMLHttpRequests (so the
 * UI5 waiter sees them), the session cookie, and the session's CSRF token on every change.
 * A refusal rejects with the API's French message ({"erreur", "message"}).
 */
sap.ui.define([], function () {
	"use strict";

	function meta(nom) {
		var element = document.querySelector("meta[name=\"" + nom + "\"]");
		return element ? element.content : "";
	}

	function message(xhr) {
		try {
			var corps = JSON.parse(xhr.responseText);
			if (corps && corps.message) {
				return corps.message;
			}
		} catch (e) {
			// not JSON: fall back to the status below
		}
		return "Requête refusée (" + xhr.status + ")";
	}

	function requete(methode, url, corps) {
		return new Promise(function (resoudre, rejeter) {
			var xhr = new XMLHttpRequest();
			xhr.open(methode, url);
			xhr.setRequestHeader("Accept", "application/json");
			if (methode !== "GET") {
				xhr.setRequestHeader("X-CSRF-Token", meta("csrf-jeton"));
				xhr.setRequestHeader("Content-Type", "application/json");
			}
			xhr.onload = function () {
				if (xhr.status >= 200 && xhr.status < 300) {
					resoudre(xhr.responseText ? JSON.parse(xhr.responseText) : null);
				} else {
					rejeter(new Error(message(xhr)));
				}
			};
			xhr.onerror = function () {
				rejeter(new Error("Le bac à sable ne répond pas (connexion refusée)"));
			};
			xhr.send(methode === "GET" ? null : JSON.stringify(corps || {}));
		});
	}

	return {
		meta: meta,
		lire: function (url) {
			return requete("GET", url);
		},
		envoyer: function (url, corps) {
			return requete("POST", url, corps);
		}
	};
});
