"""Reading and writing tables: CSV/TSV in any common Belgian encoding and delimiter, XLSX, JSON Lines.

Every value is read as text, exactly as written (``"0012"`` stays ``"0012"``);
output is written atomically, with spreadsheet formulas neutralized.
"""

from .read import Table, find_column, read_table
from .write import escape_formula, write_table

__all__ = ["Table", "read_table", "find_column", "write_table", "escape_formula"]
