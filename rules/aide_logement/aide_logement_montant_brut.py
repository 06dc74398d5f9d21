"""Aide brute de CRDS : dégressivité quand le loyer réel dépasse le loyer plafond × 3,4 (zone 1)
ou × 2,5 (zones 2 et 3), jusqu'à la suppression à × 4 (zone 1) ou × 3,1 ; puis minoration
forfaitaire de 5 € (CCH D823-16 ; arrêté du 27 septembre 2019, art. 10 et 11) ; enfin, pour
l'APL d'un locataire qui bénéficie de la réduction de loyer de solidarité, baisse de 98 % de la
RLS (CCH L442-2-1 ; décret n° 2018-136 du 27 février 2018, art. 1)."""

from openfisca_core.model_api import MONTH, Variable, max_, min_, round_, select

from rights_engine.entities import Famille
from rights_engine.enums import TypesZoneApl


class aide_logement_montant_brut(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Aide au logement après dégressivité, minoration et baisse liée à la RLS, avant CRDS"
    reference = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000039160745"

    def formula(famille, period, parameters):
        p = parameters(period).aide_logement
        coefficients = p.locatif.degressivite
        zone = famille.demandeur.menage("zone_apl", period)
        zone_1 = zone == TypesZoneApl.zone_1
        zone_3 = zone == TypesZoneApl.zone_3
        degressivite = select(
            [zone_1, zone_3],
            [coefficients.zone_1.degressivite, coefficients.zone_3.degressivite],
            default=coefficients.zone_2.degressivite,
        )
        suppression = select(
            [zone_1, zone_3],
            [coefficients.zone_1.suppression, coefficients.zone_3.suppression],
            default=coefficients.zone_2.suppression,
        )
        centime = p.arrondis.centime
        plafond = famille("aide_logement_loyer_plafond", period)
        loyer_degressivite = round_(plafond * degressivite / centime) * centime
        loyer_suppression = round_(plafond * suppression / centime) * centime
        loyer = famille("aide_logement_loyer_reel", period)
        coefficient = min_(
            1, max_(0, (loyer_suppression - loyer) / (loyer_suppression - loyer_degressivite))
        )
        montant = (
            round_(
                famille("aide_logement_montant_avant_degressivite", period) * coefficient / centime
            )
            * centime
        )
        baisse_rls = p.reduction_loyer_solidarite.fraction_apl * famille(
            "reduction_loyer_solidarite", period
        )
        return max_(0, montant - p.locatif.minoration_forfaitaire - baisse_rls)
