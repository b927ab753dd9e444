//! The specialist's plan editor and mediation for a vacancy, walked in Kazakh and in Russian:
//! a plan drawn up from the suggestions (one changed, one dropped, one added, a missing goal
//! said at its field), signed by the specialist and then awaiting the person's signature in the
//! cabinet, an item recorded and a reported change acknowledged; a vacancy of the region with
//! the people who suit it and their reasons, an offer refused as already made and then made.
//! The role walls: a citizen gets no workspace's vacancies, another region's specialist neither
//! the plan editor of this region's person nor this region's vacancy, nor may offer it.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::browser::Browser;
use crate::helpers::*;
use crate::steps::*;

struct Words {
    lang: &'static str,
    reason: &'static str,
    goal_required: &'static str,
    created: &'static str,
    awaits: &'static str,
    done: &'static str,
    moved: &'static str,
    no_reports: &'static str,
    same_occupation: &'static str,
    offer_exists: &'static str,
    offer_made: &'static str,
}

const KK: Words = Words {
    lang: "kk",
    reason: "әр жоспарда бар",
    goal_required: "Жоспардың мақсатын енгізіңіз",
    created: "Жоспар құрылды және сіз қол қойдыңыз",
    awaits: "жеке кабинетте қол қоюды күтуде",
    done: "орындалды",
    moved: "Басқа жерге көштім",
    no_reports: "Қабылданбаған өзгеріс туралы хабарлама жоқ",
    same_occupation: "дәл сол кәсіп",
    offer_exists: "Бұл бос орын осы адамға бұрын ұсынылған",
    offer_made: "Ұсыныс жасалды",
};

const RU: Words = Words {
    lang: "ru",
    reason: "в каждом плане",
    goal_required: "Введите цель плана",
    created: "План составлен и подписан вами",
    awaits: "ждёт подписи в личном кабинете",
    done: "выполнено",
    moved: "Я переехал(а)",
    no_reports: "Непринятых сообщений об изменениях нет",
    same_occupation: "та же профессия",
    offer_exists: "Этому человеку эта вакансия уже предложена",
    offer_made: "Предложение сделано",
};

/// A citizen registered as unemployed at the Kokshetau center for each language; the clock
/// then stands on Friday 20 March. Each one's login, registration id and IIN.
async fn unemployed_pair(app: &TestApp) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (n, words) in [&KK, &RU].into_iter().enumerate() {
        let login = format!("plan-{}@example.kz", words.lang);
        let person = iin("880412", 3, 700 + u32::try_from(n).unwrap());
        let (_, reg) = app.job_seeker(&login, &person, json!({}), json!({})).await;
        out.push((login, reg["id"].as_str().unwrap().to_string(), person));
    }
    app.set_clock(UNEMPLOYED_FROM).await;
    app.run_due_jobs().await;
    for (login, _, _) in &out {
        assert_eq!(app.my_registration(login).await["status"], "unemployed");
    }
    out
}

