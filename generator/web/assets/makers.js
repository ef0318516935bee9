// The makers table: filters its rows by country, process and material. The filters live
// in the address (#country=NG&process=sewing), so the map and other pages can link to a
// selection.
(function () {
  "use strict";
  var form = document.getElementById("ml-maker-filters");
  var table = document.getElementById("ml-makers");
  var none = document.getElementById("ml-makers-none");
  if (!form || !table) return;
  function update() {
    var country = form.elements.country.value;
    var process = form.elements.process.value;
    var material = form.elements.material.value;
    var visible = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var ok = (!country || row.getAttribute("data-country") === country) &&
        (!process || row.getAttribute("data-process").indexOf(" " + process + " ") >= 0) &&
        (!material || row.getAttribute("data-material").indexOf(" " + material + " ") >= 0);
      row.hidden = !ok;
      if (ok) visible++;
    });
    none.hidden = visible > 0;
  }
  var FACETS = ["country", "process", "material"];
  function fromAddress() {
    var chosen = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2) chosen[parts[0]] = decodeURIComponent(parts[1]);
    });
    FACETS.forEach(function (name) {
      var select = form.elements[name];
      var wanted = chosen[name] || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
    });
    update();
    // A country chosen on the map or in the list: show its makers.
    if (FACETS.some(function (name) { return form.elements[name].value; })) form.scrollIntoView();
  }
  function toAddress() {
    var pairs = FACETS.filter(function (name) { return form.elements[name].value; })
      .map(function (name) { return name + "=" + encodeURIComponent(form.elements[name].value); });
    history.replaceState(null, "", pairs.length ? "#" + pairs.join("&") : location.pathname + location.search);
    update();
  }
  form.hidden = false;
  form.addEventListener("input", toAddress);
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
