// Follow a deck's rendering in the task worker while the admin page is open: every
// .render-progress element that is queued or running asks its data-url (JSON: state and
// the Hebrew text) every two seconds and shows the answer, until the render ends.
"use strict";
(function () {
  const ACTIVE = new Set(["queued", "running"]);
  const EVERY_MS = 2000;

  function follow(element) {
    if (!ACTIVE.has(element.dataset.state)) {
      return;
    }
    window.setTimeout(async function () {
      try {
        const response = await fetch(element.dataset.url, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok) {
          return;
        }
        const status = await response.json();
        element.textContent = status.text;
        element.dataset.state = status.state;
      } catch (error) {
        // The server restarts: try again on the next tick.
      }
      follow(element);
    }, EVERY_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".render-progress").forEach(follow);
  });
})();