async fn my_plan(app: &TestApp, login: &str) -> Value {
    let token = app.login(login, PASSWORD).await;
    let (status, plan) = app.get("/api/v1/me/plan", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    plan
}

async fn plan_walk(app: &TestApp, w: &Words, (login, reg, person): &(String, String, String)) {
    // The person reports a move, for the center to acknowledge from the plan's page.
    let token = app.login(login, PASSWORD).await;
    let (status, report) = app
        .post(
            "/api/v1/me/circumstances",
            Some(&token),
            json!({ "kind": "moved", "occurred_on": "2026-03-19" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{report}");

    let browser = Browser::start(&app.base, &format!("caseplan-plan-{}", w.lang)).await;
    browser
        .sign_in(Some(w.lang), "spec.plan", STAFF_PASSWORD)
        .await;
    browser
        .click_to("nav a[href=\"/workspace\"]", "the workspace")
        .await;
    browser
        .click_to(
            &format!("table.queue a[href=\"/workspace/registrations/{reg}\"]"),
            "the card from the queue",
        )
        .await;
    browser.click_to("#plan-link", "the plan editor").await;
    let form = browser.text("form.plan-form").await;
    assert!(form.contains(w.reason), "{form}");

    // Change a term, drop a suggestion, add an action in a spare row.
    let rows = browser.find_all_count("select[id^=\"action-\"]").await;
    let added = rows - 2;
    assert!(added >= 4, "the suggestions every plan has");
    browser
        .script("document.getElementById('due-0').value = '2026-04-01'; return true;")
        .await;
    browser.choose("#action-1", "").await;
    browser
        .choose(&format!("#action-{added}"), "job_search_course")
        .await;
    browser
        .script(&format!(
            "document.getElementById('due-{added}').value = '2026-04-15'; return true;"
        ))
        .await;
    browser.fill(&format!("#note-{added}"), "2 апта").await;

    // Without a goal the form comes back, the changes kept.
    browser
        .click_to("#sign-plan", "a plan without a goal")
        .await;
    assert!(browser.text("#goal-error").await.contains(w.goal_required));
    assert!(browser.page_text().await.contains(w.goal_required));
    let kept = browser
        .script(&format!(
            "return [document.getElementById('due-0').value, document.getElementById('action-1').value, document.getElementById('action-{added}').value];"
        ))
        .await;
    assert_eq!(kept, json!(["2026-04-01", "", "job_search_course"]));
    browser.fill("#goal", "Бухгалтер, Көкшетау").await;
    browser.click_to("#sign-plan", "the plan signed").await;
    assert!(browser.text("#plan-done").await.contains(w.created));
    assert!(browser.text("#signed-person").await.contains(w.awaits));

    // In the cabinet: signed by the specialist, awaiting the person's signature.
    let plan = my_plan(app, login).await;
    assert!(plan["signed_by_specialist_at"].is_string(), "{plan}");
    assert!(plan["signed_by_person_at"].is_null(), "{plan}");
    let actions: Vec<&str> = plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["action"].as_str())
        .collect();
    assert!(actions.contains(&"job_search_course"), "{actions:?}");
    assert!(!actions.contains(&"vacancy_information"), "{actions:?}");
    assert_eq!(plan["items"][0]["due_on"], "2026-04-01");
    let contacts = plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["item"] == "contact")
        .count();
    assert_eq!(contacts, 1, "the suggested visit");

    // An item recorded done.
    browser
        .click_to(
            "form[action$=\"/record\"] button[value=\"done\"]",
            "an item recorded",
        )
        .await;
    assert!(browser.text("table.plan-items").await.contains(w.done));
    let plan = my_plan(app, login).await;
    assert_eq!(plan["items"][0]["outcome"], "done", "{plan}");
    browser
        .click_to(
            "form[action$=\"/record\"] button[value=\"attended\"]",
            "a visit recorded",
        )
        .await;
    let plan = my_plan(app, login).await;
    let visit = plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == "contact")
        .unwrap();
    assert_eq!(visit["outcome"], "attended", "{plan}");

    // The reported move acknowledged.
    assert!(browser.text("ul.reports").await.contains(w.moved));
    browser
        .click_to("button.acknowledge", "the change acknowledged")
        .await;
    assert!(browser.text("#reports-none").await.contains(w.no_reports));

    // The card found by IIN links the plan too.
    browser.open("/workspace").await;
    browser.fill("#iin", person).await;
    browser
        .click_to("form[action=\"/workspace/find\"] button", "the card by IIN")
        .await;
    browser
        .click_to("#plan-link", "the plan from the card")
        .await;
    assert_eq!(browser.text("#plan-goal").await, "Бухгалтер, Көкшетау");
    browser.close().await;
}

#[tokio::test]
async fn a_specialist_draws_up_signs_and_follows_a_plan_in_kazakh_and_russian() {
    let app = TestApp::spawn().await;
    let people = unemployed_pair(&app).await;
    app.specialist("spec.plan", CENTER).await;
    for (words, person) in [&KK, &RU].into_iter().zip(&people) {
        plan_walk(&app, words, person).await;
    }
    let (status, audit) = app.get("/api/v1/audit?entity=plan", Some(&app.admin)).await;
    assert_eq!(status, StatusCode::OK, "{audit}");
    let created = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "create")
        .count();
    assert_eq!(created, 2, "each plan's creation audited");
}

