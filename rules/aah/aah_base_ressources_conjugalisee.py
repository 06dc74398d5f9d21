"""Ressources du calcul conjugalisé transitoire : celles de l'allocataire et celles du conjoint
après la déduction de 10 % et l'abattement forfaitaire annuel de 5 000 € + 1 400 € par enfant à
charge (ancien CSS D821-8-1, décret n° 2022-42)."""

from openfisca_core.model_api import MONTH, Variable, max_

from rights_engine.entities import Famille, Individu


class aah_base_ressources_conjugalisee(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Ressources mensuelles retenues pour l'AAH (calcul conjugalisé transitoire)"
    reference = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000045038484"

    def formula(individu, period, parameters):
        conjugalise = parameters(period).aah.calcul_conjugalise
        bruts = individu("aah_revenus_bruts", period)
        conjoint = individu.famille("aah_revenus_bruts_parents", period) - bruts
        enfants = individu.famille("aah_nb_enfants", period)
        abattement_annuel = (
            conjugalise.abattement_conjoint + conjugalise.abattement_conjoint_par_enfant * enfants
        )
        mois_par_an = period.this_year.size_in_months
        retenu = max_(
            0,
            conjoint * (1 - conjugalise.deduction_frais_professionnels)
            - abattement_annuel / mois_par_an,
        )
        return individu("aah_base_ressources", period) + retenu * individu.has_role(Famille.PARENT)
