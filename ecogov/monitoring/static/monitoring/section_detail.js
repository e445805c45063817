/* The water section page's trend chart (section_detail.html); data in #trend's data-chart attribute. */
(function () {
  "use strict";
  const el = document.getElementById("trend");
  const t = JSON.parse(el.dataset.chart);
  echarts.init(el).setOption({tooltip: {trigger: "axis"}, legend: {}, xAxis: {type: "category", data: t.labels},
    yAxis: {type: "value"}, series: Object.entries(t.series).map(([k, v]) => ({name: k, type: "line", data: v}))});
})();