/// An accountant's vacancy in Kokshetau, then a job seeker per language whose resume suits it
/// (the platform's selection offers it to each at once): the vacancy id and each seeker's
/// login and registration id.
async fn vacancy_and_seekers(app: &TestApp) -> (String, Vec<(String, String)>) {
    let hr = app.employer("hr@example.kz", esep(126)).await;
    let (status, v) = app
        .post_vacancy(&hr, accounting_vacancy("Бас бухгалтер", "full_time"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let vacancy = v["id"].as_str().unwrap().to_string();
    let mut seekers = Vec::new();
    for (n, words) in [&KK, &RU].into_iter().enumerate() {
        let login = format!("seeker-{}@example.kz", words.lang);
        let person = iin("900101", 3, 800 + u32::try_from(n).unwrap());
        let (_, reg) = app.job_seeker_with_resume(&login, &person, json!({})).await;
        seekers.push((login, reg["id"].as_str().unwrap().to_string()));
    }
    (vacancy, seekers)
}

async fn offers_of(app: &TestApp, login: &str, vacancy: &str) -> Vec<Value> {
    let token = app.login(login, PASSWORD).await;
    let (status, list) = app.get("/api/v1/me/offers", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .filter(|o| o["vacancy_id"] == vacancy)
        .cloned()
        .collect()
}

async fn mediation_walk(app: &TestApp, w: &Words, vacancy: &str, login: &str, reg: &str) {
    let browser = Browser::start(&app.base, &format!("caseplan-offer-{}", w.lang)).await;
    browser
        .sign_in(Some(w.lang), "spec.offers", STAFF_PASSWORD)
        .await;
    browser
        .click_to("nav a[href=\"/workspace\"]", "the workspace")
        .await;
    browser
        .click_to("#workspace-vacancies", "the region's vacancies")
        .await;
    assert!(browser
        .text("table.workspace-vacancies")
        .await
        .contains("Бас бухгалтер"));
    // Filtered on the server: words no vacancy has find none.
    browser.fill("#q", "аспаз").await;
    browser
        .click_to("#filter", "a search finding nothing")
        .await;
    assert_eq!(browser.find_all_count("#list-empty").await, 1);
    assert!(browser.url().await.contains("q="));
    browser.open("/workspace/vacancies").await;
    browser
        .click_to(
            &format!("a[href=\"/workspace/vacancies/{vacancy}\"]"),
            "the vacancy",
        )
        .await;
    let matches = browser.text("ul.candidates").await;
    assert!(matches.contains(w.same_occupation), "{matches}");
    assert!(
        !matches.contains("@example.kz") && !matches.contains("900101"),
        "no contacts, no IIN"
    );

    // The selection offered it already: the page says so.
    let offer = format!("#offer-{reg} button");
    browser.click_to(&offer, "an offer made twice").await;
    assert!(browser
        .text("#offer-outcome")
        .await
        .contains(w.offer_exists));

    // Refused, the vacancy may be offered again by the specialist.
    let made = offers_of(app, login, vacancy).await;
    assert_eq!(made.len(), 1);
    let (status, answer) = app.answer_offer(login, &made[0], false).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    browser
        .open(&format!("/workspace/vacancies/{vacancy}"))
        .await;
    browser.click_to(&offer, "the offer made").await;
    assert!(browser.text("#offer-outcome").await.contains(w.offer_made));
    let offers = offers_of(app, login, vacancy).await;
    assert_eq!(offers.len(), 2, "{offers:?}");
    assert!(
        offers.iter().any(|o| o["status"] == "pending"),
        "{offers:?}"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_specialist_offers_a_vacancy_to_the_people_who_suit_it_in_kazakh_and_russian() {
    let app = TestApp::spawn().await;
    let (vacancy, seekers) = vacancy_and_seekers(&app).await;
    app.specialist("spec.offers", CENTER).await;
    for (words, (login, reg)) in [&KK, &RU].into_iter().zip(&seekers) {
        mediation_walk(&app, words, &vacancy, login, reg).await;
    }
}

#[tokio::test]
async fn the_plan_editor_and_the_vacancies_stay_within_the_caseworkers_region() {
    let app = TestApp::spawn().await;
    let (vacancy, seekers) = vacancy_and_seekers(&app).await;
    let (_, reg) = &seekers[1];
    let anonymous = reqwest::Client::new()
        .get(format!("{}/workspace/vacancies", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    // A citizen gets no workspace's vacancies.
    let browser = Browser::start(&app.base, "caseplan-citizen").await;
    browser
        .sign_in(Some("ru"), "seeker-ru@example.kz", PASSWORD)
        .await;
    browser.open("/workspace/vacancies").await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    browser
        .open(&format!("/workspace/registrations/{reg}/plan"))
        .await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    browser.close().await;

    // Another region's specialist: not in the list, no matches, no plan, no offer.
    app.specialist("spec.astana", "cc-astana-saryarka").await;
    let browser = Browser::start(&app.base, "caseplan-other").await;
    browser
        .sign_in(Some("ru"), "spec.astana", STAFF_PASSWORD)
        .await;
    browser.open("/workspace/vacancies").await;
    assert!(!browser.page_text().await.contains("Бас бухгалтер"));
    browser
        .open(&format!("/workspace/vacancies/{vacancy}"))
        .await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    browser
        .open(&format!("/workspace/registrations/{reg}/plan"))
        .await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    // An offer sent anyway, with the page's own token, is refused.
    browser.open("/workspace").await;
    browser
        .script(&format!(
            "const f = document.createElement('form');
             f.method = 'post';
             f.action = '/workspace/vacancies/{vacancy}/offer';
             for (const [name, value] of [['csrf', document.querySelector('input[name=csrf]').value],
                                          ['registration_id', '{reg}']]) {{
               const i = document.createElement('input');
               i.type = 'hidden'; i.name = name; i.value = value; f.appendChild(i);
             }}
             document.body.appendChild(f);
             f.submit();
             return true;"
        ))
        .await;
    // The old page goes; the answer's is the error page.
    for _ in 0..100 {
        if browser.url().await.contains("/offer") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    browser.close().await;
    let (login, _) = &seekers[1];
    assert_eq!(
        offers_of(&app, login, &vacancy).await.len(),
        1,
        "only the selection's"
    );
}
