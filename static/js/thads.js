/*
 * THADS: small behaviours of the layouts. Every page works without it; it only adds comfort.
 *
 * - the menu button on narrow screens (aria-expanded),
 * - focus on the error summary of a form sent back with errors ([data-focus-on-load]),
 * - modals: a <dialog data-modal> swapped in by htmx opens itself; [data-modal-close] closes it,
 * - toasts: the "thads:toast" event (HX-Trigger from django-htmx) adds a message to #messages,
 * - a message when an htmx request fails (texts come from data-* attributes on <body>,
 *   so they are translated by Django).
 *
 * No inline script anywhere (Content-Security-Policy without 'unsafe-inline').
 */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") {
      fn();
    } else {
      document.addEventListener("DOMContentLoaded", fn);
    }
  }

  function setupNavToggle() {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (!toggle || !nav) {
      return;
    }
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      nav.classList.toggle("is-open", !open);
    });
  }

  function focusOnLoad(root) {
    var target = root.querySelector("[data-focus-on-load]");
    if (target) {
      target.focus();
    }
  }

  function openModals(root) {
    root.querySelectorAll("dialog[data-modal]").forEach(function (dialog) {
      if (!dialog.open) {
        dialog.showModal();
      }
    });
  }

  function toast(message, level) {
    var area = document.getElementById("messages");
    if (!area || !message) {
      return;
    }
    var item = document.createElement("div");
    item.className = "message message-" + (level || "info");
    item.textContent = message;
    area.appendChild(item);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-modal-close]");
    if (button) {
      var dialog = button.closest("dialog");
      if (dialog) {
        dialog.close();
      }
    }
  });

  // A closed modal leaves the page, so the next one starts fresh.
  document.addEventListener(
    "close",
    function (event) {
      if (event.target.matches && event.target.matches("dialog[data-modal]")) {
        event.target.remove();
      }
    },
    true
  );

  document.addEventListener("htmx:afterSettle", function (event) {
    openModals(document);
    focusOnLoad(event.target);
  });

  document.addEventListener("thads:toast", function (event) {
    var detail = event.detail || {};
    toast(detail.message || detail.value, detail.level);
  });

  document.addEventListener("htmx:responseError", function () {
    toast(document.body.dataset.errorMessage, "error");
  });

  document.addEventListener("htmx:sendError", function () {
    toast(document.body.dataset.networkErrorMessage, "error");
  });

  ready(function () {
    setupNavToggle();
    focusOnLoad(document);
    openModals(document);
  });
})();
