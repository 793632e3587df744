// The scoring page: autosave answers with 422 when a score is refused; show that message too.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422 && event.detail.target.id === "save-status") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
