// The citizen's page: sign-up, sign-in, the job-seeker application, its status, notices and
// closing, in Kazakh, Russian and English. Everything goes through the public JSON API.
"use strict";

const TEXTS = {
  kk: {
    title: "Еңбек биржасы", signIn: "Кіру", signUp: "Тіркелу", signOut: "Шығу", login: "Email немесе +7 ұялы нөмір",
    password: "Құпиясөз (кемінде 8 таңба)", terms: "Пайдаланушы келісімін қабылдаймын", signedInAs: "Сіз кірдіңіз:",
    myRegistration: "Менің тіркелуім", apply: "Жұмыс іздеуші ретінде тіркелуге өтініш", iin: "ЖСН",
    center: "Тұрғылықты жердегі мансап орталығы", phone: "Ұялы телефон", email: "Email (міндетті емес)",
    publish: "Түйіндемемді enbek.kz-те жариялау", outsourcing: "Жеке жұмыспен қамту агенттіктері арқылы көмек алуға келісім",
    consent: "Дербес деректерді өңдеуге келісемін", send: "Жіберу", close: "Тіркелуді тоқтату", reason: "Себебі",
    notifications: "Хабарламалар", none: "Хабарлама жоқ", created: "Есептік жазба құрылды. Енді кіріңіз.",
    sent: "Өтініш жіберілді.", closed: "Тіркелу тоқтатылды.",
    status: "Күйі", category: "Санаты", since: "Жұмыс іздеуші ретінде", received: "Өтініш қабылданды", due: "Мерзімі",
    refusal: "Бас тарту негізі",
    unemployedSince: "Жұмыссыз ретінде",
    info: "Жұмыссыз ретінде тіркелу туралы ақпарат",
    requestInfo: "Ақпарат алу",
    registered: "Тіркелген",
    notRegistered: "Тіркелмеген",
    validUntil: "Жарамды",
    jobloss: "Жұмысынан айырылған жағдайдағы әлеуметтік төлем",
    iban: "Банктік шот (IBAN)",
    amount: "Айына күтілетін сома, теңге",
    duration: "Төлем айлары",
    plan: "Жұмысқа орналастырудың жеке жоспары",
    sign: "Жоспарға қол қою",
    signedOn: "Сіз қол қойдыңыз",
    change: "Өзгеріс туралы хабарлау",
    changeKind: "Өзгеріс",
    occurredOn: "Болған күні",
    details: "Толығырақ (міндетті емес)",
    reported: "Хабарлама жіберілді.",
    late: "мерзімі өткен",
    overdue: "мерзімі өтті",
    changes: { moved: "Тұрғылықты жерді ауыстыру", employed: "Жұмысқа орналасу", entrepreneur: "Кәсіпкерлік", founder: "Ұйымның құрылтайшысы", disability: "Мүгедектік тобы", pension: "Зейнетақы тағайындалды" },
    payment: { checking: "Тексерілуде", not_eligible: "Құқық жоқ", sent_to_fund: "Қорға жіберілді" },
    offers: "Жұмыс ұсыныстары",
    accept: "Келісемін",
    refuse: "Бас тартамын",
    answerBy: "Жауап беру мерзімі",
    interview: "Сұхбат",
    declineInterview: "Сұхбаттан бас тарту",
    offerStatuses: { pending: "Жауап күтілуде", accepted: "Жұмыс берушіге жіберілді", refused: "Бас тартылды", hired: "Жұмысқа қабылданды", rejected: "Қабылданбады" },
    statuses: { verifying: "Тексерілуде", pending_review: "Мансап орталығында қаралуда", job_seeker: "Жұмыс іздеуші",
      unemployed: "Жұмыссыз", refused: "Бас тартылды", deregistered: "Есептен шығарылды", closed: "Тоқтатылды", employed: "Жұмысқа орналасты" },
    prove: "Жеке басыңызды растаңыз", proveWhy: "Мемлекеттік қызметке өтініш беру үшін ЖСН-іңізді растаңыз: код мобильді азаматтар базасында тіркелген телефонға жіберіледі.",
    sendCode: "Код жіберу", code: "SMS коды", confirm: "Растау", codeSent: "Код мына нөмірге жіберілді:", proven: "ЖСН расталды.",
  },
  ru: {
    title: "Электронная биржа труда", signIn: "Войти", signUp: "Регистрация", signOut: "Выйти", login: "Email или мобильный номер +7",
    password: "Пароль (не менее 8 символов)", terms: "Принимаю пользовательское соглашение", signedInAs: "Вы вошли как",
    myRegistration: "Моя регистрация", apply: "Заявление о регистрации в качестве ищущего работу", iin: "ИИН",
    center: "Карьерный центр по месту жительства", phone: "Мобильный телефон", email: "Email (необязательно)",
    publish: "Опубликовать моё резюме на enbek.kz", outsourcing: "Согласен на помощь частных агентств занятости",
    consent: "Согласен на обработку персональных данных", send: "Отправить", close: "Прекратить регистрацию", reason: "Причина",
    notifications: "Уведомления", none: "Уведомлений нет", created: "Учётная запись создана. Теперь войдите.",
    sent: "Заявление отправлено.", closed: "Регистрация прекращена.",
    status: "Статус", category: "Категория", since: "Ищущий работу с", received: "Заявление принято", due: "Срок",
    refusal: "Основание отказа",
    unemployedSince: "Безработный с",
    info: "Сведения о регистрации в качестве безработного",
    requestInfo: "Получить сведения",
    registered: "Зарегистрирован",
    notRegistered: "Не зарегистрирован",
    validUntil: "Действительны до",
    jobloss: "Социальная выплата на случай потери работы",
    iban: "Банковский счёт (IBAN)",
    amount: "Ожидаемая сумма в месяц, тенге",
    duration: "Месяцев выплаты",
    plan: "Индивидуальный план трудоустройства",
    sign: "Подписать план",
    signedOn: "Вы подписали",
    change: "Сообщить об изменениях",
    changeKind: "Изменение",
    occurredOn: "Дата",
    details: "Подробности (необязательно)",
    reported: "Сообщение отправлено.",
    late: "с опозданием",
    overdue: "просрочено",
    changes: { moved: "Смена места жительства", employed: "Трудоустройство", entrepreneur: "Предпринимательство", founder: "Учредитель организации", disability: "Группа инвалидности", pension: "Назначена пенсия" },
    payment: { checking: "Проверяется", not_eligible: "Нет права", sent_to_fund: "Направлено в фонд" },
    offers: "Предложения работы",
    accept: "Согласен",
    refuse: "Отказываюсь",
    answerBy: "Ответить до",
    interview: "Собеседование",
    declineInterview: "Отказаться от собеседования",
    offerStatuses: { pending: "Ожидает ответа", accepted: "Направлено работодателю", refused: "Отказ", hired: "Принят на работу", rejected: "Не принят" },
    statuses: { verifying: "На проверке", pending_review: "На рассмотрении в карьерном центре", job_seeker: "Ищущий работу",
      unemployed: "Безработный", refused: "Отказано", deregistered: "Снят с учёта", closed: "Прекращена", employed: "Трудоустроен" },
    prove: "Подтвердите личность", proveWhy: "Чтобы подавать заявления на госуслуги, подтвердите ИИН: код придёт на телефон, зарегистрированный в базе мобильных граждан.",
    sendCode: "Отправить код", code: "Код из SMS", confirm: "Подтвердить", codeSent: "Код отправлен на номер", proven: "ИИН подтверждён.",
  },
  en: {
    title: "Electronic Labor Exchange", signIn: "Sign in", signUp: "Create an account", signOut: "Sign out", login: "E-mail or +7 mobile number",
    password: "Password (at least 8 characters)", terms: "I accept the user agreement", signedInAs: "Signed in as",
    myRegistration: "My registration", apply: "Apply to register as a job seeker", iin: "IIN",
    center: "Career center where you live", phone: "Mobile phone", email: "E-mail (optional)",
    publish: "Publish my resume on enbek.kz", outsourcing: "I accept help from private employment agencies",
    consent: "I consent to the processing of my personal data", send: "Send", close: "Close my registration", reason: "Reason",
    notifications: "Notifications", none: "No notifications", created: "Your account is ready. Please sign in.",
    sent: "Your application was sent.", closed: "Your registration is closed.",
    status: "Status", category: "Category", since: "Job seeker since", received: "Application received", due: "Due",
    refusal: "Ground of refusal",
    unemployedSince: "Unemployed since",
    info: "Information on registration as unemployed",
    requestInfo: "Get the information",
    registered: "Registered",
    notRegistered: "Not registered",
    validUntil: "Valid until",
    jobloss: "Job-loss social payment",
    iban: "Bank account (IBAN)",
    amount: "Expected monthly amount, KZT",
    duration: "Months of payment",
    plan: "Individual employment plan",
    sign: "Sign the plan",
    signedOn: "You signed on",
    change: "Report a change",
    changeKind: "Change",
    occurredOn: "Date",
    details: "Details (optional)",
    reported: "Your report was sent.",
    late: "late",
    overdue: "overdue",
    changes: { moved: "A change of residence", employed: "A job", entrepreneur: "Entrepreneurship", founder: "Founder of an organisation", disability: "A disability group", pension: "A pension granted" },
    payment: { checking: "Being checked", not_eligible: "No right", sent_to_fund: "Sent to the fund" },
    offers: "Job offers",
    accept: "Accept",
    refuse: "Refuse",
    answerBy: "Answer by",
    interview: "Interview",
    declineInterview: "Decline the interview",
    offerStatuses: { pending: "Awaiting your answer", accepted: "Sent to the employer", refused: "Refused", hired: "Hired", rejected: "Not hired" },
    statuses: { verifying: "Being checked", pending_review: "Under review at the career center", job_seeker: "Job seeker",
      unemployed: "Unemployed", refused: "Refused", deregistered: "Deregistered", closed: "Closed", employed: "Employed" },
    prove: "Prove your identity", proveWhy: "To apply for public services, prove your IIN: a code goes to the phone registered for it in the mobile-citizens database.",
    sendCode: "Send the code", code: "Code from the SMS", confirm: "Confirm", codeSent: "The code was sent to", proven: "Your IIN is proven.",
  },
};

