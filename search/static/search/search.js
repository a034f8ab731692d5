/* Progressive enhancement of the search page: the GET form works on its own; with JavaScript,
   filters, sort and pagination fetch the updated panel without a full reload, keep the URL in
   step (history), put the focus back where it was and announce the number of results. */
(function () {
  "use strict";
  var PANEL_ID = "search-panel";
  var status = document.getElementById("search-status");
  var pending = null;

  function panel() { return document.getElementById(PANEL_ID); }

  function formUrl(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim() !== "") { params.append(key, value); }
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function load(url, focusId, push) {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var current = panel();
    current.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { "X-Requested-With": "fetch" }, signal: pending.signal })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var fresh = template.content.getElementById(PANEL_ID);
        if (!fresh) { window.location.assign(url); return; }
        current.replaceWith(fresh);
        if (push) { history.pushState({ search: true }, "", url); }
        var target = (focusId && document.getElementById(focusId)) ||
          document.getElementById("search-results-heading");
        if (target) { target.focus(); }
        if (status) {
          status.textContent = "";
          window.setTimeout(function () { status.textContent = fresh.dataset.status || ""; }, 50);
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") { window.location.assign(url); }
      });
  }

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("#search-form [data-autosubmit]")) { return; }
    load(formUrl(field.form), field.id, true);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "search-form") { return; }
    event.preventDefault();
    load(formUrl(form), null, true);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#search-panel a[data-search-link]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
    event.preventDefault();
    load(link.href, null, true);
  });

  window.addEventListener("popstate", function () {
    if (panel()) { load(window.location.href, null, false); }
  });
})();
