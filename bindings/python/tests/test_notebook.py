"""examples/notebook.ipynb runs top to bottom (so it cannot rot) and shows what it says it shows."""

from __future__ import annotations

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
