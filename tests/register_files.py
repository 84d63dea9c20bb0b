"""The realistic semester's certificate register as the LSP's files: certificates of 2023 (a
semicolon CSV), and the semester's two issuances, an XLSX in September and a semicolon CSV with
a byte-order mark, as Excel in an Indonesian locale saves it, in November. 117 certificates of
the semester: every kind, every route, four re-certifications of 2023 certificates that expired
in March 2026. The counts per scheme, TUK and assessor match what tests/semester.py types."""

from datetime import date

BENGKEL = "TUK Bengkel Otomotif SMKN 3 Kota Bima"
DAPUR = "TUK Dapur Tata Boga"
PT = "TUK Tempat Kerja PT Soekarno-Hatta Motor"
TKRO, BOGA, TKJ = "Teknik Kendaraan Ringan Otomotif", "Tata Boga", "Teknik Komputer dan Jaringan"
YUSUF, NUR = "Yusuf Hidayat", "Nur Aisyah"
CODES = {TKRO: "45201 2452 4", BOGA: "56101 5120 2", TKJ: "62090 2513 3"}
FIRST = ["Muhammad", "Siti", "Ahmad", "Nur", "Fajar", "Dewi", "Rizky", "Putri", "Ilham", "Ayu",
         "Bayu", "Rahmawati", "Andi", "Fitri", "Yoga", "Wulan"]  # fmt: skip
LAST = ["Ramadhan", "Hidayah", "Fauzi", "Lestari", "Nugroho", "Sartika", "Pratama", "Maharani",
        "Saputra", "Anggraini", "Firmansyah", "Rahayu", "Kurniawan"]  # fmt: skip
HEADER = ["No. Sertifikat", "Nama Asesi", "Skema", "Jenis", "Jalur", "TUK", "Asesor",
          "Tgl Terbit", "Menggantikan"]  # fmt: skip
SEPTEMBER, NOVEMBER = date(2026, 9, 14), date(2026, 11, 23)
OLD = date(2023, 3, 6)  # valid three years: expired on 6 March 2026
RENEWED = 4  # of the six 2023 certificates


def number(scheme: str, sequence: int, year: int) -> str:
    """A certificate number as BNSP prints it: field, occupation, level, sequence, year."""
    return f"{CODES[scheme]} {sequence:07d} {year}"


def holder(n: int) -> str:
    """A holder's name (distinct for every n below 208)."""
    return f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"


def _rows(scheme: str, count: int, start: int, issued: date) -> list[list[object]]:
    kind = {TKRO: "kualifikasi", BOGA: "okupasi", TKJ: "klaster"}[scheme]
    tuk = {TKRO: BENGKEL, BOGA: DAPUR, TKJ: PT}[scheme]
    assessor = NUR if scheme == BOGA else YUSUF
    rows = []
    for k in range(count):
        sequence = start + k
        route = "RPL" if sequence % 19 == 0 else "reguler"
        if scheme == TKJ and k < 2 and issued == NOVEMBER:
            route = "RCC"
        unit = scheme == TKRO and sequence % 10 == 3
        rows.append([number(scheme, sequence, issued.year), holder(sequence + len(scheme)),
                     scheme, "unit kompetensi" if unit else kind, route, tuk, assessor, issued,
                     ""])  # fmt: skip
    return rows


def old_rows() -> list[list[object]]:
    """Six 2023 certificates of the automotive scheme."""
    return [[number(TKRO, 900 + k, 2023), holder(300 + k), TKRO, "kualifikasi", "reguler",
             BENGKEL, YUSUF, OLD, ""] for k in range(6)]  # fmt: skip


def september() -> list[list[object]]:
    """The first issuance: 60 certificates."""
    return (
        _rows(TKRO, 30, 1, SEPTEMBER) + _rows(BOGA, 20, 1, SEPTEMBER) + _rows(TKJ, 10, 1, SEPTEMBER)
    )


def november() -> list[list[object]]:
    """The second issuance: 57 certificates, four of them renewing 2023 certificates (RCC)."""
    renewals = [
        [number(TKRO, 200 + k, 2026), old[1], TKRO, "kualifikasi", "RCC", BENGKEL, YUSUF,
         NOVEMBER, old[0]]
        for k, old in enumerate(old_rows()[:RENEWED])
    ]  # fmt: skip
    return (renewals + _rows(TKRO, 16, 31, NOVEMBER) + _rows(BOGA, 20, 21, NOVEMBER)
            + _rows(TKJ, 17, 11, NOVEMBER))  # fmt: skip


def xlsx(rows: list[list[object]]) -> bytes:
    """A workbook of the list (real Excel dates)."""
    from tests.reporting import sheet

    return sheet(rows, HEADER)


def semicolon_csv(rows: list[list[object]]) -> bytes:
    """The list as Excel in an Indonesian locale saves it: ';', dd/mm/yyyy, a BOM, CRLF."""

    def cell(value: object) -> str:
        return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)

    lines = [";".join(HEADER)] + [";".join(cell(v) for v in row) for row in rows]
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def files() -> list[tuple[str, bytes]]:
    """(file name, bytes) in the order the admin sent them."""
    return [
        ("sertifikat-2023.csv", semicolon_csv(old_rows())),
        ("penerbitan-september-2026.xlsx", xlsx(september())),
        ("penerbitan-november-2026.csv", semicolon_csv(november())),
    ]


def counts() -> dict[str, int]:
    """The semester's certificates per scheme."""
    found: dict[str, int] = {}
    for row in september() + november():
        found[str(row[2])] = found.get(str(row[2]), 0) + 1
    return found
