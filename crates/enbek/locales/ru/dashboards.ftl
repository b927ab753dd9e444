# Дашборды центра мобильности и министерства: статистика по месяцам, выгрузка CSV,
# уведомления о высвобождении и заявки на субсидируемые рабочие места региона.
dash-title = Дашборд рынка труда
dash-nav = Разделы дашборда
dash-filters = Фильтры статистики
dash-region = Регион
dash-all-regions = Все регионы
dash-from = С месяца
dash-to = По месяц
dash-month-hint = Месяц в виде ГГГГ-ММ, например 2026-03; не более 36 месяцев.
dash-month-invalid = Укажите месяц в виде ГГГГ-ММ, например 2026-03.
dash-show = Показать
dash-scope = Показано
dash-csv = Скачать статистику в CSV
dash-month = Месяц
dash-notes = Месяцы считаются по времени Казахстана (UTC+5). Численность безработных — на конец месяца (для текущего месяца — на сегодня). Ответы на предложения считаются по месяцу предложения.
dash-section-registrations = Регистрация
dash-section-stock = Безработные на конец месяца
dash-section-placements = Трудоустройство
dash-section-offers = Предложения подходящей работы и ответы
dash-section-services = Государственные услуги: сроки оказания
dash-indicator-applications-received = Принято заявлений
dash-indicator-registered-job-seekers = Зарегистрировано ищущих работу
dash-indicator-registered-unemployed = Зарегистрировано безработных
dash-indicator-unemployed-at-month-end = Безработных на конец месяца
dash-indicator-placed-by-offer = Трудоустроено по предложению
dash-indicator-placed-by-contributions = Снято в связи с трудоустройством (поступление взносов)
dash-indicator-offers-made = Сделано предложений
dash-indicator-offers-accepted = Принято
dash-indicator-offers-refused = Отказано
dash-indicator-offers-unanswered = Без ответа в срок
dash-indicator-services-within-term = Оказано в срок
dash-indicator-services-late = Оказано с нарушением срока
dash-layoffs-title = Уведомления о высвобождении работников
dash-planned-from = Высвобождение с месяца
dash-planned-to = Высвобождение по месяц
dash-layoffs-found = { $count ->
    [one] Найдено { $n } уведомление
    [few] Найдено { $n } уведомления
   *[other] Найдено { $n } уведомлений
}
dash-layoff-planned = Дата высвобождения
dash-layoff-workers = Работников
dash-layoff-positions = Должности
dash-layoff-notified = Дата уведомления
dash-subsidised-title = Заявки на субсидируемые рабочие места
dash-measure = Мера
dash-any-measure = Все меры
dash-measure-invalid = Выберите меру из списка.
dash-subsidised-found = { $count ->
    [one] Найдена { $n } заявка
    [few] Найдено { $n } заявки
   *[other] Найдено { $n } заявок
}
dash-app-employer = Работодатель
dash-app-places = Мест
dash-app-pay = Оплата в месяц, тенге
dash-app-period = Период
dash-app-submitted = Подана
error-period_too_long = Слишком длинный период: выберите не более 36 месяцев.
dash-month-format = Месяц в виде ГГГГ-ММ, например 2026-05.
