"""Nombre d'allocations de base dues : une seule par foyer, sauf naissances multiples (CSS L531-3,
dernier alinéa) — autant que d'enfants ouvrant droit nés le même jour que le plus jeune d'entre
eux."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class paje_base_nombre_allocations(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Nombre d'allocations de base dues (plusieurs en cas de naissances multiples)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000036393143"

    def formula(famille, period):
        eligible = famille.members("paje_base_enfant_eligible", period)
        jour = famille.members("date_naissance", period).astype("datetime64[D]").astype(int)
        # Jour de naissance du plus jeune enfant ouvrant droit (0 s'il n'y en a pas).
        benjamin = famille.max(eligible * jour)
        return famille.sum(eligible * (jour == famille.project(benjamin)))
