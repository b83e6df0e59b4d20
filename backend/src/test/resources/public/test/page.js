// Makes the page tall enough that #footer starts below the fold (no inline style, so the CSP page can share it).
document.getElementById('spacer').style.height = '2000px';
