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
