"""Ressources mensuelles du foyer (demandeur et conjoint), moyenne des 3 mois précédents : pensions
de retraite et d'invalidité, allocations chômage, pensions alimentaires, autres revenus, et
revenus d'activité pris en brut (salaire brut retrouvé du net déclaré, ``salaire_de_base``)
après un abattement trimestriel de 0,9 SMIC mensuel (personne seule) ou 1,5 SMIC mensuel
(couple) au 1er janvier (CSS L815-9, R815-22, R815-29). L'AAH n'est pas comptée."""

from openfisca_core.model_api import ADD, MONTH, Variable, max_, min_, where

from rights_engine.entities import Famille


class aspa_base_ressources(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Ressources mensuelles du foyer retenues pour l'ASPA"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        trimestre = period.last_3_months
        aspa = parameters(period).aspa
        smic = parameters(period.start.offset("first-of", "year")).commun.smic
        smic_mensuel = smic.smic_brut_horaire * smic.heures_mensuelles
        couple = famille.nb_persons(Famille.PARENT) > 1
        taux = where(
            couple,
            aspa.abattement_revenus_activite.couple,
            aspa.abattement_revenus_activite.personne_seule,
        )
        parent = famille.members.has_role(Famille.PARENT)

        def total(noms):
            return famille.sum(
                parent * sum(famille.members(nom, trimestre, options=[ADD]) for nom in noms)
            )

        # Revenus professionnels bruts (R815-22) : le salaire brut, et non le net déclaré.
        activite = total(("salaire_de_base", "revenus_non_salarie"))
        autres = total(
            (
                "retraite_nette",
                "pensions_invalidite",
                "chomage_net",
                "pensions_alimentaires_percues",
                "autres_revenus",
            )
        )
        activite_retenue = max_(0, activite - min_(activite, taux * smic_mensuel))
        return (activite_retenue + autres) / trimestre.size
