// Maps on top of pages that work without them: a place picker beside a form's address fields, and
// the public map of reports beside their table. Nothing happens without Leaflet or tile settings.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="dosar-map"]');
  if (!meta || !window.L) return;
  var settings = JSON.parse(meta.getAttribute('content'));

  function baseMap(el, center, zoom) {
    el.hidden = false;
    var map = window.L.map(el).setView(center, zoom);
    window.L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
    return map;
  }

  // Popups take HTML: what citizens typed goes in as text only.
  function text(value) {
    var span = document.createElement('span');
    span.textContent = value;
    return span;
  }

  function number(input) {
    var n = input ? Number(String(input.value).replace(',', '.')) : NaN;
    return input && input.value !== '' && isFinite(n) ? n : null;
  }

  document.querySelectorAll('.location-map[data-map]').forEach(function (el) {
    var form = el.closest('form');
    var lat = form.querySelector('[name="' + el.dataset.latName + '"]');
    var lon = form.querySelector('[name="' + el.dataset.lonName + '"]');
    var known = number(lat) !== null && number(lon) !== null;
    var map = baseMap(el, known ? [number(lat), number(lon)] : settings.center, known ? 17 : settings.zoom);
    var marker = known ? window.L.marker([number(lat), number(lon)]).addTo(map) : null;
    map.on('click', function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      if (marker) marker.setLatLng(e.latlng); else marker = window.L.marker(e.latlng).addTo(map);
    });
  });

  document.querySelectorAll('.reports-map[data-map]').forEach(function (el) {
    var map = baseMap(el, settings.center, settings.zoom);
    var points = [];
    document.querySelectorAll('[data-report-lat]').forEach(function (row) {
      var at = [Number(row.dataset.reportLat), Number(row.dataset.reportLon)];
      if (!isFinite(at[0]) || !isFinite(at[1])) return;
      points.push(at);
      window.L.marker(at, { title: row.dataset.reportTitle }).addTo(map).bindPopup(text(row.dataset.reportTitle));
    });
    if (points.length > 0) map.fitBounds(points, { maxZoom: 16, padding: [20, 20] });
  });
})();
