"""`python -m generator.cli`, as the `makelocal` command."""

import sys

from generator.cli import main

sys.exit(main())
