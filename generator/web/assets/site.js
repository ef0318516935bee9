// The keyboard on every page (templates/overrides/main.html).
(function () {
  "use strict";
  var _ = window.MakeLocal._;
  // The phone's menu is opened by its checkbox (generator/web/theme.py); this closes it on
  // Escape, when the focus moves on past it, and on coming back from the history.
  var toggle = document.getElementById("__drawer");
  var drawer = document.querySelector(".md-sidebar--primary");
  function close(focus) {
    if (toggle.checked) { toggle.checked = false; if (focus) toggle.focus(); }
  }
  if (toggle && drawer) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close(drawer.contains(document.activeElement));
    });
    document.addEventListener("focusin", function (event) {
      if (event.target !== toggle && !drawer.contains(event.target)) close(false);
    });
    window.addEventListener("pageshow", function () { close(false); });
  }

  // A table that scrolls sideways at this width becomes a named tab stop (keys scroll it).
  function heading(node) {
    for (; node && node.tagName !== "ARTICLE"; node = node.parentElement) {
      for (var h = node.previousElementSibling; h; h = h.previousElementSibling) {
        if (/^H[1-6]$/.test(h.tagName)) return _("%(heading)s: table", { heading: h.textContent.trim() });
      }
    }
    return _("Table");
  }
  function tables() {
    document.querySelectorAll(".md-typeset .ml-table, .md-typeset table").forEach(function (box) {
      var added = box.getAttribute("data-ml-scrolls");
      var scrolls = box.scrollWidth > box.clientWidth + 1 &&
        /auto|scroll/.test(getComputedStyle(box).overflowX);
      if (scrolls && added === null) {
        added = ["tabindex"];
        box.tabIndex = 0;
        if (box.tagName !== "TABLE") { box.setAttribute("role", "region"); added.push("role"); }
        if (!box.hasAttribute("aria-label")) {
          var caption = box.querySelector("caption");
          box.setAttribute("aria-label", _("%(table)s, scrolls sideways",
            { table: caption ? caption.textContent.trim() : heading(box) }));
          added.push("aria-label");
        }
        box.setAttribute("data-ml-scrolls", added.join(" "));
      } else if (!scrolls && added !== null) {  // wide enough now: what was added goes
        (added + " data-ml-scrolls").split(" ").forEach(function (a) { box.removeAttribute(a); });
      }
    });
  }
  var queued = false;
  window.addEventListener("resize", function () {
    if (!queued) { queued = true; requestAnimationFrame(function () { queued = false; tables(); }); }
  });
  tables();
})();
