"""The sheet the person takes home: a self-contained HTML page in plain French, printable on one
or two A4 pages.

It speaks to the person (« vous »), not to the worker: what to ask for, where, with which
papers, by when; no legal reference, no condition, no verdict vocabulary. Everything comes from
the report's synthesis (:class:`rights_engine.report.Synthesis`), and the local offices from the
directory given with ``--partners``. No script, no external resource: the page prints as is.
"""

from __future__ import annotations

from html import escape

from rights_engine.report import Report, SynthesisItem, SynthesisPartner

from .present import date_text, euros, month_text

__all__ = ["html_document", "html_sheet"]

_STYLE = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { background: #fff; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt;
  line-height: 1.35; color: #111; margin: 0 auto; padding: 12px 16px; max-width: 182mm;
  overflow-wrap: anywhere; }
h1 { font-size: 16pt; margin: 0 0 4px; }
h2 { font-size: 12pt; margin: 12px 0 4px; padding-bottom: 2px; border-bottom: 2px solid #1d4e89;
  color: #1d4e89; }
p { margin: 3px 0; }
.intro { color: #333; font-size: 9.5pt; }
ul { margin: 2px 0 2px 0; padding-left: 18px; }
li { margin: 1px 0; }
.urgent { border: 2px solid #b00020; padding: 6px 10px; margin: 8px 0; }
.urgent h2 { color: #b00020; border-color: #b00020; margin-top: 0; }
.office { margin: 6px 0; padding: 4px 8px; border-left: 4px solid #1d4e89;
  page-break-inside: avoid; break-inside: avoid; }
.office strong { font-size: 11pt; }
.papers { list-style: none; padding-left: 4px; columns: 2; column-gap: 16px; }
.papers li::before { content: "☐ "; }
.amount { white-space: nowrap; font-weight: bold; }
.total { font-weight: bold; margin-top: 4px; }
footer { margin-top: 10px; font-size: 8.5pt; color: #444; border-top: 1px solid #999;
  padding-top: 4px; }
section.sheet + section.sheet { break-before: page; page-break-before: always; }
@media print { body { padding: 0; max-width: none; } }
"""


def _amount(item: SynthesisItem) -> str:
    amount = item.amount
    if amount is None:
        return ""
    per = "par mois" if amount.unit == "EUR/mois" else "par an"
    if amount.is_range:
        text = f"jusqu'à environ {euros(amount.maximum)} {per}"
    else:
        text = f"environ {euros(amount.minimum)} {per}"
    return f' — <span class="amount">{escape(text)}</span>'


def _office(partner: SynthesisPartner) -> str:
    rows = [f"<strong>{escape(partner.name)}</strong>"]
    local = partner.local
    if local is not None:
        rows.append(f"{escape(local.name)}<br>{escape(local.address)}")
        rows.append(f"Téléphone : {escape(local.phone)}")
        if local.hours:
            rows.append(f"Horaires : {escape(local.hours)}")
    else:
        rows.append(escape(partner.contact))
    rows.append("Pour : " + escape(" ; ".join(partner.handles)))
    body = "<br>".join(rows)
    papers = ""
    if partner.bring:
        items = "".join(f"<li>{escape(document)}</li>" for document in partner.bring)
        papers = f'<p>Papiers à apporter :</p><ul class="papers">{items}</ul>'
    return f'<div class="office"><p>{body}</p>{papers}</div>'


def html_sheet(report: Report) -> str:
    """One household's sheet, as a ``<section>`` of the page."""
    synthesis = report.synthesis
    parts = [
        '<section class="sheet">',
        f"<h1>Vos démarches — {escape(month_text(report.period))}</h1>",
        '<p class="intro">Ce que nous avons vu ensemble. Ce document ne garantit aucun droit : '
        "c'est l'organisme qui étudie votre demande et décide.</p>",
    ]
    if synthesis is None:
        return "".join([*parts, "</section>"])
    if synthesis.emergencies:
        items = "".join(
            f"<li><strong>{escape(item.label)}</strong> : {escape(item.note)}</li>"
            for item in synthesis.emergencies
        )
        parts.append(f'<div class="urgent"><h2>À faire tout de suite</h2><ul>{items}</ul></div>')
    asked = [item for item in synthesis.likely if item.note != "déjà perçu"]
    if asked:
        items = "".join(f"<li>{escape(item.label)}{_amount(item)}</li>" for item in asked)
        parts.append(f"<h2>Ce que vous pouvez demander</h2><ul>{items}</ul>")
        if synthesis.monthly_total > 0:
            parts.append(
                '<p class="total">En tout, environ '
                f"{escape(euros(synthesis.monthly_total))} de plus par mois, si les demandes "
                "sont acceptées.</p>"
            )
    if synthesis.to_confirm:
        items = "".join(f"<li>{escape(item.label)}</li>" for item in synthesis.to_confirm)
        parts.append(
            "<h2>À vérifier avec votre travailleur social</h2>"
            f"<p>Ces aides dépendent de réponses qui restent à donner :</p><ul>{items}</ul>"
        )
    if synthesis.advice:
        items = "".join(f"<li>{escape(note.text)}</li>" for note in synthesis.advice)
        parts.append(f"<h2>Dans quel ordre</h2><ul>{items}</ul>")
    if synthesis.partners:
        parts.append("<h2>Où aller, et avec quels papiers</h2>")
        parts += [_office(partner) for partner in synthesis.partners]
    if synthesis.dates:
        items = "".join(
            f"<li><strong>{escape(date_text(d.date))}</strong> : {escape(d.label)}</li>"
            for d in synthesis.dates
        )
        parts.append(f"<h2>Dates à retenir</h2><ul>{items}</ul>")
    parts.append(
        "<footer>Gardez ce document et apportez-le à vos rendez-vous. En cas de danger : 17 ou "
        "112 (SMS 114). Pour un hébergement d'urgence : 115.</footer>"
    )
    parts.append("</section>")
    return "".join(parts)


def html_document(reports: list[Report]) -> str:
    """A self-contained page holding the sheet of each report (one per printed page group)."""
    sheets = "\n".join(html_sheet(report) for report in reports)
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Vos démarches</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n{sheets}\n</body>\n</html>\n"
    )
