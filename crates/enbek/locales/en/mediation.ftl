# The home page, the vacancy search, a vacancy's page.
home-title = Find work and workers
home-lead = Search vacancies across Kazakhstan, register as a job seeker, or post a vacancy.
search-label = Vacancy search
search-words = Job title, skill or word
search-words-hint = A word is found in any of its forms: бухгалтер, бухгалтера, бухгалтерлер.
search-region = Region
search-any-region = Any region
search-submit = Search
home-open-count = { $count ->
    [one] { $n } vacancy is open now.
   *[other] { $n } vacancies are open now.
}
home-newest = New vacancies
home-none-yet = No vacancies are open yet. Come back later, or turn to a career center.
home-all-vacancies = All vacancies
home-roles = Where to start
home-role-seeker = Job seekers
home-role-seeker-text = Sign up, prove your IIN and register as a job seeker: suitable vacancies will be offered to you.
home-role-employer = Employers
home-role-employer-text = Sign in, register your organisation and post vacancies: the career center selects candidates.
home-role-centers = Career center staff
home-role-centers-text = The AIS "Labor Market" workspace opens with a staff account. The regions' centers are listed.
search-title = Vacancy search
search-filters = Filters
search-occupation = Occupation
search-any-occupation = Any occupation
search-salary-min = Pay at least, ₸
search-salary-min-hint = Tenge a month, for example 200000
search-salary-not-a-number = Enter the pay in digits, for example 200000.
search-regime = Working time
search-any-regime = Any working time
search-employment = Type of employment
search-any-employment = Any type
search-posted = Posted
search-posted-any = At any time
search-posted-days = { $count ->
    [1] Today
   *[other] In the last { $n } days
}
search-posted-invalid = Choose when the vacancy was posted from the list.
# A filter's option and how many vacancies choosing it would find.
search-option-count = { $label } ({ $n })
search-export = All open vacancies as one file (open data, gzip-compressed JSON Lines, made hourly)
search-sort = Order
search-sort-default = Default (with words: by relevance)
search-sort-relevance = By relevance
search-sort-date = Newest first
search-sort-salary = Highest pay first
search-clear = Clear the filters
search-empty = Nothing found. Try fewer words, another region, or no pay floor.
search-empty-centers = Turn to a career center
search-found = { $count ->
    [one] { $n } vacancy found
   *[other] { $n } vacancies found
}
vacancy-back = Back to the search
vacancy-not-open = This vacancy takes no more candidates.
vacancy-employer = Employer
vacancy-region = Region
vacancy-regime = Working time
vacancy-employment = Employment
vacancy-education = Education
vacancy-experience = Experience
vacancy-experience-years = { $years ->
    [one] at least { $years } year
   *[other] at least { $years } years
}
vacancy-positions-open = Open positions
vacancy-status = Status
vacancy-posted = Posted
vacancy-valid-until = Open until
vacancy-skills = Skills
vacancy-conditions = Working conditions
vacancy-description = Description
vacancy-respond = How to apply
vacancy-respond-cabinet = Apply for the vacancy in your cabinet.
vacancy-respond-sign-in = To apply, sign in or sign up.
regime-full_time = Full time
regime-part_time = Part time
regime-shift = Shift work
regime-rotational = Rotational (fly-in fly-out)
regime-remote = Remote work
employment-permanent = Permanent
employment-temporary = Temporary
employment-seasonal = Seasonal
education-none = No formal education
education-secondary = Secondary education
education-vocational = Technical and vocational education
education-higher = Higher education
education-postgraduate = Postgraduate education
condition-heavy_lifting = Heavy lifting
condition-night_work = Night work
condition-heights = Work at heights
condition-harmful_substances = Harmful substances
condition-prolonged_standing = Prolonged standing
condition-driving = Driving
vacancy-status-open = Open
vacancy-status-filled = Filled
vacancy-status-closed = Closed
vacancy-status-expired = Expired
resumes-title = Published resumes
resumes-lead = Resumes that job seekers have published. The person's name and contacts are not shown: a career center helps you find the person for the job.
resumes-label = Resume search
resumes-words = Occupation or skills
resumes-words-hint = Words of the occupation or the skills, found in any of their forms: водитель, водителя, жүргізуші.
resumes-salary-max = Asking pay at most, ₸
resumes-salary-max-hint = In tenge a month, for example 300000
resumes-found = { $count ->
    [one] { $n } resume found
   *[other] { $n } resumes found
}
resumes-empty = Nothing found. Remove a filter or ask a career center.
resumes-pay = Asking pay
resumes-relocate = willing to relocate
resumes-languages = Languages
resume-experience-years = { $years ->
    [one] { $years } year
   *[other] { $years } years
}
