"""Column scalers fitted on training rows only, with a state that is plain data (JSON-ready)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnncast.errors import RnncastError


@dataclass
class Scaler:
    """``scaled = (value - offset) / scale`` per column; ``kind`` is standard, minmax or none."""

    kind: str
    offset: np.ndarray  # [C]
    scale: np.ndarray  # [C]

    @classmethod
    def fit(cls, kind: str, train_rows: np.ndarray, columns: list[str]) -> "Scaler":
        """Statistics from the training rows [T_train, C] alone."""
        train_rows = np.asarray(train_rows, dtype=np.float64)
        n_cols = train_rows.shape[1]
        if kind == "none":
            return cls(kind, np.zeros(n_cols), np.ones(n_cols))
        if kind == "standard":
            offset = train_rows.mean(axis=0)
            scale = train_rows.std(axis=0)  # population std (ddof=0), as the ETT protocol
        elif kind == "minmax":
            offset = train_rows.min(axis=0)
            scale = train_rows.max(axis=0) - offset
        else:
            raise RnncastError(f"unknown scaler {kind!r}; choose one of: standard, minmax, none")
        # a spread below 1e-12 of the column's size is rounding noise: float32 values cannot hold it
        constant = np.flatnonzero(~(scale > 1e-12 * np.maximum(1.0, np.abs(train_rows).max(axis=0))))
        if constant.size:
            j = int(constant[0])
            raise RnncastError(
                f"column {columns[j]!r} is constant on the training rows (always {train_rows[0, j]:g}), so "
                f"{kind} scaling would divide by zero; drop the column or use --scaler none"
            )
        return cls(kind, offset, scale)

    def transform(self, values: np.ndarray, cols: slice = slice(None)) -> np.ndarray:
        return ((values - self.offset[cols]) / self.scale[cols]).astype(np.float32)

    def inverse(self, values: np.ndarray, cols: slice = slice(None)) -> np.ndarray:
        return (values * self.scale[cols] + self.offset[cols]).astype(np.float32)

    def state(self) -> dict:
        return {"kind": self.kind, "offset": self.offset.tolist(), "scale": self.scale.tolist()}

    @classmethod
    def from_state(cls, state: dict) -> "Scaler":
        return cls(state["kind"], np.asarray(state["offset"], dtype=np.float64), np.asarray(state["scale"], dtype=np.float64))
