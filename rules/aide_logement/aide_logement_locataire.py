"""Le foyer loue son logement (secteur locatif : parc social, parc privé vide ou meublé), seul cas
calculé ici (CCH L822-1, D823-16). Foyers-logements et accession : hors champ."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille
from rights_engine.enums import TypesStatutOccupationLogement


class aide_logement_locataire(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Locataire (secteur locatif des aides au logement)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878905"

    def formula(famille, period):
        statut = famille.demandeur.menage("statut_occupation_logement", period)
        return (
            (statut == TypesStatutOccupationLogement.locataire_hlm)
            + (statut == TypesStatutOccupationLogement.locataire_vide)
            + (statut == TypesStatutOccupationLogement.locataire_meuble)
        )
