"""examples/notebook.ipynb runs top to bottom (so it cannot rot) and shows what it says it shows."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from conftest import REPO


def test_notebook_executes() -> None:
    path = REPO / "examples" / "notebook.ipynb"
    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs if o.output_type in ("execute_result", "display_data"))
    assert "サンプル市福祉事務所" in html and "水準" in html and "暫定" in html
    assert any("image/png" in o.get("data", {}) for o in outputs if o.output_type == "display_data")


def test_notebook_code_type_checks(tmp_path: Path) -> None:
    """The notebook's code passes the same strict type check as the package and the tests."""
    from mypy import api

    nb = nbformat.read(REPO / "examples" / "notebook.ipynb", as_version=4)  # type: ignore[no-untyped-call]
    script = tmp_path / "notebook.py"
    script.write_text("\n\n".join(c.source for c in nb.cells if c.cell_type == "code") + "\n", encoding="utf-8")
    out, err, status = api.run(["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(script)])
    assert status == 0, out + err
