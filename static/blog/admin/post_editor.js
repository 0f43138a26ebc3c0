/* The post form in the admin (blog/admin/autosave.py): saves a copy of the form while
   the editor types (never the post itself), and warns before leaving the page with
   changes that were not saved. Loaded as a static file: the admin's CSP allows no
   inline script. */
(function () {
  "use strict";

  var DELAY_MS = 2000;

  function init() {
    var config = document.getElementById("post-editor-config");
    var form = config && document.getElementById(config.dataset.form);
    if (!form) {
      return;
    }
    var status = document.getElementById("autosave-status");
    var baseline = null;
    var lastSaved = null;
    var timer = null;
    var submitting = false;
    var restored = config.dataset.restored === "1";

    function syncEditors() {
      if (window.tinymce) {
        window.tinymce.triggerSave();
      }
    }

    function fields() {
      syncEditors();
      var data = new FormData();
      new FormData(form).forEach(function (value, key) {
        if (typeof value === "string") {
          data.append(key, value);
        }
      });
      return data;
    }

    function snapshot(data) {
      var parts = [];
      data.forEach(function (value, key) {
        if (key !== "csrfmiddlewaretoken") {
          parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(value));
        }
      });
      return parts.join("&");
    }

    function isDirty() {
      if (submitting) {
        return false;
      }
      return restored || (baseline !== null && snapshot(fields()) !== baseline);
    }

    function show(message) {
      if (status && message) {
        status.textContent = message;
      }
    }

    function save() {
      timer = null;
      var data = fields();
      var now = snapshot(data);
      if (now === baseline || now === lastSaved) {
        return;
      }
      fetch(config.dataset.autosaveUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) {
          return response.json().then(function (answer) {
            if (response.ok) {
              lastSaved = now;
            }
            show(answer.message || answer.error);
          });
        })
        .catch(function () {
          show(config.dataset.failed);
        });
    }

    function changed() {
      if (timer) {
        clearTimeout(timer);
      }
      timer = setTimeout(save, DELAY_MS);
    }

    function editorsReady() {
      var textareas = form.querySelectorAll("textarea[data-mce-conf]").length;
      if (!textareas) {
        return true;
      }
      if (!window.tinymce) {
        return false;
      }
      var ready = window.tinymce.get().filter(function (editor) {
        return editor.initialized;
      });
      return ready.length >= textareas;
    }

    function start(attempts) {
      if (!editorsReady() && attempts > 0) {
        setTimeout(function () {
          start(attempts - 1);
        }, 200);
        return;
      }
      if (window.tinymce) {
        window.tinymce.get().forEach(function (editor) {
          editor.on("input change undo redo paste", changed);
        });
      }
      baseline = snapshot(fields());
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!submitter || submitter.formTarget !== "_blank") {
        submitting = true; // saving the post itself: nothing is lost by leaving
      }
    });
    window.addEventListener("beforeunload", function (event) {
      if (isDirty()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    start(50);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
