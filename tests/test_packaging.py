"""The tests run against the installed wheel, and the wheel exposes one import package."""

from __future__ import annotations

import zipfile
from pathlib import Path

import rights_engine
from rights_engine.paths import PARAMETERS_DIR, RULES_DIR, SITUATIONS_DIR

REPOSITORY = Path(__file__).resolve().parent.parent


def _wheel() -> Path:
    wheels = sorted((REPOSITORY / "dist").glob("rights_engine-*.whl"))
    assert wheels, "no wheel in dist/: run the suite with scripts/test.sh, which builds it"
    return wheels[-1]


def test_the_suite_imports_the_installed_package_not_the_checkout() -> None:
    installed = Path(rights_engine.__file__).resolve().parent
    # The test venv may sit inside the checkout (.venv-test): compare with the source folder.
    assert installed != REPOSITORY / "rights_engine", (
        f"rights_engine imported from the checkout: {installed}"
    )
    assert "site-packages" in installed.parts, installed


def test_rules_parameters_and_situations_are_inside_the_installed_package() -> None:
    package = Path(rights_engine.__file__).resolve().parent
    for folder in (RULES_DIR, PARAMETERS_DIR, SITUATIONS_DIR):
        assert folder.parent == package
    assert (RULES_DIR / "registry.yaml").is_file()


def test_the_wheel_has_a_single_top_level_import_package() -> None:
    with zipfile.ZipFile(_wheel()) as wheel:
        names = wheel.namelist()
    top = {name.split("/")[0] for name in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"rights_engine"}
    for required in (
        "rights_engine/rules/registry.yaml",
        "rights_engine/rules/rsa/rsa.py",
        "rights_engine/parameters/rsa/montant_forfaitaire/montant_de_base.yaml",
        "rights_engine/cli/main.py",
        "rights_engine/situations/rsa_permis_hameau.yaml",
        "rights_engine/data/communes.csv",
        "rights_engine/py.typed",
    ):
        assert required in names, required
