// Every module's home-page dashboard cards, registered in one place.
import './audit/widgets'
