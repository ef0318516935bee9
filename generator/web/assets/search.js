// The search page. It answers from the finder's words files (data.js): names, aliases,
// processes, materials and summaries, in a few small files whatever the size of the
// catalogue. Served over http, the visitor may search every word of every page instead,
// with the Pagefind index, which is larger (its list of pages grows with the site) and is
// loaded only then; opened from files (a USB stick), browsers refuse to load it.
// In another language than English, Pagefind's index of the page's language (it keeps one
// per <html lang>) is searched with the English one merged in, for the records not yet
// translated; their results lead to the English pages and say so.
(function () {
  "use strict";
  var form = document.getElementById("ml-search-form");
  var status = document.getElementById("ml-search-status");
  var results = document.getElementById("ml-search-results");
  var more = document.getElementById("ml-search-more");
  if (!form) return;
  var root = document.currentScript.src.replace(/assets\/makelocal\/search\.js.*$/, "");
  var site = window.MakeLocal;
  var _ = site._;
  var ngettext = site.ngettext;
  var shared = root + site.shared;  // the English site, where the index and pictures are
  // Results shown at first, and added by "Show more": each may bring its picture, and a
  // visitor on a slow connection waits for no more than a screen or two of them.
  var PAGE = Number(results.getAttribute("data-page"));
  // The search shown: {total, done, next(count), note}. `total` is exact once `done` (no
  // more to show); before, a kind chosen in the full-text search counts only the results
  // read so far, and the status says "at least".
  var listed = null;
  var shown = 0;
  var engines = {};  // by whether they search the full text
  var full = form.querySelector(".ml-searchform__full");
  var served = location.protocol !== "file:";
  // Pagefind's kinds of page (the pages' metadata, in English whatever their language).
  var KINDS = { Design: _("Design"), Material: _("Material"), Process: _("Process"),
    Maker: _("Maker"), Need: _("Need") };

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  // Pagefind's excerpts are HTML: words wrapped in <mark>, with < and > escaped. They are
  // rebuilt here as text and <mark> elements, so no markup from a page can get through.
  function excerpt(html) {
    var paragraph = element("p");
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") return true;
      if (piece === "</mark>") return false;
      var text = piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
        .replace(/&#39;/g, "'").replace(/&amp;/g, "&");
      paragraph.appendChild(marked ? element("mark", "", text) : document.createTextNode(text));
      return marked;
    }, false);
    return paragraph;
  }

  // A search's first results in place of the last search's.
  function list(listing) {
    listed = listing;
    shown = 0;
    results.textContent = "";
    return showMore();
  }

  // The next results of the search shown, added to the list.
  function showMore() {
    var listing = listed;
    if (!listing) return Promise.resolve();
    return listing.next(PAGE).then(function (items) {
      if (listing !== listed) return;  // a newer search replaced it meanwhile
      items.forEach(add);
      shown += items.length;
      var total = listing.total;
      var said = !total ? (listing.done ? _("Nothing found.") : _("Nothing found so far.")) :
        !listing.done && total <= shown ?
        ngettext("At least %(num)s result, showing the first %(shown)s.",
          "At least %(num)s results, showing the first %(shown)s.", total, { shown: shown }) :
        total > shown ?
        ngettext("%(num)s result, showing the first %(shown)s.",
          "%(num)s results, showing the first %(shown)s.", total, { shown: shown }) :
        ngettext("%(num)s result.", "%(num)s results.", total);
      status.textContent = said + (listing.note ? " " + listing.note : "");
      more.hidden = listing.done;
    });
  }

  function add(item) {
    var entry = element("li", "ml-result");
    var text = element("div", "ml-result__text");
    var link = element("a", "", item.title);
    link.href = item.url;
    if (item.english) {
      link.lang = "en";
      link.hreflang = "en";
    }
    text.appendChild(link);
    if (item.type) text.appendChild(element("span", "ml-result__type", KINDS[item.type] || item.type));
    var said = [item.verdict, item.evidence, item.figures].filter(Boolean);
    if (said.length) text.appendChild(element("p", "ml-result__figures", said.join(" · ")));
    text.appendChild(typeof item.excerpt === "string" ? excerpt(item.excerpt) : item.excerpt);
    if (item.image) {
      var picture = element("img", "ml-result__image");
      picture.src = item.image;
      picture.alt = "";
      picture.width = 96;
      picture.height = 72;
      picture.loading = "lazy";
      entry.appendChild(picture);
    }
    entry.appendChild(text);
    results.appendChild(entry);
  }

  // The kind of page is Pagefind metadata, not a filter: Pagefind writes its filter index
  // in a different order on every run, and the site must build byte for byte the same.
  // So a chosen kind is applied here, reading results in batches until enough match.
  function pagefind(pf) {
    return function (query, type) {
      return pf.search(query).then(function (found) {
        var read = 0;
        var matched = 0;  // of those read, the results shown or waiting to be
        var dropped = 0;  // English pages whose translation is found too
        var waiting = [];
        var listing = { total: 0, done: false, next: next };
        // Reads results in batches until `count` match, or at most 200 more are read.
        function next(count, budget) {
          budget = budget === undefined ? 200 : budget;
          if (waiting.length >= count || read >= found.results.length || budget <= 0) {
            var all = read >= found.results.length;
            listing.total = type || all ? matched : found.results.length - dropped;
            listing.done = all && waiting.length <= count;
            return Promise.resolve(waiting.splice(0, count).map(item));
          }
          var batch = found.results.slice(read, read + count);
          read += batch.length;
          return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
            pages.forEach(function (page) {
              var kind = (page.meta && page.meta.type) || "";
              if (translated(page)) {
                dropped += 1;
              } else if (!type || kind === type) {
                matched += 1;
                waiting.push(page);
              }
            });
            return next(count, budget - batch.length);
          });
        }
        return listing;
      });
    };

    function item(page) {
      var meta = page.meta || {};
      var url = address(page);
      return {
        title: meta.title || page.url,
        url: url,
        type: meta.type || "",
        // A design page names its card picture relative to itself.
        image: meta.image ? new URL(meta.image, url).href : "",
        figures: meta.figures || "",
        verdict: meta.verdict || "",
        evidence: meta.evidence || "",
        excerpt: page.excerpt,
        english: english(page)
      };
    }
  }

  // A result's address. Pagefind gives its own index's pages from the site's top folder
  // ("/fr/design/x.html"), and those of an index merged in as full addresses.
  var top = new URL(shared, location.href).href;
  function address(page) {
    return /^[a-z]+:/.test(page.url) ? new URL(page.url).href :
      new URL(page.url.replace(/^\//, ""), top).href;
  }

  // A result from the English index on a page in another language: an English page.
  function english(page) {
    return site.folder !== "" && address(page).slice(top.length).indexOf(site.folder) !== 0;
  }

  // An English page whose translation this site has (its own result is found instead).
  function translated(page) {
    return english(page) && site.translated.indexOf(address(page).slice(top.length)) >= 0;
  }

  // The finder's words files (data.js), a few small files a search; `note` says why the
  // full text is not searched, when the visitor asked for it.
  function names(note) {
    var ml = window.MAKELOCAL;
    if (!ml) return Promise.reject(new Error("data.js did not load"));
    return ml.load("find").then(function (data) {
      var label = { design: "Design", material: "Material", process: "Process", maker: "Maker",
        need: "Need" };  // as Pagefind's kinds
      function kind(at) {
        return data.spans.filter(function (span) { return at >= span[1] && at < span[2]; })[0][0];
      }
      return function (query, type) {
        var words = ml.words(query);
        return Promise.all(words.map(function (word) { return ml.lookUp(data, word); }))
          .then(function (found) {
            var all = found.length ? found.map(function (f) { return f.anywhere; })
              .reduce(ml.both) : [];
            if (type) all = all.filter(function (at) { return label[kind(at)] === type; });
            // Those with the first word in their name first, each part in order.
            var titled = {};
            if (found.length) found[0].titled.forEach(function (at) { titled[at] = true; });
            var first = all.filter(function (at) { return titled[at]; })
              .concat(all.filter(function (at) { return !titled[at]; }));
            var listing = { total: first.length, done: false, note: note, next: function (count) {
              var ids = first.slice(0, count);
              first = first.slice(count);
              listing.done = !first.length;
              return ml.items(data, ids).then(function (items) {
                return items.map(function (item, i) {
                  var what = kind(ids[i]);
                  return {
                    title: item.t,
                    url: new URL((item.en ? shared : root) + what + "/" +
                      encodeURIComponent(item.id) + ".html", location.href).href,
                    english: Boolean(item.en),
                    type: label[what],
                    image: item.i ? new URL(shared + item.i, location.href).href : "",
                    figures: item.f || "",
                    verdict: item.v ? data.names.verdict[item.v] : "",
                    evidence: item.el || "",
                    excerpt: element("p", "", item.s)
                  };
                });
              });
            } };
            return listing;
          });
      };
    });
  }

  // Pagefind's indexes ("bundles", generator/web/search.py): the first of the page's
  // language is loaded, its others merged in, and in another language than English the
  // English ones too, for the records not yet translated.
  function fullText() {
    var folder = new URL(shared + "pagefind/", location.href).href;
    var failed = function () {
      return names(_("The full-text index is not available here, so this search covers names, aliases, places, processes, materials and summaries."));
    };
    return fetch(folder + "bundles.json").then(function (response) {
      if (!response.ok) throw new Error("no index");
      return response.json();
    }).then(function (listed) {
      var own = listed[site.language] || [];
      var english = site.language === "en" ? [] : listed.en || [];
      if (!own.length) throw new Error("no index of the page's language");
      return import(folder + own[0] + "/pagefind.js").then(function (pf) {
        // No web worker: it is a second copy of Pagefind's code (41 KB) to download, for
        // searches that take milliseconds on the page itself.
        var merged = pf.options({ excerptLength: 24, noWorker: true });
        own.slice(1).map(function (name) { return [name, site.language]; })
          .concat(english.map(function (name) { return [name, "en"]; }))
          .forEach(function (bundle) {
            merged = merged.then(function () {
              return pf.mergeIndex(folder + bundle[0] + "/",
                { language: bundle[1], excerptLength: 24 });
            });
          });
        return merged.then(function () { return pagefind(pf); });
      });
    }).catch(failed);
  }

  function engine(wanted) {
    var key = wanted ? "full" : "names";
    if (!engines[key]) {
      engines[key] = wanted ? fullText() : names(served ? "" : _("This copy of the site is opened from files.") + " " + _("This search covers names, aliases, places, processes, materials and summaries; full-text search works when the site is served over http."));
    }
    return engines[key];
  }

  function run() {
    var query = form.elements.q.value.trim();
    var type = form.elements.type.value;
    var wanted = served && form.elements.full.checked;
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    if (type) params.set("type", type);
    if (wanted) params.set("full", "1");
    history.replaceState(null, "", "?" + params.toString());
    listed = null;  // a "Show more" meanwhile shows nothing of the last search
    more.hidden = true;
    if (!query) { results.textContent = ""; status.textContent = ""; return; }
    status.textContent = _("Searching…");
    engine(wanted).then(function (search) { return search(query, type); }).then(list)
      .catch(function () { status.textContent = _("Search failed to load."); });
  }

  var params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  form.elements.type.value = params.get("type") || "";
  form.elements.full.checked = params.get("full") === "1";
  if (served) full.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  form.elements.type.addEventListener("change", run);
  form.elements.full.addEventListener("change", run);
  more.addEventListener("click", showMore);
  if (form.elements.q.value) run();
})();
