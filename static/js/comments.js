// Progressive enhancement for the comment form; without it, reply links reload the page.
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form) return;
  var parent = form.querySelector("input[name=parent]");
  var box = document.getElementById("comment-form-replying");
  var label = box && box.querySelector("[data-reply-label]");
  var body = form.querySelector("textarea[name=body]");

  // After a failed send, take keyboard and screen-reader users to the list of problems.
  var errors = document.getElementById("comment-form-errors");
  if (errors) errors.focus();

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-reply-to]");
    if (link && parent && box && label) {
      event.preventDefault();
      parent.value = link.getAttribute("data-reply-to");
      label.textContent = link.getAttribute("data-reply-name");
      box.hidden = false;
      body.focus();
      return;
    }
    var cancel = event.target.closest("[data-reply-cancel]");
    if (cancel && parent && box) {
      event.preventDefault();
      parent.value = "";
      box.hidden = true;
      body.focus();
    }
  });
})();
