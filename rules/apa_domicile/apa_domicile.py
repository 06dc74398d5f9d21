"""APA à domicile : plan d'aide (au plafond du GIR) moins la participation, non versée sous 3 fois
le SMIC brut horaire (CASF L232-3, R232-11, D232-31)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class apa_domicile(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Allocation personnalisée d'autonomie à domicile, €/mois"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(individu, period, parameters):
        seuil = (
            parameters(period).apa_domicile.seuil_versement_en_smic_horaire
            * parameters(period).commun.smic.smic_brut_horaire
        )
        montant = individu("apa_domicile_plafond", period) - individu(
            "apa_domicile_participation", period
        )
        return individu("apa_eligibilite", period) * (montant >= seuil) * montant
