"""The shape of ``rules/``: one variable per file named after it, a README per folder, and no
numeric literal other than 0 and 1 in the formulas (every legal constant is a parameter).

Literals are found with the ``ast`` module, so docstrings, comments and strings never count.
Exceptions, all explicit:

- a class-level ``default_value = date(…)`` (a sentinel date, not a legal constant) and a
  class-level ``max_length = …`` (the storage width of a string variable, e.g. a 5-character
  INSEE code);
- ``KNOWN_LITERALS``: literals already in the code that should become parameters. The list must
  match the code exactly — a new literal fails, and so does a listed one that was removed, so
  that the list only shrinks.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from rights_engine.paths import RULES_DIR
from rights_engine.system import CountryTaxBenefitSystem

ALLOWED = {0, 1}

# file (relative to rules/) → literals, in order of appearance. Each should become a parameter
# (e.g. a scale of the montant forfaitaire by number of persons, R262-1 and R262-9).
KNOWN_LITERALS: dict[str, list[complex]] = {
    # « deux personnes » of the forfait logement (CASF R262-9, 2°).
    "rsa/rsa_forfait_logement.py": [2],
    # ranks of the persons in the montant forfaitaire (CASF R262-1): 2nd, 3rd, 4th person, couple.
    "rsa/rsa_montant_forfaitaire_non_majore.py": [2, 2, 3, 4, 4],
    # « plus de deux enfants » : seuil de la majoration de 40 % (CASF R262-1).
    "rsa/rsa_enfant_a_charge.py": [2],
}


def _rule_files() -> list[Path]:
    return sorted(p for p in RULES_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def _targets(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.Assign):
        return {t.id for t in statement.targets if isinstance(t, ast.Name)}
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return {statement.target.id}
    return set()


def _exempt_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes of a class-level ``default_value = date(...)`` or ``max_length = n``."""
    skipped: set[int] = set()
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for statement in cls.body:
            targets, value = _targets(statement), getattr(statement, "value", None)
            sentinel_date = (
                "default_value" in targets
                and isinstance(value, ast.Call)
                and getattr(value.func, "id", getattr(value.func, "attr", None))
                in ("date", "datetime")
            )
            if value is not None and (sentinel_date or "max_length" in targets):
                skipped.update(id(n) for n in ast.walk(value))
    return skipped


def numeric_literals(path: Path) -> list[complex]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skipped = _exempt_nodes(tree)
    found = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, (int, float, complex))
        and not isinstance(node.value, bool)
        and id(node) not in skipped
        and node.value not in ALLOWED
    ]
    found.sort(key=lambda n: (n.lineno, n.col_offset))
    return [n.value for n in found if isinstance(n.value, (int, float, complex))]


def test_no_numeric_literal_other_than_0_and_1_in_rules() -> None:
    found = {}
    for path in _rule_files():
        literals = numeric_literals(path)
        if literals:
            found[str(path.relative_to(RULES_DIR))] = literals
    new = {f: v for f, v in found.items() if Counter(v) != Counter(KNOWN_LITERALS.get(f, []))}
    gone = {f: v for f, v in KNOWN_LITERALS.items() if f not in found}
    assert not new, (
        "numeric literals in rules/ (make them parameters; only 0 and 1 are allowed): "
        + "; ".join(
            f"{f}: {v} (known: {KNOWN_LITERALS.get(f, [])})" for f, v in sorted(new.items())
        )
    )
    assert not gone, (
        f"literals removed from the code, drop them from KNOWN_LITERALS: {sorted(gone)}"
    )


def test_the_literal_check_sees_literals_but_not_docstrings(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Docstring with 12 % and 2024."""\n'
        "from datetime import date\n"
        "class sample:\n"
        '    """Another docstring, 0.12."""\n'
        "    default_value = date(1900, 1, 1)\n"
        "    max_length = 5\n"
        "    def formula(x):\n"
        "        return x * 0.12 + (x > 1) - 1 + 0 + True + 2\n",
        encoding="utf-8",
    )
    assert numeric_literals(sample) == [0.12, 2]


def test_one_variable_per_file_named_after_it() -> None:
    problems = []
    for path in _rule_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        variables = [
            node.name
            for node in tree.body
            if isinstance(node, ast.ClassDef)
            and any(
                getattr(base, "id", getattr(base, "attr", None)) == "Variable"
                for base in node.bases
            )
        ]
        if variables != [path.stem]:
            where = path.relative_to(RULES_DIR)
            problems.append(f"{where}: Variable classes {variables}, expected [{path.stem!r}]")
    assert not problems, "\n".join(problems)


def test_every_variable_of_the_system_has_its_own_file(tbs: CountryTaxBenefitSystem) -> None:
    stems = Counter(p.stem for p in _rule_files())
    missing = sorted(name for name in tbs.variables if stems[name] == 0)
    duplicated = sorted(name for name in tbs.variables if stems[name] > 1)
    assert not missing, f"variables without a rules/<folder>/<name>.py file: {missing}"
    assert not duplicated, f"variables defined by several files: {duplicated}"


def test_every_rules_folder_has_a_readme() -> None:
    folders = sorted(
        p for p in RULES_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
    )
    assert folders
    missing = [f"rules/{f.name}/README.md" for f in folders if not (f / "README.md").is_file()]
    assert not missing, f"rules folders without a README.md: {missing}"


def _tuple_assigned(path: Path, name: str) -> tuple[str, ...]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == name for t in node.targets
        ):
            return tuple(ast.literal_eval(node.value))
    raise AssertionError(f"{path}: no {name} = (...)")


def test_rsa_child_resources_are_those_of_the_foyer() -> None:
    """R262-3 compares a child's resources with its majoration: the same resources as R262-6."""
    foyer = _tuple_assigned(
        RULES_DIR / "rsa" / "rsa_base_ressources.py", "RESSOURCES_INDIVIDUELLES"
    )
    enfant = _tuple_assigned(
        RULES_DIR / "rsa" / "rsa_enfant_a_charge.py", "RESSOURCES_INDIVIDUELLES"
    )
    assert enfant == foyer
