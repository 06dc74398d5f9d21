"""Zone géographique des aides au logement (zones 1, 2, 3 de l'arrêté du 17 mars 1978).

Donnée d'entrée : le constructeur de la simulation la déduit du code commune (``depcom``) avec la
table datée ``rights_engine/data/zones_apl.csv`` ; aucune lecture de fichier dans une formule.
"""

from openfisca_core.model_api import MONTH, Enum, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage
from rights_engine.enums import TypesZoneApl


class zone_apl(Variable):
    value_type = Enum
    possible_values = TypesZoneApl
    default_value = TypesZoneApl.non_renseigne
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Zone géographique des aides au logement (1, 2 ou 3)"
    reference = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000039160329"
