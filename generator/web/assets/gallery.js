// The design gallery: filters by process, material, category, pillar, maturity, evidence
// (a rung of the evidence ladder or higher) and words,
// all in the browser from data/designs.js (no server needed). The filters live in the
// address (#process=fdm-printing&material=pla), so other pages can link to a selection.
(function () {
  "use strict";
  var data = window.MAKELOCAL_DESIGNS;
  var _ = window.MakeLocal._;
  var ngettext = window.MakeLocal.ngettext;
  var form = document.getElementById("ml-gallery-filters");
  var list = document.getElementById("ml-gallery");
  var more = document.getElementById("ml-gallery-more");
  var count = document.getElementById("ml-gallery-count");
  var box = document.getElementById("ml-gallery-filterbox");
  var on = document.getElementById("ml-gallery-on");
  if (!data || !form || !list || !box || !on) return;
  var root = document.currentScript.src.replace(/assets\/makelocal\/gallery\.js.*$/, "");
  var shared = root + window.MakeLocal.shared;  // the English site: its pages and pictures
  var PAGE = 24;
  var shown = PAGE;
  var FACETS = ["process", "material", "category", "pillar", "maturity", "evidence"];

  function names(kind, ids) {
    return ids.map(function (id) { return data.names[kind][id] || id; });
  }

  function haystack(d) {
    return [d.t, d.s, d.l, d.k.join(" "), names("process", d.p).join(" "),
      names("material", d.m).join(" "), data.names.category[d.c] || d.c,
      names("pillar", d.g).join(" ")].join(" ").toLowerCase();
  }
  data.designs.forEach(function (d) { d.text = haystack(d); });

  function selection() {
    var chosen = {};
    FACETS.concat(["q"]).forEach(function (name) { chosen[name] = form.elements[name].value; });
    return chosen;
  }

  function matches(d, chosen) {
    if (chosen.process && d.p.indexOf(chosen.process) < 0) return false;
    if (chosen.material && d.m.indexOf(chosen.material) < 0) return false;
    if (chosen.category && d.c !== chosen.category) return false;
    if (chosen.pillar && d.g.indexOf(chosen.pillar) < 0) return false;
    if (chosen.maturity && d.y !== chosen.maturity) return false;
    if (chosen.evidence && d.e < data.levels[chosen.evidence]) return false;
    var words = chosen.q.toLowerCase().split(/\s+/).filter(Boolean);
    return words.every(function (word) { return d.text.indexOf(word) >= 0; });
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  // As the pages write a time: "47 min" or "3 h 05 min" (generator/web/words.py).
  function card(d) {
    var item = element("li", "ml-card");
    var link = element("a", "ml-card__link");
    link.href = (d.en ? shared : root) + "design/" + encodeURIComponent(d.id) + ".html";
    if (d.en) {
      link.lang = "en";
      link.hreflang = "en";
    }
    if (d.i) {
      var image = element("img");
      image.src = shared + d.i.split("/").map(encodeURIComponent).join("/");
      image.alt = "";
      image.width = 320;
      image.height = 240;
      image.loading = "lazy";
      link.appendChild(image);
    } else {
      link.appendChild(element("span", "ml-card__noimage"));
    }
    link.appendChild(element("strong", "ml-card__title", d.t));
    item.appendChild(link);
    var badges = element("span", "ml-card__badges");
    if (d.v) {
      var verdict = element("span", "ml-badge ml-badge--" + d.v, data.names.verdict[d.v]);
      verdict.title = data.names.verdictMeaning[d.v];
      badges.appendChild(verdict);
      badges.appendChild(document.createTextNode(" "));
    }
    var rung = element("span", "ml-badge ml-badge--" + d.r, d.el);
    rung.title = data.names.rungMeaning[d.r];
    badges.appendChild(rung);
    item.appendChild(badges);
    item.appendChild(element("span", "ml-card__meta", names("process", d.p).join(", ")));
    if (d.f) item.appendChild(element("span", "ml-card__figures", d.f));
    return item;
  }

  function update() {
    var chosen = selection();
    var found = data.designs.filter(function (d) { return matches(d, chosen); });
    list.textContent = "";
    found.slice(0, shown).forEach(function (d) { list.appendChild(card(d)); });
    count.textContent = ngettext("%(found)s of %(num)s design", "%(found)s of %(num)s designs",
      data.designs.length, { found: found.length });
    var active = FACETS.concat(["q"]).filter(function (n) { return chosen[n]; }).length;
    on.textContent = active ? _("(%(count)s on)", { count: active }) : "";
    more.hidden = found.length <= shown;
    var hash = FACETS.concat(["q"]).filter(function (n) { return chosen[n]; })
      .map(function (n) { return n + "=" + encodeURIComponent(chosen[n]); }).join("&");
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  // The address decides the whole selection: fields it does not name are cleared.
  function fromAddress() {
    FACETS.concat(["q"]).forEach(function (name) { form.elements[name].value = ""; });
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      var field = form.elements[parts[0]];
      if (field && parts.length === 2) {
        try { field.value = decodeURIComponent(parts[1]); } catch (error) { /* bad escape */ }
      }
    });
  }

  // Filters stay folded behind one button on a phone, open on wider screens, and open
  // wherever the address already chose some.
  box.hidden = false;
  fromAddress();
  box.open = window.matchMedia("(min-width: 45em)").matches ||
    FACETS.concat(["q"]).some(function (n) { return form.elements[n].value; });
  form.addEventListener("input", function () { shown = PAGE; update(); });
  form.addEventListener("reset", function () { setTimeout(function () { shown = PAGE; update(); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  more.addEventListener("click", function () { shown += PAGE; update(); });
  window.addEventListener("hashchange", function () { fromAddress(); update(); });
  update();
})();
