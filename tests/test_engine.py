"""The engine alone: no database, no bot; state, message, context and time in, a Step out."""

from datetime import date

from conversations.commands import BY_NAME, Command, Text, UnknownCommand, parse
from conversations.effects import SaveAnswer, SetStatus
from conversations.engine import handle
from conversations.events import Context, Inbound, MemberView, PeriodView, SubmissionView
from conversations.needs import needs
from conversations.state import Mode, State
from storage.enums import Role, SubmissionStatus
from tests.helpers import NOW

PERIOD = PeriodView(1, "Semester II Tahun 2026", date(2027, 1, 7))
COORDINATOR = MemberView(7, "Siti", frozenset({Role.KOORDINATOR_TUK}))
ADMIN = MemberView(1, "Admin", frozenset({Role.ADMIN}))


def ctx(member: MemberView = COORDINATOR, **answers_by_section) -> Context:
    return Context(
        member=member,
        period=PERIOD,
        submissions={
            key: SubmissionView(SubmissionStatus.DRAFT, answers)
            for key, answers in answers_by_section.items()
        },
    )


def test_state_survives_json() -> None:
    state = State(Mode.EDITING, period=3, section="2.5", entry=2, field="nama", closed=True)
    assert State.from_json(state.to_json()) == state
    assert State.from_json("{not json") == State()
    assert State.from_json('{"v": 99, "mode": "review"}') == State()


def test_commands_and_aliases() -> None:
    assert parse("/help") == Command(BY_NAME["bantuan"], "")
    assert parse("/start@lsp_bot ABC") == Command(BY_NAME["start"], "ABC")
    assert parse("/CANCEL") == Command(BY_NAME["batal"], "")
    assert parse("/entah") == UnknownCommand("entah", "")
    assert parse("halo") == Text("halo")


def test_answer_is_saved_as_an_effect_and_the_next_question_follows() -> None:
    state = State(Mode.FILLING, period=1, section="2.5", entry=1, field="nama")
    step = handle(state, Inbound("TUK Otomotif"), ctx(), NOW)
    assert step.effects == (SaveAnswer("2.5", 1, "nama", "TUK Otomotif"),)
    assert step.state.field == "lokasi"


def test_required_question_cannot_be_skipped() -> None:
    state = State(Mode.FILLING, period=1, section="2.5", entry=1, field="nama")
    step = handle(state, Inbound("/lewati"), ctx(), NOW)
    assert step.effects == ()
    assert "wajib" in step.replies[0].text
    assert step.state == state


def test_edit_that_makes_a_question_relevant_asks_it() -> None:
    answers = {
        (1, "nama"): "A", (1, "lokasi"): "B", (1, "jenis"): "sewaktu",
        (1, "status_verifikasi"): "belum", (1, "ruang_lingkup"): "C", (1, "jumlah_asesi"): 3,
        (1, "perkembangan"): "D", (0, "rencana"): None,
    }  # fmt: skip
    state = State(
        Mode.EDITING, period=1, section="2.5", entry=1, field="status_verifikasi", closed=True
    )
    step = handle(state, Inbound("1"), ctx(**{"2.5": answers}), NOW)
    assert step.effects == (SaveAnswer("2.5", 1, "status_verifikasi", "terverifikasi"),)
    assert (step.state.mode, step.state.field) == (Mode.FILLING, "tanggal_verifikasi")


def test_cancel_goes_to_the_menu_and_stores_nothing() -> None:
    state = State(Mode.FILLING, period=1, section="2.5", entry=1, field="lokasi")
    step = handle(state, Inbound("/batal"), ctx(**{"2.5": {(1, "nama"): "A"}}), NOW)
    assert step.effects == ()
    assert step.state == State(period=1)
    assert "tetap aman" in step.replies[0].text


def test_nihil_needs_confirmation() -> None:
    state = State(Mode.FILLING, period=1, section="2.5", entry=1, field="nama")
    asked = handle(state, Inbound("/nihil"), ctx(), NOW)
    assert asked.effects == () and asked.state.mode is Mode.CONFIRM_NIHIL
    confirmed = handle(asked.state, Inbound("ya"), ctx(), NOW)
    assert confirmed.effects == (SetStatus("2.5", SubmissionStatus.NIHIL),)


def test_member_cannot_open_or_nihil_another_roles_section() -> None:
    opened = handle(State(), Inbound("2.2"), ctx(), NOW)
    assert "bukan tugas peran Anda" in opened.replies[0].text
    assert opened.state.section is None
    nihil = handle(State(), Inbound("/nihil 2.4"), ctx(), NOW)
    assert nihil.effects == () and "bukan tugas" in nihil.replies[0].text


def test_stale_state_for_a_section_that_no_longer_exists_returns_to_menu() -> None:
    step = handle(
        State(Mode.FILLING, period=1, section="9.9", field="x"), Inbound("hai"), ctx(), NOW
    )
    assert step.state == State(period=1) and step.effects == ()


def test_a_state_from_another_period_is_not_answered_into_this_one() -> None:
    state = State(Mode.FILLING, period=0, section="2.5", entry=1, field="nama")
    step = handle(state, Inbound("TUK Lama"), ctx(), NOW)
    assert step.effects == () and step.state == State(period=1)
    assert "sudah berganti" in step.replies[0].text


def test_only_the_admin_needs_the_team() -> None:
    assert needs(Inbound("/status"), COORDINATOR) == frozenset()
    # opening a section from the menu: what they sent last semester and the names known; an
    # answer to a question that names nothing: nothing more
    assert {str(n) for n in needs(Inbound("1"), COORDINATOR)} == {"previous", "names"}
    naming = State(Mode.FILLING, period=1, section="2.5", entry=1, field="nama")
    assert {str(n) for n in needs(Inbound("TUK A"), COORDINATOR, naming)} == {"names"}
    counting = State(Mode.FILLING, period=1, section="2.5", entry=1, field="jumlah_asesi")
    assert needs(Inbound("12"), COORDINATOR, counting) == frozenset()
    # the names of who owes and who sent (the first few) only for /status
    assert {str(n) for n in needs(Inbound("/status"), ADMIN)} == {"team", "team_names"}
    assert {str(n) for n in needs(Inbound("/menu"), ADMIN)} == {"team", "previous"}
    assert {str(n) for n in needs(Inbound("/undang asesor"), ADMIN)} == {"team", "invite_code"}
    # what others gave only where a message may open a section or declare it nihil
    filling = State(Mode.FILLING, period=1, section="2.5", entry=1, field="lokasi")
    assert {str(n) for n in needs(Inbound("Jl. A"), ADMIN, filling)} == {"team"}
    opening = {"team", "others", "previous", "names"}
    assert {str(n) for n in needs(Inbound("4"), ADMIN, State(period=1))} == opening
    assert {str(n) for n in needs(Inbound("/isi 2.5"), ADMIN, filling)} == opening
    assert {str(n) for n in needs(Inbound("/nihil 2.5"), ADMIN, filling)} == {"team", "others"}
