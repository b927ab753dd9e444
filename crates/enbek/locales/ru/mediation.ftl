# The home page, the vacancy search, a vacancy's page.
home-title = Найдите работу и сотрудников
home-lead = Ищите вакансии по всему Казахстану, встаньте на учёт как ищущий работу или разместите вакансию.
search-label = Поиск вакансий
search-words = Должность, навык или слово
search-words-hint = Слово находится в любой форме: бухгалтер, бухгалтера, бухгалтерлер.
search-region = Регион
search-any-region = Любой регион
search-submit = Найти
home-open-count = { $count ->
    [one] Сейчас открыта { $n } вакансия.
    [few] Сейчас открыто { $n } вакансии.
   *[other] Сейчас открыто { $n } вакансий.
}
home-newest = Новые вакансии
home-none-yet = Открытых вакансий пока нет. Загляните позже или обратитесь в карьерный центр.
home-all-vacancies = Все вакансии
home-roles = С чего начать
home-role-seeker = Ищущим работу
home-role-seeker-text = Зарегистрируйтесь, подтвердите ИИН и встаньте на учёт как ищущий работу: вам предложат подходящие вакансии.
home-role-employer = Работодателям
home-role-employer-text = Войдите, зарегистрируйте организацию и размещайте вакансии: карьерный центр подберёт кандидатов.
home-role-centers = Сотрудникам карьерных центров
home-role-centers-text = Рабочее место АИС «Рынок труда» открывается служебной учётной записью. Центры регионов — в списке.
search-title = Поиск вакансий
search-filters = Фильтры
search-occupation = Профессия
search-any-occupation = Любая профессия
search-salary-min = Зарплата не ниже, ₸
search-salary-min-hint = В тенге в месяц, например 200000
search-salary-not-a-number = Введите зарплату цифрами, например 200000.
search-regime = Режим работы
search-any-regime = Любой режим
search-employment = Тип занятости
search-any-employment = Любой тип
search-posted = Опубликована
search-posted-any = За всё время
search-posted-days = { $count ->
    [1] Сегодня
    [one] За последний { $n } день
    [few] За последние { $n } дня
   *[other] За последние { $n } дней
}
search-posted-invalid = Выберите из списка, когда опубликована вакансия.
# A filter's option and how many vacancies choosing it would find.
search-option-count = { $label } ({ $n })
search-export = Все открытые вакансии одним файлом (открытые данные, JSON Lines в gzip, обновляется ежечасно)
search-sort = Сортировка
search-sort-default = По умолчанию (со словами — по соответствию)
search-sort-relevance = По соответствию
search-sort-date = Сначала новые
search-sort-salary = Сначала с высокой зарплатой
search-clear = Сбросить фильтры
search-empty = Ничего не найдено. Попробуйте меньше слов, другой регион или уберите порог зарплаты.
search-empty-centers = Обратиться в карьерный центр
search-found = { $count ->
    [one] Найдена { $n } вакансия
    [few] Найдено { $n } вакансии
   *[other] Найдено { $n } вакансий
}
vacancy-back = Вернуться к поиску
vacancy-not-open = Эта вакансия больше не принимает откликов.
vacancy-employer = Работодатель
vacancy-region = Регион
vacancy-regime = Режим работы
vacancy-employment = Вид занятости
vacancy-education = Образование
vacancy-experience = Опыт работы
vacancy-experience-years = { $years ->
    [one] не менее { $years } года
   *[other] не менее { $years } лет
}
vacancy-positions-open = Свободных мест
vacancy-status = Состояние
vacancy-posted = Опубликована
vacancy-valid-until = Действует до
vacancy-skills = Навыки
vacancy-conditions = Условия труда
vacancy-description = Описание
vacancy-respond = Как откликнуться
vacancy-respond-cabinet = Откликнитесь на вакансию в личном кабинете.
vacancy-respond-sign-in = Чтобы откликнуться, войдите или зарегистрируйтесь.
regime-full_time = Полный рабочий день
regime-part_time = Неполный рабочий день
regime-shift = Сменная работа
regime-rotational = Вахтовый метод
regime-remote = Удалённая работа
employment-permanent = Постоянная
employment-temporary = Временная
employment-seasonal = Сезонная
education-none = Без образования
education-secondary = Среднее образование
education-vocational = Техническое и профессиональное образование
education-higher = Высшее образование
education-postgraduate = Послевузовское образование
condition-heavy_lifting = Подъём тяжестей
condition-night_work = Ночная работа
condition-heights = Работа на высоте
condition-harmful_substances = Работа с вредными веществами
condition-prolonged_standing = Длительное стояние
condition-driving = Управление транспортом
vacancy-status-open = Открыта
vacancy-status-filled = Заполнена
vacancy-status-closed = Закрыта
vacancy-status-expired = Срок истёк
resumes-title = Опубликованные резюме
resumes-lead = Резюме, которые опубликовали ищущие работу. Имя и контакты человека не показываются: найти сотрудника помогает карьерный центр.
resumes-label = Поиск резюме
resumes-words = Профессия или навыки
resumes-words-hint = Слова из названия профессии или навыков, в любой форме: водитель, водителя, жүргізуші.
resumes-salary-max = Ожидаемая зарплата не выше, ₸
resumes-salary-max-hint = В тенге в месяц, например 300000
resumes-found = Найдено резюме: { $n }
resumes-empty = Ничего не найдено. Уберите часть фильтров или обратитесь в карьерный центр.
resumes-pay = Ожидаемая зарплата
resumes-relocate = готов к переезду
resumes-languages = Языки
resume-experience-years = { $years ->
    [one] { $years } год
    [few] { $years } года
   *[other] { $years } лет
}
