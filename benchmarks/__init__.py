"""Speed and memory figures, printed by ``make bench``: each ``bench_*.py`` module has a ``main()``."""
