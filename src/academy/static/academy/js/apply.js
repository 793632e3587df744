// The apply form: live character counts, and a plain message when an autosave cannot reach the server.
(function () {
  "use strict";
  function counter(field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    if (!limit) { return; }
    var out = document.createElement("small");
    out.className = "char-count";
    field.insertAdjacentElement("afterend", out);
    function update() {
      var n = field.value.length;
      out.textContent = n + " / " + limit + " characters" + (n > limit ? " — " + (n - limit) + " too many" : "");
      out.classList.toggle("over", n > limit);
    }
    field.addEventListener("input", update);
    update();
  }
  function offline(event) {
    var status = document.getElementById("autosave-status");
    if (!status || !event.target.closest("#application-form")) { return; }
    status.textContent = "Not saved: the server could not be reached. What you typed is still here; " +
      "it is saved with your next change, or press Save draft.";
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#application-form [data-limit]").forEach(counter);
    document.body.addEventListener("htmx:sendError", offline);
    document.body.addEventListener("htmx:responseError", offline);
  });
})();
