/* The one map: layers from the server (GeoJSON per layer, aggregated per zoom), the air
   stations' 72-hour slider and the rings around national and provincial stations.
   Everything is served by this site; no request leaves it. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const t = JSON.parse(document.getElementById("map-i18n").textContent);
  const map = L.map("map", {preferCanvas: true, zoomControl: true}).setView([28.7, 115.9], 11);
  const active = {};          // key -> L.GeoJSON
  const state = {hoursAgo: 0};
  let ringGroup = null;

  const gcj = !!(config.tiles && config.tiles.url && config.tiles.datum === "gcj02");
  if (config.tiles && config.tiles.url) {
    L.tileLayer(config.tiles.url, {attribution: config.tiles.attribution, maxZoom: 18}).addTo(map);
  }

  function colourOf(f) { return (f.properties && f.properties.colour) || "#3366cc"; }

  function marker(f, latlng) {
    const p = f.properties || {};
    if (p.cluster) {
      const size = Math.min(48, 18 + Math.round(Math.log2(p.count) * 4));
      return L.marker(latlng, {icon: L.divIcon({className: "", html: '<div class="cluster-icon" style="width:' + size +
        'px;height:' + size + 'px;line-height:' + size + 'px;background:' + p.colour + '">' + p.count + "</div>",
        iconSize: [size, size]})});
    }
    const ring = p.rings;
    return L.circleMarker(latlng, {radius: ring ? 9 : 6, color: ring ? "#000" : "#fff", weight: ring ? 2 : 1,
      fillColor: colourOf(f), fillOpacity: 0.9});
  }

  function popup(f) {
    const p = f.properties || {};
    if (p.cluster) return p.count + "";
    let html = "<b>" + (p.name || "") + "</b>";
    if (p.label) html += "<br>" + p.label;
    if (p.aqi !== undefined) html += "<br>AQI " + (p.aqi === null ? "—" : p.aqi) + " " + (p.category || "");
    if (p.state_label) html += "<br>" + p.state_label;
    if (p.note) html += "<br>" + p.note;
    if (p.url) html += '<br><a href="' + p.url + '">→</a>';
    if (p.rings && config.rings_url) html += '<br><a href="#" class="open-rings" data-id="' + p.id + '">' + t.rings + "</a>";
    return html;
  }

  function style(f) {
    const p = f.properties || {};
    if (p.base) return {color: p.colour, weight: p.weight, fill: false};
    if (f.geometry.type === "Polygon") return {color: colourOf(f), weight: 1, fillOpacity: p.opacity || 0.35};
    return {color: colourOf(f), weight: 4};
  }

  function params(key) {
    const b = map.getBounds();
    const q = new URLSearchParams({zoom: map.getZoom(),
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(v => v.toFixed(5)).join(",")});
    if (key === "monitoring-stations") q.set("hours_ago", state.hoursAgo);
    if (gcj) q.set("datum", "gcj02");
    return q;
  }

  // Layers are reloaded after every move; an open popup (its own auto-pan is a move) would close with the
  // layer it belongs to, so while one is open the reloads wait and run when it closes.
  // #map-status[data-loading] counts the layer requests in flight (0 when the map is drawn).
  const status = document.getElementById("map-status");
  let popupOpen = false, reloadPending = false, loading = 0;
  map.on("popupopen", () => { popupOpen = true; });
  map.on("popupclose", () => { popupOpen = false; if (reloadPending) { reloadPending = false; reloadActive(); } });

  function load(layer) {
    status.dataset.loading = ++loading;
    return fetch(layer.url + "?" + params(layer.key), {credentials: "same-origin"}).then(r => r.json()).then(data => {
      status.dataset.loading = --loading;
      if (popupOpen && active[layer.key]) { reloadPending = true; return data; }
      if (active[layer.key]) map.removeLayer(active[layer.key]);
      const g = L.geoJSON(data, {pointToLayer: marker, style: style,
        onEachFeature: (f, l) => l.bindPopup(popup(f))});
      g.addTo(map);
      if (config.layers[0] && layer.key === config.layers[0].key) g.bringToBack();
      active[layer.key] = g;
      if (data.meta && data.meta.time && layer.key === "monitoring-stations") {
        document.getElementById("hour-label").textContent = t.hour + " " + data.meta.time.replace("T", " ").slice(0, 16);
      }
      const el = document.querySelector('[data-layer="' + layer.key + '"]');
      if (el) el.dataset.count = (data.features || []).length;
      return data;
    });
  }

  function fitBase(data) {
    const g = L.geoJSON(data);
    // no animation: a zoom animation still running when the user (or a test) sets the view would
    // finish afterwards and put the map back to this view
    if (g.getLayers().length) map.fitBounds(g.getBounds(), {animate: false});
  }

  const list = document.getElementById("layer-list");
  let group = null;
  const defaults = new Set(["boundaries", "monitoring-stations"]);
  config.layers.forEach(layer => {
    if (layer.group !== group) {
      group = layer.group;
      const g = document.createElement("div"); g.className = "group"; g.textContent = group; list.appendChild(g);
    }
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.dataset.layer = layer.key; box.checked = defaults.has(layer.key);
    box.addEventListener("change", () => {
      if (box.checked) load(layer); else if (active[layer.key]) { map.removeLayer(active[layer.key]); delete active[layer.key]; }
    });
    label.appendChild(box); label.appendChild(document.createTextNode(" " + layer.label)); list.appendChild(label);
  });

  function reloadActive() {
    if (popupOpen) { reloadPending = true; return; }
    config.layers.forEach(l => { if (active[l.key] && l.group !== "base") load(l); });
  }
  map.on("moveend", reloadActive);

  const base = config.layers.find(l => l.key === "boundaries");
  const first = base ? load(base).then(fitBase) : Promise.resolve();
  first.then(() => Promise.all(config.layers.filter(l => defaults.has(l.key) && l.key !== "boundaries").map(load)))
    .then(() => { status.dataset.ready = "1"; });

  const slider = document.getElementById("hour-slider");
  slider.addEventListener("change", () => {
    state.hoursAgo = parseInt(slider.max, 10) - parseInt(slider.value, 10);
    const layer = config.layers.find(l => l.key === "monitoring-stations");
    if (layer && active[layer.key]) load(layer);
  });

  function cell(tr, text, cls) { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); }

  function openRings(id) {
    const url = config.rings_url.replace("{id}", id);
    const q = "radii=" + config.radii.join(",") + (gcj ? "&datum=gcj02" : "");
    fetch(url + "?format=json&" + q, {credentials: "same-origin"}).then(r => r.json()).then(data => {
      if (ringGroup) map.removeLayer(ringGroup);
      ringGroup = L.layerGroup().addTo(map);
      const lon = data.lon, lat = data.lat;
      data.radii.forEach(r => L.circle([lat, lon], {radius: r, color: "#1f4e79", weight: 1.5, fill: false, dashArray: "4 3"}).addTo(ringGroup));
      if (data.upwind_polygon) L.geoJSON(data.upwind_polygon, {style: {color: "#c00", weight: 1, fillOpacity: 0.15}}).addTo(ringGroup);
      data.rows.forEach(row => { if (row.flagged) L.circleMarker([row.lat, row.lon], {radius: 10, color: "#c00", weight: 2, fill: false}).addTo(ringGroup); });
      map.fitBounds(L.latLng(lat, lon).toBounds(data.radii[data.radii.length - 1] * 2.2));
      showRings(data, url, q);
    });
  }

  function showRings(data, url, q) {
    const panel = document.getElementById("ring-panel");
    panel.hidden = false;
    document.getElementById("ring-title").textContent = data.station.name + " · " + t.rings;
    document.getElementById("ring-wind").textContent = data.wind_from === null ? t.calm :
      t.wind + " " + Math.round(data.wind_from) + "°" + (data.wind_station && data.wind_station !== data.station.name ? " (" + data.wind_station + ")" : "");
    const head = document.querySelector("#ring-counts thead"), body = document.querySelector("#ring-counts tbody");
    head.innerHTML = ""; body.innerHTML = "";
    const hr = document.createElement("tr");
    [t.kind, ...data.radii.map(r => (r / 1000) + " km"), t.upwind, t.flagged].forEach(h => { const th = document.createElement("th"); th.textContent = h; hr.appendChild(th); });
    head.appendChild(hr);
    data.counts.forEach(k => { const tr = document.createElement("tr"); tr.dataset.kind = k.kind; cell(tr, k.label);
      k.by_ring.forEach(n => cell(tr, n)); cell(tr, k.upwind); cell(tr, k.flagged, k.flagged ? "flag" : ""); body.appendChild(tr); });
    const rows = document.querySelector("#ring-rows tbody"); rows.innerHTML = "";
    data.rows.forEach(r => { const tr = document.createElement("tr"); cell(tr, r.ring_label); cell(tr, r.kind_label);
      const td = document.createElement("td"); const a = document.createElement("a"); a.href = r.url; a.textContent = r.name; td.appendChild(a); tr.appendChild(td);
      cell(tr, r.distance_m); cell(tr, [r.upwind ? t.upwind : "", r.ledger ? t.ledger : "", r.complaints ? t.complaints + " " + r.complaints : ""].filter(Boolean).join(" "), r.flagged || r.upwind ? "flag" : "");
      rows.appendChild(tr); });
    document.getElementById("ring-table-link").href = url + "?" + q;
    document.getElementById("ring-xlsx-link").href = url + "?export=xlsx&" + q;
    panel.dataset.station = data.station.id;
  }

  map.on("popupopen", e => {
    const link = e.popup.getElement().querySelector(".open-rings");
    if (link) link.addEventListener("click", ev => { ev.preventDefault(); openRings(link.dataset.id); });
  });
  window.ecogovMap = {map: map, openRings: openRings, active: active};
})();
