/* Complaint maps on a blank background (no tile server): jurisdiction boundaries
   from GeoJSON, a click picks the location (WGS-84), and report maps draw
   hexagon hotspots and repeat locations. */
(function () {
  function boundaries(map, url) {
    return fetch(url).then(function (r) { return r.json(); }).then(function (fc) {
      var layer = L.geoJSON(fc, {
        style: { color: "#1c7ed6", weight: 1, fillColor: "#d0ebff", fillOpacity: 0.25 },
        onEachFeature: function (f, l) { l.bindTooltip(f.properties.name, { sticky: true }); }
      }).addTo(map);
      if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds()); } else { map.setView([28.7, 115.9], 10); }
      return layer;
    });
  }

  var pick = document.getElementById("pick-map");
  if (pick) {
    var map = L.map(pick, { attributionControl: false });
    var lon = document.getElementById("id_lon"), lat = document.getElementById("id_lat");
    var out = document.getElementById("pick-coords"), marker = null;
    var set = function (ll) {
      if (marker) { marker.setLatLng(ll); } else { marker = L.circleMarker(ll, { radius: 9, color: "#e03131", weight: 3 }).addTo(map); }
      lon.value = ll.lng.toFixed(6); lat.value = ll.lat.toFixed(6);
      if (out) { out.textContent = ll.lng.toFixed(5) + ", " + ll.lat.toFixed(5); }
      hint();
    };
    var hint = function () {
      var el = document.getElementById("dup-hint"), cat = document.getElementById("id_category");
      if (!el || !cat || !cat.value || !lon.value) { return; }
      fetch(el.dataset.url + "?category=" + cat.value + "&lon=" + lon.value + "&lat=" + lat.value)
        .then(function (r) { return r.json(); }).then(function (d) {
          el.textContent = d.count ? ("附近已有 " + d.count + " 件同类投诉正在办理（" + d.items.map(function (i) { return i.tracking_code; }).join("、") + "），您的反映将一并处理。") : "";
        });
    };
    var catSel = document.getElementById("id_category");
    if (catSel) { catSel.addEventListener("change", hint); }
    boundaries(map, pick.dataset.boundaries).then(function (layer) {
      layer.on("click", function (e) { set(e.latlng); });
      if (lon.value && lat.value) { set(L.latLng(parseFloat(lat.value), parseFloat(lon.value))); }
    });
    map.on("click", function (e) { set(e.latlng); });
  }

  var hot = document.getElementById("hotspot-map");
  if (hot) {
    var hmap = L.map(hot, { attributionControl: false });
    var data = JSON.parse(document.getElementById("hotspot-data").textContent);
    boundaries(hmap, hot.dataset.boundaries).then(function () {
      var max = Math.max.apply(null, data.cells.map(function (c) { return c.count; }).concat([1]));
      data.cells.forEach(function (c) {
        var ring = c.polygon.map(function (p) { return [p[1], p[0]]; });
        L.polygon(ring, { color: "#c92a2a", weight: 1, fillColor: "#e03131", fillOpacity: 0.15 + 0.7 * c.count / max })
          .bindTooltip(c.count + "").addTo(hmap);
      });
      data.repeats.forEach(function (r) {
        L.circleMarker([r.lat, r.lon], { radius: 5 + Math.min(10, r.count), color: "#7048e8" })
          .bindTooltip(r.label + " ×" + r.count).addTo(hmap);
      });
    });
  }
})();
