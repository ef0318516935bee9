// The keyboard on every page (loaded by templates/overrides/main.html).
(function () {
  "use strict";

  // The menu below 76.25em is Material's drawer, opened by its checkbox (the menu button:
  // site.css, generator/web/theme.py) without script. This closes it with Escape and when
  // the keyboard moves on past it, so focus never sits under the drawer's shade, and when a
  // page comes back from the browser's history.
  var toggle = document.getElementById("__drawer");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (toggle && drawer) {
    var close = function (focus) {
      if (!toggle.checked) return;
      toggle.checked = false;
      if (focus) toggle.focus();
    };
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close(drawer.contains(document.activeElement));
    });
    document.addEventListener("focusin", function (event) {
      if (event.target !== toggle && !drawer.contains(event.target)) close(false);
    });
    window.addEventListener("pageshow", function () { close(false); });
  }

  // A table wider than the page scrolls sideways; the keyboard can only scroll what it can
  // focus, so a table that scrolls at this width becomes a named tab stop.
  function heading(element) {
    for (var node = element; node && node.tagName !== "ARTICLE"; node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName)) return before.textContent.trim();
      }
    }
    return "";
  }
  function scrollable() {
    var tables = document.querySelectorAll(".md-typeset .ml-table, .md-typeset table");
    Array.prototype.forEach.call(tables, function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 &&
        /auto|scroll/.test(window.getComputedStyle(box).overflowX);
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        var name = caption ? caption.textContent.trim() : heading(box);
        // What was added, to be taken away when a wider window no longer needs it.
        var added = ["tabindex", "data-ml-scrolls"];
        box.setAttribute("tabindex", "0");
        if (box.tagName !== "TABLE") { box.setAttribute("role", "region"); added.push("role"); }
        if (!box.hasAttribute("aria-label")) {
          box.setAttribute("aria-label", (name ? name + ": table" : "Table") + ", scrolls sideways");
          added.push("aria-label");
        }
        box.setAttribute("data-ml-scrolls", added.join(" "));
      } else if (!scrolls && box.hasAttribute("data-ml-scrolls")) {
        box.getAttribute("data-ml-scrolls").split(" ").forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }
  var queued = false;
  window.addEventListener("resize", function () {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(function () { queued = false; scrollable(); });
  });
  scrollable();
})();
