// Design pages: loads the 3D viewer only when a "View in 3D" button is pressed.
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var _ = window.MakeLocal._;

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".ml-view3d") : null;
    // aria-disabled, not disabled: a disabled button would drop the keyboard's focus.
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    button.textContent = _("Loading the 3D view…");
    var start = function () { window.MakeLocalViewer.open(button); };
    if (window.MakeLocalViewer) { start(); return; }
    var script = document.createElement("script");
    script.src = base + "viewer.js";
    script.onload = start;
    script.onerror = function () { button.textContent = _("The 3D view could not be loaded"); };
    document.head.appendChild(script);
  });
})();
