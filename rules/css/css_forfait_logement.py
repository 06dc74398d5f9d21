"""Forfait logement mensuel compté dans les ressources de la CSS (CSS R861-5) : avec une aide au
logement, 12 %, 16 % ou 16,5 % du montant forfaitaire du RSA du foyer (une, deux, trois personnes
et plus), dans la limite de l'aide ; propriétaire sans emprunt ou logé gratuitement, 12 %, 14 %,
14 %. Montant forfaitaire du RSA de une à trois personnes : coefficient 1 ; 1,5 ; 1,8."""

from openfisca_core.model_api import MONTH, Variable, max_, min_, not_

from rights_engine.entities import Famille
from rights_engine.enums import TypesStatutOccupationLogement


class css_forfait_logement(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Forfait logement mensuel compté dans les ressources de la CSS"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        p = parameters(period)
        nb = famille("css_nb_personnes", period)
        montant_rsa = (
            p.rsa.montant_forfaitaire.montant_de_base
            * p.prime_activite.forfait_logement.coefficient_montant_forfaitaire.calc(nb)
        )
        statut = famille.demandeur.menage("statut_occupation_logement", period)
        participe = famille.demandeur.menage("participation_frais", period)
        gratuit = (statut == TypesStatutOccupationLogement.proprietaire) + (
            (statut == TypesStatutOccupationLogement.loge_gratuitement) * not_(participe)
        )
        aide = famille("aide_logement", period)
        avec_aide = (aide > 0) * min_(aide, montant_rsa * p.css.forfait_logement_aide.calc(nb))
        return max_(gratuit * montant_rsa * p.css.forfait_logement_gratuit.calc(nb), avec_aide)
