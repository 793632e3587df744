// Selection run: the cohort's mix against the applicant pool, one grouped bar chart per mix, from the
// JSON in #selection-chart-data (no inline scripts). Each chart has its data table beside it.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("selection-chart-data");
    if (!source || typeof Chart === "undefined") { return; }
    JSON.parse(source.textContent).forEach(function (chart) {
      var canvas = document.getElementById(chart.id);
      if (!canvas) { return; }
      var horizontal = chart.labels.length > 6;
      // Sized through the CSSOM (allowed by the CSP, unlike a style attribute): a bar pair per label.
      canvas.parentNode.style.height = (horizontal ? Math.max(256, chart.labels.length * 36) : 256) + "px";
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [
            { label: "Cohort %", data: chart.cohort, backgroundColor: "#1e3a8a" },
            { label: "Pool %", data: chart.pool, backgroundColor: "#94a3b8" }
          ]
        },
        options: {
          indexAxis: horizontal ? "y" : "x",
          maintainAspectRatio: false,
          animation: false,
          plugins: { title: { display: true, text: chart.title } },
          scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
