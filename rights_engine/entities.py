"""OpenFisca entities, aligned with OpenFisca-France so that results can be compared.

- ``individu``: a person;
- ``famille``: the benefit unit of the CAF (parents and dependent children), used by the RSA,
  the prime d'activité and family benefits;
- ``menage``: the dwelling (housing status, rent, commune).
"""

from __future__ import annotations

from openfisca_core.entities import build_entity

__all__ = ["Individu", "Famille", "Menage", "entities"]

Individu = build_entity(
    key="individu",
    plural="individus",
    label="Individu",
    doc="Une personne du foyer.",
    is_person=True,
)

Famille = build_entity(
    key="famille",
    plural="familles",
    label="Famille",
    doc="Le foyer au sens des prestations de la CAF : un ou deux parents et les enfants à charge.",
    roles=[
        {
            "key": "parent",
            "plural": "parents",
            "label": "Parents",
            "max": 2,
            "subroles": ["demandeur", "conjoint"],
        },
        {"key": "enfant", "plural": "enfants", "label": "Enfants"},
    ],
)

Menage = build_entity(
    key="menage",
    plural="menages",
    label="Ménage",
    doc="Les personnes qui vivent dans le même logement.",
    roles=[
        {"key": "personne_de_reference", "label": "Personne de référence", "max": 1},
        {"key": "conjoint", "label": "Conjoint", "max": 1},
        {"key": "enfant", "plural": "enfants", "label": "Enfants"},
        {"key": "autre", "plural": "autres", "label": "Autres"},
    ],
)

entities = [Individu, Famille, Menage]
