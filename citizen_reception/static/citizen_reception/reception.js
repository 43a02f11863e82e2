/*
 * Citizen reception pages: print buttons ([data-print]) and a submit button that disables
 * itself once the form is sent ([data-disable-on-submit]), against double submits (the
 * server also refuses them by idempotency key). No inline script (CSP).
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.submitted === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "1";
    form.querySelectorAll("[data-disable-on-submit]").forEach(function (button) {
      button.setAttribute("aria-disabled", "true");
      button.classList.add("is-busy");
    });
  });
})();
