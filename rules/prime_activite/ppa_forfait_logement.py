"""Forfait logement de la prime d'activité (CSS R844-3) : 12 %, 16 % ou 16,5 % du montant
forfaitaire d'une, deux, ou trois personnes et plus. Retenu quand le foyer est logé gratuitement
sans participer aux frais, est propriétaire sans emprunt, ou perçoit une aide au logement (alors
dans la limite de l'aide)."""

from openfisca_core.model_api import MONTH, Variable, max_, min_, not_

from rights_engine.entities import Famille
from rights_engine.enums import TypesStatutOccupationLogement


class ppa_forfait_logement(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Forfait logement de la prime d'activité"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048841687"

    def formula(famille, period, parameters):
        p = parameters(period).prime_activite
        fl = p.forfait_logement
        nb = famille("rsa_nb_personnes", period)
        forfait = (
            p.montant_forfaitaire.montant_de_base
            * fl.coefficient_montant_forfaitaire.calc(nb)
            * fl.taux.calc(nb)
        )

        statut = famille.demandeur.menage("statut_occupation_logement", period)
        participe = famille.demandeur.menage("participation_frais", period)
        avantage_en_nature = (statut == TypesStatutOccupationLogement.proprietaire) + (
            (statut == TypesStatutOccupationLogement.loge_gratuitement) * not_(participe)
        )
        aide_logement = famille("aide_logement", period)
        montant_aide = (aide_logement > 0) * min_(aide_logement, forfait)
        return max_(avantage_en_nature * forfait, montant_aide)
