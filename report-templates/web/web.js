// Klachtverslag web: only improvements; the page works without it.
// 1. Drag and drop onto the register field. 2. The batch progress updates itself.
// 3. After a form, the focus goes where the page scrolled to (the message, the step's heading, or
//    the field with an error), so a keyboard user goes on from there and not from the top;
//    a link within the page (step 3's missing texts, a message's fields) does the same.
(function () {
  "use strict";
  // What gets the focus for a target of the page: the target itself when it can have it; for
  // a step, its heading; for a field's box (v-…), its field; otherwise the target, made
  // focusable (the skip link's main).
  function veldVan(doel) {
    if (doel.matches("input, select, textarea, a, button, [tabindex]")) { return doel; }
    var veld = doel.tagName === "SECTION" ? doel.querySelector("h2[tabindex]")
      : /^v-/.test(doel.id) ? doel.querySelector("textarea, input:not([type=hidden]), select") : null;
    if (!veld) { doel.setAttribute("tabindex", "-1"); veld = doel; }
    return veld;
  }
  function focus(veld, scroll) {
    veld.focus({ preventScroll: !scroll });
    // After a navigation Chromium applies the address's #target in the first frame and takes
    // the focus away from a target that cannot have it; give it back then (not when the user
    // has moved on).
    requestAnimationFrame(function () {
      if (document.activeElement === document.body) { veld.focus({ preventScroll: true }); }
    });
  }
  if (window.location.hash.length > 1) {
    var doel = document.getElementById(window.location.hash.slice(1));
    if (doel) {
      // After a batch: straight to its download.
      var zip = window.location.hash === "#per" && document.getElementById("per-zip");
      focus(zip || veldVan(doel), true);
    }
  }
  // A link within the page (a missing text of step 3, a field named in a message, a step)
  // takes the focus along: the browser only scrolls.
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    var doel = a && a.getAttribute("href").length > 1 && document.getElementById(a.getAttribute("href").slice(1));
    if (!doel || ev.defaultPrevented || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) { return; }
    ev.preventDefault();
    if (window.location.hash !== a.getAttribute("href")) { history.pushState(null, "", a.getAttribute("href")); }
    doel.scrollIntoView();
    focus(veldVan(doel), false);
  });
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
