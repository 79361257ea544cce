// Title suggestions under a search box that has data-suggest="<JSON URL>": an ARIA 1.2 combobox.
// Without this script the box is a plain search field; with it, the arrow keys move through the
// suggestions, Enter opens the chosen page, Escape closes the list.
(function () {
  "use strict";
  var MIN_LENGTH = 2;
  var DELAY = 200;

  function enhance(input, number) {
    var list = document.createElement("ul");
    var timer = null;
    var active = -1;
    var controller = null;
    list.id = "search-suggestions-" + number;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(index) {
      var items = options();
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function show(results) {
      close();
      results.forEach(function (result, i) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        link.href = result.url;
        link.tabIndex = -1;
        link.textContent = result.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (controller) controller.abort();
      if (query.length < MIN_LENGTH) return close();
      controller = new AbortController();
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          show(data.results);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        choose(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = options()[active].querySelector("a").href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(close, 150);  // after a click on a suggestion has followed its link
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(enhance);
})();
