// Sends a reader who opens the site's root page to the language their browser prefers.
// Without JavaScript the root page simply shows one link per language. Nothing is stored.
(function () {
  var links = document.querySelectorAll("a[data-lang]");
  var offered = {};
  for (var i = 0; i < links.length; i++) offered[links[i].getAttribute("data-lang")] = links[i].getAttribute("href");
  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  for (var j = 0; j < wanted.length; j++) {
    var code = String(wanted[j]).toLowerCase().split("-")[0];
    if (offered[code]) { window.location.replace(offered[code]); return; }
  }
})();
