// "What can I make?": the designs that the ticked processes, machines and materials can
// make, and what the near misses lack. The rules are those of _try() and _assess() in
// generator/makeit/matching.py; how each part fits on each machine profile, and which parts are
// alternatives, was worked out at build time, and every sentence comes from its
// MESSAGES, so the page and `makelocal match` give the same answers (tests/makeit
// checks both).
// Designs of one shape (match_page.shape_of: the same processes, materials and fits, whatever
// their names) match alike: each shape is matched once to count and order the results, and
// only the designs shown are loaded (data.js), a few small files at a time.
// Record text is only ever set with textContent.
(function () {
  "use strict";
  var ml = window.MAKELOCAL;
  var _ = window.MakeLocal._;
  var form = document.getElementById("ml-match-form");
  var can = document.getElementById("ml-match-can");
  var near = document.getElementById("ml-match-near");
  var summary = document.getElementById("ml-match-summary");
  var uncheckedList = document.getElementById("ml-match-unchecked");
  var danger = document.getElementById("ml-match-warnings");
  var more = { can: document.getElementById("ml-match-can-more"),
    near: document.getElementById("ml-match-near-more") };
  if (!ml || !form || !can || !near || !summary || !uncheckedList || !danger) return;
  var root = ml.root;
  var KINDS = ["process", "machine", "material"];
  var PAGE = 20;  // until the header says (match_page.PAGE_SIZE)
  var shown = { can: PAGE, near: PAGE };
  var asked = 0;  // the latest update; an earlier one that finishes later is dropped
  var data = null;
  var names = {};
  var machines = {};

  function byName(a, b) { return name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0; }

  function name(id) { return Object.prototype.hasOwnProperty.call(names, id) ? names[id] : id; }

  function say(key, values) {
    return data.messages[key].replace(/\{(\w+)\}/g, function (whole, field) {
      return values[field];
    });
  }

  function join(items, word) {
    if (items.length <= 1) return items.join("");
    return items.slice(0, -1).join(", ") + " " + word + " " + items[items.length - 1];
  }

  function chosen() {
    var have = { processes: {}, machines: [], materials: null };
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"),
      function (box) {
        if (box.name === "process") {
          have.processes[box.value] = true;
        } else if (box.name === "machine" && machines[box.value]) {
          have.machines.push(machines[box.value]);
          have.processes[machines[box.value].process] = true;
        } else if (box.name === "material") {
          have.materials = have.materials || {};
          have.materials[box.value] = true;
        }
      });
    have.machines.sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
    return have;
  }

  function message(need) {
    if (need.kind === "process") return say("process", { process: name(need.process) });
    if (need.kind === "material" && need.options.length) {
      return say("material", { materials: join(need.options.map(name), _("or")),
        process: name(need.process) });
    }
    if (need.kind === "material") return say("no-material", { process: name(need.process) });
    var fits = need.parts.filter(function (p) { return p.size; }).map(function (p) {
      return say("part-size", { part: p.name, size: p.size });
    });
    return say("machine", { process: name(need.process), parts: join(fits, _("and")) });
  }

  function needKey(need) { return need.kind + "|" + need.process + "|" + need.options.join(","); }

  // One part against what someone has: _try() in matching.py.
  function tryPart(part, have) {
    var needs = [];
    var unchecked = [];
    var fits = [];
    var materials = have.materials === null ? part.materials :
      part.materials.filter(function (m) { return have.materials[m]; });
    function add(kind, options) { needs.push({ kind: kind, process: part.process, options: options }); }
    if (!have.processes[part.process]) add("process", []);
    if (!materials.length) add("material", part.materials);
    // With no machine of known size for the process, sizes are not checked (haveNotes
    // says so once, not for every part).
    var own = !have.processes[part.process] ? [] : have.machines.filter(function (m) {
      return m.process === part.process && m.sized;
    });
    if (own.length && !part.size) {
      unchecked.push(say("no-size", { part: part.name }));
    } else if (own.length) {
      own.forEach(function (m) { if (part.fits[m.id]) fits.push([m.name, part.fits[m.id]]); });
      if (!fits.length) add("machine", []);
    }
    return { part: part, materials: materials, fits: fits, needs: needs, unchecked: unchecked };
  }

  // A whole design: _assess() in matching.py. Each set of alternatives counts the parts of
  // it that can be made; where none can, the one that adds the fewest needs to those
  // counted so far (the first, on a tie).
  function matchDesign(design, have) {
    var tried = [];
    var counted = [];
    var needed = {};
    var fallbacks = [];
    design.groups.forEach(function (group) {
      group.forEach(function (i) { tried[i] = tryPart(design.parts[i], have); });
      var made = group.filter(function (i) { return !tried[i].needs.length; });
      if (made.length) {
        made.forEach(function (i) { counted[i] = true; });
        return;
      }
      var cheapest = group[0];
      var fewest = Infinity;
      group.forEach(function (i) {
        var extra = {};
        tried[i].needs.forEach(function (need) {
          if (!needed[needKey(need)]) extra[needKey(need)] = true;
        });
        if (Object.keys(extra).length < fewest) {
          fewest = Object.keys(extra).length;
          cheapest = i;
        }
      });
      counted[cheapest] = true;
      tried[cheapest].needs.forEach(function (need) { needed[needKey(need)] = true; });
      if (group.length > 1) {
        fallbacks.push(say("alternative", {
          part: design.parts[cheapest].name,
          others: join(group.filter(function (i) { return i !== cheapest; })
            .map(function (i) { return design.parts[i].name; }), _("or"))
        }));
      }
    });
    var needs = [];
    var keys = {};
    var unchecked = [];
    tried.forEach(function (attempt, i) {
      if (!counted[i]) return;
      attempt.needs.forEach(function (need) {
        var key = needKey(need);
        if (!keys[key]) {
          keys[key] = { kind: need.kind, process: need.process, options: need.options, parts: [] };
          needs.push(keys[key]);
        }
        keys[key].parts.push(attempt.part);
      });
      unchecked = unchecked.concat(attempt.unchecked);
    });
    var status = !needs.length ? "can-make" :
      needs.length <= data.nearMissNeeds ? "near-miss" : "out-of-reach";
    return {
      design: design, status: status, parts: tried, needs: needs.map(message),
      notes: fallbacks.concat(
        unchecked.filter(function (note, i) { return unchecked.indexOf(note) === i; }))
    };
  }

  // What cannot be checked for what was left unsaid, once for all designs: have_notes()
  // in matching.py.
  function haveNotes(have) {
    var notes = have.materials === null ? [say("materials-unchecked", {})] : [];
    Object.keys(have.processes).sort(byName).forEach(function (process) {
      var sized = have.machines.some(function (m) { return m.process === process && m.sized; });
      if (!sized) notes.push(say("sizes-unchecked", { process: name(process) }));
    });
    return notes;
  }

  // A material that must never be heated beside processes that heat it: warnings().
  function warnings(have) {
    var heating = Object.keys(have.processes).filter(function (p) {
      return data.heated.indexOf(p) >= 0;
    }).sort(byName);
    if (!heating.length || have.materials === null) return [];
    return Object.keys(have.materials).filter(function (m) {
      return data.neverHeat.indexOf(m) >= 0;
    }).sort(byName).map(function (m) {
      return say("never-heat", { material: name(m), processes: join(heating.map(name), _("and")) });
    });
  }

  function fill(list, texts, className) {
    list.textContent = "";
    texts.forEach(function (text) { list.appendChild(element("li", className, text)); });
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function item(result, details) {
    var li = element("li", "ml-match__design");
    li.setAttribute("data-design", result.design.id);
    var link = element("a", "ml-match__title", result.design.title);
    link.href = (result.design.en ? root + window.MakeLocal.shared : root) + "design/" +
      encodeURIComponent(result.design.id) + ".html";
    if (result.design.en) {
      link.lang = "en";
      link.hreflang = "en";
    }
    li.appendChild(link);
    if (details.length) {
      var list = element("ul");
      details.forEach(function (text) { list.appendChild(element("li", "ml-match__detail", text)); });
      li.appendChild(list);
    }
    result.notes.forEach(function (note) { li.appendChild(element("p", "ml-note", note)); });
    return li;
  }

  // The parts of a design you can make that can be made; one that can replace a part
  // listed before it starts with "or".
  function partLines(result) {
    var shown = {};
    return result.parts.filter(function (p) { return !p.needs.length; }).map(function (p) {
      var replaces = p.part.alternatives.some(function (id) { return shown[id]; });
      shown[p.part.id] = true;
      var text = _("%(part)s: %(process)s, %(materials)s", { part: p.part.name,
        process: name(p.part.process), materials: join(p.materials.map(name), _("or")) });
      if (p.fits.length) {
        text = _("%(part)s; fits %(machines)s", { part: text,
          machines: p.fits.map(function (f) { return f[0] + " (" + f[1] + ")"; }).join(", ") });
      }
      return replaces ? _("or %(part)s", { part: text }) : text;
    });
  }

  // Near misses that lack the same things, under one heading of what they lack.
  function nearGroups(close) {
    var groups = [];
    var byNeeds = {};
    close.forEach(function (r) {
      var key = r.needs.join("\n");
      if (!byNeeds[key]) {
        byNeeds[key] = element("li", "ml-match__lacking");
        var lacks = element("ul", "ml-match__needs");
        r.needs.forEach(function (text) {
          lacks.appendChild(element("li", "ml-match__detail", text));
        });
        byNeeds[key].appendChild(lacks);
        byNeeds[key].appendChild(element("ul", "ml-match__designs"));
        groups.push(byNeeds[key]);
      }
      byNeeds[key].lastChild.appendChild(item(r, []));
    });
    return groups;
  }

  // A shape as a design without names, for matchDesign.
  function unnamed(shape) {
    return {
      parts: shape.parts.map(function (part) {
        return { id: "", name: "", process: part.process, materials: part.materials,
          size: part.size, fits: part.fits, alternatives: [] };
      }),
      groups: shape.groups
    };
  }

  // The first `limit` positions of the shapes' designs, shape after shape.
  function first(shapes, limit) {
    var positions = [];
    shapes.forEach(function (shape) {
      for (var at = shape.start; at < shape.end && positions.length < limit; at++) {
        positions.push(at);
      }
    });
    return positions;
  }

  function designsAt(positions) {
    var files = {};
    positions.forEach(function (at) { files[Math.floor(at / data.perFile)] = true; });
    return Promise.all(Object.keys(files).map(function (file) {
      return ml.load("match/designs-" + file).then(function (list) { files[file] = list; });
    })).then(function () {
      return positions.map(function (at) {
        return files[Math.floor(at / data.perFile)][at % data.perFile];
      });
    });
  }

  function size(shapes) {
    return shapes.reduce(function (sum, shape) { return sum + shape.end - shape.start; }, 0);
  }

  function update() {
    var have = chosen();
    var mine = ++asked;
    var judged = data.shapes.map(function (shape, order) {
      return { shape: shape, order: order, result: matchDesign(unnamed(shape), have) };
    });
    var made = judged.filter(function (j) { return j.result.status === "can-make"; });
    var close = judged.filter(function (j) { return j.result.status === "near-miss"; });
    close.sort(function (a, b) {
      return a.result.needs.length - b.result.needs.length || a.order - b.order;
    });
    var shapes = { can: made.map(function (j) { return j.shape; }),
      near: close.map(function (j) { return j.shape; }) };
    var totals = { can: size(shapes.can), near: size(shapes.near) };
    fill(uncheckedList, haveNotes(have));
    var dangers = warnings(have);
    fill(danger.querySelector("ul"), dangers);
    danger.hidden = !dangers.length;
    summary.textContent = _(
      "You can make %(made)s of %(all)s designs; %(close)s more lack at most %(lack)s things.",
      { made: totals.can, all: data.count, close: totals.near, lack: data.nearMissNeeds });
    var hash = KINDS.map(function (kind) {
      var values = Array.prototype.map.call(
        form.querySelectorAll("input[name=" + kind + "]:checked"),
        function (box) { return encodeURIComponent(box.value); });
      return values.length ? kind + "=" + values.join(",") : "";
    }).filter(Boolean).join("&");
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    can.setAttribute("aria-busy", "true");  // until the designs of this choice are listed
    near.setAttribute("aria-busy", "true");
    Promise.all([designsAt(first(shapes.can, shown.can)),
      designsAt(first(shapes.near, shown.near))]).then(function (designs) {
      if (mine !== asked) return;
      can.textContent = "";
      near.textContent = "";
      designs[0].forEach(function (d) {
        var r = matchDesign(d, have);
        can.appendChild(item(r, partLines(r)));
      });
      nearGroups(designs[1].map(function (d) { return matchDesign(d, have); }))
        .forEach(function (group) { near.appendChild(group); });
      ["can", "near"].forEach(function (list) {
        if (more[list]) more[list].hidden = totals[list] <= shown[list];
      });
      can.setAttribute("aria-busy", "false");
      near.setAttribute("aria-busy", "false");
    }).catch(function () {
      if (mine !== asked) return;
      summary.textContent = _("The designs could not be loaded.");
      can.setAttribute("aria-busy", "false");
      near.setAttribute("aria-busy", "false");
    });
  }

  function fromAddress() {
    var wanted = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length !== 2) return;
      parts[1].split(",").forEach(function (value) {
        try { wanted[parts[0] + "=" + decodeURIComponent(value)] = true; } catch (e) { /* bad escape */ }
      });
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
      box.checked = Boolean(wanted[box.name + "=" + box.value]);
    });
  }

  ml.load("match").then(function (header) {
    data = header;
    PAGE = header.page;
    shown = { can: PAGE, near: PAGE };
    data.processes.concat(data.materials).forEach(function (r) { names[r.id] = r.name; });
    data.machines.forEach(function (m) { machines[m.id] = m; });
    fromAddress();
    form.addEventListener("change", function () { shown = { can: PAGE, near: PAGE }; update(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { shown = { can: PAGE, near: PAGE }; update(); }, 0);
    });
    ["can", "near"].forEach(function (list) {
      if (more[list]) {
        more[list].addEventListener("click", function () { shown[list] += PAGE; update(); });
      }
    });
    window.addEventListener("hashchange", function () { fromAddress(); update(); });
    update();
  });
})();
