"""Revenus d'activité nets catégoriels d'une personne sur les 12 mois, retenus par les aides au
logement (CCH R822-4) : salaires nets imposables (``aide_logement_salaire_imposable``) après la
déduction de 10 % pour frais professionnels (bornée par son minimum et son maximum, CGI art. 83,
3°, calculée sur les salaires et les allocations chômage et imputée d'abord sur les salaires),
plus les revenus non salariés déclarés. Ressources des 12 derniers mois estimées à 12 fois le
revenu mensuel ; montants fiscaux de l'année précédente, arrondis à l'euro."""

from openfisca_core.model_api import MONTH, Variable, max_

from rights_engine.entities import Individu


class aide_logement_revenus_activite(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Revenus d'activité annuels nets de frais professionnels (aides au logement)"
    reference = (
        "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006074096/LEGISCTA000038878999"
    )

    def formula(individu, period, parameters):
        mois = parameters(period).aide_logement.ressources.mois_reference
        salaires = individu("aide_logement_salaire_imposable", period) * mois
        deduction = individu("aide_logement_deduction_frais_professionnels", period)
        return max_(0, salaires - deduction) + individu("revenus_non_salarie", period) * mois
