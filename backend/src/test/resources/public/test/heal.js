// The next release of the host app: with ?release=2 the Save button reads and looks different (same test id).
document.addEventListener('DOMContentLoaded', function () {
  if (location.search.indexOf('release=2') < 0) return;
  var save = document.getElementById('save');
  save.textContent = 'Save changes';
  save.className = 'button button-primary';
});
