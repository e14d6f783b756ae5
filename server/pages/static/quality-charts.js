// The quality dashboard's two charts, drawn with uPlot from the figures the page carries in
// data-charts; the same figures are in the tables below them for screen readers and without script.
(function () {
  'use strict';
  var holder = document.querySelector('[data-charts]');
  if (!holder || !window.uPlot) return;
  var data = JSON.parse(holder.getAttribute('data-charts'));
  var seconds = function (days) { return days.map(function (d) { return Date.parse(d + 'T00:00:00Z') / 1000; }); };
  holder.querySelectorAll('[data-chart]').forEach(function (el) {
    var series = data[el.getAttribute('data-chart')];
    if (!series || series.days.length === 0) return;
    var bars = el.getAttribute('data-chart') === 'arrivals';
    var opts = {
      width: Math.max(260, el.clientWidth || 300),
      height: 220,
      legend: { show: false },
      scales: { x: { time: true } },
      axes: [{}, { size: 50 }],
      series: [{}, {
        label: series.label,
        stroke: '#1d70b8',
        width: 2,
        fill: bars ? 'rgba(29,112,184,0.35)' : 'rgba(29,112,184,0.12)',
        paths: bars && window.uPlot.paths.bars ? window.uPlot.paths.bars({ size: [0.7, 40] }) : undefined,
        points: { show: false },
      }],
    };
    var plot = new window.uPlot(opts, [seconds(series.days), series.values], el);
    window.addEventListener('resize', function () { plot.setSize({ width: Math.max(260, el.clientWidth || 300), height: 220 }); });
  });
  holder.setAttribute('data-drawn', 'true');
})();
