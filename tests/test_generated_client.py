"""A client generated from openapi.yaml by openapi-python-client, a tool nobody here wrote: it generates with no
warning (so no operation, model or error shape is dropped), and a short script using it signs in, creates a
referral and reads the problem a refused request answers (tests/generated_client_journey.py).

The generated code goes to a temporary directory, never the repository. Runs once, on a live server on SQLite.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backend.core.config import ROOT
from backend.demo import DEMO_PASSWORD
from tests.live_server import live_server


def _generator() -> str:
    found = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("openapi-python-client is not installed: pip install -e '.[test]'")
    return found


def test_generated_client_builds_without_warnings_and_signs_in_creates_a_referral_and_reads_a_problem(
        tmp_path: Path):
    build = tmp_path / "generated"
    build.mkdir()
    # Its post-generation hooks run ruff, from this environment.
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    generated = subprocess.run(
        [_generator(), "generate", "--path", str(ROOT / "openapi.yaml"), "--output-path", str(build / "cspr_client"),
         "--meta", "none", "--config", str(ROOT / "tests" / "generated_client.yaml"), "--fail-on-warning"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    output = generated.stdout + generated.stderr
    assert generated.returncode == 0 and "warning" not in output.lower(), output
    operations = list((build / "cspr_client" / "api").rglob("*_post.py"))
    assert any(p.name.startswith("record_partner_position_api_v1_referrals") for p in operations)
    assert any(p.name.startswith("record_partner_position_api_v1_rapid_reviews") for p in operations)
    assert any(p.name.startswith("make_recommendation_api_v1_rapid_reviews") for p in operations)
    assert any(p.name.startswith("record_recommendation_api_v1_referrals") for p in operations)

    with live_server(tmp_path) as server:
        journey = subprocess.run(
            [sys.executable, str(ROOT / "tests" / "generated_client_journey.py"), server.base_url,
             "trust.lead@harbourside-scp.org.uk", DEMO_PASSWORD],
            env=server.env | {"PYTHONPATH": str(build)}, capture_output=True, text=True, timeout=120)
    assert journey.returncode == 0, journey.stderr
    result = json.loads(journey.stdout)
    assert result["state"] == "draft" and result["refused_status"] == 422
    assert result["problem_title"] == "Your request has errors"
    assert result["problem_fields"] == ["body.child_reference"]
