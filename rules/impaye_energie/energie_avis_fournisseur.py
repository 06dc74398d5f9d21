"""Dernier courrier du fournisseur d'énergie après un impayé (entrée :
`household.energy.supplier_notice`), dans l'ordre de la procédure du décret n° 2008-780."""

from openfisca_core.model_api import MONTH, Enum, Variable

from rights_engine.entities import Menage
from rights_engine.enums import TypesAvisFournisseurEnergie


class energie_avis_fournisseur(Variable):
    value_type = Enum
    possible_values = TypesAvisFournisseurEnergie
    default_value = TypesAvisFournisseurEnergie.aucun
    entity = Menage
    definition_period = MONTH
    label = "Dernier courrier reçu du fournisseur d'énergie"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