const $ = (selector) => document.querySelector(selector);
let lang = localStorage.getItem("lang") || (navigator.language || "kk").slice(0, 2);
if (!TEXTS[lang]) lang = "kk";
const t = (key) => TEXTS[lang][key];

async function api(method, path, body) {
  const headers = { "Accept-Language": lang };
  const token = sessionStorage.getItem("token");
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function say(text, isError) {
  const message = $("#message");
  message.textContent = text;
  message.className = isError ? "error" : "";
}

function problem(answer) {
  const p = answer.body || {};
  say([p.title, p.detail].filter(Boolean).join(": ") || String(answer.status), true);
}

function formJson(form) {
  const out = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === "checkbox") out[element.name] = element.checked;
    else if (element.value.trim() !== "") out[element.name] = element.value.trim();
  }
  return out;
}

function localName(item) {
  return item[`name_${lang}`] || item.name_ru;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const element of document.querySelectorAll("[data-t]")) element.textContent = t(element.dataset.t);
  for (const button of document.querySelectorAll("[data-lang]")) button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
}

async function fillSelect(select, path) {
  const answer = await api("GET", path);
  select.replaceChildren();
  for (const item of answer.body || []) {
    const option = document.createElement("option");
    option.value = item.id || item.code;
    option.textContent = localName(item);
    select.append(option);
  }
}

