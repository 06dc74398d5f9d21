"""Un mineur est en danger ou en risque de l'être (R226-2-2) : le professionnel transmet sans délai
une information préoccupante à la cellule départementale (CRIP, CASF L226-3, L226-2-1) ; le 119
reçoit les appels de tous (CASF L226-6)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class information_preoccupante_orientation(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Éléments laissant craindre qu'un enfant du foyer soit en danger ou en risque de l'être"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return menage("enfant_en_danger_signale", period) * (menage.nb_persons(Menage.ENFANT) > 0)
