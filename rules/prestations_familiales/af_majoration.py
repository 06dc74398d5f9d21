"""Majoration pour âge des allocations familiales (CSS L521-3, R521-1, D521-1) : 16 % de la BMAF
par enfant de 14 ans et plus, sauf l'aîné d'une famille de deux enfants, modulée comme les AF.
Depuis le 1er mars 2026 (décret n° 2026-138), l'âge est porté à 18 ans pour les enfants nés à
partir du 1er mars 2012 ; les enfants nés avant gardent l'âge de 14 ans."""

from numpy import datetime64
from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Famille

# Date de naissance à partir de laquelle le nouvel âge s'applique (décret n° 2026-138, art. 2).
NAISSANCE_PIVOT = "2012-03-01"


class af_majoration(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Majorations pour âge des allocations familiales"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000018735853"

    def formula(famille, period, parameters):
        pf = parameters(period).prestations_familiales
        majoration = pf.allocations_familiales.majoration_age
        enfant = famille.members("prestations_familiales_enfant_a_charge", period)
        age = famille.members("age", period)
        ne_avant = famille.members("date_naissance", period) < datetime64(NAISSANCE_PIVOT)
        age_ouvrant = where(ne_avant, majoration.age_enfants_nes_avant_pivot, majoration.age)
        nb = famille("af_nbenf", period)
        age_aine = famille.max(enfant * age, role=Famille.ENFANT)
        deux_enfants = famille.project(nb == majoration.nombre_enfants_sans_majoration_aine)
        aine = famille.project(age_aine) == age
        eligible = enfant * (age >= age_ouvrant) * (1 - deux_enfants * aine)
        droit_af = famille("af_base", period) > 0
        return (
            droit_af
            * famille.sum(eligible)
            * pf.bmaf
            * majoration.taux
            * famille("af_taux_modulation", period)
        )
