"""Date du commandement de payer visant la clause résolutoire du bail (entrée :
`household.housing.commandement_de_payer_date`) ; 1970-01-01 : pas de date connue."""

import datetime

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class commandement_de_payer_date(Variable):
    value_type = datetime.date
    entity = Menage
    definition_period = MONTH
    label = "Date du commandement de payer reçu"
    reference = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000509310"
