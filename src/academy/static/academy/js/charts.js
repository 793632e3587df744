// Charts from JSON, never inline scripts: every <script type="application/json"> whose id ends in
// "-chart-data" holds a list of charts, each drawn on the canvas with its id. Each chart has its data
// table beside it in the page, which is what screen readers use (the canvas is aria-hidden).
//
// A chart: {id, label, labels, counts} (one series of bars), or {id, type: "bar" | "line", labels,
// datasets: [{label, data}], stacked, horizontal, marker: {index, label}}; a marker draws a vertical
// bar at one label (e.g. the deadline on a line of applications per day).
(function () {
  "use strict";
  var COLOURS = ["#1e3a8a", "#b45309", "#047857", "#9d174d", "#4b5563"];

  function datasets(chart) {
    var sets = chart.datasets || [{ label: chart.label, data: chart.counts }];
    var drawn = sets.map(function (set, i) {
      var colour = COLOURS[i % COLOURS.length];
      return { label: set.label, data: set.data, backgroundColor: colour, borderColor: colour,
               type: chart.type === "line" ? "line" : "bar", pointRadius: 0, fill: false };
    });
    if (chart.marker) {
      var top = Math.max.apply(null, sets.map(function (set) { return Math.max.apply(null, set.data.concat([1])); }));
      drawn.push({ label: chart.marker.label, type: "bar", backgroundColor: "#991b1b", barPercentage: 0.3,
                   data: chart.labels.map(function (_, i) { return i === chart.marker.index ? top : null; }) });
    }
    return drawn;
  }

  function draw(chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) { return; }
    var sets = datasets(chart);
    var horizontal = chart.horizontal === undefined ? chart.labels.length > 5 && chart.type !== "line" : chart.horizontal;
    new Chart(canvas, {
      type: chart.type || "bar",
      data: { labels: chart.labels, datasets: sets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        animation: false,
        plugins: { legend: { display: sets.length > 1 } },
        scales: {
          x: { stacked: !!chart.stacked, ticks: { precision: 0 } },
          y: { stacked: !!chart.stacked, beginAtZero: true, ticks: { precision: 0 } }
        }
      }
    });
  }

  function drawAll() {
    if (typeof Chart === "undefined") { return; }
    document.querySelectorAll('script[type="application/json"][id$="-chart-data"]').forEach(function (source) {
      JSON.parse(source.textContent).forEach(draw);
    });
  }
  document.addEventListener("DOMContentLoaded", drawAll);
})();