function fillList(dl, rows) {
  dl.replaceChildren();
  for (const [name, value] of rows) {
    if (value === null || value === undefined || value === "") continue;
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = name;
    dd.textContent = value;
    dl.append(dt, dd);
  }
}

function showRegistration(r) {
  fillList($("#registration-fields"), [
    [t("status"), t("statuses")[r.status] || r.status],
    [t("category"), r.category],
    [t("since"), r.job_seeker_since],
    [t("received"), r.received_at && new Date(r.received_at).toLocaleString(lang)],
    [t("due"), r.status === "verifying" || r.status === "pending_review" ? new Date(r.due_at).toLocaleString(lang) : null],
    [t("refusal"), r.refusal_notice && r.refusal_notice[`ground_${lang}`]],
  ]);
  $("#registration").hidden = false;
  $("#unemployed").hidden = r.status !== "unemployed";
  const active = ["job_seeker", "unemployed"].includes(r.status);
  $("#close-form").hidden = !active;
  $("#apply-form").hidden = active || ["verifying", "pending_review"].includes(r.status);
}


async function showPayment() {
  const answer = await api("GET", "/api/v1/me/jobloss-payment");
  const form = $("#jobloss-form");
  if (answer.status !== 200) {
    fillList($("#jobloss-fields"), []);
    for (const el of form.querySelectorAll("label, button")) el.hidden = false;
    return;
  }
  const p = answer.body;
  const a = p.assessment || {};
  fillList($("#jobloss-fields"), [
    [t("status"), t("payment")[p.status] || p.status],
    [t("iban"), p.iban],
    [t("amount"), a.monthly_amount],
    [t("duration"), a.duration_months || null],
  ]);
  for (const el of form.querySelectorAll("label, button")) el.hidden = true;
}

