// Klachtverslag web: only improvements; the page works without it.
// 1. Drag and drop onto the register field. 2. The batch progress updates itself.
// 3. After a form, the focus goes where the page scrolled to (the step, or the field with an
//    error), so a keyboard user goes on from there and not from the top.
(function () {
  "use strict";
  if (window.location.hash.length > 1) {
    var doel = document.getElementById(window.location.hash.slice(1));
    if (doel) {
      var veld = doel.matches("input, select, textarea, a, button, [tabindex]") ? doel : doel.querySelector("textarea, input:not([type=hidden]), select");
      if (!veld) { doel.setAttribute("tabindex", "-1"); veld = doel; }
      // After a batch: straight to its download.
      if (window.location.hash === "#per" && document.getElementById("per-zip")) { veld = document.getElementById("per-zip"); }
      veld.focus();
    }
  }
  document.querySelectorAll("[data-sleepvak]").forEach(function (vak) {
    var input = vak.querySelector("input[type=file]");
    ["dragenter", "dragover"].forEach(function (e) {
      vak.addEventListener(e, function (ev) { ev.preventDefault(); vak.classList.add("erboven"); });
    });
    ["dragleave", "drop"].forEach(function (e) {
      vak.addEventListener(e, function () { vak.classList.remove("erboven"); });
    });
    vak.addEventListener("drop", function (ev) {
      ev.preventDefault();
      if (ev.dataTransfer && ev.dataTransfer.files.length) { input.files = ev.dataTransfer.files; }
    });
  });
  var v = document.querySelector("[data-voortgang]");
  if (v && !v.querySelector("a[download]")) {
    var timer = setInterval(function () {
      fetch(v.getAttribute("data-voortgang"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          var teller = v.querySelector("[data-teller]");
          var bar = v.querySelector("progress");
          if (teller) { teller.textContent = s.klaar + " van " + s.totaal; }
          if (bar) { bar.max = s.totaal || 1; bar.value = s.klaar; }
          if (s.gereed || s.fout) { clearInterval(timer); window.location.reload(); }
        })
        .catch(function () { clearInterval(timer); });
    }, 1000);
  }
})();
