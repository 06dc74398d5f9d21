"""Ressources annuelles R du foyer (CCH R822-2 s.) : celles des parents, diminuées de l'abattement
de l'article 157 bis du CGI pour les personnes âgées ou invalides (R822-4, II, 2°), arrondies à
la centaine d'euros supérieure ; pour un demandeur étudiant de moins de 28 ans, le forfait de
ressources étudiant (minoré s'il est boursier) (CCH R822-20 ; arrêté du 27 septembre 2019,
art. 6)."""

from numpy import ceil
from openfisca_core.model_api import MONTH, Variable, max_, round_, where

from rights_engine.entities import Famille


class aide_logement_base_ressources(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Ressources annuelles R du foyer pour les aides au logement"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041419188/2021-01-01"

    def formula(famille, period, parameters):
        p = parameters(period).aide_logement
        etudiants = p.ressources.etudiants
        ressources_i = famille.members("aide_logement_base_ressources_individu", period)
        # CCH R822-4, II, 2° : abattement de l'article 157 bis du CGI (âgés ou invalides).
        abattement = famille("aide_logement_abattement_personnes_agees_invalides", period)
        ressources = max_(0, famille.sum(ressources_i, role=Famille.PARENT) - abattement)
        demandeur_etudiant = famille.demandeur("etudiant", period) * (
            famille.demandeur("age", period) < etudiants.age_maximum
        )
        forfait = max_(
            0,
            etudiants.forfait_ressources
            - famille.demandeur("boursier", period) * etudiants.minoration_boursier,
        )
        ressources = where(demandeur_etudiant, forfait, ressources)
        centime = p.arrondis.centime
        ressources = round_(ressources / centime) * centime
        return ceil(ressources / p.ressources.arrondi) * p.ressources.arrondi
