"""Wiring: settings -> database -> service, report desk, reminder desk -> dispatcher."""

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from bot.certificates.commands import CertificateCommands
from bot.certificates.desk import CertificateDesk
from bot.dispatcher import Dispatcher
from bot.members.commands import MemberCommands
from bot.members.desk import MemberDesk
from bot.reminders.commands import MAX_DAYS, ReminderCommands
from bot.reminders.desk import ReminderDesk
from bot.reminders.plan import Plan
from bot.reports.commands import ReportCommands
from bot.reports.desk import ReportDesk
from bot.server.config import ConfigError, Settings
from conversations.service import ConversationService
from render.renderer import Renderer
from storage.periods import DeadlineRule
from storage.types import utcnow

if TYPE_CHECKING:
    from bot.channels.whatsapp.channel import WhatsAppChannel
    from render.signing import Signer


def build_signer(settings: Settings) -> "Signer | None":
    """The signer of finals, when a signing key is configured."""
    if not settings.signing_pkcs12:
        return None
    from pathlib import Path

    from render.signing import Pkcs12Signer

    return Pkcs12Signer(
        path=Path(settings.signing_pkcs12),
        passphrase=settings.signing_passphrase,
        name=settings.signing_name,
        location=settings.signing_location,
        timestamp_url=settings.signing_tsa_url,
        archival_timestamp=settings.signing_lta,
        trust_roots=tuple(
            Path(p.strip()) for p in (settings.signing_trust_roots or "").split(",") if p.strip()
        ),
    )


def build_renderer(settings: Settings) -> Renderer:
    """The pool of rendering processes (started on first use)."""
    return Renderer(settings.render_workers or None)


def deadline_rule(settings: Settings) -> DeadlineRule:
    """The default deadlines from the settings."""
    if not 1 <= settings.data_deadline_day <= 31:
        raise ConfigError("DATA_DEADLINE_DAY harus 1-31.")
    if not 0 <= settings.final_deadline_day <= 31:
        raise ConfigError("FINAL_DEADLINE_DAY harus 0-31 (0: hari terakhir bulan laporan).")
    return DeadlineRule(settings.data_deadline_day, settings.final_deadline_day)


def reminder_plan(settings: Settings) -> Plan:
    """The default reminder plan from the settings."""
    try:
        hours, minutes = (int(part) for part in settings.reminder_time.split(":"))
        send_at = time(hours, minutes)
    except ValueError as error:
        raise ConfigError("REMINDER_TIME harus jam:menit WITA, mis. 09:00.") from error
    parts = settings.reminder_days_before.replace(",", " ").split()
    if not all(part.isdigit() and int(part) <= MAX_DAYS for part in parts):
        raise ConfigError("REMINDER_DAYS_BEFORE harus angka 0-200 dipisah koma, mis. 7,3,1.")
    after, digest = settings.reminder_days_after, settings.reminder_digest_days
    if not (0 <= after <= MAX_DAYS and 0 <= digest <= MAX_DAYS):
        raise ConfigError("REMINDER_DAYS_AFTER dan REMINDER_DIGEST_DAYS harus 0-200.")
    return Plan(
        days_before=tuple(sorted({int(part) for part in parts}, reverse=True)),
        days_after=settings.reminder_days_after,
        digest_days=settings.reminder_digest_days,
        send_at=send_at,
    )


def build_reminder_desk(settings: Settings, engine: Engine) -> ReminderDesk:
    """The reminder desk with the configured defaults."""
    return ReminderDesk(
        engine,
        plan=reminder_plan(settings),
        deadlines=deadline_rule(settings),
        lease=timedelta(seconds=settings.reminder_lease_seconds),
    )


def build_dispatcher(
    engine: Engine,
    renderer: Renderer,
    settings: Settings,
    reminders: ReminderDesk | None = None,
    *,
    clock: Callable[[], datetime] = utcnow,
) -> Dispatcher:
    """The dispatcher every channel talks to (`clock`: the instant messages are handled at)."""
    rule = deadline_rule(settings)
    desk = ReportDesk(engine, renderer, deadlines=rule, signer=build_signer(settings),
                      public_url=settings.public_url, clock=clock)  # fmt: skip
    return Dispatcher(
        ConversationService(engine, deadlines=rule, clock=clock),
        ReportCommands(engine, desk),
        ReminderCommands(engine, reminders or build_reminder_desk(settings, engine)),
        MemberCommands(engine, MemberDesk(engine, clock=clock)),
        CertificateCommands(engine, CertificateDesk(engine, clock=clock), desk.period),
    )


def build_whatsapp(settings: Settings, dispatcher: Dispatcher, engine: Engine) -> "WhatsAppChannel":
    """The WhatsApp channel for the configured number (call inside the running event loop)."""
    from bot.channels.whatsapp.channel import WhatsAppChannel
    from bot.channels.whatsapp.client import GraphClient
    from bot.channels.whatsapp.push import WhatsAppPusher

    assert settings.whatsapp_token and settings.whatsapp_phone_number_id
    client = GraphClient(
        base_url=settings.whatsapp_api_base_url,
        token=settings.whatsapp_token,
        phone_number_id=settings.whatsapp_phone_number_id,
    )
    pusher = WhatsAppPusher(
        client,
        engine,
        template=settings.whatsapp_template,
        language=settings.whatsapp_template_language,
    )
    return WhatsAppChannel(dispatcher, engine, client, pusher, workers=settings.dispatch_workers,
                           instances=settings.telegram_instances)  # fmt: skip
