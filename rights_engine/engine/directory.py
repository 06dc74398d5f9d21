"""The local partners directory: addresses and phone numbers a service supplies, by département
or commune, shown in the report next to the national catalogue (``data/partners.yaml``).

The file is read by the situation reader (safe YAML, aliases refused, size limit, every problem
located on its line), e.g.::

    directory: 1
    name: Annuaire des partenaires — Dordogne
    updated: 2026-11-01
    entries:
      - partner: caf                 # an id of the national catalogue
        departement: "24"            # or communes: ["24322", …] (INSEE codes)
        name: CAF de la Dordogne
        address: …
        phone: …
        hours: …                     # optional, like email and url

For one partner, an entry naming the household's commune wins over the entry of its département.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from rights_engine.engine.catalogue import partners
from rights_engine.report import LocalContact, PartnerContact
from rights_engine.situation.communes import commune_code, commune_departement, departement_code
from rights_engine.situation.errors import InputError
from rights_engine.situation.loader import InputKind, compose, read_text, validate

__all__ = [
    "MAX_DIRECTORY_BYTES",
    "DirectoryEntry",
    "PartnersDirectory",
    "PartnersDirectoryError",
    "load_partners_directory",
    "local_contacts",
    "parse_partners_directory",
]

MAX_DIRECTORY_BYTES = 2_000_000
"""A département's directory is a few kilobytes; even every commune of a region fits."""
MAX_TEXT = 300
"""Characters in one text of an entry (name, address, phone, hours)."""


class PartnersDirectoryError(InputError):
    """Raised when a file cannot be read as a local partners directory; holds every problem."""


DIRECTORY = InputKind(
    noun="a partners directory",
    root="(directory)",
    fields="directory, name, updated, entries…",
    empty="the file is empty; expected a partners directory (directory, name, updated, entries)",
    unknown_field=(
        "unknown field (a directory has directory, name, updated, entries; an entry has partner, "
        "departement or communes, name, address, phone, hours, email, url)"
    ),
    max_bytes=MAX_DIRECTORY_BYTES,
    too_large="a partners directory is at most {limit} bytes — split it by département",
    error=PartnersDirectoryError,
)


_QUOTED_EXAMPLES = {"phone": "05 53 00 00 00", "hours": "du lundi au vendredi, 9 h - 12 h"}


