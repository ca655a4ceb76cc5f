"""`python -m cli`: the `kompass` command without its console script."""

from cli import main

main()
