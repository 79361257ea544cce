// The header's <details> (menu button, menu groups, language list) work without this script; with it,
// opening a group of the menu closes the other, Escape closes what is open and returns to its button,
// and a click elsewhere closes an open group or the language list.
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  if (!header) return;
  var groups = header.querySelectorAll("details[data-menu-group]");
  var openable = header.querySelectorAll("details");

  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (!group.open) return;
      groups.forEach(function (other) {
        if (other !== group) other.open = false;
      });
    });
  });

  header.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = event.target.closest("details[open]");
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });

  document.addEventListener("click", function (event) {
    openable.forEach(function (details) {
      var floating = details.hasAttribute("data-menu-group") || details.classList.contains("language-choice");
      if (details.open && floating && !details.contains(event.target)) details.open = false;
    });
  });
})();
