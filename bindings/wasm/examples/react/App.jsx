// The form inside a React app: mounted once into a div the component owns, its language following the app's
// state, each change lifted into React. Built by the tests with esbuild (test-browser/embed.test.mjs).
import { useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { mountForm } from "fidelity-scale/form";

function Checklist({ lang, onChange }) {
  const host = useRef(null);
  const form = useRef(null);
  useEffect(() => {
    let mounted = true;
    mountForm(host.current, { bank: "seiho-shuro@1.1.0", lang, onChange }).then((f) => {
      if (mounted) form.current = f;
    });
    return () => {
      mounted = false;
    };
  }, []);
  useEffect(() => form.current?.setLang(lang), [lang]);
  return <div ref={host} />;
}

function App() {
  const [lang, setLang] = useState("ja");
  const [answered, setAnswered] = useState(0);
  return (
    <>
      <p>
        <button type="button" id="app-lang" onClick={() => setLang(lang === "ja" ? "en" : "ja")}>
          {lang === "ja" ? "English" : "日本語"}
        </button>{" "}
        <span id="app-answered">{answered}</span>
      </p>
      <Checklist lang={lang} onChange={({ assessment }) => setAnswered(Object.keys(assessment.answers).length)} />
    </>
  );
}

createRoot(document.getElementById("root")).render(<App />);
