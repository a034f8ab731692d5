// New messages of a quote thread without reloading (docs/decisions/0026-real-time-messages.md):
// a WebSocket pushes them as soon as they are saved; when the socket cannot connect (blocked
// by a proxy, server down) the page falls back to short polling of the JSON endpoint and keeps
// trying the socket again. Message text is set with textContent, never as HTML. The list is a
// polite live region, so screen readers announce new messages; the focus never moves.
(function () {
  "use strict";
  var list = document.getElementById("thread-messages");
  if (!list) { return; }
  var lastId = parseInt(list.dataset.lastId || "0", 10);
  var interval = parseInt(list.dataset.interval || "3000", 10);
  var busy = false;
  var pollTimer = null;
  var socket = null;
  var heartbeat = null;
  var retryDelay = 2000;

  function add(message) {
    var empty = document.getElementById("thread-empty");
    if (empty) { empty.remove(); }
    var item = document.createElement("li");
    item.className = "mb-3 p-3 border rounded" + (message.mine ? " bg-light" : "");
    item.dataset.id = message.id;
    var head = document.createElement("p");
    head.className = "mb-1";
    var who = document.createElement("strong");
    var name = document.createElement("bdi");
    name.textContent = message.mine ? list.dataset.you : message.author;
    who.append(name);
    var when = document.createElement("small");
    // No forced direction: the Arabic format carries its own marks (theme/formats/ar).
    var date = document.createElement("bdi");
    date.textContent = message.sent;
    when.append(date);
    head.append(who, " · ", when);
    item.append(head);
    if (message.body) {
      var body = document.createElement("p");
      body.className = "mb-0 wemi-message";
      body.dir = "auto";
      body.textContent = message.body;
      item.append(body);
    }
    if (message.attachment_url) {
      var file = document.createElement("p");
      file.className = "mb-0";
      var link = document.createElement("a");
      link.href = message.attachment_url;
      link.textContent = list.dataset.file + ": " + message.attachment_name;
      file.append(link);
      item.append(file);
    }
    list.append(item);
  }

  function receive(data) {
    (data.messages || []).forEach(function (message) {
      if (message.id > lastId) { add(message); lastId = message.id; }
    });
  }

  // Fallback: short polling while the socket is down.
  function poll() {
    if (busy || document.hidden || !list.dataset.pollUrl) { return; }
    busy = true;
    fetch(list.dataset.pollUrl + "?after=" + lastId, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : { messages: [] }; })
      .then(receive)
      .catch(function () {})
      .finally(function () { busy = false; });
  }

  function startPolling() {
    list.dataset.channel = "polling";
    if (pollTimer === null && list.dataset.pollUrl) { pollTimer = window.setInterval(poll, interval); }
  }

  function stopPolling() {
    if (pollTimer !== null) { window.clearInterval(pollTimer); pollTimer = null; }
  }

  function connect() {
    if (!("WebSocket" in window) || !list.dataset.wsUrl) { startPolling(); return; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var url = scheme + window.location.host + list.dataset.wsUrl +
      "?after=" + lastId + "&lang=" + encodeURIComponent(list.dataset.lang || "");
    try { socket = new WebSocket(url); } catch (error) { startPolling(); return; }
    socket.addEventListener("open", function () {
      stopPolling();
      retryDelay = 2000;
      list.dataset.channel = "socket";
      heartbeat = window.setInterval(function () {
        if (socket && socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ type: "ping" }));
        }
      }, 30000);
    });
    socket.addEventListener("message", function (event) {
      try { receive(JSON.parse(event.data)); } catch (error) { /* not ours */ }
    });
    socket.addEventListener("close", function (event) {
      if (heartbeat !== null) { window.clearInterval(heartbeat); heartbeat = null; }
      socket = null;
      startPolling();
      poll();
      if (event.code === 4403) { return; }  // not allowed: polling answers 404 as well
      window.setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 60000);
    });
  }

  document.addEventListener("visibilitychange", function () { if (pollTimer !== null) { poll(); } });
  connect();
})();
