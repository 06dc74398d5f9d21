"""Dernier jour de la trêve hivernale en cours (31 mars), quand le mois évalué est dans la trêve ;
les coupures pour impayé redeviennent possibles le lendemain (CASF L115-3, al. 3). Hors trêve :
pas de date (valeur par défaut)."""

import datetime

import numpy as np
from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Menage


class treve_hivernale_fin(Variable):
    value_type = datetime.date
    entity = Menage
    definition_period = MONTH
    label = "Fin de la trêve hivernale en cours"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period, parameters):
        treve = parameters(period).impaye_energie.treve_hivernale
        annee = period.start.year + int(period.start.month > treve.fin_mois)
        fin = np.datetime64(datetime.date(annee, int(treve.fin_mois), int(treve.fin_jour)), "D")
        en_cours = menage("treve_hivernale_en_cours", period)
        return where(en_cours, fin, np.datetime64(0, "D"))
