// The design gallery: filters by process, material, category, pillar, maturity, evidence
// (a rung of the evidence ladder or higher) and words, all in the browser (no server
// needed), from the finder's small data files (data.js): the designs a filter keeps, the
// words, and the cards shown, each file loaded when first needed. The filters live in the
// address (#process=fdm-printing&material=pla), so other pages can link to a selection.
(function () {
  "use strict";
  var ml = window.MAKELOCAL;
  var _ = window.MakeLocal._;
  var ngettext = window.MakeLocal.ngettext;
  var form = document.getElementById("ml-gallery-filters");
  var list = document.getElementById("ml-gallery");
  var more = document.getElementById("ml-gallery-more");
  var count = document.getElementById("ml-gallery-count");
  var box = document.getElementById("ml-gallery-filterbox");
  var on = document.getElementById("ml-gallery-on");
  if (!ml || !form || !list || !box || !on) return;
  var root = ml.root;
  var shared = root + window.MakeLocal.shared;  // the English site: its pages and pictures
  var PAGE = 12;  // until the header says (finder.GALLERY_PAGE)
  var shown = PAGE;
  var FACETS = ["process", "material", "category", "pillar", "maturity", "evidence"];
  var data = null;
  var designs = 0;
  var asked = 0;  // the latest update; an earlier one that finishes later is dropped

  function names(kind, ids) {
    return ids.map(function (id) { return data.names[kind][id] || id; });
  }

  function selection() {
    var chosen = {};
    FACETS.concat(["q"]).forEach(function (name) { chosen[name] = form.elements[name].value; });
    return chosen;
  }

  // The positions of the designs the selection keeps, in order; null: every design.
  function kept(chosen) {
    var lists = [];
    FACETS.forEach(function (facet) {
      if (!chosen[facet]) return;
      var file = data.facets[facet][chosen[facet]];
      lists.push(file === undefined ? Promise.resolve([]) :
        ml.load("find/facet-" + file).then(ml.members));
    });
    ml.words(chosen.q).forEach(function (word) {
      lists.push(ml.lookUp(data, word).then(function (found) {
        return found.anywhere.filter(function (at) { return at < designs; });
      }));
    });
    if (!lists.length) return Promise.resolve(null);
    return Promise.all(lists).then(function (sets) { return sets.reduce(ml.both); });
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

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
    var mine = ++asked;
    list.setAttribute("aria-busy", "true");  // until the cards of this selection are drawn
    var active = FACETS.concat(["q"]).filter(function (n) { return chosen[n]; });
    on.textContent = active.length ? _("(%(count)s on)", { count: active.length }) : "";
    var hash = active.map(function (n) { return n + "=" + encodeURIComponent(chosen[n]); });
    history.replaceState(null, "", hash.length ? "#" + hash.join("&") :
      location.pathname + location.search);
    kept(chosen).then(function (found) {
      var total = found === null ? designs : found.length;
      var first = [];
      for (var i = 0; i < Math.min(shown, total); i++) first.push(found === null ? i : found[i]);
      return ml.items(data, first).then(function (cards) {
        if (mine !== asked) return;
        list.textContent = "";
        cards.forEach(function (d) { list.appendChild(card(d)); });
        count.textContent = ngettext("%(found)s of %(num)s design", "%(found)s of %(num)s designs",
          designs, { found: total });
        more.hidden = total <= shown;
        list.setAttribute("aria-busy", "false");
      });
    }).catch(function () {
      if (mine !== asked) return;
      count.textContent = _("The designs could not be loaded.");
      list.setAttribute("aria-busy", "false");
    });
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

  ml.load("find").then(function (header) {
    data = header;
    designs = header.spans[0][2] - header.spans[0][1];
    PAGE = shown = header.page;
    // Filters stay folded behind one button on a phone, open on wider screens, and open
    // wherever the address already chose some.
    box.hidden = false;
    fromAddress();
    box.open = window.matchMedia("(min-width: 45em)").matches ||
      FACETS.concat(["q"]).some(function (n) { return form.elements[n].value; });
    form.addEventListener("input", function () { shown = PAGE; update(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { shown = PAGE; update(); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    more.addEventListener("click", function () { shown += PAGE; update(); });
    window.addEventListener("hashchange", function () { fromAddress(); update(); });
    update();
  });
})();
