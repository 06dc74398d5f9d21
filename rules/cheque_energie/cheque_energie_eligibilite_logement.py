"""Le chèque énergie est attribué au titre de la résidence principale occupée en propre
(locataire, propriétaire) ; les résidents de logements-foyers relèvent d'une aide spécifique et
les personnes hébergées ou sans domicile n'ont pas de logement au titre duquel le recevoir
(C. énergie L124-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage
from rights_engine.enums import TypesStatutOccupationLogement


class cheque_energie_eligibilite_logement(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Logement ouvrant droit au chèque énergie (résidence principale occupée en propre)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031057544"

    def formula(menage, period):
        statut = menage("statut_occupation_logement", period)
        return (
            (statut == TypesStatutOccupationLogement.primo_accedant)
            + (statut == TypesStatutOccupationLogement.proprietaire)
            + (statut == TypesStatutOccupationLogement.locataire_hlm)
            + (statut == TypesStatutOccupationLogement.locataire_vide)
            + (statut == TypesStatutOccupationLogement.locataire_meuble)
        )
