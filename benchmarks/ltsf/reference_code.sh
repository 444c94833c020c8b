#!/usr/bin/env bash
# Run the reference LTSF-Linear code (cure-lab/LTSF-Linear) on one setting, on this machine, to see
# what it gives against the published rows and against `rnncast bench ltsf` (record:
# benchmarks/ltsf/results/reference-code/README.md). Nothing of theirs is copied into rnncast: this
# script checks their repository out and runs their run_longExp.py with three changes made at run
# time in a copy: the seed read from $SEED (theirs is fixed at 2021), torch on 1 thread, and
# `np.Inf = np.inf` (numpy 2 removed np.Inf, which their early stopping uses). With
# TEST_DROP_LAST=1 the test loader also drops its last incomplete batch, as their code did until
# commit 6fe4c28 (2023-03-15), after the published rows were made.
#
#   benchmarks/ltsf/reference_code.sh REPO COMMIT MODEL FILE H BATCH LR [their flags ...]
#   e.g. SEED=2021 TEST_DROP_LAST=1 benchmarks/ltsf/reference_code.sh ~/LTSF-Linear 0c11366 NLinear \
#          ../shared/data/LTSF/national_illness.csv 36 32 0.01 --seq_len 104 --label_len 18 --enc_in 7
#
# REPO: a clone of https://github.com/cure-lab/LTSF-Linear; PYTHON: an interpreter with torch,
# pandas, numpy and scikit-learn (default: python3). Prints the test "mse:..., mae:..." line.
set -euo pipefail
repo=$1 commit=$2 model=$3 file=$4 horizon=$5 batch=$6 lr=$7
shift 7
seed=${SEED:-2021}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$repo" archive "$commit" | tar -x -C "$work"
mkdir -p "$work/dataset"
ln -s "$(cd "$(dirname "$file")" && pwd)/$(basename "$file")" "$work/dataset/"
{
  echo "import numpy as np, os, torch"
  echo "np.Inf = getattr(np, 'Inf', np.inf)"
  echo "torch.set_num_threads(1)"
  if [ "${TEST_DROP_LAST:-0}" = 1 ]; then
    echo "import data_provider.data_factory as factory"
    echo "_loader = factory.DataLoader"
    echo "def _dropping(dataset, batch_size=1, shuffle=False, num_workers=0, drop_last=False):"
    echo "    return _loader(dataset, batch_size=batch_size, shuffle=shuffle, num_workers=num_workers,"
    echo "                   drop_last=drop_last or (not shuffle and batch_size != 1))"
    echo "factory.DataLoader = _dropping"
  fi
  sed "s/^fix_seed = 2021/fix_seed = int(os.environ['SEED'])/" "$work/run_longExp.py"
} > "$work/run_seeded.py"
cd "$work"
SEED=$seed OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "${PYTHON:-python3}" -u run_seeded.py --is_training 1 \
  --root_path ./dataset/ --data_path "$(basename "$file")" --model_id "ref_${horizon}_s${seed}" \
  --model "$model" --data custom --features M --pred_len "$horizon" --des Exp --itr 1 \
  --batch_size "$batch" --learning_rate "$lr" --num_workers 0 "$@" 2>&1 | grep -oE "^mse:[^,]*, mae:[0-9.e-]*" | tail -1
