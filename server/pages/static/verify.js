// Compares a chosen file's SHA-256 with the registered ones, in the browser: the file never leaves it.
(function () {
  'use strict';
  var box = document.querySelector('.verify-file');
  if (!box || !window.crypto || !window.crypto.subtle) return;
  var input = box.querySelector('input[type=file]');
  var result = box.querySelector('.verify-result');
  var known = box.dataset.hashes.split(' ').filter(Boolean);
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) return;
    file.arrayBuffer().then(function (bytes) {
      return window.crypto.subtle.digest('SHA-256', bytes);
    }).then(function (digest) {
      var hex = Array.prototype.map.call(new Uint8Array(digest), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
      var same = known.indexOf(hex) >= 0;
      result.textContent = (same ? box.dataset.same : box.dataset.different) + ' SHA-256: ' + hex;
      result.className = 'verify-result notice ' + (same ? 'notice--success' : 'notice--warning');
    });
  });
})();
