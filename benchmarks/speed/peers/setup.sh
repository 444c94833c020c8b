#!/usr/bin/env bash
# Builds the two peer environments of benchmarks/speed/speed_peers.py beside this file (git-ignored):
#   .venv-darts  u8darts[torch] 0.41.0   (needs pytorch-lightning < 2.5.3)
#   .venv-nf     neuralforecast 3.3.0    (needs pytorch-lightning >= 2.6.6)
# They cannot share one environment. torch is pinned by constraints.txt to the project's CPU build
# (2.13.0+cpu, a local wheel here): pip never resolves another torch (that would pull gigabytes of CUDA
# wheels). lock-<peer>.txt pins everything else to the versions the record was measured with.
# About 1 GB on disk; a few minutes the first time.
# Usage: bash benchmarks/speed/peers/setup.sh [darts] [nf]        (PYTHON=python3 by default; 3.11)
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), "the peers need Python 3.11 (the local torch wheel is cp311)"'
for peer in ${*:-darts nf}; do
  venv=.venv-$peer
  [[ -x $venv/bin/python ]] || "$PYTHON" -m venv "$venv"
  # pip's warnings about local index folders that lack a package are noise here
  "$venv/bin/python" -m pip install -q -c constraints.txt -c "lock-$peer.txt" -r "requirements-$peer.txt" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
  "$venv/bin/python" -c 'import torch; assert torch.__version__ == "2.13.0+cpu", torch.__version__'
  echo "$venv ready: $("$venv/bin/python" -m pip freeze | grep -i -E '^(u8darts|neuralforecast|pytorch-lightning|torch|numpy|pandas)==' | tr '\n' ' ')"
done
