// Drag and drop onto the upload form: the dropped file goes into its file input and the form is sent.
// Without this script the form works the same with "choose a file".
document.querySelectorAll("form.drop").forEach(function (form) {
  var input = form.querySelector("input[type=file]");
  ["dragenter", "dragover"].forEach(function (name) {
    form.addEventListener(name, function (event) { event.preventDefault(); form.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    form.addEventListener(name, function () { form.classList.remove("over"); });
  });
  form.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer.files.length) { input.files = event.dataTransfer.files; form.submit(); }
  });
  input.addEventListener("change", function () { if (input.files.length) { form.submit(); } });
});

// The board refreshes itself every 30 seconds, unless the office is in the middle of something (a field or a
// list chosen, text typed): then it waits for the next turn. Without this script a <noscript> refresh does it.
document.querySelectorAll("[data-refresh]").forEach(function (element) {
  var seconds = Number(element.getAttribute("data-refresh")) || 30;
  setInterval(function () {
    var busy = document.activeElement && ["INPUT", "SELECT", "TEXTAREA"].indexOf(document.activeElement.tagName) >= 0;
    var chosen = Array.prototype.some.call(document.querySelectorAll("select"), function (s) { return s.value; });
    if (!busy && !chosen) { location.reload(); }
  }, seconds * 1000);
});

// A decision that needs a second thought (accepting a version with errors) asks before it is sent.
document.querySelectorAll("form[data-confirm]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
  });
});
