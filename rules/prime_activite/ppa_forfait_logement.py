"""Forfait logement de la prime d'activité (CSS R844-3) : 12 %, 16 % ou 16,5 % du montant
forfaitaire d'une, deux, ou trois personnes et plus. Retenu quand le foyer est logé gratuitement
sans participer aux frais, est propriétaire sans emprunt, ou perçoit une aide au logement (alors
dans la limite de l'aide)."""

from openfisca_core.model_api import MONTH, Variable, max_, min_, not_, select

from rights_engine.entities import Famille
from rights_engine.enums import TypesStatutOccupationLogement

FOYER_DE_DEUX_PERSONNES = 2


class ppa_forfait_logement(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Forfait logement de la prime d'activité"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048841687"

    def formula(famille, period, parameters):
        p = parameters(period).prime_activite
        mf = p.montant_forfaitaire
        fl = p.forfait_logement
        nb = famille("rsa_nb_personnes", period)
        taux = select(
            [nb <= 1, nb == FOYER_DE_DEUX_PERSONNES],
            [fl.taux_1_personne, fl.taux_2_personnes * (1 + mf.majoration_deuxieme_personne)],
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
