"""Montant maximal du plan d'aide selon le GIR : coefficient × MTP en vigueur au 1er janvier (CASF
L232-3-1, R232-10). Hypothèse : le plan d'aide proposé atteint ce plafond."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class apa_domicile_plafond(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Plafond du plan d'aide de l'APA selon le GIR, €/mois"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048878530"

    def formula(individu, period, parameters):
        apa = parameters(period).apa_domicile
        gir = individu("gir", period)
        plafonds = apa.plafond_en_part_mtp
        coefficients = [plafonds.gir_1, plafonds.gir_2, plafonds.gir_3, plafonds.gir_4]
        coefficient = sum(
            (gir == numero) * valeur for numero, valeur in enumerate(coefficients, start=1)
        )
        return coefficient * apa.mtp_au_1er_janvier
