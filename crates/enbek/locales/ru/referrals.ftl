# The pages of referrals to active measures (Order 129) for the citizen and the employer.
