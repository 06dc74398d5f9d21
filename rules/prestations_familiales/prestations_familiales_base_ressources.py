"""Prestations familiales comptées dans les ressources du RSA et de la prime d'activité (CASF
R262-6, R262-10-1 ; CSS R844-4, R844-5).

Quand la situation donne le montant perçu (``family_benefits``), c'est lui, en moyenne sur le
trimestre de référence. Sinon, les prestations calculées par ce moteur : allocations familiales de
base (les majorations pour âge et l'allocation forfaitaire ne sont pas comptées, R262-11 et
R844-5), complément familial non majoré (R844-4, II), ASF au forfait (R262-10-1) et allocation de
base de la PAJE, sauf pour le parent isolé jusqu'aux 3 mois de l'enfant (R262-11, 2° ; R844-5, 2°).
"""

from openfisca_core.model_api import ADD, MONTH, Variable, min_, where

from rights_engine.entities import Famille


class prestations_familiales_base_ressources(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Prestations familiales comptées dans les ressources du RSA et de la prime d'activité"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000029006452"

    def formula(famille, period, parameters):
        trimestre = period.last_3_months
        declarees = (
            famille("prestations_familiales_percues", trimestre, options=[ADD]) / trimestre.size
        )
        pf = parameters(period).prestations_familiales
        cf_non_majore = min_(famille("cf", period), pf.bmaf * pf.complement_familial.taux_base)
        calculees = (
            famille("af_base", period)
            + cf_non_majore
            + famille("asf_forfait_minima", period)
            + famille("paje_base_ressources_minima", period)
        )
        return where(famille("prestations_familiales_connues", period), declarees, calculees)
