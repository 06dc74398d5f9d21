"""L'AAH d'une personne compte comme un revenu professionnel de la prime d'activité quand ses
revenus professionnels atteignent 29 fois le SMIC horaire brut (CSS L842-8, D843-4) ; en dessous,
elle compte comme une ressource hors activité (L842-4, R844-5 ne l'excluant pas)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class ppa_aah_revenu_activite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "AAH comptée comme revenu professionnel de la prime d'activité (L842-8)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000036579172"

    def formula(individu, period, parameters):
        p = parameters(period)
        multiple = p.prime_activite.conditions.seuil_aah_revenus_activite
        seuil = multiple * p.commun.smic.smic_brut_horaire
        return individu("ppa_revenu_professionnel_hors_aah_individu", period) >= seuil
