// Stand-in for Meta's fbevents.js (not distributed on npm): sends a PageView the way the pixel does.
(function () {
  var img = new Image();
  img.src = 'https://www.facebook.com/tr?id=1234567890&ev=PageView&dl=' + encodeURIComponent(location.href) + '&rl=&if=false&ts=' + Date.now();
})();
