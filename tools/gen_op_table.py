"""Rewrites the supported-operator table in README.md from the built kernel registry.

    python tools/gen_op_table.py        (tests/test_docs.py fails when the table is stale)
"""
from pathlib import Path

from tflm_host.ops import markdown_table

START, END = "<!-- ops:start -->", "<!-- ops:end -->"
README = Path(__file__).resolve().parent.parent / "README.md"


def render(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{markdown_table()}\n{END}{tail}"


if __name__ == "__main__":
    README.write_text(render(README.read_text()))
