# The pages of referrals to active measures (Order 129) for the career center and the mobility center.
