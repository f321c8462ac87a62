import sys
from pathlib import Path

# Make tests/oracle.py importable as `oracle` from every test module.
sys.path.insert(0, str(Path(__file__).resolve().parent))
