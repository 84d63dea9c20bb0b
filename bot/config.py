"""Settings: the only reader of the environment (and of an optional `.env` file)."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./data/lsp-bot.db"


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
