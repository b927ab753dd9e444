# The texts of the official documents: the forms of Order 214 App.3–6, App.9 and App.10
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
documents-app10-title = INDIVIDUAL EMPLOYMENT PLAN
documents-app10-caption-center = name of the career center of the city, city of republican significance, capital or district
documents-app10-about = 1. ABOUT THE UNEMPLOYED PERSON
documents-app10-person = Unemployed person
documents-app10-registered = Registered as unemployed on
documents-app10-goal = Goal
documents-app10-education = Education
documents-app10-occupation = Speciality (occupation)
documents-app10-actions = 2. PLAN OF ACTION
documents-app10-measure = Measure
documents-app10-due = Due date
documents-app10-group-orientation = Social and vocational orientation
documents-app10-group-mediation = Labour mediation
documents-app10-group-active = Active measures of employment promotion
documents-app10-group-aid = Social aid to the unemployed
documents-app10-group-skills = Improving job-search skills
documents-app10-schedule = 3. SCHEDULE OF MEETINGS WITH THE CAREER CENTER
documents-app10-valid-until = The individual employment plan runs until { $date }.
documents-app10-unemployed = Unemployed person
documents-app10-phone = Phone
documents-app10-email = E-mail

# The seal: the QR code and the verification line at the foot of every page (documents::forms::finish).
documents-seal-signed = Signed with an electronic digital signature. Verify its authenticity: { $url }
documents-seal-document = Document No. { $number }, identifier { $id }
documents-seal-page = Page { $page } of { $count }
