# The dashboards of the mobility center and the ministry: statistics by month, the CSV export,
# the region's layoff notices and subsidised-job applications.
dash-title = Labour market dashboard
dash-nav = Dashboard sections
dash-filters = Statistics filters
dash-region = Region
dash-all-regions = All regions
dash-from = From month
dash-to = To month
dash-month-hint = A month as YYYY-MM, for example 2026-03; at most 36 months.
dash-month-invalid = Give the month as YYYY-MM, for example 2026-03.
dash-show = Show
dash-scope = Shown
dash-csv = Download the statistics as CSV
dash-month = Month
dash-notes = Months are counted in Kazakhstan time (UTC+5). The unemployed are counted at the month's end (for the current month, today). Answers to offers are counted in the month of the offer.
dash-section-registrations = Registration
dash-section-stock = Unemployed at the month's end
dash-section-placements = Employment
dash-section-offers = Offers of suitable work and answers
dash-section-services = Public services: terms
dash-indicator-applications-received = Applications received
dash-indicator-registered-job-seekers = Registered as job seekers
dash-indicator-registered-unemployed = Registered as unemployed
dash-indicator-unemployed-at-month-end = Unemployed at the month's end
dash-indicator-placed-by-offer = Hired through an offer
dash-indicator-placed-by-contributions = Deregistered as employed (contributions paid)
dash-indicator-offers-made = Offers made
dash-indicator-offers-accepted = Accepted
dash-indicator-offers-refused = Refused
dash-indicator-offers-unanswered = No answer in term
dash-indicator-services-within-term = Delivered within the term
dash-indicator-services-late = Delivered late
dash-layoffs-title = Layoff notices
dash-planned-from = Layoff from month
dash-planned-to = Layoff to month
dash-layoffs-found = { $count ->
    [one] { $n } notice found
   *[other] { $n } notices found
}
dash-layoff-planned = Layoff date
dash-layoff-workers = Workers
dash-layoff-positions = Positions
dash-layoff-notified = Notified on
dash-subsidised-title = Subsidised-job applications
dash-measure = Measure
dash-any-measure = All measures
dash-measure-invalid = Choose a measure from the list.
dash-subsidised-found = { $count ->
    [one] { $n } application found
   *[other] { $n } applications found
}
dash-app-employer = Employer
dash-app-places = Places
dash-app-pay = Monthly pay, tenge
dash-app-period = Period
dash-app-submitted = Submitted
error-period_too_long = The period is too long: choose at most 36 months.
dash-month-format = A month as YYYY-MM, for example 2026-05.
