// The alerts page: new alerts arrive over server-sent events and are put at the top of the list.
// Alert text comes from news articles, so it is written with textContent, never innerHTML.
"use strict";

(function () {
  var list = document.getElementById("alert-list");
  var live = document.getElementById("alert-live");
  if (!list || !window.EventSource) { return; }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function item(alert) {
    var li = document.createElement("li");
    li.className = "alert alert-" + alert.kind + " fresh";
    li.id = "alert-" + alert.id;
    var badge = document.createElement("span");
    badge.className = "badge " + (alert.kind === "story" ? "unique" : alert.kind);
    badge.textContent = alert.kind;
    li.appendChild(badge);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(link("/stories/" + encodeURIComponent(alert.story.id), alert.message));
    return li;
  }

  var source = new EventSource("/alerts/stream?after=" + encodeURIComponent(list.getAttribute("data-latest") || "0"));
  source.addEventListener("open", function () { live.textContent = "Live: new alerts appear here."; });
  source.addEventListener("error", function () { live.textContent = "Live updates paused; retrying…"; });
  source.addEventListener("alert", function (event) {
    var alert = JSON.parse(event.data);
    if (document.getElementById("alert-" + alert.id)) { return; }
    var none = document.getElementById("alert-none");
    if (none) { none.remove(); }
    list.insertBefore(item(alert), list.firstChild);
  });
})();
