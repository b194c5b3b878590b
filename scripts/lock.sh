#!/usr/bin/env bash
# Regenerate the hashed lock files from pyproject.toml:
#   requirements/dev.txt   what scripts/setup.sh installs (the package's dependencies, the `test` extra,
#                          and the build backend);
#   requirements/lock.txt  what the workflows install (the package's dependencies and the build backend),
#                          constrained to the same versions as dev.txt.
# Every distribution, direct or indirect, is pinned with the sha256 of each of its files on PyPI, and the
# resolution holds for every Python >= 3.11 and platform (`--universal`), so the same file serves this
# machine and the forge's runners. Installs then use `pip install --require-hashes -r …` and install the
# package itself with `--no-deps --no-build-isolation`: nothing unreviewed is downloaded.
#
# Needs uv (https://docs.astral.sh/uv/), which is not a dependency of the project: e.g.
#   python3 -m venv /tmp/uv && /tmp/uv/bin/pip install uv==0.13.9 && UV=/tmp/uv/bin/uv bash scripts/lock.sh
# Run it after changing a pin in pyproject.toml (or to take security updates of indirect dependencies),
# then review the diff like code.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-uv}
common=(--universal --python-version 3.11 --generate-hashes --quiet --custom-compile-command "bash scripts/lock.sh")
"$UV" pip compile "${common[@]}" pyproject.toml requirements/build.in --extra test -o requirements/dev.txt
"$UV" pip compile "${common[@]}" pyproject.toml requirements/build.in -c requirements/dev.txt -o requirements/lock.txt
