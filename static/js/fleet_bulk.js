// Fleet page selection: "select all matching" ticks and locks every row checkbox, and the submit
// button shows how many sites are chosen. Delegated from document, because htmx replaces the table.
(function () {
  "use strict";

  function update() {
    var form = document.getElementById("fleet-bulk-form");
    if (!form) {
      return;
    }
    var selectAll = document.getElementById("fleet-select-all");
    var boxes = document.querySelectorAll("input[data-fleet-select]");
    var chosen = 0;
    boxes.forEach(function (box) {
      if (selectAll.checked) {
        box.checked = true;
      }
      box.disabled = selectAll.checked;
      if (box.checked) {
        chosen += 1;
      }
    });
    var button = document.getElementById("fleet-bulk-submit");
    button.dataset.chosen = String(chosen);
    button.disabled = chosen === 0;
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("#fleet-select-all, input[data-fleet-select]")) {
      update();
    }
  });
  document.addEventListener("htmx:afterSwap", update);
  document.addEventListener("DOMContentLoaded", update);
})();
