// The makers table: filters its rows by country, process and material.
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
  form.hidden = false;
  form.addEventListener("input", update);
  update();
})();
