//! The pages of documents (issue 14): a person asks for the 214 App.9 information, finds it
//! among their documents, downloads its signed PDF and opens its public verification page; an
//! unknown id and a changed file are not valid; the specialist of the issuing center sees the
//! documents on the employment card and downloads one.

use reqwest::StatusCode;
use serde_json::json;

use crate::browser::Browser;
use crate::helpers::*;
use crate::steps::*;

const PASSWORD: &str = "secret123";

/// The whole page's text, its no-break spaces read as spaces.
async fn page_text(browser: &Browser) -> String {
    browser.page_text().await.replace('\u{a0}', " ")
}

/// Fetches a link of the page shown with the browser's session: its status, content type,
/// disposition and bytes.
pub(crate) async fn fetch(
    app: &TestApp,
    browser: &Browser,
    href: &str,
) -> (StatusCode, String, String, Vec<u8>) {
    let session = browser
        .client
        .get_named_cookie("enbek_session")
        .await
        .expect("the session cookie");
    let response = app
        .client
        .get(format!("{}{href}", app.base))
        .header("cookie", format!("enbek_session={}", session.value()))
        .send()
        .await
        .expect("the server answers");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (status, kind, disposition) = (
        response.status(),
        header("content-type"),
        header("content-disposition"),
    );
    let bytes = response.bytes().await.expect("a body").to_vec();
    (status, kind, disposition, bytes)
}

async fn href(browser: &Browser, css: &str) -> String {
    browser
        .find(css)
        .await
        .attr("href")
        .await
        .expect("an attribute")
        .expect("a link")
}

async fn verdict(browser: &Browser) -> String {
    browser
        .find("#verdict")
        .await
        .attr("data-valid")
        .await
        .expect("an attribute")
        .expect("the verdict")
}

/// The selector of the row of the documents' table that mentions `words`.
async fn row_of(browser: &Browser, words: &str) -> String {
    let id = browser
        .script(&format!(
            "return Array.from(document.querySelectorAll('table.documents tbody tr'))
               .find(r => r.textContent.includes('{words}')).id;"
        ))
        .await;
    format!("#{}", id.as_str().expect("a row"))
}

