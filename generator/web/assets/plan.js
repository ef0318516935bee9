// A design page's batch calculator: the per-product figures of generator/makeit/plan.py
// (in the page, as JSON) multiplied out for the quantity and prices the reader gives.
// Prices are remembered in this browser, per material. `makelocal plan` computes the same.
(function () {
  "use strict";
  var data = document.getElementById("ml-plan-data");
  var form = document.querySelector("form.ml-batch");
  if (!data || !form) return;
  var plan = JSON.parse(data.textContent);
  var out = form.querySelector(".ml-batch__result");
  var _ = window.MakeLocal._;
  var ngettext = window.MakeLocal.ngettext;
  var number = window.MakeLocal.number;

  function stored(material) {
    try { return window.localStorage.getItem("makelocal-price-" + material); } catch (e) { return null; }
  }
  function store(material, value) {
    try { window.localStorage.setItem("makelocal-price-" + material, value); } catch (e) { /* private mode */ }
  }
  function cell(row, text, header) {
    var element = document.createElement(header ? "th" : "td");
    element.textContent = text;
    row.appendChild(element);
  }
  function fixed(value, digits) { return number(value, digits); }
  // A number and its unit: as the pages write them (generator/web/words.py), kept together
  // by a no-break space in French.
  var space = window.MakeLocal.language === "en" ? " " : "\u00a0";
  function unit(amount, name) { return amount + space + name; }

  plan.materials.forEach(function (m) {
    var input = form.querySelector('input[name="price-' + m.id + '"]');
    if (!input) return;
    var remembered = stored(m.id);
    if (remembered !== null && remembered !== "") input.value = remembered;
    else if (m.price) input.value = m.price.amount;
    input.addEventListener("input", function () { store(m.id, input.value); });
  });

  function render() {
    var quantity = Math.max(1, Math.floor(Number(form.quantity.value) || 1));
    var table = document.createElement("table");
    var head = table.createTHead().insertRow();
    ["", _("Per product"), _("For %(count)s", { count: number(quantity) })].forEach(function (t) {
      cell(head, t, true);
    });
    var body = table.createTBody();
    var total = 0, priced = true;
    plan.materials.forEach(function (m) {
      var row = body.insertRow();
      cell(row, m.name, true);
      cell(row, unit(fixed(m.kgPerUnit, 3), "kg"));
      cell(row, unit(fixed(m.kgPerUnit * quantity, 2), "kg"));
      var input = form.querySelector('input[name="price-' + m.id + '"]');
      var price = input ? Number(input.value) : NaN;
      if (input && input.value !== "" && price >= 0) {
        var cost = body.insertRow();
        cost.className = "ml-batch__cost";
        cell(cost, _("Cost of %(material)s", { material: m.name }), true);
        cell(cost, fixed(m.kgPerUnit * price, 2));
        cell(cost, fixed(m.kgPerUnit * quantity * price, 2));
        total += m.kgPerUnit * quantity * price;
      } else {
        priced = false;
      }
    });
    plan.machines.forEach(function (m) {
      var row = body.insertRow();
      cell(row, _("%(machine)s time", { machine: m.name }), true);
      cell(row, unit(fixed(m.hoursPerUnit, 2), "h"));
      cell(row, unit(fixed(m.hoursPerUnit * quantity, 1), "h"));
    });
    plan.stock.forEach(function (s) {
      var row = body.insertRow();
      var count = s.perUnit * quantity;
      if (s.perSheet) {
        cell(row, _("Sheets"), true);
        cell(row, _("%(parts)s part(s) of %(each)s on %(sheet)s",
          { parts: s.perUnit, each: s.perSheet, sheet: s.what }));
        cell(row, ngettext("%(num)s sheet", "%(num)s sheets", Math.ceil(count / s.perSheet)));
      } else {
        cell(row, _("Fabric"), true);
        cell(row, unit(fixed(s.mmEach * s.perUnit / 1000, 2), "m"));
        cell(row, _("%(length)s m of %(fabric)s",
          { length: fixed(s.mmEach * count / 1000, 2), fabric: s.what }));
      }
    });
    if (plan.materials.length && priced) {
      var row = body.insertRow();
      row.className = "ml-batch__total";
      cell(row, _("Material cost"), true);
      cell(row, fixed(total / quantity, 2));
      cell(row, fixed(total, 2));
    }
    out.replaceChildren(table);
  }
  form.addEventListener("input", render);
  form.addEventListener("submit", function (event) { event.preventDefault(); render(); });
  render();
})();
