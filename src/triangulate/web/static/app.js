// triangulate: the little behaviour the pages need. Everything written into the page goes
// through textContent, never innerHTML: job items carry article titles, which are untrusted.
"use strict";

function linkPartners() {
  // Hovering a highlighted claim lights up the same claim in the other report.
  document.querySelectorAll(".side-by-side mark[data-finding]").forEach(function (mark) {
    var id = mark.getAttribute("data-finding");
    var partners = document.querySelectorAll('.side-by-side mark[data-finding="' + CSS.escape(id) + '"]');
    mark.addEventListener("mouseenter", function () { partners.forEach(function (m) { m.classList.add("hot"); }); });
    mark.addEventListener("mouseleave", function () { partners.forEach(function (m) { m.classList.remove("hot"); }); });
  });
}

function cell(text, className) {
  var td = document.createElement("td");
  td.textContent = text;
  if (className) { td.className = className; }
  return td;
}

function itemRow(item) {
  var tr = document.createElement("tr");
  tr.appendChild(cell(item.ref));
  tr.appendChild(cell(item.status, "status-" + item.status));
  var last = document.createElement("td");
  if (item.article) {
    var a = document.createElement("a");
    a.href = "/articles/" + encodeURIComponent(item.article);
    a.textContent = item.title;
    last.appendChild(a);
  } else {
    last.textContent = item.error;
  }
  tr.appendChild(last);
  return tr;
}

function showJob(job) {
  var state = document.getElementById("job-state");
  state.textContent = job.state;
  state.className = "state " + job.state;
  document.getElementById("job-message").textContent = job.message;
  var files = document.getElementById("files-progress");
  files.max = Math.max(job.files.total, 1);
  files.value = job.files.read;
  document.getElementById("files-count").textContent = job.files.read + " / " + job.files.total;
  var analysed = document.getElementById("analysed-progress");
  analysed.max = Math.max(job.articles["new"], 1);
  analysed.value = job.articles.analysed;
  document.getElementById("analysed-count").textContent = job.articles.analysed + " / " + job.articles["new"];
  var body = document.getElementById("job-items");
  body.replaceChildren.apply(body, job.items.map(itemRow));
  document.getElementById("job").setAttribute("data-state", job.state);
  document.getElementById("job-done").hidden = !(job.state === "done" || job.state === "failed");
}

function followJob() {
  var section = document.getElementById("job");
  if (!section) { return; }
  var id = section.getAttribute("data-job");
  function poll() {
    var state = section.getAttribute("data-state");
    if (state === "done" || state === "failed") { return; }
    fetch("/api/v1/ingest/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (job) { showJob(job); setTimeout(poll, 600); })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
}

document.addEventListener("DOMContentLoaded", function () {
  linkPartners();
  followJob();
});