async function showPlan() {
  const answer = await api("GET", "/api/v1/me/plan");
  $("#plan").hidden = answer.status !== 200;
  if (answer.status !== 200) return;
  const plan = answer.body;
  $("#plan-goal").textContent = plan.goal;
  const list = $("#plan-items");
  list.replaceChildren();
  for (const item of plan.items) {
    const li = document.createElement("li");
    const time = document.createElement("time");
    time.textContent = item.due_on + (item.overdue ? ` (${t("overdue")})` : "");
    li.append(time, [item.action, item.note].filter(Boolean).join(": "));
    list.append(li);
  }
  const button = $("#sign-button");
  button.hidden = Boolean(plan.signed_by_person_at);
  if (plan.signed_by_person_at) {
    const p = document.createElement("p");
    p.textContent = `${t("signedOn")} ${new Date(plan.signed_by_person_at).toLocaleString(lang)}`;
    list.append(p);
  }
}

function fillChanges() {
  const select = $("#change-kinds");
  select.replaceChildren();
  for (const [code, name] of Object.entries(t("changes"))) {
    const option = document.createElement("option");
    option.value = code;
    option.textContent = name;
    select.append(option);
  }
}

async function showOffers() {
  const answer = await api("GET", "/api/v1/me/offers");
  const offers = answer.status === 200 ? answer.body : [];
  $("#offers").hidden = offers.length === 0;
  const list = $("#offer-list");
  list.replaceChildren();
  for (const o of offers) {
    const li = document.createElement("li");
    const title = document.createElement("strong");
    title.textContent = o.vacancy ? `${o.vacancy.title} — ${o.vacancy.employer_name}` : o.vacancy_id;
    const details = document.createElement("time");
    const lines = [t("offerStatuses")[o.status] || o.status];
    if (o.status === "pending") lines.push(`${t("answerBy")}: ${new Date(o.answer_due).toLocaleString(lang)}`);
    if (o.interview_at) lines.push(`${t("interview")}: ${new Date(o.interview_at).toLocaleString(lang)}, ${o.interview_place}`);
    details.textContent = lines.join(" · ");
    li.append(title, details);
    const act = (label, path, body) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = t(label);
      button.addEventListener("click", async () => {
        say("");
        const result = await api("POST", path, body);
        if (result.status !== 200) return problem(result);
        await refresh();
      });
      li.append(" ", button);
    };
    if (o.status === "pending") {
      act("accept", `/api/v1/offers/${o.id}/answer`, { accept: true });
      act("refuse", `/api/v1/offers/${o.id}/answer`, { accept: false });
    }
    if (o.status === "accepted" && o.interview_at && !o.interview_declined_at) {
      act("declineInterview", `/api/v1/offers/${o.id}/interview/decline`, {});
    }
    list.append(li);
  }
}

async function refresh() {
  const me = await api("GET", "/api/v1/me");
  const signedIn = me.status === 200;
  $("#signed-out").hidden = signedIn;
  $("#signed-in").hidden = !signedIn;
  if (!signedIn) return;
  $("#me").textContent = me.body.login;
  // An account acts for an IIN only once it is proven.
  $("#proof-form").hidden = me.body.iin_bound;
  if (me.body.iin_bound) $("#code-form").hidden = true;
  const registration = await api("GET", "/api/v1/me/registration");
  if (registration.status === 200) showRegistration(registration.body);
  else {
    $("#registration").hidden = true;
    $("#unemployed").hidden = true;
    $("#apply-form").hidden = !me.body.iin_bound;
  }
  if (registration.status === 200 && registration.body.status === "unemployed") {
    await Promise.all([showPayment(), showPlan()]);
  }
  await showOffers();
  const notices = await api("GET", "/api/v1/me/notifications");
  const list = $("#notifications");
  list.replaceChildren();
  for (const n of (notices.body || []).filter((n) => n.channel === "cabinet")) {
    const item = document.createElement("li");
    const time = document.createElement("time");
    time.textContent = new Date(n.created_at).toLocaleString(lang);
    item.append(time, n.text);
    list.append(item);
  }
  if (!list.children.length) list.textContent = t("none");
}

