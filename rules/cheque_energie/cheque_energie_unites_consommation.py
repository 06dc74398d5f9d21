"""Unités de consommation du ménage pour le chèque énergie (C. énergie R124-2) : 1 pour la
première personne, 0,5 pour la deuxième, 0,3 pour chaque personne supplémentaire."""

from openfisca_core.model_api import MONTH, Variable, max_, min_

from rights_engine.entities import Menage


class cheque_energie_unites_consommation(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    label = "Unités de consommation du ménage pour le chèque énergie"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000032497834"

    def formula(menage, period, parameters):
        uc = parameters(period).cheque_energie.unites_consommation
        nb_personnes = menage.nb_persons()
        return (
            uc.premiere_personne
            + uc.deuxieme_personne * min_(max_(nb_personnes - 1, 0), 1)
            + uc.autres_personnes * max_(nb_personnes - 1 - 1, 0)
        )
