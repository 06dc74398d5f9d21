"""Allocations familiales de base (CSS L521-1, D521-1) : à partir de 2 enfants, 32 % de la BMAF
pour le deuxième, 41 % par enfant à partir du troisième, modulées selon les ressources."""

from openfisca_core.model_api import MONTH, Variable, max_

from rights_engine.entities import Famille


class af_base(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Allocations familiales de base"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000030680318"

    def formula(famille, period, parameters):
        pf = parameters(period).prestations_familiales
        af = pf.allocations_familiales
        nb = famille("af_nbenf", period)
        minimum = af.nombre_minimum_enfants
        taux = (nb >= minimum) * af.taux_deuxieme_enfant + max_(
            nb - minimum, 0
        ) * af.taux_par_enfant_suivant
        return pf.bmaf * taux * famille("af_taux_modulation", period)
