// Makes the page tall enough that #footer starts below the fold (no inline style, so the CSP page can share it).
document.getElementById('spacer').style.height = '2000px';
// A scroll container (on page.html only) with a button in the middle of its content.
const scroller = document.getElementById('scroller');
if (scroller) {
  Object.assign(scroller.style, { height: '150px', width: '400px', overflow: 'auto', border: '1px solid #999' });
  document.getElementById('filler').style.height = '300px';
  document.getElementById('filler2').style.height = '600px';
}
