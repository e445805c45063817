/* The dashboard's charts (ECharts, served locally). */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("cockpit-charts").textContent);
  function chart(id, option, onClick) {
    const el = document.getElementById(id);
    if (!el) return null;
    const c = echarts.init(el);
    c.setOption(option);
    if (onClick) c.on("click", onClick);
    return c;
  }
  chart("chart-ranking", {
    grid: {left: 70, right: 20, top: 10, bottom: 30}, tooltip: {},
    xAxis: {type: "value", name: "µg/m³"},
    yAxis: {type: "category", data: data.ranking.map(r => r.name), inverse: true},
    series: [{type: "bar", data: data.ranking.map(r => ({value: r.pm25 === null ? 0 : Math.round(r.pm25 * 10) / 10,
      itemStyle: {color: r.mine ? "#d62728" : "#5470c6"}}))}],
  });
  chart("chart-kinds", {
    tooltip: {trigger: "item"},
    series: [{type: "pie", radius: ["35%", "70%"], data: data.kinds.map(k => ({name: k.name, kind: k.kind, value: k.value, itemStyle: {color: k.colour}}))}],
  }, p => {
    const base = document.querySelector(".tile[data-key='sources']").href;
    window.location.href = base + (base.includes("?") ? "&" : "?") + "kind=" + encodeURIComponent(p.data.kind);
  });
  chart("chart-children", {
    grid: {left: 40, right: 10, top: 10, bottom: 60}, tooltip: {},
    xAxis: {type: "category", data: data.children.map(c => c.name), axisLabel: {rotate: 30}},
    yAxis: {type: "value"},
    series: [{type: "bar", data: data.children.map(c => c.value)}],
  }, p => { window.location.href = data.children[p.dataIndex].url; });
  chart("chart-water", {
    grid: {left: 40, right: 10, top: 10, bottom: 30}, tooltip: {},
    xAxis: {type: "category", data: data.water.map(w => w.name)}, yAxis: {type: "value", minInterval: 1},
    series: [{type: "bar", data: data.water.map(w => ({value: w.value, itemStyle: {color: w.colour}}))}],
  });
  window.ecogovCockpit = {ready: true};
})();
