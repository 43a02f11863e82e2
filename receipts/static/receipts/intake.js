/*
 * Scan review (receipts/intake/scan_detail.html): each highlight box carries its position in
 * percent of the page image as data-* attributes; this file places it (no inline style in the
 * templates: CSP). Focusing a field's input marks its box as active.
 */
(function () {
  "use strict";

  function placeBoxes(root) {
    (root || document).querySelectorAll(".scan-highlight").forEach(function (box) {
      box.style.left = box.dataset.left + "%";
      box.style.top = box.dataset.top + "%";
      box.style.width = box.dataset.width + "%";
      box.style.height = box.dataset.height + "%";
    });
  }

  function activate(name) {
    document.querySelectorAll(".scan-highlight").forEach(function (box) {
      box.classList.toggle("is-active", box.dataset.field === name);
    });
  }

  document.addEventListener("focusin", function (event) {
    var holder = event.target.closest && event.target.closest("[data-scan-field]");
    if (holder) {
      activate(holder.dataset.scanField);
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    placeBoxes(document);
  });

  if (document.readyState !== "loading") {
    placeBoxes(document);
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      placeBoxes(document);
    });
  }
})();
