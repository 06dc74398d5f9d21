"""French wording of the reports: amounts, months, dates, Markdown escaping."""

from __future__ import annotations

from rights_engine.cli.present import amount_text, date_text, euros, month_text
from rights_engine.cli.render_markdown import escape
from rights_engine.report import Amount


def test_euros_in_french() -> None:
    assert euros(573.49) == "573,49 €"
    assert euros(1115.8) == "1 115,80 €"
    assert euros(0) == "0,00 €"


def test_amount_or_range() -> None:
    assert amount_text(Amount(minimum=573.49, maximum=573.49, unit="EUR/mois")) == "573,49 €/mois"
    assert (
        amount_text(Amount(minimum=0, maximum=651.69, unit="EUR/mois"))
        == "entre 0,00 € et 651,69 €/mois"
    )
    assert amount_text(Amount(minimum=1200, maximum=1200, unit="EUR/an")) == "1 200,00 €/an"


def test_months_and_dates_in_french() -> None:
    assert month_text("2026-11") == "novembre 2026"
    assert month_text("2026-02") == "février 2026"
    assert date_text("2027-03-31") == "31 mars 2027"
    assert date_text("2026-11-01") == "1er novembre 2026"
    assert date_text("fin mars") == "fin mars"


def test_markdown_text_is_shown_as_written() -> None:
    assert escape("a*b_c [x](y) <z> |") == r"a\*b\_c \[x\](y) \<z\> \|"
