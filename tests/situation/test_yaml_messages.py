"""The parser's messages never quote what a person typed (a tag, an alias or anchor name).

libyaml (used when PyYAML has it) quotes only the tag of a constructor error; PyYAML's own
parser, used where libyaml is missing, also quotes alias and anchor names. Both are read here,
each as the loader would report it.
"""

from __future__ import annotations

import pytest
import yaml

from rights_engine.situation import loader
from rights_engine.situation.loader import SITUATION

PLANTED = "Jeanne-Dupont-0612345678"

TEXTS = {
    "tag": f"schema: 1\nid: !{PLANTED} a\npeople: []\n",
    "named tag handle": f"%TAG !e! tag:{PLANTED}.fr,2026:\n---\nschema: 1\nid: !e!x a\n",
    "undefined alias": f"schema: 1\nid: *{PLANTED}\npeople: []\n",
    "anchor twice": f"schema: 1\nid: &{PLANTED} a\nx: &{PLANTED} b\n",
}


def _problem(text: str, loader_class: type) -> str:
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.load(text, Loader=loader_class)  # noqa: S506 — the safe loaders only
    return str(loader._yaml_problem(caught.value, "f.yaml", text, SITUATION))


LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])


@pytest.mark.parametrize("loader_class", LOADERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("case", sorted(TEXTS))
def test_nothing_typed_is_quoted(case: str, loader_class: type) -> None:
    message = _problem(TEXTS[case], loader_class)
    assert message.startswith("f.yaml:"), message
    assert "Jeanne" not in message and "0612345678" not in message, message


def test_a_tag_is_named_as_such() -> None:
    message = _problem(TEXTS["tag"], yaml.SafeLoader)
    assert message == (
        "f.yaml:2: not valid YAML or JSON: a tag (!…) that is not accepted here: write plain "
        "values (texts, numbers, dates)"
    )


def test_an_alias_name_is_shown_by_its_length() -> None:
    message = _problem(TEXTS["undefined alias"], yaml.SafeLoader)
    assert message == (
        f"f.yaml:2: not valid YAML or JSON: found undefined alias <{len(PLANTED)} characters>"
    )


def test_a_single_character_is_kept() -> None:
    """A character that cannot start a value is quoted alone: it shows what to fix."""
    message = _problem("schema: 1\nid: @a\n", yaml.SafeLoader)
    assert message == (
        "f.yaml:2: not valid YAML or JSON: found character '@' that cannot start any token"
    )


def test_quoted_characters_are_paired_from_the_left() -> None:
    """``',' or '}'`` quotes two characters, which are kept (not `' or '`, a text between)."""
    message = _problem("schema: 1\nid: {a: 1\n", yaml.SafeLoader)
    assert "',' or '}'" in message, message
