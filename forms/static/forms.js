// Progressive enhancement only: the forms work without it. It moves focus to the error summary so
// screen reader and keyboard users hear the problems first, and focuses a field from its link.
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  document.querySelectorAll('.error-summary a').forEach(function (link) {
    link.addEventListener('click', function (event) {
      var target = document.getElementById(link.getAttribute('href').slice(1));
      if (!target) return;
      event.preventDefault();
      var control = target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea');
      (control || target).focus();
      target.scrollIntoView({ block: 'center' });
    });
  });
});
