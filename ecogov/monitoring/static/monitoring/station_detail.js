/* The station page's charts (station_detail.html): hourly values, the daily AQI calendar and the
   pollutant rose; the data come in the #hourly element's data-chart attribute. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("hourly").dataset.chart);
  const h = echarts.init(document.getElementById("hourly"));
  h.setOption({tooltip: {trigger: "axis"}, legend: {}, xAxis: {type: "category", data: data.hours}, yAxis: {type: "value"},
    series: Object.entries(data.series).map(([k, v]) => ({name: k.toUpperCase(), type: "line", data: v, showSymbol: false}))});
  const c = echarts.init(document.getElementById("calendar"));
  c.setOption({tooltip: {}, visualMap: {type: "piecewise", orient: "horizontal", left: "center", top: 0,
    pieces: [{max: 50, color: "#00e400"}, {min: 51, max: 100, color: "#ffff00"}, {min: 101, max: 150, color: "#ff7e00"},
      {min: 151, max: 200, color: "#ff0000"}, {min: 201, max: 300, color: "#99004c"}, {min: 301, color: "#7e0023"}]},
    calendar: {top: 60, range: String(data.year), cellSize: ["auto", 14]},
    series: {type: "heatmap", coordinateSystem: "calendar", data: data.calendar}});
  const roseEl = document.getElementById("rose");
  if (roseEl) {
    const r = echarts.init(roseEl);
    r.setOption({tooltip: {}, legend: {top: 0}, polar: {},
      angleAxis: {type: "category", data: data.rose.sectors, startAngle: 90 + 360 / 32, clockwise: true},
      radiusAxis: {}, series: [
        {type: "bar", coordinateSystem: "polar", stack: "h", name: roseEl.dataset.other, data: data.rose.other, itemStyle: {color: "#9ec5e8"}},
        {type: "bar", coordinateSystem: "polar", stack: "h", name: roseEl.dataset.exceed, data: data.rose.exceed, itemStyle: {color: "#e8590c"}}]});
  }
})();
