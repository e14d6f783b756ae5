// Shows the procedure's BPMN diagram with the current steps marked (bpmn-js viewer, read only).
document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('diagram');
  if (!box || !window.BpmnJS) return;
  var viewer = new window.BpmnJS({ container: box });
  fetch(box.getAttribute('data-src'), { credentials: 'same-origin' })
    .then(function (res) { return res.text(); })
    .then(function (xml) { return viewer.importXML(xml); })
    .then(function () {
      var canvas = viewer.get('canvas');
      canvas.zoom('fit-viewport');
      (box.getAttribute('data-active') || '').split(',').filter(Boolean).forEach(function (id) {
        try { canvas.addMarker(id, 'current'); } catch (e) { /* an element without a shape */ }
      });
      box.setAttribute('data-ready', 'true');
    })
    .catch(function () { box.textContent = ''; });
});
