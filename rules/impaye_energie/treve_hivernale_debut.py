"""Premier jour de la prochaine trêve hivernale (1er novembre), quand le mois évalué est hors
trêve : jusque-là, une coupure est possible après la procédure du fournisseur (CASF L115-3,
al. 3). Pendant la trêve : pas de date (valeur par défaut)."""

import datetime

import numpy as np
from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Menage


class treve_hivernale_debut(Variable):
    value_type = datetime.date
    entity = Menage
    definition_period = MONTH
    label = "Début de la prochaine trêve hivernale"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period, parameters):
        treve = parameters(period).impaye_energie.treve_hivernale
        debut = np.datetime64(
            datetime.date(period.start.year, int(treve.debut_mois), int(treve.debut_jour)), "D"
        )
        en_cours = menage("treve_hivernale_en_cours", period)
        return where(en_cours, np.datetime64(0, "D"), debut)
