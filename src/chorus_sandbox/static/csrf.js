// Chorus sandbox: every POST form carries the session's CSRF token (the server refuses a change
// made with the session cookie but without it). Runs at the end of <body>, and again on submit for
// a form added later, so the screens' forms need nothing of their own.
(function () {
  var meta = document.querySelector('meta[name="csrf-jeton"]');
  if (!meta || !meta.content) { return; }
  function garnir(formulaire) {
    if ((formulaire.getAttribute("method") || "get").toLowerCase() !== "post") { return; }
    if (formulaire.querySelector('input[name="csrf_jeton"]')) { return; }
    var champ = document.createElement("input");
    champ.type = "hidden"; champ.name = "csrf_jeton"; champ.value = meta.content;
    formulaire.appendChild(champ);
  }
  document.querySelectorAll("form").forEach(garnir);
  document.addEventListener("submit", function (evenement) { garnir(evenement.target); }, true);
}());
