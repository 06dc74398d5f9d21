"""The system adds the rules' variables as openfisca-core does, without parsing each file with
ast (``CountryTaxBenefitSystem.add_variables_from_file``) and, once the rules' files are cached
(``rights_engine.rules_cache``), without opening them: the same variables in the same order,
with the same formulas' code, modules and introspection data (file, source of the class, first
line) that ``openfisca serve`` shows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from rights_engine import disk_cache, rules_cache
from rights_engine.paths import RULES_DIR
from rights_engine.system import CountryTaxBenefitSystem, class_spans


class _AsOpenFiscaCore(CountryTaxBenefitSystem):
    add_variables_from_file = TaxBenefitSystem.add_variables_from_file


def _ast_spans(source: str) -> dict[str, tuple[int, int]]:
    tree = ast.parse(source)
    return {
        node.name: (node.lineno, node.end_lineno or node.lineno)
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    }


def _same_as_openfisca_core_s(ours: CountryTaxBenefitSystem) -> None:
    reference = _AsOpenFiscaCore()
    assert list(ours.variables) == list(reference.variables)
    assert len(ours.variables) > 200
    for name, variable in ours.variables.items():
        expected = reference.variables[name]
        assert variable.get_introspection_data() == expected.get_introspection_data(), name
        assert variable.introspection_data == expected.introspection_data, name
        assert variable.introspection_data[1].startswith("class "), name
        assert list(variable.formulas) == list(expected.formulas), name
        for formula, expected_formula in zip(
            variable.formulas.values(), expected.formulas.values(), strict=True
        ):
            assert formula.__code__ == expected_formula.__code__, name
            module, expected_module = formula.__globals__, expected_formula.__globals__
            assert module.keys() == expected_module.keys(), name
            for attribute in ("__file__", "__cached__", "__package__"):
                assert module[attribute] == expected_module[attribute], (name, attribute)
            assert module["__spec__"].origin == expected_module["__spec__"].origin, name
            assert module["__loader__"].path == expected_module["__loader__"].path, name


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(disk_cache.CACHE_VARIABLE, str(tmp_path))
    return tmp_path


def test_variables_are_added_as_openfisca_core_adds_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(disk_cache.CACHE_VARIABLE, "")  # no cache: files read
    _same_as_openfisca_core_s(CountryTaxBenefitSystem())


def test_from_the_cache_no_rule_file_is_read_and_the_variables_are_the_same(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    CountryTaxBenefitSystem()  # writes the cache
    assert [p.name.startswith("rule-files-") for p in cache.iterdir()].count(True) == 1

    def no_reading(path: str) -> rules_cache.RuleFile:
        raise AssertionError(f"{path} read although cached")

    monkeypatch.setattr(rules_cache, "read_rule_file", no_reading)
    _same_as_openfisca_core_s(CountryTaxBenefitSystem())


def test_the_cached_rule_files_are_those_read_from_disk(cache: Path) -> None:
    written = rules_cache.load(RULES_DIR)
    cached = rules_cache.load(RULES_DIR)
    assert cached is not written
    read = {str(path): rules_cache.read_rule_file(str(path)) for path in RULES_DIR.glob("*/*.py")}
    assert cached == written == read
    assert len(read) > 200


def test_a_changed_rule_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    (rules / "one").mkdir(parents=True)
    path = rules / "one" / "a.py"
    path.write_text("class A:\n    x = 1\n", encoding="utf-8")
    assert rules_cache.load(rules)[str(path)].classes == {"A": (0, "class A:\n    x = 1\n")}
    path.write_text("x = 0\n\n\nclass B:\n    y = 22\n", encoding="utf-8")
    assert rules_cache.load(rules)[str(path)].classes == {"B": (3, "class B:\n    y = 22\n")}


def test_class_spans_are_ast_s_on_awkward_layouts() -> None:
    source = '''"""Doc."""
import x

# A comment.
@decorated
class A(Variable):
    value_type = int
    # a comment inside

    def formula(self):
        return (
            1
        )
    # a comment after the last statement


class B(Variable): pass
def helper():
    pass
class C:
    class Inner:
        x = 1
    y = """text
    # not a comment
    """
# trailing comment
'''
    assert class_spans(source) == _ast_spans(source) == {"A": (6, 13), "B": (17, 17), "C": (20, 25)}
