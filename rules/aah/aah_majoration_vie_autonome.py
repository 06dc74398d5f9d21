"""Majoration pour la vie autonome : taux d'incapacité d'au moins 80 %, AAH perçue, logement
indépendant avec une aide au logement, sans revenu d'activité (CSS L821-1-2, D821-3). Équivaut à
« caah » d'OpenFisca-France depuis la fin du complément de ressources (1er décembre 2019)."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Famille, Individu
from rights_engine.enums import TypesStatutOccupationLogement


class aah_majoration_vie_autonome(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Majoration pour la vie autonome (MVA), €/mois"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000019505277/"

    def formula(individu, period, parameters):
        aah = parameters(period).aah
        trimestre = period.last_3_months
        activite = individu("salaire_net", trimestre, options=[ADD]) + individu(
            "revenus_non_salarie", trimestre, options=[ADD]
        )
        statut = individu.menage("statut_occupation_logement", period)
        foyer = statut == TypesStatutOccupationLogement.locataire_foyer
        conditions = (
            (individu("taux_incapacite", period) >= aah.conditions.taux_incapacite)
            * (individu("aah", period) > 0)
            * (individu.famille("aide_logement", period) > 0)
            * (activite <= 0)
            * individu.has_role(Famille.PARENT)
            * (foyer == 0)
        )
        return conditions * aah.majoration_vie_autonome
