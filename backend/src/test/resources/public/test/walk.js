// The walkthrough test pages' "sign-in": ?learner= names the learner, who stays signed in on the other pages
// (like a host app's session); identified with the snippet's stub, before inflow.js loads.
const learner = new URLSearchParams(location.search).get('learner') || sessionStorage.getItem('walk.learner');
if (learner) {
  sessionStorage.setItem('walk.learner', learner);
  window.Inflow = window.Inflow || { q: [], identify: function () { Inflow.q.push(['identify', [].slice.call(arguments)]); } };
  Inflow.identify(learner, { role: 'sales' });
}
