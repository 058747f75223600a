"""`python -m partnership.data.extracts` (`make extracts`)."""
import sys

from . import main

sys.exit(main())
