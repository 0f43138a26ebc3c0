"use strict";
// TinyMCE's images_upload_handler (named in settings.TINYMCE_DEFAULT_CONFIG): an image
// dragged, pasted or chosen in the image dialog goes to the media library through the
// admin's upload endpoint, with the page's CSRF token. The server checks the file by its
// content and answers {"location": url} or {"error": Hebrew message}.
window.blogEditorImageUpload = function (blobInfo, progress) {
  const editor = window.tinymce.activeEditor;
  const url = editor.options.get("images_upload_url");
  const tokenField = document.querySelector("input[name=csrfmiddlewaretoken]");
  const data = new FormData();
  data.append("file", blobInfo.blob(), blobInfo.filename());
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.withCredentials = true;
    if (tokenField) {
      request.setRequestHeader("X-CSRFToken", tokenField.value);
    }
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) {
        progress((event.loaded / event.total) * 100);
      }
    });
    request.addEventListener("load", () => {
      let answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch (error) {
        answer = {};
      }
      if (request.status === 200 && answer.location) {
        resolve(answer.location);
      } else {
        // TinyMCE shows it after its own (translated) "Failed to upload image:".
        reject({ message: answer.error || String(request.status), remove: true });
      }
    });
    request.addEventListener("error", () => {
      reject({ message: "", remove: true });
    });
    request.send(data);
  });
};
