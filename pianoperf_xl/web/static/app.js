// pianoperf web: two small helps, the pages work without them.
// 1. Files dropped on a drop zone go into its file input and the form is sent.
// 2. While a build runs, its progress is read every second and the page reloaded at the end.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-drop]").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("over");
      });
    });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("over");
      if (!event.dataTransfer || !event.dataTransfer.files.length) { return; }
      input.files = event.dataTransfer.files;
      zone.closest("form").submit();
    });
  });

  var job = document.getElementById("build-job");
  if (job && job.dataset.running === "si") {
    var steps = document.getElementById("passi");
    var poll = function () {
      fetch(job.dataset.stateUrl, {credentials: "same-origin"})
        .then(function (response) { return response.json(); })
        .then(function (state) {
          if (state.done) { window.location.reload(); return; }
          steps.replaceChildren.apply(steps, state.steps.map(function (step, i) {
            var item = document.createElement("li");
            item.textContent = step + (i < state.steps.length - 1 ? " — fatto" : "…");
            return item;
          }));
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 1000);
  }
});
