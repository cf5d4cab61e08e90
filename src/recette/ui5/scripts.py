"""JavaScript run in the UI5 application's frame. Kept as Python strings (not package data files)
so that an installed wheel needs no extra data declaration.

Each script reuses what UI5 ships for test tools: ``sap.ui.test.RecordReplay`` (waitForUI5,
findControlSelectorByDOMElement, interactWithControl) and the synchronous finder behind its
``findAllDOMElementsByControlSelector`` (``sap.ui.test._ControlFinder._findElements``: a
Playwright selector engine must answer synchronously, RecordReplay only returns promises)."""

from __future__ import annotations

# Shared state of a frame: the URL patterns whose requests UI5 is not waited on, and ``fetch``
# as it was before the autowaiter wrapped it (the only way to let an ignored fetch bypass it).
_ETAT = "const R = window.__recetteUI5 || (window.__recetteUI5 = {ignorer: [], fetch: window.fetch});"

MOTEUR = """({
  queryAll(root, texte) {
    const sap = window.sap;
    if (!sap || !sap.ui || !sap.ui.require) return [];
    __ETAT__
    const CF = sap.ui.require("sap/ui/test/_ControlFinder");
    if (!CF) { sap.ui.require(["sap/ui/test/RecordReplay"]); return []; }
    const selecteur = JSON.parse(texte);
    const elements = CF._findElements(selecteur).filter(Boolean);
    const doc = root.ownerDocument || root;
    return root === doc ? elements : elements.filter((e) => root.contains(e));
  },
  query(root, texte) { return this.queryAll(root, texte)[0] || null; }
})""".replace("__ETAT__", _ETAT)

PRESENCE = "() => !!(window.sap && window.sap.ui && window.sap.ui.require)"

ATTENDRE = """async (o) => {
  __ETAT__
  R.ignorer = o.ignorer.map((m) => new RegExp(m));
  const charger = (noms) => new Promise((ok, ko) => sap.ui.require(noms, (...m) => ok(m), ko));
  const [RR, Core] = await charger(["sap/ui/test/RecordReplay", "sap/ui/core/Core"]);
  if (!R.accroche) {
    R.accroche = true;
    const ignore = (url) => R.ignorer.some((m) => m.test(String(url)));
    const ouvrir = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (methode, url, ...reste) {
      // open(method, url) is asynchronous, but the autowaiter reads a missing third argument as
      // synchronous and does not wait on the request: say it.
      if (reste.length === 0) reste = [true];
      const marque = ignore(url) && !String(methode).startsWith("XHR_WAITER_IGNORE:");
      return ouvrir.call(this, marque ? "XHR_WAITER_IGNORE:" + methode : methode, url, ...reste);
    };
    const surveille = window.fetch;
    window.fetch = function (ressource, options) {
      const url = typeof ressource === "object" && ressource ? ressource.url : ressource;
      return (ignore(url) ? R.fetch : surveille).call(this, ressource, options);
    };
  }
  if (Core && Core.ready) await Core.ready();
  try { await RR.waitForUI5({timeout: o.timeout, interval: o.interval}); return null; }
  catch (e) { return String((e && e.message) || e); }
}""".replace("__ETAT__", _ETAT)

# A control's value as a tester reads it: the first of value, text, title, selectedKey…
# that the control has, or the named property.
LIRE = """(element, propriete) => {
  const controle = sap.ui.require("sap/ui/core/Element").closestTo(element);
  if (!controle) return null;
  const noms = propriete ? [propriete] : ["value", "text", "title", "selectedKey", "number", "state"];
  const nom = noms.find((n) => controle.getMetadata().getProperty(n));
  const valeur = nom ? controle.getProperty(nom) : null;
  return valeur === null || valeur === undefined ? null : String(valeur);
}"""

SELECTEUR_DE = """async (element) => {
  const [RR] = await new Promise((ok, ko) => sap.ui.require(["sap/ui/test/RecordReplay"], (...m) => ok(m), ko));
  return RR.findControlSelectorByDOMElement({domElement: element, settings: {preferViewId: true}});
}"""

INTERAGIR = """async (o) => {
  const [RR] = await new Promise((ok, ko) => sap.ui.require(["sap/ui/test/RecordReplay"], (...m) => ok(m), ko));
  await RR.interactWithControl(o);
}"""

# One step of the search of a row showing a text in a list or table: the row found, or what to do
# to show more rows (press the growing trigger, load a page, scroll a virtualised table).
LIGNE = """(o) => {
  const CF = sap.ui.require("sap/ui/test/_ControlFinder");
  const conteneur = CF && CF._findControls(o.conteneur)[0];
  if (!conteneur) return {introuvable: true};
  const cherche = String(o.texte).trim();
  const lecteurs = ["getText", "getTitle", "getValue", "getDescription", "getNumber", "getInfo"];
  const textes = (c) => lecteurs.filter((g) => typeof c[g] === "function").map((g) => {
    try { const v = c[g](); return v === null || v === undefined ? "" : String(v).trim(); } catch (e) { return ""; }
  });
  const montre = (c) => [c, ...c.findAggregatedObjects(true)].some((x) => textes(x).includes(cherche));
  if (conteneur.isA("sap.ui.table.Table")) {
    const lignes = conteneur.getRows();
    const modele = (conteneur.getBindingInfo("rows") || {}).model;
    const ligne = lignes.find((r) => r.getBindingContext(modele) && montre(r));
    const liaison = conteneur.getBinding("rows");
    const total = liaison ? liaison.getLength() : lignes.length;
    if (ligne) {
      const refs = ligne.getDomRefs();
      return {id: ligne.getId(), clic: (refs.rowSelector || refs.rowScrollPart || ligne.getDomRef()).id};
    }
    const premiere = conteneur.getFirstVisibleRow();
    if (o.debut && premiere > 0) return {defiler: 0};
    if (premiere + lignes.length < total) return {defiler: premiere + lignes.length};
    return {absente: true, lues: total};
  }
  if (conteneur.isA("sap.m.ListBase")) {
    const elements = conteneur.getItems();
    const element = elements.find(montre);
    if (element) return {id: element.getId(), clic: element.getId()};
    const plus = conteneur.getGrowing() && elements.length < conteneur.getMaxItemsCount();
    const declencheur = document.getElementById(conteneur.getId() + "-trigger");
    if (plus && declencheur && declencheur.offsetParent) return {plus: declencheur.id};
    if (plus && conteneur._oGrowingDelegate) { conteneur._oGrowingDelegate.requestNewPage(); return {charge: true}; }
    return {absente: true, lues: elements.length};
  }
  return {inconnu: conteneur.getMetadata().getName()};
}"""

DEFILER = """(o) => {
  const table = sap.ui.require("sap/ui/test/_ControlFinder")._findControls(o.conteneur)[0];
  table.setFirstVisibleRow(o.premiere);
}"""
