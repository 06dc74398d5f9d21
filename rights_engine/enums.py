"""Enumerations shared by the rules (OpenFisca variables) and the situation builder.

Kept in the import package so that ``rules/`` files and the library import the same classes.
Modalities follow OpenFisca-France where the concept is the same.
"""

from __future__ import annotations

from openfisca_core.indexed_enums import Enum

__all__ = ["TypesStatutOccupationLogement", "TypesNationalite"]


class TypesStatutOccupationLogement(Enum):
    non_renseigne = "Non renseigné"
    primo_accedant = "Propriétaire avec un emprunt en cours"
    proprietaire = "Propriétaire sans emprunt"
    locataire_hlm = "Locataire d'un logement social"
    locataire_vide = "Locataire du parc privé"
    locataire_meuble = "Locataire d'un meublé"
    loge_gratuitement = "Hébergé à titre gratuit"
    locataire_foyer = "Résident d'un foyer ou d'un centre d'hébergement"
    sans_domicile = "Sans domicile"


class TypesNationalite(Enum):
    francaise = "Française"
    union_europeenne = "Union européenne, EEE ou Suisse"
    hors_union_europeenne = "Hors Union européenne"
