"""Chèque énergie (C. énergie L124-1, R124-1 s.) : montant annuel auquel le ménage peut
prétendre, pour sa résidence principale, selon son revenu fiscal de référence par unité de
consommation. Même nom que la variable d'OpenFisca-France (annuelle là-bas, mensuelle ici avec
le montant de l'année)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class cheque_energie(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    label = "Montant annuel du chèque énergie auquel le ménage peut prétendre"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031057544"
    unit = "currency"

    def formula(menage, period):
        eligible = menage("cheque_energie_eligibilite_logement", period)
        return eligible * menage("cheque_energie_montant", period)
