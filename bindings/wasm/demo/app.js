// The demo page: the form component (../form.js) and nothing else. It marks the page ready for the browser
// tests once the form is mounted.
import "../form.js";

const form = document.getElementById("form");
form.addEventListener("fidelity-ready", () => {
  document.body.dataset.ready = "true";
});
