"""Une personne sans domicile stable doit élire domicile auprès d'un CCAS ou CIAS ou d'un organisme
agréé pour prétendre aux prestations sociales (RSA, CSS, prestations familiales…) et recevoir son
courrier (CASF L264-1 à L264-10)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage
from rights_engine.enums import TypesStatutOccupationLogement


class domiciliation_orientation(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = (
        "Sans domicile stable : élection de domicile pour ouvrir les droits et recevoir le courrier"
    )
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return (
            menage("statut_occupation_logement", period)
            == TypesStatutOccupationLogement.sans_domicile
        )
