// Search and filters for the register (iop register). Without JavaScript the full list is shown.
(function () {
  "use strict";
  var form = document.getElementById("filter");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody tr[data-id]"));
  var count = document.getElementById("antal");
  var none = document.getElementById("inga");
  if (!form || !rows.length) { return; }
  form.hidden = false;

  function norm(text) { return (text || "").toLocaleLowerCase("sv-SE").trim(); }

  function matches(row, q, part, status, area, year) {
    if (q && norm(row.getAttribute("data-sok")).indexOf(q) === -1) { return false; }
    if (part && row.getAttribute("data-parter").split("|").indexOf(part) === -1) { return false; }
    if (status && row.getAttribute("data-status") !== status) { return false; }
    if (area && row.getAttribute("data-omrade").split("|").indexOf(area) === -1) { return false; }
    if (year) {
      var y = parseInt(year, 10);
      if (y < parseInt(row.getAttribute("data-start"), 10) || y > parseInt(row.getAttribute("data-slut"), 10)) { return false; }
    }
    return true;
  }

  function update() {
    var q = norm(form.elements.sok.value);
    var part = form.elements.part.value;
    var status = form.elements.status.value;
    var area = form.elements.omrade.value;
    var year = form.elements.ar.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row, q, part, status, area, year);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    none.hidden = shown !== 0;
    count.textContent = "Visar " + shown + " av " + rows.length + " överenskommelser.";
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  update();
}());
