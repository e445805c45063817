"""Shared fixtures: the shared specs beside the checkout (../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
VECTORS = SHARED / "vectors" / "standards_vectors.json"
DATA = SHARED / "data"


def load_vectors() -> list[dict]:
    """The 202 shared vectors, or [] when ../shared is absent."""
    if not VECTORS.exists():
        return []
    return json.loads(VECTORS.read_text(encoding="utf-8"))


@pytest.fixture
def data_dir() -> Path:
    if not DATA.exists():
        pytest.skip(f"shared data not found at {DATA} (../shared beside the checkout)")
    return DATA
