# The centers of each region.
centers-title = Labour mobility and career centers
centers-lead = The labour mobility center of each region and its career centers. Turn to them to register, for advice, or for social payments.
centers-all-regions = All regions
centers-show = Show
centers-mobility = Labour mobility center
centers-career = Career centers
centers-rural = Rural district
centers-no-career = The career centers of this region are not in the reference data yet. Turn to the region's labour mobility center.
centers-contacts-note = Where a center's address and phone are not in the reference data yet, ask the region's labour mobility center.
centers-address = Address
centers-phone = Phone
centers-email = E-mail
