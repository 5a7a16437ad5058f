/* Progressive enhancement only: every page works without this file.
   Moves keyboard focus to a form's error summary so screen-reader users hear the errors first. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
