"""The system adds the rules' variables as openfisca-core does, without parsing each file with
ast (``CountryTaxBenefitSystem.add_variables_from_file``): the same variables in the same
order, with the same introspection data (file, source of the class, first line) that
``openfisca serve`` shows."""

from __future__ import annotations

import ast

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

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


def test_variables_are_added_as_openfisca_core_adds_them() -> None:
    ours, reference = CountryTaxBenefitSystem(), _AsOpenFiscaCore()
    assert list(ours.variables) == list(reference.variables)
    assert len(ours.variables) > 200
    for name, variable in ours.variables.items():
        expected = reference.variables[name]
        assert variable.get_introspection_data() == expected.get_introspection_data(), name
        assert variable.introspection_data == expected.introspection_data, name
        assert variable.introspection_data[1].startswith("class "), name


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
