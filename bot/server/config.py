"""Settings: the only reader of the environment (and of an optional `.env` file)."""

import contextlib
from pathlib import Path

from pydantic import ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.server import texts

DEFAULT_DATABASE_URL = "sqlite:///./data/lsp-bot.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """A setting has a value lsp-bot cannot use; the message (one Indonesian line) names it."""


class Settings(BaseSettings):
    """Everything lsp-bot can be configured with; names are the environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    lsp_name: str = "LSP-P1"
    log_level: str = "WARNING"
    reports_dir: Path = Path("./data/laporan")
    render_workers: int = 0

    telegram_bot_token: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    # How many `lsp-bot run` share this bot (one webhook address): each keeps to its share
    # of Telegram's overall rate.
    telegram_instances: int = 1
    # Telegram's overall limit for one bot (about 30 a second; more only if Telegram raised it).
    telegram_messages_per_second: float = 28.0
    telegram_poll_timeout: int = 30

    # WhatsApp Cloud API (Meta): all four secrets together, or none. The base URL carries the
    # Graph API version (a proxy, or a stand-in in tests); the reminder template must be
    # approved by Meta under this name and language (see README).
    whatsapp_token: str | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_app_secret: str | None = None
    whatsapp_verify_token: str | None = None
    whatsapp_api_base_url: str = "https://graph.facebook.com/v23.0"
    whatsapp_template: str = "pengingat_laporan"
    whatsapp_template_language: str = "id"

    # The address the world reaches this server at (https://...): a final's QR code points at
    # its public verification page there (PUBLIC_URL/verifikasi/<code>).
    public_url: str | None = None

    host: str = "127.0.0.1"
    port: int = 8080
    dispatch_workers: int = 16

    # Deadlines (days of the report month, WITA) and reminders; the admin can change the
    # deadlines of a period and the reminder days in the chat with /tenggat.
    data_deadline_day: int = 7
    final_deadline_day: int = 0  # 0: the last day of the report month
    reminder_time: str = "09:00"
    reminder_days_before: str = "7,3,1"
    reminder_days_after: int = 3
    reminder_digest_days: int = 3
    reminder_tick_seconds: float = 60.0
    # How long an instance may hold reminders it claimed; past it another instance sends them.
    reminder_lease_seconds: float = 600.0

    # Signing finals (PAdES): a PKCS#12 file with the key and certificate, its passphrase, the
    # signer's name and place as the signature shows them, and a timestamp authority (RFC 3161):
    # with one, finals are PAdES B-LT (B-LTA with signing_lta), checked against the self-signed
    # certificates the PKCS#12 file carries and those in signing_trust_roots (PEM/DER files,
    # separated by commas).
    signing_pkcs12: str | None = None
    signing_passphrase: str | None = None
    signing_name: str | None = None
    signing_location: str | None = None
    signing_tsa_url: str | None = None
    signing_lta: bool = False
    signing_trust_roots: str | None = None

    # How long records are kept: years after the end of the semester they belong to.
    records_keep_years: int = 5

    @field_validator("public_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not value.startswith(("https://", "http://")) or " " in value or "?" in value:
            raise ValueError("not a web address")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.strip().upper() not in LOG_LEVELS:
            raise ValueError("unknown level")
        return value.strip().upper()

    def secrets(self) -> list[str]:
        """Every configured value that must never reach a log or a reply."""
        from sqlalchemy.engine import make_url

        values = [
            self.telegram_bot_token,
            self.telegram_webhook_secret,
            self.whatsapp_token,
            self.whatsapp_app_secret,
            self.whatsapp_verify_token,
            self.signing_passphrase,
        ]
        with contextlib.suppress(Exception):  # an unreadable URL is refused elsewhere
            values.append(make_url(self.database_url).password)
        return [str(value) for value in values if value and len(str(value)) >= 4]


_PROBLEMS = {
    "int_parsing": texts.CONFIG_NOT_INTEGER,
    "int_from_float": texts.CONFIG_NOT_INTEGER,
    "float_parsing": texts.CONFIG_NOT_NUMBER,
    "bool_parsing": texts.CONFIG_NOT_BOOL,
    "value_error": texts.CONFIG_LOG_LEVEL,
}


def load_settings() -> Settings:
    """The settings from the environment and `.env`; a value that cannot be read is a
    ConfigError naming the variable, in Indonesian."""
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "?"
        problem = _PROBLEMS.get(first["type"], texts.CONFIG_UNREADABLE)
        if name == "PUBLIC_URL":
            problem = texts.CONFIG_WEB_ADDRESS
        raise ConfigError(texts.CONFIG_INVALID.format(name=name, problem=problem)) from None
