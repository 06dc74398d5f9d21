"""Dernier jour de la trêve hivernale des expulsions en cours (31 mars), pour un foyer en impayé
ou en procédure quand le mois évalué est dans la trêve (CPCE L412-6) ; l'expulsion redevient
exécutable le lendemain. Sinon : pas de date (valeur par défaut)."""

import datetime

import numpy as np
from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Menage


class treve_expulsions_fin(Variable):
    value_type = datetime.date
    entity = Menage
    definition_period = MONTH
    label = "Fin de la trêve hivernale des expulsions en cours"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000025024948"

    def formula(menage, period, parameters):
        treve = parameters(period).prevention_expulsion.treve_hivernale
        annee = period.start.year + int(period.start.month > treve.fin_mois)
        fin = np.datetime64(datetime.date(annee, int(treve.fin_mois), int(treve.fin_jour)), "D")
        applicable = menage("treve_expulsions_en_cours", period) * menage(
            "prevention_expulsion_situation", period
        )
        return where(applicable, fin, np.datetime64(0, "D"))
