// The error summary of a refused public form (home/templates/home/includes/error_summary.html):
// focused when the page loads, so that a screen reader reads it first and the keyboard starts from
// it; its links move the focus to their field with the field's label in view (GOV.UK's pattern).
// The site's Content-Security-Policy forbids inline script, hence this file.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    var label = field.labels && field.labels.length ? field.labels[0] : field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
