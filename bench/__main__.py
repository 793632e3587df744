"""`make bench`: run every benchmark module in this folder (each has a `main()` that prints its figures).

`python -m bench NAME ...` runs only those modules."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(names):
    here = Path(__file__).parent
    modules = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))
    for name in names or modules:
        if name not in modules:
            sys.exit(f"No benchmark named {name}; there are: {', '.join(modules)}")
        print(f"== bench.{name}", flush=True)
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
