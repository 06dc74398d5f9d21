"""Pension déduite de l'ASF due pour les enfants (CSS L523-1, L581-2) :

- fixée et payée intégralement : le montant fixé ; s'il est inférieur à l'ASF, une ASF
  différentielle est versée (L523-1, I, 4°), qui n'est pas recouvrée (L581-2, al. 4) ;
- payée en partie : la somme versée par le débiteur ; l'allocation différentielle versée à titre
  d'avance complète ce versement jusqu'au montant de l'ASF (L581-2, al. 2) ;
- impayée, ou aucune pension fixée : rien, l'ASF est entière (L523-1, I, 3° ; L581-2, al. 1) ;
- non renseigné (OpenFisca utilisé sans la situation) : la pension effectivement reçue."""

from openfisca_core.model_api import ADD, MONTH, Variable, select

from rights_engine.entities import Famille
from rights_engine.enums import TypesPensionAlimentaire


class asf_pension_deduite(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Pension déduite de l'ASF (montant fixé, ou somme versée si payée en partie)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006743449"

    def formula(famille, period):
        statut = famille("asf_pension_statut", period)
        recue = famille.sum(famille.members("pensions_alimentaires_percues", period, options=[ADD]))
        payee = statut == TypesPensionAlimentaire.payee
        versement_reel = (statut == TypesPensionAlimentaire.partiellement_payee) + (
            statut == TypesPensionAlimentaire.non_renseigne
        )
        return select([payee, versement_reel], [famille("asf_pension_fixee", period), recue], 0)
