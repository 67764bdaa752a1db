import sys

from regiokompas.cli import main

sys.exit(main())
