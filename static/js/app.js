// Log failed htmx requests: htmx leaves the old content in place, so the console is the only trace.
document.addEventListener("htmx:responseError", function (event) {
  var status = event.detail.xhr.status;
  console.warn("htmx request failed with HTTP " + status + ": " + event.detail.pathInfo.requestPath);
});
