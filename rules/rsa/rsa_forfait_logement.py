"""Forfait logement (CASF R262-9, R262-10).

Déduit quand le foyer est logé gratuitement sans participer aux frais, est propriétaire sans
emprunt, ou perçoit une aide au logement (alors plafonné au montant de l'aide). Taux de 12 %,
16 % ou 16,5 % du montant forfaitaire d'une, deux, ou trois personnes et plus.
"""

from openfisca_core.model_api import MONTH, Variable, max_, min_, not_, select

from rights_engine.entities import Famille
from rights_engine.enums import TypesStatutOccupationLogement


class rsa_forfait_logement(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Forfait logement du RSA"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526192"

    def formula(famille, period, parameters):
        rsa = parameters(period).rsa
        mf = rsa.montant_forfaitaire
        fl = rsa.forfait_logement
        nb_personnes = famille("rsa_nb_personnes", period)
        taux = select(
            [nb_personnes <= 1, nb_personnes == 2],
            [
                fl.taux_1_personne,
                fl.taux_2_personnes * (1 + mf.majoration_deuxieme_personne),
            ],
            default=fl.taux_3_personnes_ou_plus
            * (1 + mf.majoration_deuxieme_personne + mf.majoration_troisieme_personne),
        )
        forfait = mf.montant_de_base * taux

        statut = famille.demandeur.menage("statut_occupation_logement", period)
        participe = famille.demandeur.menage("participation_frais", period)
        avantage_en_nature = (statut == TypesStatutOccupationLogement.proprietaire) + (
            (statut == TypesStatutOccupationLogement.loge_gratuitement) * not_(participe)
        )
        aide_logement = famille("aide_logement", period)
        montant_aide = (aide_logement > 0) * min_(aide_logement, forfait)
        return max_(avantage_en_nature * forfait, montant_aide)
