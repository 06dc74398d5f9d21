"""Valeur faciale du chèque énergie selon le revenu fiscal de référence par unité de consommation
et le nombre d'unités (une UC, entre une et deux UC, deux UC ou plus), barème en vigueur au
1er janvier de l'année (arrêtés du 26 décembre 2018 et du 24 février 2021)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class cheque_energie_montant(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    label = "Valeur faciale annuelle du chèque énergie selon les ressources"
    reference = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000043178875/"
    unit = "currency"

    def formula(menage, period, parameters):
        baremes = parameters(period.this_year).cheque_energie.baremes
        uc = menage("cheque_energie_unites_consommation", period)
        par_uc = menage("cheque_energie_ressources_par_uc", period)
        seuil = parameters(period).cheque_energie.unites_consommation.seuil_grand_menage
        return (
            (uc <= 1) * baremes.une_uc.calc(par_uc)
            + (uc > 1) * (uc < seuil) * baremes.une_uc_a_deux_uc.calc(par_uc)
            + (uc >= seuil) * baremes.plus_de_deux_ucs.calc(par_uc)
        )
