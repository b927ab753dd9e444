# The texts of the official documents: the forms of Order 214 App.3–6 and App.9
# (documents::forms). The forms are issued in Kazakh and Russian; English completes the bundle.

documents-annex = Appendix { $n } to the Rules for registering job seekers and the unemployed and for the labour mediation of career centers
documents-form = Form
documents-number = Document No. { $number }
documents-issued = Date of issue: { $date }.
documents-specialist = Career center specialist
documents-caption-name = surname, first name, patronymic (if any)
documents-caption-provider = full name of the service provider
documents-caption-ground = ground and its legal basis
documents-caption-center = name of the career center
documents-caption-mobility = name of the center of labour mobility
documents-you = You,
documents-refusal-law = Under subparagraph 14) of paragraph 2 of article 5 of the Law of the Republic of Kazakhstan "On public services" the service provider
documents-refusal-you = refuses you,
documents-refusal-ground = the public service on the ground:
documents-refusal-ground-value = { $ground } ({ $law }).
documents-app3-title = Notice of refusal to register as a job seeker
documents-app4-title = Notice of registration as a job seeker
documents-app4-before = under article 98 of the Social Code of the Republic of Kazakhstan, are registered as a job seeker at
documents-app4-after = from { $date }.
documents-app5-title = Notice of registration as unemployed
documents-app5-before = under article 99 of the Social Code of the Republic of Kazakhstan, are registered as unemployed at
documents-app5-after = from { $date }.
documents-app6-title = Notice of refusal to register as unemployed
documents-app9-title = Information on registration, or its absence, as unemployed
documents-app9-given = Issued to
documents-app9-registered-before = to certify that under article 98 of the Social Code of the Republic of Kazakhstan they are registered as unemployed at
documents-app9-registered-after = from { $date }.
documents-app9-not-registered = to certify that under article 98 of the Social Code of the Republic of Kazakhstan they are not registered as unemployed.
documents-app9-valid-until = This information is valid until { $date } inclusive.
