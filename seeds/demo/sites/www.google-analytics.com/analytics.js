// Stand-in for https://www.google-analytics.com/analytics.js (the real file is not distributed on npm).
// It sends one hit the way analytics.js does, so the request pattern is realistic.
(function () {
  var img = new Image();
  img.src = 'https://www.google-analytics.com/collect?v=1&t=pageview&tid=UA-000000-1&cid=123.456&dl=' + encodeURIComponent(location.href);
})();
