#!/usr/bin/env bash
# Every check that needs a GPU, in one script for a lent machine's short lease: each command of the CLI with
# --device cuda on the shared data, a CUDA-trained model read back on CPU, an interrupted CUDA fit resumed,
# torchrun with NCCL, the DDP parity check, and (SUITE=1) the test suite on a machine where `auto` picks CUDA.
#
#   OUT=/some/dir [DEVICE=cuda] [PY=python3] [SHARED=../shared] [SUITE=1] benchmarks/cuda/checks.sh
#
# Writes $OUT/checks.log (one block per check: the command, its exit code, its last lines), $OUT/suite.txt and
# $OUT/runs.tgz (the run directories' small files: config, metrics, reports, plots). DEVICE=cpu runs the same
# checks on a machine without a GPU (the dry run before a lease). Record: results/h200-checks.md.
set -u
cd "$(dirname "$0")/../.."; ROOT=$PWD
OUT=${OUT:?set OUT to a folder for the logs}; D=${DEVICE:-cuda}; PY=${PY:-python3}; SHARED=$(cd "${SHARED:-../shared}" && pwd)  # absolute: the checks run in a scratch folder
W=$(mktemp -d); LOG=$OUT/checks.log; mkdir -p "$OUT"; : >"$LOG"
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
R="$PY -m rnncast"
ETT=$SHARED/data/ETT/ETTh1.csv; ILI=$SHARED/data/LTSF/national_illness.csv

check() {  # check NAME COMMAND...: run it in $W, log the command, exit code, seconds and last lines
    local name=$1; shift; local start=$SECONDS
    case " ${SKIP:-} " in *" $name "*) return;; esac  # SKIP="demo tune": leave those out (a dry run)
    (cd "$W" && "$@") >"$W/$name.out" 2>&1; local rc=$?
    { echo "== $name (rc $rc, $((SECONDS - start)) s): $*"; tail -n "${TAIL:-6}" "$W/$name.out"; echo; } >>"$LOG"
}

{ date -u; nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>&1 | head -2
  $PY -c 'import torch, pandas, numpy, sys; print("python", sys.version.split()[0], "torch", torch.__version__,
"cuda", torch.cuda.is_available(), "pandas", pandas.__version__, "numpy", numpy.__version__)'
  git log -1 --format='commit %h %s' 2>/dev/null; nproc; echo; } >>"$LOG"

if [ -n "${TESTS:-}" ]; then  # TESTS="tests/x.py ...": only these, in the background
    (timeout 300 $PY -m pytest -q -p no:cacheprovider -n 4 $TESTS >"$OUT/suite.txt" 2>&1; echo "rc $?" >>"$OUT/suite.txt") &
    suite=$!
elif [ "${SUITE:-0}" = 1 ]; then  # in the background: the suite's workers and the checks below share the GPU
    (timeout 420 $PY -m pytest -q -p no:cacheprovider -n "${WORKERS:-10}" \
        --deselect tests/scenarios/test_report_browser.py tests >"$OUT/suite.txt" 2>&1; echo "rc $?" >>"$OUT/suite.txt") &
    suite=$!
fi

A=(--epochs 3 --device "$D" --seed 1 ${EXTRA:-})  # EXTRA="--max-batches 20": a quicker dry run
check demo $R demo --device "$D" --out demo
check demo_regression $R demo regression --device "$D" --out demo_regression
check fit_quantiles $R fit "$ETT" --target OT --features all --lookback 96 --horizon 24 --quantiles 0.1,0.5,0.9 \
    "${A[@]}" --out ett_q
