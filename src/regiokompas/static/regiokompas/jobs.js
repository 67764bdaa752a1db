// Follows a background task on its status page: asks the status every two seconds and updates the
// aria-live region; stops when the task is done or failed. Without JavaScript the page refreshes itself.
(function () {
  "use strict";
  var region = document.getElementById("taakstatus");
  if (!region || !window.fetch) { return; }
  var url = region.getAttribute("data-status-url");
  var lastStatus = null;

  function set(field, text) {
    var el = region.querySelector('[data-field="' + field + '"]');
    if (el && el.textContent !== text) { el.textContent = text; }
  }

  function show(state) {
    if (state.status !== lastStatus) { set("status", state.status); set("toelichting", state.toelichting); }
    lastStatus = state.status;
    set("stap", state.stap || "");
    var bar = document.getElementById("taakvoortgang");
    if (bar && state.voortgang !== null) { bar.value = state.voortgang; bar.textContent = state.voortgang + " %"; }
    if (state.klaar) { window.location.reload(); return false; }
    return true;
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state && show(state)) { window.setTimeout(poll, 2000); } })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
}());
