"""ASPA : montant maximal (personne seule, ou couple si les deux conjoints y ont droit) diminué de
ce dont les ressources, allocation comprise, dépassent le plafond (personne seule ou couple)
(CSS L815-4, L815-9, D815-1, D815-2)."""

from openfisca_core.model_api import MONTH, Variable, max_, where

from rights_engine.entities import Famille


class aspa(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Allocation de solidarité aux personnes âgées (ASPA), €/mois"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        aspa = parameters(period).aspa
        allocataires = famille("aspa_nb_allocataires", period)
        if not (allocataires > 0).any():
            # Nobody meets the age and residence conditions: no ASPA this month, and its
            # resources are not computed (the CSS counts the ASPA of 12 months, R861-8).
            return famille.filled_array(0.0)
        couple = famille.nb_persons(Famille.PARENT) > 1
        maximum = where(
            allocataires > 1, aspa.montant_maximum.couple, aspa.montant_maximum.personne_seule
        )
        plafond = where(
            couple, aspa.plafond_ressources.couple, aspa.plafond_ressources.personne_seule
        )
        mois_par_an = period.this_year.size_in_months
        ressources = famille("aspa_base_ressources", period)
        depassement = max_(0, ressources + (maximum - plafond) / mois_par_an)
        return (allocataires > 0) * max_(0, maximum / mois_par_an - depassement)
