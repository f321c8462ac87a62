"""python -m tflm_host: the tflm-host command line."""
import sys

from .cli import main

sys.exit(main())
