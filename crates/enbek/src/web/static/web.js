// The portal's one script: plain, progressive, optional. Without it every page works.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A form sent back with errors: the summary gets the focus, so that a screen reader reads it
  // and a keyboard user starts from it.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
