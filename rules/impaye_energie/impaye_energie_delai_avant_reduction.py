"""Délai après le second courrier au terme duquel le fournisseur peut réduire ou suspendre la
fourniture, hors trêve et sauf saisine du FSL (décret n° 2008-780 du 13 août 2008, art. 3)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class impaye_energie_delai_avant_reduction(Variable):
    value_type = int
    entity = Menage
    definition_period = MONTH
    label = "Délai avant réduction ou suspension après le second courrier, en jours"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period, parameters):
        delai = parameters(period).impaye_energie.delais.delai_avant_reduction
        return (menage.nb_persons() > 0) * delai
