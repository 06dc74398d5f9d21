"""Dernier jour du délai ouvert par un commandement de payer : la clause résolutoire ne joue que
six semaines après un commandement demeuré infructueux (loi n° 89-462 du 6 juillet 1989, art. 24,
rédaction de la loi n° 2023-668 du 27 juillet 2023 ; deux mois pour les baux conclus avant, qui
laissent plus de temps : la date la plus proche est donnée). Avant cette date, payer la dette ou
obtenir un plan d'apurement ; ensuite, le bailleur peut assigner au tribunal. Sans date de
commandement : pas de date (valeur par défaut)."""

import datetime

import numpy as np
from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Menage


class commandement_de_payer_fin_delai(Variable):
    value_type = datetime.date
    entity = Menage
    definition_period = MONTH
    label = "Fin du délai du commandement de payer"
    reference = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000509310"

    def formula(menage, period, parameters):
        delai = parameters(period).prevention_expulsion.impaye.delai_commandement_de_payer
        date = menage("commandement_de_payer_date", period)
        connue = date > np.datetime64(0, "D")
        return where(connue, date + np.timedelta64(int(delai), "D"), np.datetime64(0, "D"))
