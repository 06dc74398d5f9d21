"""Couple biactif : chaque conjoint a des revenus professionnels d'au moins 12 BMAF par an (CSS
R522-2), soit 1 BMAF par mois. Hypothèse : les revenus professionnels mensuels actuels tiennent
lieu de ceux de l'année N-2 (voir README)."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Famille


class cf_biactivite(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Couple dont chaque conjoint a des revenus professionnels (biactivité)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000046499019"

    def formula(famille, period, parameters):
        pf = parameters(period).prestations_familiales
        seuil = pf.complement_familial.plafond.revenu_activite_biactivite * pf.bmaf
        trimestre = period.last_3_months
        revenus = (
            famille.members("salaire_net", trimestre, options=[ADD])
            + famille.members("revenus_non_salarie", trimestre, options=[ADD])
        ) / trimestre.size
        actif = famille.members.has_role(Famille.PARENT) * (revenus >= seuil)
        return (famille.nb_persons(Famille.PARENT) > 1) * (famille.sum(actif) > 1)
