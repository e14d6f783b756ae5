// The procedure heatmap: bpmn-js's viewer draws the model from data-xml, then colours each step by
// its average time (relative to the slowest) and lays the figures over it as overlays. The same
// figures are in the tables below, for screen readers and without script.
(function () {
  'use strict';
  var holder = document.querySelector('[data-heatmap]');
  if (!holder || !window.BpmnJS) return;
  var data = JSON.parse(holder.getAttribute('data-heatmap'));
  var viewer = new window.BpmnJS({ container: holder });
  var text = function (tag, className, value) {
    var el = document.createElement(tag);
    el.className = className;
    el.textContent = value;
    return el;
  };
  viewer.importXML(holder.getAttribute('data-xml')).then(function () {
    var canvas = viewer.get('canvas');
    var overlays = viewer.get('overlays');
    var registry = viewer.get('elementRegistry');
    var slowest = Math.max.apply(null, data.elements.map(function (e) { return e.seconds || 0; }).concat([1]));
    data.elements.forEach(function (e) {
      if (!registry.get(e.id)) return;
      if (e.seconds) canvas.addMarker(e.id, 'heat-' + Math.min(4, 1 + Math.floor(4 * e.seconds / slowest)));
      if (e.waiting > 0) {
        overlays.add(e.id, { position: { top: -10, right: 10 }, html: text('span', 'heatmap-badge', String(e.waiting)) });
      }
      if (e.average) {
        overlays.add(e.id, { position: { bottom: -4, left: 0 }, html: text('span', 'heatmap-note', data.words.average + ' ' + e.average + ' · p90 ' + e.p90) });
      }
    });
    data.flows.forEach(function (f) {
      if (!registry.get(f.id) || !f.taken) return;
      var label = f.taken + (f.percent === null ? '' : ' (' + f.percent + '%)');
      overlays.add(f.id, { position: { top: -8, left: 0 }, html: text('span', 'heatmap-flow', label) });
    });
    canvas.zoom('fit-viewport', 'auto');
    holder.setAttribute('data-drawn', 'true');
  }).catch(function () {
    holder.setAttribute('data-drawn', 'failed');
  });
})();
