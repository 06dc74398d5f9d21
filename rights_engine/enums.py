"""Enumerations shared by the rules (OpenFisca variables) and the situation builder.

Kept in the import package so that ``rules/`` files and the library import the same classes.
Modalities follow OpenFisca-France where the concept is the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import enum

    class Enum(enum.Enum):
        """What a type checker sees of ``openfisca_core.indexed_enums.Enum``.

        OpenFisca's class derives from ``openfisca_core.types.Enum``, in a module without a
        ``py.typed`` marker: a checker takes that base for ``Any`` and the members below for
        plain strings. At run time they are ``enum.Enum`` members that also carry the ``int``
        ``index`` OpenFisca stores in its arrays, as declared here.
        """

        index: int

else:
    from openfisca_core.indexed_enums import Enum

__all__ = [
    "TypesStatutOccupationLogement",
    "TypesNationalite",
    "TypesUrgence",
    "TypesAvisFournisseurEnergie",
    "TypesZoneApl",
    "TypesStadeExpulsion",
    "TypesPensionAlimentaire",
]


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


class TypesUrgence(Enum):
    """Urgency of an orientation; the names are the report's ``urgency`` values."""

    normal = "Urgence normale"
    high = "Urgence haute"
    emergency = "Urgence immédiate"


class TypesAvisFournisseurEnergie(Enum):
    """Last letter received from the energy supplier (décret n° 2008-780, art. 2 et 3)."""

    aucun = "Aucun courrier"
    relance = "Relance : premier courrier après le défaut de paiement"
    reduction = "Avis de réduction de puissance"
    coupure = "Avis de coupure ou de suspension de la fourniture"


class TypesZoneApl(Enum):
    """Zone géographique des aides au logement (arrêté du 17 mars 1978 ; « 1 bis » compté en zone
    1),
    same modalities as OpenFisca-France."""

    non_renseigne = "Non renseigné"
    zone_1 = "Zone 1"
    zone_2 = "Zone 2"
    zone_3 = "Zone 3"


class TypesStadeExpulsion(Enum):
    """Latest step of a rental eviction procedure (loi n° 89-462 art. 24 ; CPCE L411-1 s.)."""

    aucun = "Aucune procédure"
    commandement_de_payer = "Commandement de payer visant la clause résolutoire"
    assignation = "Assignation devant le juge des contentieux de la protection"
    jugement = "Jugement ordonnant l'expulsion"
    commandement_de_quitter = "Commandement de quitter les lieux"


class TypesPensionAlimentaire(Enum):
    """Pension alimentaire due pour les enfants par l'autre parent (CSS L523-1, L581-2).

    ``non_renseigne`` (OpenFisca used without the situation, e.g. YAML tests): the pension actually
    received is deducted from the ASF, as OpenFisca-France does.
    """

    non_renseigne = "Non renseigné : la pension effectivement reçue est déduite"
    aucune = "Aucune pension fixée (ni jugement, ni convention, ni acte)"
    payee = "Pension fixée, payée intégralement"
    impayee = "Pension fixée, impayée depuis au moins un mois"
    partiellement_payee = "Pension fixée, payée en partie seulement"