def _not_a_number(value: Any, info: ValidationInfo) -> Any:
    """A phone number or an opening time left unquoted is read as a number by YAML (9:00 is 540)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        example = _QUOTED_EXAMPLES.get(info.field_name or "")
        hint = f' (e.g. "{example}")' if example else ""
        raise ValueError(f"expected a text, got a number: write it in quotes{hint}")
    return value


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _shown_safely(value: str) -> str:
    """Refuse what would corrupt a terminal or the output: control characters (terminal escape
    codes), lone surrogates (not writable as UTF-8) and text direction overrides."""
    for character in value:
        category = unicodedata.category(character)
        if category == "Cs":
            raise ValueError("expected a text without lone surrogates (\\ud800…): not UTF-8")
        if (category == "Cc" and character not in "\t\n\r") or character in _BIDI_CONTROLS:
            raise ValueError(
                f"expected a text without control characters (found U+{ord(character):04X}, "
                "e.g. a terminal escape code)"
            )
    return value


def _one_line(value: str) -> str:
    """White space and line breaks folded into single spaces; never empty, never too long."""
    text = " ".join(_shown_safely(value).split())
    if not text:
        raise ValueError("expected a non-empty text")
    if len(text) > MAX_TEXT:
        raise ValueError(f"expected at most {MAX_TEXT} characters, got {len(text)}")
    return text


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_URL = re.compile(r"https?://\S+")


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError("expected an e-mail address (name@domain.fr)")
    return value


def _url(value: str) -> str:
    if not _URL.fullmatch(value):
        raise ValueError("expected a web address starting with https://")
    return value


def _quoted_code(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError('expected a text, got a number: write the code in quotes (e.g. "24")')
    return value


Text = Annotated[str, BeforeValidator(_not_a_number), AfterValidator(_one_line)]
Email = Annotated[str, AfterValidator(_one_line), AfterValidator(_email)]
Url = Annotated[str, AfterValidator(_one_line), AfterValidator(_url)]
Departement = Annotated[str, BeforeValidator(_quoted_code), AfterValidator(departement_code)]
Commune = Annotated[str, AfterValidator(commune_code)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DirectoryEntry(_Model):
    """One local office of a partner, for a whole département or for a list of communes."""

    partner: str = Field(description="Identifiant du partenaire dans le catalogue national")
    departement: Departement | None = Field(
        default=None, description='Code du département : "24", "2A", "974"'
    )
    communes: Annotated[list[Commune], Field(min_length=1)] | None = Field(
        default=None,
        description="Codes INSEE des communes couvertes (l'emporte sur l'entrée du département)",
    )
    name: Text = Field(description="Nom du service local")
    address: Text = Field(description="Adresse d'accueil, ou comment s'y rendre")
    phone: Text = Field(description="Téléphone, ou comment joindre le service")
    hours: Text | None = Field(default=None, description="Horaires d'accueil")
    email: Email | None = None
    url: Url | None = None

    @field_validator("partner")
    @classmethod
    def _known_partner(cls, value: str) -> str:
        known = sorted(partners())
        if value in known:
            return value
        close = difflib.get_close_matches(value, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(
            f"unknown partner {value!r}{hint}; expected an id of the national catalogue: "
            + ", ".join(known)
        )

    @model_validator(mode="after")
    def _one_scope(self) -> DirectoryEntry:
        if self.departement is None and self.communes is None:
            raise ValueError('expected departement (e.g. "24") or communes (a list of INSEE codes)')
        if self.departement is not None and self.communes is not None:
            raise ValueError(
                "expected departement or communes, not both (write one entry for each)"
            )
        return self

    def contact(self, scope: str) -> LocalContact:
        return LocalContact(
            name=self.name,
            address=self.address,
            phone=self.phone,
            hours=self.hours,
            email=self.email,
            url=self.url,
            scope=scope,
        )


class PartnersDirectory(_Model):
    """A local directory of partners' offices (format version 1), as a service supplies it."""

    format_version: Literal[1] = Field(alias="directory", description="Version du format : 1")
    name: Text = Field(description="Nom de l'annuaire, cité dans le rapport")
    updated: dt.date = Field(
        description="Date de la dernière vérification des coordonnées, YYYY-MM-DD"
    )
    entries: Annotated[list[DirectoryEntry], Field(min_length=1)]

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    _by_commune: dict[tuple[str, str], int] = PrivateAttr(default_factory=dict)
    _by_departement: dict[tuple[str, str], int] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _each_place_once(self) -> PartnersDirectory:
        """A partner has at most one entry for a commune and one for a département."""
        by_commune: dict[tuple[str, str], int] = {}
        by_departement: dict[tuple[str, str], int] = {}
        for index, entry in enumerate(self.entries):
            if entry.departement is not None:
                key = (entry.partner, entry.departement)
                if key in by_departement:
                    first = by_departement[key]
                    raise ValueError(
                        f"entries[{index}].departement: {entry.partner} already has an entry for "
                        f"département {entry.departement} (entries[{first}])"
                    )
                by_departement[key] = index
            for position, commune in enumerate(entry.communes or []):
                key = (entry.partner, commune)
                if key in by_commune:
                    first = by_commune[key]
                    raise ValueError(
                        f"entries[{index}].communes[{position}]: {entry.partner} already has an "
                        f"entry for commune {commune} (entries[{first}])"
                    )
                by_commune[key] = index
        return self

    def model_post_init(self, context: Any) -> None:
        """Index the entries by (partner, commune) and (partner, département) for the reports."""
        for index, entry in enumerate(self.entries):
            if entry.departement is not None:
                self._by_departement[(entry.partner, entry.departement)] = index
            for commune in entry.communes or []:
                self._by_commune[(entry.partner, commune)] = index

    def contact_for(self, partner: str, commune: str) -> LocalContact | None:
        """The local office of ``partner`` for ``commune``: the commune's entry, else the
        entry of its département, else None."""
        index = self._by_commune.get((partner, commune))
        if index is not None:
            return self.entries[index].contact(f"commune {commune}")
        departement = commune_departement(commune)
        if departement is None:
            return None
        index = self._by_departement.get((partner, departement))
        if index is not None:
            return self.entries[index].contact(f"département {departement}")
        return None


def parse_partners_directory(text: str, file: str = "<directory>") -> PartnersDirectory:
    """Parse a local partners directory written in YAML (or JSON).

    Raises :class:`PartnersDirectoryError` with located problems when it is not valid.
    """
    data, lines = compose(text, file, DIRECTORY)
    return validate(PartnersDirectory, data, file, lines, DIRECTORY)


def load_partners_directory(path: str | Path) -> PartnersDirectory:
    """Load and validate a local partners directory from a ``.yaml`` (or ``.json``) file.

    Raises :class:`PartnersDirectoryError` with located problems (``file:line field: expected…``)
    when the file cannot be read or is not a valid directory.
    """
    path = Path(path)
    return parse_partners_directory(read_text(path, DIRECTORY), str(path))


def local_contacts(
    contacts: list[PartnerContact], directory: PartnersDirectory, commune: str | None
) -> tuple[list[PartnerContact], list[str]]:
    """The partners to contact with their local office, and the notices that explain it (French).

    Without the household's commune, nothing is looked up and a notice says so.
    """
    if commune is None:
        return contacts, [
            f"Annuaire local « {directory.name} » non utilisé : la commune du foyer n'est pas "
            "connue (household.commune) ; seules les coordonnées nationales sont indiquées"
        ]
    found = [c.model_copy(update={"local": directory.contact_for(c.id, commune)}) for c in contacts]
    if not contacts:
        return found, []
    if all(c.local is None for c in found):
        departement = commune_departement(commune)
        return found, [
            f"Annuaire local « {directory.name} » : aucun contact pour la commune {commune} ni "
            f"pour le département {departement} ; seules les coordonnées nationales sont indiquées"
        ]
    updated = directory.updated.isoformat()
    return found, [
        f"Coordonnées locales tirées de l'annuaire « {directory.name} » "
        f"(mis à jour le {updated}) : à vérifier avant de les transmettre"
    ]
