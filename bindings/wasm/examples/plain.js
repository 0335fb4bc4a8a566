// A page of someone else's site embedding the form. From npm this is `import "fidelity-scale/form";`; here the
// example imports the package's file by its path, so it runs straight from the repository.
import "../form.js";

const form = document.getElementById("checklist");
// Every change: the assessment, its score report (null while a problem stops scoring) and the problems.
form.addEventListener("fidelity-change", (e) => {
  document.getElementById("last-total").value = e.detail.report?.total.sum ?? "–";
});
form.addEventListener("fidelity-ready", () => {
  document.body.dataset.ready = "true";
});
