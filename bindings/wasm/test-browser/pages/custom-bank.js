// A test page: a custom bank, loaded with the audit module's `Bank.fromYaml` from the files the server holds
// at /bank/ (their names in `?files=`), in the form of the scoring package (form.js's `bank` option).
import { init, Bank } from "../../audit.js";
import { mountForm } from "../../form.js";

await init();
const names = new URLSearchParams(location.search).get("files").split(",");
const files = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await (await fetch(`/bank/${n}`)).text()])));
await mountForm(document.getElementById("custom"), {
  bank: Bank.fromYaml(files),
  idPrefix: "custom",
  autosave: false,
  onChange: ({ report }) => {
    document.getElementById("total").value = report?.total.sum ?? "–";
  },
});
document.body.dataset.ready = "true";
