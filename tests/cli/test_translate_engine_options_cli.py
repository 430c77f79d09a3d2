"""`transnews translate` CTranslate2 options: --device, --compute-type, --threads, --batch-tokens,
their project-file keys, and the repair rate in the summary."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from transnews.cli.app import app

runner = CliRunner()


@pytest.fixture
def article(tmp_path, example_article):
    dest = tmp_path / "ncac.txt"
    shutil.copy(example_article, dest)
    return dest


@pytest.fixture
def built(monkeypatch):
    """How ctranslate2.Translator was built in this test (a real one is still built)."""
    import ctranslate2

    real, seen = ctranslate2.Translator, []

    def spy(path, **kwargs):
        seen.append(kwargs)
        return real(path, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", spy)
    return seen


def _translate(article, tmp_path, *options):
    args = ["translate", str(article), "--locales", str(tmp_path / "locales"), "--offline", "--beam=1", *options]
    result = runner.invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


def test_options_reach_ctranslate2(tiny_argos, article, tmp_path, built):
    code, stdout, stderr = _translate(article, tmp_path, "--threads", "1", "--compute-type", "int8",
                                      "--batch-tokens", "256", "--device", "auto", "--json")
    assert code == 0, stderr
    assert built and built[0]["intra_threads"] == 1 and built[0]["compute_type"] == "int8"
    assert built[0]["device"] in ("cpu", "cuda")  # auto: CUDA only where CTranslate2 sees one
    summary = json.loads(stdout)
    assert 0 <= summary["repair_rate"] <= 1
    repaired = sum(c["repaired"] for c in summary["catalogs"])
    assert summary["repair_rate"] == repaired / sum(c["machine_translated"] for c in summary["catalogs"])


def test_cuda_without_a_cuda_device_is_one_line_and_writes_nothing(tiny_argos, article, tmp_path, monkeypatch):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    code, stdout, stderr = _translate(article, tmp_path, "--device", "cuda")
    assert code == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "--device cuda" in lines[0] and "no usable CUDA device" in lines[0]
    assert "Traceback" not in stderr and "reinstall" not in stderr
    assert not (tmp_path / "locales" / "zh").exists()


def test_auto_without_cuda_runs_on_the_cpu(tiny_argos, article, tmp_path, monkeypatch, built):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    code, _, stderr = _translate(article, tmp_path, "--device", "auto")
    assert code == 0, stderr
    assert built[0]["device"] == "cpu"


@pytest.mark.parametrize("options, word", [
    (("--device", "gpu"), "--device"),
    (("--compute-type", "fast"), "--compute-type"),
    (("--threads", "-1"), "--threads"),
    (("--batch-tokens", "0"), "--batch-tokens"),
])
def test_bad_option_values_are_usage_errors(argos_settings, article, tmp_path, options, word):
    code, _, stderr = _translate(article, tmp_path, *options)
    assert code == 2 and word in stderr and "Traceback" not in stderr


def test_compute_type_the_cpu_cannot_run_is_one_line(tiny_argos, article, tmp_path, monkeypatch):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda device: {"int8", "float32"})
    code, _, stderr = _translate(article, tmp_path, "--compute-type", "float16")
    assert code == 2 and "--compute-type float16 is not supported on cpu" in stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1


def test_project_file_sets_the_engine_options(tiny_argos, article, tmp_path, monkeypatch, built):
    (tmp_path / "transnews.toml").write_text(
        '[translate]\nthreads = 1\ncompute-type = "int8_float32"\ndevice = "cpu"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, stderr = _translate(article, tmp_path)
    assert code == 0, stderr
    assert built[0]["intra_threads"] == 1 and built[0]["compute_type"] == "int8_float32"
    # The command line still wins over the project file.
    shutil.rmtree(tmp_path / "locales")
    code, _, stderr = _translate(article, tmp_path, "--threads", "2")
    assert code == 0, stderr
    assert built[-1]["intra_threads"] == 2


def test_summary_line_shows_the_repair_rate(tiny_argos, article, tmp_path):
    code, stdout, stderr = _translate(article, tmp_path)
    assert code == 0, stderr
    assert "repaired segment(s) (repair rate " in stdout
