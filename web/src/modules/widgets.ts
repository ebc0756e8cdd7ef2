// Every module's home-page dashboard cards, registered in one place.
// operations first: the dashboard is the home page of operations roles
import './metrics/widgets'
import './fulfilment/widgets'
import './audit/widgets'
