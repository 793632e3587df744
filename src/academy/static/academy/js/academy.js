// Local times and the live countdown; no inline scripts, so the CSP can forbid them.
(function () {
  "use strict";
  function localise() {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.querySelectorAll("[data-local-time]").forEach(function (el) {
      var when = new Date(el.getAttribute("data-local-time"));
      var text = when.toLocaleString(undefined, { dateStyle: "long", timeStyle: "short" });
      el.textContent = "(" + text + " " + "in your time zone, " + zone + ")";
    });
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function countdown() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var end = new Date(el.getAttribute("data-countdown"));
      var out = el.querySelector(".countdown-left") || el.appendChild(document.createElement("span"));
      out.className = "countdown-left";
      function tick() {
        var left = Math.max(0, end - new Date());
        var s = Math.floor(left / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600),
            m = Math.floor(s % 3600 / 60);
        out.textContent = left > 0
          ? " " + [plural(d, "day"), plural(h, "hour"), plural(m, "minute"), plural(s % 60, "second")].join(", ") + " left."
          : " The call is closed.";
      }
      tick();
      setInterval(tick, 1000);
    });
  }
  // Escape closes an open group of the edition menu and puts the focus back on its name.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll(".edition-menu details[open]").forEach(function (group) {
      group.open = false;
      group.querySelector("summary").focus();
    });
  });
  document.addEventListener("DOMContentLoaded", function () { localise(); countdown(); });
})();
