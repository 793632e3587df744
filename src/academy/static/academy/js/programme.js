// The timetable in the viewer's own time zone, beside the edition's; no inline scripts (CSP).
(function () {
  "use strict";
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var time = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

  function isoDay(date) {
    return date.toLocaleDateString("en-CA", { timeZone: zone }); // YYYY-MM-DD in the viewer's zone
  }

  function localise() {
    var note = document.querySelector("[data-viewer-zone]");
    if (!note) { return; }
    var same = note.getAttribute("data-edition-zone") === zone;
    note.textContent = same
      ? "That is your time zone too."
      : "Your time zone is " + zone + ": your local times are in brackets.";
    if (same) { return; }
    document.querySelectorAll("[data-local-start]").forEach(function (el) {
      var start = new Date(el.getAttribute("data-local-start"));
      var end = new Date(el.getAttribute("data-local-end"));
      var text = start.toLocaleTimeString(undefined, time) + "–" + end.toLocaleTimeString(undefined, time);
      if (isoDay(start) !== el.getAttribute("data-edition-date")) {
        text = start.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" }) + " " + text;
      }
      el.textContent = "(" + text + " your time)";
    });
  }

  document.addEventListener("DOMContentLoaded", localise);
})();
