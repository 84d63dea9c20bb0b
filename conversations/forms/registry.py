"""Every section, in clause order, checked when this module is imported."""

from conversations.forms import asesor, cabang, profisiensi, skema, surveilan, tuk, verifikasi
from conversations.schema import Question, QuestionType, Repeat, Section
from storage.enums import Role

SECTIONS: tuple[Section, ...] = (
    skema.SECTION,
    verifikasi.SECTION,
    cabang.SECTION,
    tuk.SECTION,
    surveilan.SECTION,
    profisiensi.SECTION,
    asesor.SECTION,
)

BY_KEY: dict[str, Section] = {section.key: section for section in SECTIONS}


def report_sections(report: str) -> tuple[Section, ...]:
    """The sections of one report ("A": activities, "B": certificate issuance), in clause
    order."""
    return tuple(section for section in SECTIONS if section.report == report)


def sections_for(roles: frozenset[Role]) -> tuple[Section, ...]:
    """Sections a member with these roles may fill in (the admin: all)."""
    if Role.ADMIN in roles:
        return SECTIONS
    return tuple(section for section in SECTIONS if section.role in roles)


def check(sections: tuple[Section, ...]) -> None:
    """Raise ValueError when a form is malformed."""
    if len(BY_KEY) != len(sections):
        raise ValueError("duplicate section keys")
    for section in sections:
        repeats = [item for item in section.items if isinstance(item, Repeat)]
        if len(repeats) > 1:
            raise ValueError(f"{section.key}: at most one repeated group per section")
        _check_questions(section.key, section.top_questions)
        for repeat in repeats:
            _check_questions(f"{section.key}/{repeat.key}", repeat.questions)
            _check_tally(f"{section.key}/{repeat.key}", repeat)
        _check_register(section)


def _check_questions(where: str, questions: tuple[Question, ...]) -> None:
    seen: dict[str, QuestionType] = {}
    for question in questions:
        if question.key in seen or question.key.startswith("_"):
            raise ValueError(f"{where}: bad or duplicate key {question.key!r}")
        choice_types = (QuestionType.CHOICE, QuestionType.MULTI_CHOICE)
        if (question.type in choice_types) != bool(question.choices):
            raise ValueError(f"{where}.{question.key}: choices do not match the type")
        if question.relevant is not None and question.relevant.field not in seen:
            raise ValueError(f"{where}.{question.key}: condition on a later or unknown field")
        if question.constraint is not None and (
            question.type is not QuestionType.DATE
            or seen.get(question.constraint.field) is not QuestionType.DATE
        ):
            raise ValueError(f"{where}.{question.key}: a date order needs two date fields")
        if question.confirm is not None and question.type is not QuestionType.DATE:
            raise ValueError(f"{where}.{question.key}: only dates are checked against the period")
        if question.names is not None and (
            question.names not in ("tuk", "scheme") or question.type is not QuestionType.TEXT
        ):
            raise ValueError(f"{where}.{question.key}: only a short text names a tuk or a scheme")
        if question.evidence is not None and not (
            question.evidence.what and 1 <= question.evidence.most <= 10
        ):
            raise ValueError(f"{where}.{question.key}: evidence needs what it shows, 1-10 files")
        if question.carry is None:
            raise ValueError(f"{where}.{question.key}: say whether it carries over (stable or not)")
        seen[question.key] = question.type


def _check_tally(where: str, repeat: Repeat) -> None:
    if repeat.tally is None:
        return
    keys = {question.key: question for question in repeat.questions}
    counted = keys.get(repeat.tally.count)
    if repeat.tally.label not in keys or counted is None:
        raise ValueError(f"{where}: tally names an unknown field")
    if counted.type is not QuestionType.INTEGER:
        raise ValueError(f"{where}: tally counts a field that is not a number")


def _check_register(section: Section) -> None:
    link = section.register
    if link is None:
        return
    if link.kind not in ("scheme", "tuk", "assessor"):
        raise ValueError(f"{section.key}: the register knows no {link.kind!r}")
    repeat = section.repeat
    pool = repeat.questions if link.name is not None and repeat else section.top_questions
    keys = {question.key: question for question in pool}
    counted = keys.get(link.count)
    if counted is None or counted.type is not QuestionType.INTEGER:
        raise ValueError(f"{section.key}: the register count needs a number field")
    if link.name is not None and link.name not in keys:
        raise ValueError(f"{section.key}: the register names entries by an unknown field")


check(SECTIONS)
