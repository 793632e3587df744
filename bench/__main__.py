"""`make bench`: run every benchmark module in this folder (each has a `main()` that prints its figures).

`python -m bench NAME ...` runs only those modules. One module runs in this process; several run one process
each, because Django is set up once per process: a module run after another would measure with the first one's
settings (its task backend, its mail backend) whatever it asks for."""

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path


def main(names):
    here = Path(__file__).parent
    modules = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))
    names = names or modules
    unknown = [name for name in names if name not in modules]
    if unknown:
        sys.exit(f"No benchmark named {', '.join(unknown)}; there are: {', '.join(modules)}")
    if len(names) == 1:
        print(f"== bench.{names[0]}", flush=True)
        importlib.import_module(f"bench.{names[0]}").main()
        return
    run = [subprocess.run([sys.executable, "-m", "bench", name], cwd=here.parent) for name in names]
    failed = [name for name, result in zip(names, run, strict=True) if result.returncode]
    if failed:
        sys.exit(f"These benchmarks failed: {', '.join(failed)}")


if __name__ == "__main__":
    main(sys.argv[1:])
