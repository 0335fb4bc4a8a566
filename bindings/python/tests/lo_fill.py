"""Fills the Excel template inside LibreOffice Calc, as an office worker would, and saves it as .xlsx: run by
Debian's python3 (its `uno` module drives LibreOffice), not by the package's venv. Usage:

    /usr/bin/python3 lo_fill.py SOFFICE TEMPLATE.xlsx OUT.xlsx FILL.json

FILL.json: {"answers": {row id: text or number}, "office": {row id: text}}; each answer goes in column C of
the row whose column A holds the id, as choosing from the cell's drop-down or typing a figure does."""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def fill(sheet: object, values: dict[str, object]) -> None:
    rows = sheet.getCellRangeByName("A1:A400")  # type: ignore[attr-defined]
    for row in range(400):
        key = rows.getCellByPosition(0, row).getString()
        if key in values:
            cell = sheet.getCellByPosition(2, row)  # type: ignore[attr-defined]
            value = values[key]
            if isinstance(value, (int, float)):
                cell.setValue(value)
            else:
                cell.setString(value)


def main() -> None:
    soffice, template, out, spec = sys.argv[1:5]
    wanted = json.loads(Path(spec).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as profile:
        pipe = f"fidelity{time.time_ns()}"
        office = subprocess.Popen(
            [soffice, "--headless", "--invisible", "--norestore", "--nologo",
             f"-env:UserInstallation={Path(profile).as_uri()}", f"--accept=pipe,name={pipe};urp;"]
        )
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            for _ in range(300):  # LibreOffice's first start in a fresh profile takes a few seconds
                try:
                    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:
                    time.sleep(0.2)
            else:
                raise SystemExit("LibreOffice did not start")
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            doc = desktop.loadComponentFromURL(Path(template).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
            sheets = doc.getSheets()
            fill(sheets.getByIndex(0), wanted["answers"])
            fill(sheets.getByIndex(1), wanted["office"])
            doc.storeToURL(Path(out).resolve().as_uri(), (prop("FilterName", "Calc MS Excel 2007 XML"),))
            doc.close(True)
            try:
                desktop.terminate()
            except Exception:
                pass  # the bridge closes as LibreOffice quits
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


main()