check fit_gru $R fit "$ETT" --target OT --features all --lookback 48 --horizon 24 --cell gru "${A[@]}" --out ett_gru
check same_seed_again $R fit "$ETT" --target OT --features all --lookback 48 --horizon 24 --cell gru "${A[@]}" --out ett_gru2
check same_seed_diff $PY -c 'import pandas as pd; a,b=(pd.read_csv(f"{d}/history.csv") for d in ("ett_gru","ett_gru2"));
print(a.tail(2)); num=[c for c in a.select_dtypes("number").columns if "second" not in c]; print("max abs diff of the two histories:", float((a[num]-b[num]).abs().max().max()))'
check predict $R predict ett_q "$ETT" --out ett_q_forecast.csv
check predict_on_cpu env CUDA_VISIBLE_DEVICES= $R predict ett_q "$ETT" --out ett_q_forecast_cpu.csv
check cpu_equals_cuda $PY -c 'import pandas as pd; a,b=pd.read_csv("ett_q_forecast.csv"),pd.read_csv("ett_q_forecast_cpu.csv");
num=a.select_dtypes("number").columns; print(a.shape, "max abs diff CUDA vs CPU:", float((a[num]-b[num]).abs().max().max()))'
check evaluate $R evaluate ett_q "$ETT" --json
check compare $R compare ett_q ett_gru --data "$ETT"
check export_onnx $R export ett_gru --onnx ett_gru.onnx
check backtest $R backtest "$ETT" --target OT --lookback 48 --horizon 24 --n-windows 3 "${A[@]}" --out ett_bt
check tune $R tune "$ETT" --target OT --lookback 48 --horizon 24 --trials 3 "${A[@]}" --out ett_tune
$PY - "$W/panel.csv" "$W/panel_future.csv" <<'EOF'
import sys, numpy as np, pandas as pd
rng, rows, future = np.random.default_rng(0), [], []
for s in range(40):
    n = 300 + 5 * s
    t = pd.date_range("2023-01-02", periods=n + 14, freq="D")
    promo = (rng.random(n + 14) < 0.2).astype(float)
    y = 10 + s + 3 * np.sin(np.arange(n + 14) * 2 * np.pi / 7) + 2 * promo + rng.normal(0, 0.5, n + 14)
    f = pd.DataFrame({"unique_id": f"store{s}", "ds": t, "y": y, "promo": promo, "size": 100 + s})
    rows.append(f.iloc[:n]); future.append(f.iloc[n:][["unique_id", "ds", "promo"]])
pd.concat(rows).to_csv(sys.argv[1], index=False); pd.concat(future).to_csv(sys.argv[2], index=False)
EOF
check panel_fit $R fit panel.csv --future-covariates promo --static-covariates size --lookback 28 --horizon 14 \
    --season 7 "${A[@]}" --out panel
check panel_sequence $R fit panel.csv --lookback 28 --horizon 14 --scheme sequence \
    "${A[@]}" --out panel_seq
check panel_predict $R predict panel panel.csv --future panel_future.csv --out panel_forecast.csv
check panel_predict_rows $PY -c 'import pandas as pd; f=pd.read_csv("panel_forecast.csv"); print(f.shape); print(f.head(3))'
TAIL=12 check resume_interrupted env PYTHONFAULTHANDLER=1 timeout --preserve-status -s INT "${LONG_SECONDS:-15}" $R fit "$ETT" --target OT --lookback 96 --horizon 24 --epochs 30 \
    --patience 30 --max-batches "${LONG_BATCHES:-100}" --device "$D" --seed 1 --out ett_long
check resume $R fit --resume ett_long
check uninterrupted $R fit "$ETT" --target OT --lookback 96 --horizon 24 --epochs 30 --patience 30 \
    --max-batches "${LONG_BATCHES:-100}" --device "$D" --seed 1 --out ett_long_ref
check resume_equals_uninterrupted $PY -c 'import pandas as pd; a,b=(pd.read_csv(f"{d}/history.csv") for d in ("ett_long","ett_long_ref"));
print(len(a), len(b), "max abs diff of val_loss:", float((a["val_loss"]-b["val_loss"]).abs().max()))'
check bench_ltsf $R bench ltsf --data "$ILI" --mode M --lookback 104 --horizons 24 --models repeat,lstm \
    --set device="$D" --drop-last recipe --no-plots --out bench_ili
if [ "$D" = cuda ]; then
    check torchrun_nccl $PY -m torch.distributed.run --standalone --nproc_per_node=1 -m rnncast fit "$ETT" \
        --target OT --lookback 48 --horizon 24 "${A[@]}" --out ett_ddp
    check torchrun_config $PY -c 'import json; c=json.load(open("ett_ddp/config.json")); print({k: c.get(k) for k in ("processes","device")})'
    check ddp_parity $PY "$ROOT/benchmarks/parity/ddp_parity.py" --device cuda --procs 1 --epochs 4
    check two_ranks_one_gpu $PY -m torch.distributed.run --standalone --nproc_per_node=2 -m rnncast fit "$ETT" \
        --target OT --lookback 48 --horizon 24 "${A[@]}" --out ett_ddp2
fi
(cd "$W" && find . -name '*.pt' -o -name '*.safetensors' -o -name '*.onnx' -o -name '*.db' | sed 's|^\./||' >excluded.txt
 tar czf "$OUT/runs.tgz" -X excluded.txt --exclude=panel.csv --exclude=panel_future.csv . )
if [ -n "${suite:-}" ]; then wait "$suite"; fi
echo "done $(date -u)" >>"$LOG"
