//! A synthetic national table of vacancies for the search benchmark: open ones and the closed or
//! filled history a real table keeps, over every region, with titles and descriptions as
//! employers write them in Russian (about two in three) and Kazakh, the mass occupations under
//! the names people search for (водитель, бухгалтер, мұғалім), the rest under the classifier's.

use std::collections::HashMap;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::{pay, regime, Occupations, Territory, OCCUPATIONS};

/// One generated vacancy: what the table stores, times relative to the day of the run.
pub struct Posting {
    /// The employer's number, below `EMPLOYERS`.
    pub employer: usize,
    pub title: String,
    pub occupation_code: String,
    pub salary_from: i64,
    pub salary_to: Option<i64>,
    pub work_regime: &'static str,
    pub employment_type: &'static str,
    pub skills: Vec<String>,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    pub description: String,
    /// Days before the run's day it was posted, and minutes into that day.
    pub posted_days_ago: i64,
    pub posted_minute: i64,
    /// Days after the run's day its term ends (negative: ended).
    pub valid_for_days: i64,
    /// `open`, `closed` or `filled`.
    pub status: &'static str,
}

/// Employers the vacancies belong to.
pub const EMPLOYERS: usize = 20_000;

/// Titles of the mass occupations (MASS_OCCUPATIONS) as employers write them: Russian first.
const MASS_TITLES: [(&str, &[&str], &[&str]); 10] = [
    (
        "8322",
        &[
            "Водитель",
            "Водитель такси",
            "Водитель легкового автомобиля",
            "Водитель-экспедитор",
        ],
        &[
            "Жүргізуші",
            "Такси жүргізушісі",
            "Жеңіл автокөлік жүргізушісі",
        ],
    ),
    (
        "5223",
        &[
            "Продавец-консультант",
            "Продавец",
            "Продавец продовольственных товаров",
        ],
        &["Сатушы-кеңесші", "Сатушы"],
    ),
    (
        "2341",
        &[
            "Учитель начальных классов",
            "Учитель",
            "Педагог начальной школы",
        ],
        &[
            "Бастауыш сынып мұғалімі",
            "Мұғалім",
            "Бастауыш сынып мұғалімдері",
        ],
    ),
    (
        "9112",
        &["Уборщица", "Уборщик служебных помещений", "Техничка"],
        &["Жинаушы", "Тазалаушы"],
    ),
    (
        "5120",
        &["Повар", "Повар-универсал", "Повар горячего цеха"],
        &["Аспаз", "Аспазшы"],
    ),
    (
        "2221",
        &["Медицинская сестра", "Медсестра", "Старшая медсестра"],
        &["Мейірбике"],
    ),
    (
        "2411",
        &[
            "Бухгалтер",
            "Главный бухгалтер",
            "Бухгалтер-кассир",
            "Бухгалтер по заработной плате",
        ],
        &["Бухгалтер", "Бас бухгалтер", "Бухгалтерлер"],
    ),
    (
        "7112",
        &["Каменщик", "Каменщик-монтажник"],
        &["Тас қалаушы"],
    ),
    (
        "5414",
        &["Охранник", "Сторож", "Охранник объекта"],
        &["Күзетші"],
    ),
    (
        "4110",
        &["Офис-менеджер", "Делопроизводитель", "Секретарь"],
        &["Іс жүргізуші", "Хатшы"],
    ),
];

const RU_SENTENCES: [&str; 14] = [
    "Официальное трудоустройство, полный социальный пакет.",
    "Опыт работы от {n} лет приветствуется.",
    "График работы: пятидневка, с 9:00 до 18:00.",
    "Своевременная выплата заработной платы два раза в месяц.",
    "Обучение за счёт компании, возможен карьерный рост.",
    "Ответственность, пунктуальность, умение работать в команде.",
    "Знание казахского и русского языков.",
    "Работа в дружном коллективе, бесплатные обеды.",
    "Иногородним предоставляется служебное жильё.",
    "Оформление по Трудовому кодексу Республики Казахстан.",
    "Вахтовый метод работы 15/15, проезд оплачивается.",
    "Требования: среднее специальное или высшее образование.",
    "Сменный график, ночные смены оплачиваются отдельно.",
    "Рассматриваем кандидатов без опыта, обучим на месте.",
];

const KK_SENTENCES: [&str; 12] = [
    "Ресми жұмысқа орналастыру, толық әлеуметтік пакет.",
    "Жұмыс тәжірибесі {n} жылдан бастап.",
    "Жұмыс кестесі: бес күндік, сағат 9:00-ден 18:00-ге дейін.",
    "Жалақы айына екі рет уақытылы төленеді.",
    "Компания есебінен оқыту, мансаптық өсу мүмкіндігі.",
    "Жауапкершілік, ұқыптылық, ұжымда жұмыс істей білу.",
    "Қазақ және орыс тілдерін білу.",
    "Ынтымақты ұжымда жұмыс, тегін түскі ас.",
    "Басқа қалалардан келгендерге қызметтік тұрғын үй беріледі.",
    "Қазақстан Республикасының Еңбек кодексіне сәйкес рәсімдеу.",
    "Вахталық әдіспен жұмыс 15/15, жол ақысы төленеді.",
    "Тәжірибесі жоқ үміткерлерді қарастырамыз, орнында үйретеміз.",
];

