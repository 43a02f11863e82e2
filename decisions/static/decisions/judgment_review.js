/*
 * Review screen of an extracted judgment (decisions/judgment_review.html): keyboard-first.
 *
 *   j / k     select the next / previous field (its source page loads on the left)
 *   e         edit the selected field (Enter saves, Esc cancels)
 *   c         confirm the selected field as read
 *   Enter     in a list (select) of an edit form, saves as in a text box
 *
 * Highlight boxes of the source span come with their position as data-* attributes (percent
 * of the page image); this file places them, so the templates carry no inline style (CSP).
 */
(function () {
  "use strict";

  var selectedPath = null;

  function fields() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-judgment-field]"));
  }

  function placeBoxes(root) {
    (root || document).querySelectorAll(".judgment-highlight").forEach(function (box) {
      box.style.left = box.dataset.left + "%";
      box.style.top = box.dataset.top + "%";
      box.style.width = box.dataset.width + "%";
      box.style.height = box.dataset.height + "%";
    });
  }

  function loadSource(row) {
    if (!window.htmx || !row.dataset.sourceUrl || !document.getElementById("judgment-source")) {
      return;
    }
    window.htmx.ajax("GET", row.dataset.sourceUrl, { target: "#judgment-source", swap: "outerHTML" });
  }

  function select(row, options) {
    if (!row) {
      return;
    }
    fields().forEach(function (other) {
      other.classList.remove("is-selected");
      other.removeAttribute("aria-current");
    });
    row.classList.add("is-selected");
    row.setAttribute("aria-current", "true");
    selectedPath = row.dataset.path;
    if (!options || options.focus !== false) {
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: "nearest" });
    }
    if (!options || options.source !== false) {
      loadSource(row);
    }
  }

  function selected() {
    return document.querySelector("[data-judgment-field].is-selected");
  }

  function move(step) {
    var list = fields();
    if (!list.length) {
      return;
    }
    var index = list.indexOf(selected());
    var next = index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + step));
    select(list[next]);
  }

  function isTyping(target) {
    return target && (target.matches("input, select, textarea") || target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (!document.querySelector("[data-judgment-review]")) {
      return;
    }
    var target = event.target;
    var form = target.closest && target.closest(".judgment-field__form");
    if (form) {
      if (event.key === "Escape") {
        event.preventDefault();
        var cancel = form.querySelector("[data-judgment-cancel]");
        if (cancel) {
          cancel.click();
        }
      } else if (event.key === "Enter" && target.matches("select")) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (isTyping(target) || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var row = selected();
    if (event.key === "j") {
      event.preventDefault();
      move(1);
    } else if (event.key === "k") {
      event.preventDefault();
      move(-1);
    } else if (event.key === "e" && row) {
      var edit = row.querySelector("[data-judgment-edit]");
      if (edit) {
        event.preventDefault();
        edit.click();
      }
    } else if (event.key === "c" && row) {
      var confirm = row.querySelector("[data-judgment-confirm]");
      if (confirm) {
        event.preventDefault();
        confirm.click();
      }
    }
  });

  document.addEventListener("click", function (event) {
    var goto = event.target.closest("[data-judgment-goto]");
    if (goto) {
      var path = goto.dataset.judgmentGoto;
      var match = fields().filter(function (row) {
        return row.dataset.path === path;
      })[0];
      if (match) {
        select(match);
      }
      return;
    }
    if (event.target.closest("button, a, input, select, label, form")) {
      return;
    }
    var row = event.target.closest("[data-judgment-field]");
    if (row) {
      select(row);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    placeBoxes(document);
    var swapped = event.target;
    if (swapped && swapped.matches && swapped.matches("[data-judgment-field]")) {
      if (swapped.dataset.path === selectedPath || !selected()) {
        var input = swapped.querySelector("[data-judgment-input]");
        select(swapped, { focus: !input, source: false });
        if (input) {
          input.focus();
          if (input.select) {
            input.select();
          }
        }
      }
    }
  });

  function start() {
    placeBoxes(document);
    var first = fields()[0];
    if (first) {
      select(first, { focus: false, source: false });
    }
  }

  if (document.readyState !== "loading") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
