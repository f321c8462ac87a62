"""The README's operator table is generated from the kernel registry; it must be current."""
import importlib.util
from pathlib import Path

TOOL = Path(__file__).resolve().parent.parent / "tools" / "gen_op_table.py"


def test_readme_operator_table_is_current():
    spec = importlib.util.spec_from_file_location("gen_op_table", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.README.read_text()
    assert module.render(text) == text, "README operator table is stale: run python tools/gen_op_table.py"
