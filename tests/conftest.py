"""Shared fixtures. Conformance data lives beside the repo in ../shared and is optional."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ncac-wipo-copyright-training.txt"
CONFORMANCE = ROOT.parent / "shared" / "conformance"


@pytest.fixture
def conformance() -> Path:
    """Path to ../shared/conformance; skips the test when it is absent (fresh clone)."""
    if not CONFORMANCE.is_dir():
        pytest.skip("../shared/conformance is not present")
    return CONFORMANCE


@pytest.fixture
def example_article() -> Path:
    return EXAMPLE
