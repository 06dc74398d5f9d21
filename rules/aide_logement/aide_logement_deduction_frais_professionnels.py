"""Déduction de 10 % pour frais professionnels d'une personne sur les 12 mois, retenue par les
aides au logement (CCH R822-4) : calculée sur les salaires nets imposables et les allocations
chômage ensemble, bornée par son minimum et son maximum (CGI art. 83, 3°), arrondie à l'euro ;
montants de l'année précédente. Elle s'impute d'abord sur les salaires
(``aide_logement_revenus_activite``), le reste sur les allocations chômage
(``aide_logement_indemnites_chomage``)."""

from openfisca_core.model_api import MONTH, Variable, max_, min_, round_

from rights_engine.entities import Individu


class aide_logement_deduction_frais_professionnels(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Déduction annuelle de 10 % pour frais professionnels (aides au logement)"
    reference = (
        "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006074096/LEGISCTA000038878999"
    )

    def formula(individu, period, parameters):
        mois = parameters(period).aide_logement.ressources.mois_reference
        frais = parameters(period.last_year).aide_logement.ressources.deduction_frais_professionnels
        salaires = individu("aide_logement_salaire_imposable", period) * mois
        chomage = individu("chomage_net", period) * mois
        # Whole euros, as on the income tax return.
        return round_(min_(max_(frais.taux * (salaires + chomage), frais.minimum), frais.maximum))