/// Uploads `pdf` on the verification page and opens what it says.
async fn upload(browser: &Browser, pdf: &[u8], name: &str) {
    let path = std::env::temp_dir().join(format!("{}-{name}", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, pdf).expect("the file is written");
    browser.open("/verify").await;
    browser
        .find("#file")
        .await
        .send_keys(&path.display().to_string())
        .await
        .expect("the file chosen");
    browser.click_to("#check-file", "the file checked").await;
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn a_person_downloads_the_app9_information_and_anyone_verifies_it() {
    let app = TestApp::spawn().await;
    let person = iin("880412", 3, 4201);
    app.unemployed("aigul@example.kz", &person, json!({})).await;
    let browser = Browser::start(&app.base, "documents-cabinet").await;
    browser
        .sign_in(Some("kk"), "aigul@example.kz", PASSWORD)
        .await;

    // The registration's notices are there; no App.9 information yet, so it is offered.
    browser.open("/cabinet/documents").await;
    let list = page_text(&browser).await;
    assert!(
        list.contains("Жұмыс іздеуші ретінде тіркелгені туралы хабарлама (214 бұйрық, 4-қосымша)"),
        "{list}"
    );
    assert!(list.contains("Берілді"), "{list}");
    browser
        .click_to("#ask-info-link", "the App.9 request page")
        .await;
    assert!(browser.url().await.ends_with("/cabinet/registration"));
    browser.click_to("#ask-info", "the App.9 information").await;
    browser
        .click_to(
            ".cabinet-nav a[href=\"/cabinet/documents\"]",
            "the documents",
        )
        .await;
    assert_eq!(
        browser.find_all_count("#ask-info-offer").await,
        0,
        "the information in force is not offered again"
    );
    let row = row_of(&browser, "9-қосымша").await;
    let info = browser.text(&row).await;
    assert!(info.contains("9-2026-"), "{info}");

    // Its PDF in each language, as an attachment, for its owner only.
    for (css, lang) in [("a.pdf-kk", "kk"), ("a.pdf-ru", "ru")] {
        let link = href(&browser, &format!("{row} {css}")).await;
        assert!(link.ends_with(&format!("/pdf?lang={lang}")), "{link}");
        let (status, kind, disposition, pdf) = fetch(&app, &browser, &link).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(kind, "application/pdf");
        assert!(
            disposition.starts_with("attachment;") && disposition.contains(&format!("-{lang}.pdf")),
            "{disposition}"
        );
        assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    }
    let kazakh = href(&browser, &format!("{row} a.pdf-kk")).await;
    let (_, _, _, pdf) = fetch(&app, &browser, &kazakh).await;
    let anonymous = app
        .client
        .get(format!("{}{kazakh}", app.base))
        .send()
        .await
        .expect("an answer");
    assert!(
        anonymous.url().path().ends_with("/sign-in"),
        "a visitor is sent to sign in"
    );

    // Its verification page, in the page's language: valid, what it is, who signed it, and
    // nothing of the person.
    browser
        .click_to(&format!("{row} a.verify"), "the verification")
        .await;
    assert_eq!(verdict(&browser).await, "true");
    assert!(browser.text("#verdict h1").await.contains("Құжат жарамды"));
    assert!(browser.text("#kind").await.contains("9-қосымша"));
    assert!(browser
        .text("#valid-until")
        .await
        .contains("бүгін мерзімі ішінде"));
    assert_eq!(
        browser.text("#issuer").await,
        "Көкшетау қаласының мансап орталығы"
    );
    assert!(!browser.text("#certificate-serial").await.is_empty());
    // (The header names the signed-in account; the page's content names no one.)
    let shown = browser.text("main").await;
    for personal in [person.as_str(), "Ахметов", "Ерлан", "aigul"] {
        assert!(!shown.contains(personal), "{personal} on a public page");
    }

    // The same page for anyone, in English; and in Russian.
    let visitor = Browser::start(&app.base, "documents-verify").await;
    let page = browser.url().await;
    let path = &page[app.base.len()..];
    visitor.open(path).await;
    visitor.switch_to("en").await;
    assert_eq!(verdict(&visitor).await, "true");
    assert!(visitor
        .text("#verdict h1")
        .await
        .contains("The document is valid"));
    assert!(visitor
        .text("#kind")
        .await
        .contains("Information on registration, or its absence, as unemployed (Order 214, App.9)"));
    assert_eq!(
        visitor.text("#issuer").await,
        "Kokshetau City Career Center"
    );
    visitor.switch_to("ru").await;
    assert!(visitor
        .text("#verdict h1")
        .await
        .contains("Документ действителен"));

    // An unknown document is not valid, and says why.
    visitor
        .open("/verify/0192a4b6-7c1d-7e2f-9a3b-4c5d6e7f8a9b")
        .await;
    assert_eq!(verdict(&visitor).await, "false");
    assert!(visitor
        .text("#reason")
        .await
        .contains("Документ с таким идентификатором этой системой не выдавался"));
    // The id typed into the form leads to the same page; a wrong one is said next to the field.
    visitor.open("/verify").await;
    visitor.fill("#id", "no such/document").await;
    visitor.click_to("#check-id", "a wrong id").await;
    assert!(visitor.text("#id-error").await.contains("не идентификатор"));
    let id = path.trim_start_matches("/verify/");
    visitor.fill("#id", id).await;
    visitor.click_to("#check-id", "the id typed").await;
    assert!(visitor.url().await.ends_with(&format!("/verify/{id}")));
    assert_eq!(verdict(&visitor).await, "true");

    // The file itself, uploaded: valid; one byte changed, not valid; not a PDF, said at the field.
    upload(&visitor, &pdf, "info.pdf").await;
    assert_eq!(verdict(&visitor).await, "true");
    assert_eq!(visitor.text("#file-lang").await, "на казахском языке");
    let mut changed = pdf.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    upload(&visitor, &changed, "changed.pdf").await;
    assert_eq!(verdict(&visitor).await, "false");
    assert!(visitor
        .text("#reason")
        .await
        .contains("не является документом, выданным этой системой, или он был изменён"));
    upload(&visitor, b"just text", "note.txt").await;
    assert!(visitor
        .text("#file-error")
        .await
        .contains("не в формате PDF"));

    visitor.close().await;
    browser.close().await;
}

#[tokio::test]
async fn the_specialist_of_the_issuing_center_sees_the_documents_on_the_card() {
    let app = TestApp::spawn().await;
    let person = iin("880412", 3, 4202);
    let (token, _) = app
        .job_seeker("bolat@example.kz", &person, json!({}), json!({}))
        .await;
    let (status, info) = app
        .post("/api/v1/me/unemployed-info", Some(&token), json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{info}");
    let document = info["document_id"]
        .as_str()
        .expect("a document")
        .to_string();
    let specialist = app.specialist("spec.kok", CENTER).await;

    let browser = Browser::start(&app.base, "documents-card").await;
    browser
        .sign_in(Some("ru"), "spec.kok", "staff-pass-1")
        .await;
    browser.open("/workspace").await;
    browser.fill("#iin", &person).await;
    browser
        .click_to("form[action=\"/workspace/find\"] button", "the card")
        .await;
    let section = browser
        .text("section[aria-labelledby=documents-title]")
        .await;
    assert!(section.contains("приказ 214, приложение 9"), "{section}");
    assert!(section.contains("приказ 214, приложение 4"), "{section}");
    let row = format!("#document-{document}");
    let link = href(&browser, &format!("{row} a.pdf-ru")).await;
    assert_eq!(link, format!("/workspace/documents/{document}/pdf?lang=ru"));
    let (status, kind, _, pdf) = fetch(&app, &browser, &link).await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
    assert!(pdf.starts_with(b"%PDF-"));
    // The staff read is audited.
    let audit = app
        .audit(&format!("entity=document&entity_id={document}"))
        .await;
    assert!(
        strings(&audit, "action").contains(&"read"),
        "the read is in the audit trail: {audit}"
    );

    // Corrected, it verifies as replaced and leads to the new document, which lapses after its
    // 30 days (214 App.9).
    let (status, corrected) = app
        .post(
            &format!("/api/v1/documents/{document}/corrections"),
            Some(&specialist),
            json!({ "person_name": "Ахметов Болат Серикович", "reason": "the name misspelt" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{corrected}");
    let new = corrected["document_id"].as_str().expect("the new document");
    browser.open(&format!("/verify/{document}")).await;
    assert_eq!(verdict(&browser).await, "false");
    assert!(browser
        .text("#reason")
        .await
        .contains("Он заменён исправленным документом"));
    browser
        .click_to("#replaced-by", "the document that replaces it")
        .await;
    assert!(browser.url().await.ends_with(&format!("/verify/{new}")));
    assert_eq!(verdict(&browser).await, "true");
    app.set_clock("2026-04-17T10:00:00+05:00").await;
    browser.open(&format!("/verify/{new}")).await;
    assert_eq!(verdict(&browser).await, "false");
    assert_eq!(
        browser.text("#reason").await.replace('\u{a0}', " "),
        "Срок его действия истёк: он действовал по 16 апреля 2026 г. включительно."
    );
    assert!(browser.text("#valid-until").await.contains("срок истёк"));

    // A specialist of another center is kept out of the file.
    app.specialist("spec.burabay", "cc-burabay").await;
    let other = Browser::start(&app.base, "documents-card-other").await;
    other
        .sign_in(Some("ru"), "spec.burabay", "staff-pass-1")
        .await;
    other.open("/workspace").await;
    let (status, _, _, _) = fetch(&app, &other, &link).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    other.close().await;
    browser.close().await;
}

#[tokio::test]
async fn an_upload_needs_its_form_token_and_a_file_above_the_limit_is_said_on_the_form() {
    let app = TestApp::spawn().await;
    let browser = Browser::start(&app.base, "documents-upload").await;
    browser.open("/verify").await;
    browser.switch_to("en").await;
    let nonce = browser
        .client
        .get_named_cookie("enbek_csrf")
        .await
        .expect("the CSRF cookie");
    let token = browser
        .find("form[enctype] input[name=csrf]")
        .await
        .attr("value")
        .await
        .expect("an attribute")
        .expect("the token");
    let send = |token: Option<String>, size: usize| {
        let mut form = reqwest::multipart::Form::new();
        if let Some(token) = token {
            form = form.text("csrf", token);
        }
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.resize(size, b' ');
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(pdf).file_name("big.pdf"),
        );
        app.client
            .post(format!("{}/verify", app.base))
            .header(
                "cookie",
                format!("enbek_csrf={}; enbek_lang=en", nonce.value()),
            )
            .multipart(form)
            .send()
    };

    // Without the form's token: refused, whatever the file.
    let answer = send(None, 1024).await.expect("an answer");
    assert_eq!(answer.status(), StatusCode::FORBIDDEN);

    // With it: a PDF of no document is checked and not valid; one above the limit (16 MB) is
    // said on the form.
    let answer = send(Some(token.clone()), 1024).await.expect("an answer");
    assert_eq!(answer.status(), StatusCode::OK);
    let page = answer.text().await.expect("a page");
    assert!(page.contains("data-valid=\"false\""), "{page}");
    assert!(
        page.contains("This file is not a document issued by this service"),
        "{page}"
    );
    let answer = send(Some(token), 17 * 1024 * 1024)
        .await
        .expect("an answer");
    assert_eq!(answer.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = answer.text().await.expect("a page");
    assert!(
        page.contains(
            "The file is too large: the PDF and its signature together may be at most 16 MB."
        ),
        "{page}"
    );
    assert!(page.contains("id=\"file-error\""), "{page}");
    browser.close().await;
}
