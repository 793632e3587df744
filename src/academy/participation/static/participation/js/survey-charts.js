// Survey results: one bar chart per question, from the JSON in #survey-chart-data (no inline scripts).
// Each chart has its data table beside it, which is what screen readers use.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("survey-chart-data");
    if (!source || typeof Chart === "undefined") { return; }
    JSON.parse(source.textContent).forEach(function (chart) {
      var canvas = document.getElementById(chart.id);
      if (!canvas) { return; }
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [{ label: chart.label, data: chart.counts, backgroundColor: "#1e3a8a" }]
        },
        options: {
          indexAxis: chart.labels.length > 5 ? "y" : "x",
          animation: false,
          plugins: { legend: { display: false } },
          scales: { x: { ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
