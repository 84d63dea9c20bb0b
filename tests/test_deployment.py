"""What an operator deploys with: every setting in `.env.example` and the README, an example
file lsp-bot itself accepts, and a systemd unit with the hardening it claims."""

import configparser
import os
import re
import subprocess
import sys
from pathlib import Path

from bot.server.config import Settings

ROOT = Path(__file__).parent.parent
NAMES = sorted(name.upper() for name in Settings.model_fields)


def test_every_setting_is_in_the_example_file_and_the_readme() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = re.findall(r"^([A-Z0-9_]+)=", example, flags=re.M)
    assert sorted(listed) == NAMES
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in NAMES if f"`{name}`" not in readme]
    assert not missing, missing


def test_the_example_file_is_accepted_as_it_is(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        (ROOT / ".env.example").read_text(encoding="utf-8"), encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k.upper() not in NAMES}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "init", "--admin-name", "Siti Rahmah"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "lsp-bot.db").exists()
    # run refuses, in one line, because no channel is set in the example
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and "TELEGRAM_BOT_TOKEN" in done.stderr


def test_the_systemd_unit_is_hardened_and_writes_only_its_data() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(ROOT / "bot" / "deploy" / "lsp-bot.service", encoding="utf-8")
    service = unit["Service"]
    assert service["ExecStart"].endswith("/lsp-bot run")
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "KillMode": "control-group",
        "RestartPreventExitStatus": "2",
        "User": "lsp-bot",
    }.items():
        assert service[key] == value, key
    data = service["WorkingDirectory"]
    assert service["ReadWritePaths"] == data
    assert f"sqlite:///{data}/" in service["Environment"]
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_container_image_runs_the_bot_as_a_user_on_a_volume() -> None:
    text = (ROOT / "bot" / "deploy" / "Containerfile").read_text(encoding="utf-8")
    assert re.search(r"^USER lsp-bot$", text, flags=re.M)
    assert 'VOLUME ["/data"]' in text and "DATABASE_URL=sqlite:////data/lsp-bot.db" in text
    assert 'CMD ["lsp-bot", "run"]' in text and "/healthz" in text
    for folder in ("bot", "conversations", "storage", "render"):
        assert f"COPY {folder} {folder}" in text