const SKILLS: [&str; 14] = [
    "1С",
    "MS Excel",
    "Водительские права категории B",
    "Категория C",
    "Работа с кассой",
    "Санитарная книжка",
    "Знание ПК",
    "Первая помощь",
    "Компьютерлік сауаттылық",
    "Ағылшын тілі",
    "Клиентке бағдарлану",
    "Делопроизводство",
    "Сварка",
    "Охрана труда",
];

/// The names of the classifier's unit groups: (Kazakh, Russian) by code.
fn unit_names() -> HashMap<String, (String, String)> {
    let mut reader = csv::Reader::from_reader(OCCUPATIONS.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.get(1) == Some("unit"))
        .filter_map(|r| {
            Some((
                r.get(0)?.to_string(),
                (r.get(4)?.to_string(), r.get(5)?.to_string()),
            ))
        })
        .collect()
}

fn one<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.gen_range(0..list.len())]
}

/// `open` open vacancies, then `closed` closed or filled ones, for a seed.
pub fn postings(seed: u64, open: usize, closed: usize) -> impl Iterator<Item = Posting> {
    let mut rng = StdRng::seed_from_u64(seed);
    let territory = Territory::new(&mut rng);
    let occupations = Occupations::new(&mut rng);
    let names = unit_names();
    (0..open + closed).map(move |i| {
        let occupation = occupations.pick(&mut rng);
        let code = format!("{:04}", occupation.unit());
        let kazakh = rng.gen_bool(0.35);
        let (kk_name, ru_name) = names.get(&code).cloned().unwrap_or_default();
        let title = match MASS_TITLES.iter().find(|(c, _, _)| *c == code) {
            Some((_, ru, kk)) => one(&mut rng, if kazakh { kk } else { ru }).to_string(),
            None if kazakh => kk_name.clone(),
            None => ru_name.clone(),
        };
        let (sentences, duty): (&[&str], String) = if kazakh {
            (
                &KK_SENTENCES,
                format!("Міндеттері: «{kk_name}» мамандығы бойынша жұмыс."),
            )
        } else {
            (
                &RU_SENTENCES,
                format!("Обязанности: работа по специальности «{ru_name}»."),
            )
        };
        let mut description = duty;
        for _ in 0..rng.gen_range(2..6) {
            description.push(' ');
            let years = rng.gen_range(1..6).to_string();
            description.push_str(&one(&mut rng, sentences).replace("{n}", &years));
        }
        let skills = (0..rng.gen_range(0..4))
            .map(|_| one(&mut rng, &SKILLS).to_string())
            .collect::<Vec<_>>();
        let locality = territory.locality(&mut rng);
        let salary_from = i64::try_from(pay(&mut rng)).unwrap_or(85_000);
        let salary_to = rng
            .gen_bool(0.7)
            .then(|| salary_from + rng.gen_range(2..20) * 10_000);
        let is_open = i < open;
        let (posted_days_ago, valid_for_days, status) = if is_open {
            let ago = rng.gen_range(0..60);
            (ago, rng.gen_range(30..120), "open")
        } else {
            let ago = rng.gen_range(60..730);
            let status = if rng.gen_bool(0.6) {
                "filled"
            } else {
                "closed"
            };
            (ago, rng.gen_range(30..60) - ago, status)
        };
        Posting {
            employer: rng.gen_range(0..EMPLOYERS),
            title,
            occupation_code: code,
            salary_from,
            salary_to,
            work_regime: regime(&mut rng, [70, 10, 10, 5, 5]).code(),
            employment_type: one(
                &mut rng,
                &["permanent", "permanent", "temporary", "seasonal"],
            ),
            skills,
            region_code: format!("{}0000000", &locality[..2]),
            district_code: format!("{}000000", &locality[..3]),
            locality_code: locality,
            description,
            posted_days_ago,
            posted_minute: rng.gen_range(0..1440),
            valid_for_days,
            status,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_open_and_closed_vacancies_in_both_languages_and_every_region() {
        let all: Vec<Posting> = postings(7, 3_000, 2_000).collect();
        assert_eq!(all.iter().filter(|p| p.status == "open").count(), 3_000);
        assert!(all[..3_000].iter().all(|p| p.valid_for_days >= 30));
        assert!(all[3_000..].iter().all(|p| p.valid_for_days < 0));
        let kazakh = all
            .iter()
            .filter(|p| p.description.starts_with("Міндеттері"))
            .count();
        assert!((1_400..2_200).contains(&kazakh), "{kazakh} in Kazakh");
        let regions: std::collections::HashSet<&str> =
            all.iter().map(|p| p.region_code.as_str()).collect();
        assert_eq!(regions.len(), crate::REGIONS.lines().count() - 1);
        assert!(all.iter().any(|p| p.title == "Водитель"));
        assert!(all.iter().any(|p| p.title.contains("бухгалтер")));
        assert!(all.iter().any(|p| p.title.contains("мұғалім")));
        assert!(all.iter().all(|p| !p.title.is_empty()));
    }
}