function onSubmit(selector, handler) {
  $(selector).addEventListener("submit", async (event) => {
    event.preventDefault();
    say("");
    await handler(event.target);
  });
}

onSubmit("#login-form", async (form) => {
  const answer = await api("POST", "/api/v1/sessions", formJson(form));
  if (answer.status !== 200) return problem(answer);
  sessionStorage.setItem("token", answer.body.token);
  form.reset();
  await refresh();
});

onSubmit("#signup-form", async (form) => {
  const answer = await api("POST", "/api/v1/accounts", { ...formJson(form), locale: lang });
  if (answer.status !== 201) return problem(answer);
  $("#login-form").elements.login.value = form.elements.login.value;
  form.reset();
  say(t("created"));
});

let proofId = null;

onSubmit("#proof-form", async (form) => {
  const answer = await api("POST", "/api/v1/identity-proofs", { ...formJson(form), method: "sms" });
  if (answer.status !== 201) return problem(answer);
  proofId = answer.body.proof_id;
  $("#apply-form").elements.iin.value = form.elements.iin.value;
  $("#code-sent").textContent = `${t("codeSent")} ${answer.body.phone_masked}`;
  $("#code-form").hidden = false;
  $("#code-form").elements.code.focus();
});

onSubmit("#code-form", async (form) => {
  const answer = await api("POST", "/api/v1/identity-proofs/complete", { proof_id: proofId, code: form.elements.code.value.trim() });
  if (answer.status !== 200) return problem(answer);
  form.reset();
  say(t("proven"));
  await refresh();
});

onSubmit("#apply-form", async (form) => {
  const answer = await api("POST", "/api/v1/registrations", formJson(form));
  if (answer.status !== 201) return problem(answer);
  say(t("sent"));
  await refresh();
});

onSubmit("#close-form", async (form) => {
  const answer = await api("POST", "/api/v1/me/registration/close", formJson(form));
  if (answer.status !== 200) return problem(answer);
  say(t("closed"));
  await refresh();
});

$("#info-button").addEventListener("click", async () => {
  say("");
  const answer = await api("POST", "/api/v1/me/unemployed-info", {});
  if (answer.status !== 201) return problem(answer);
  const i = answer.body;
  fillList($("#info-fields"), [
    [t("status"), i.registered ? t("registered") : t("notRegistered")],
    [t("unemployedSince"), i.unemployed_since],
    [t("validUntil"), i.valid_until],
    ["№", i.document_id],
  ]);
});

onSubmit("#jobloss-form", async (form) => {
  const answer = await api("POST", "/api/v1/me/jobloss-payment", formJson(form));
  if (answer.status !== 201) return problem(answer);
  form.reset();
  await showPayment();
});

$("#sign-button").addEventListener("click", async () => {
  say("");
  const answer = await api("POST", "/api/v1/me/plan/sign", {});
  if (answer.status !== 200) return problem(answer);
  await showPlan();
});

onSubmit("#change-form", async (form) => {
  const answer = await api("POST", "/api/v1/me/circumstances", formJson(form));
  if (answer.status !== 201) return problem(answer);
  form.reset();
  say(t("reported") + (answer.body.reported_late ? ` (${t("late")})` : ""));
});

$("#logout").addEventListener("click", async () => {
  await api("DELETE", "/api/v1/sessions/current");
  sessionStorage.removeItem("token");
  say("");
  await refresh();
});

for (const button of document.querySelectorAll("[data-lang]")) {
  button.addEventListener("click", async () => {
    lang = button.dataset.lang;
    localStorage.setItem("lang", lang);
    applyLanguage();
    fillChanges();
    await Promise.all([fillSelect($("#centers"), "/api/v1/organizations?kind=career_center"), fillSelect($("#close-reasons"), "/api/v1/classifiers/close_reason"), refresh()]);
  });
}

applyLanguage();
fillChanges();
fillSelect($("#centers"), "/api/v1/organizations?kind=career_center");
fillSelect($("#close-reasons"), "/api/v1/classifiers/close_reason");
refresh();
