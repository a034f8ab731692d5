// New messages of a quote thread without reloading: short polling of a JSON endpoint
// (docs/decisions/0023-quotes-and-messages.md). Message text is set with textContent, never
// as HTML. The list is a polite live region, so screen readers announce new messages.
(function () {
  "use strict";
  var list = document.getElementById("thread-messages");
  if (!list || !list.dataset.pollUrl) { return; }
  var lastId = parseInt(list.dataset.lastId || "0", 10);
  var interval = parseInt(list.dataset.interval || "3000", 10);
  var busy = false;

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
    var date = document.createElement("bdi");
    date.dir = "ltr";
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

  function poll() {
    if (busy || document.hidden) { return; }
    busy = true;
    fetch(list.dataset.pollUrl + "?after=" + lastId, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : { messages: [] }; })
      .then(function (data) {
        data.messages.forEach(function (message) {
          if (message.id > lastId) { add(message); lastId = message.id; }
        });
      })
      .catch(function () {})
      .finally(function () { busy = false; });
  }

  window.setInterval(poll, interval);
  document.addEventListener("visibilitychange", poll);
})();
