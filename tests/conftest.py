"""Shared test set-up. The backend is fixed per process: run the suite once per engine
(`CORNU_BACKEND=torch pytest`, `CORNU_BACKEND=jax pytest`; `.ci/run` does both)."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pytest_report_header(config):
    from cornu import backend

    return f"cornu backend: {backend.backend()}"


@pytest.fixture(autouse=True)
def _fresh_names_and_seed():
    from cornu import backend

    backend.clear_session()
    yield


@pytest.fixture
def backend_name():
    from cornu import backend

    return backend.backend()
