// Draw the site usage chart from the JSON that the usage panel embeds, on page load and after
// htmx swaps the panel in. Each canvas names its data element in data-usage-chart.
(function () {
  function draw() {
    if (!window.Chart) {
      return;
    }
    document.querySelectorAll("canvas[data-usage-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.usageChart);
      if (!source || canvas.dataset.drawn) {
        return;
      }
      canvas.dataset.drawn = "true";
      var data = JSON.parse(source.textContent);
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: data.labels,
          datasets: [
            { label: data.visitors_label, data: data.visitors, yAxisID: "visitors", tension: 0.2 },
            { label: data.bandwidth_label, data: data.bandwidth, yAxisID: "bandwidth", tension: 0.2 },
          ],
        },
        options: {
          responsive: true,
          interaction: { mode: "index", intersect: false },
          scales: {
            visitors: { position: "left", beginAtZero: true },
            bandwidth: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } },
          },
        },
      });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
