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
    statuses: { verifying: "Тексерілуде", pending_review: "Мансап орталығында қаралуда", job_seeker: "Жұмыс іздеуші",
      unemployed: "Жұмыссыз", refused: "Бас тартылды", deregistered: "Есептен шығарылды", closed: "Тоқтатылды", employed: "Жұмысқа орналасты" },
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
    statuses: { verifying: "На проверке", pending_review: "На рассмотрении в карьерном центре", job_seeker: "Ищущий работу",
      unemployed: "Безработный", refused: "Отказано", deregistered: "Снят с учёта", closed: "Прекращена", employed: "Трудоустроен" },
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
    statuses: { verifying: "Being checked", pending_review: "Under review at the career center", job_seeker: "Job seeker",
      unemployed: "Unemployed", refused: "Refused", deregistered: "Deregistered", closed: "Closed", employed: "Employed" },
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

function showRegistration(r) {
  const fields = $("#registration-fields");
  fields.replaceChildren();
  const rows = [
    [t("status"), t("statuses")[r.status] || r.status],
    [t("category"), r.category],
    [t("since"), r.job_seeker_since],
    [t("received"), r.received_at && new Date(r.received_at).toLocaleString(lang)],
    [t("due"), r.status === "verifying" || r.status === "pending_review" ? new Date(r.due_at).toLocaleString(lang) : null],
    [t("refusal"), r.refusal_notice && r.refusal_notice[`ground_${lang}`]],
  ];
  for (const [name, value] of rows) {
    if (!value) continue;
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = name;
    dd.textContent = value;
    fields.append(dt, dd);
  }
  $("#registration").hidden = false;
  const active = ["job_seeker", "unemployed"].includes(r.status);
  $("#close-form").hidden = !active;
  $("#apply-form").hidden = active || ["verifying", "pending_review"].includes(r.status);
}

async function refresh() {
  const me = await api("GET", "/api/v1/me");
  const signedIn = me.status === 200;
  $("#signed-out").hidden = signedIn;
  $("#signed-in").hidden = !signedIn;
  if (!signedIn) return;
  $("#me").textContent = me.body.login;
  const registration = await api("GET", "/api/v1/me/registration");
  if (registration.status === 200) showRegistration(registration.body);
  else {
    $("#registration").hidden = true;
    $("#apply-form").hidden = false;
  }
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
    await Promise.all([fillSelect($("#centers"), "/api/v1/organizations?kind=career_center"), fillSelect($("#close-reasons"), "/api/v1/classifiers/close_reason"), refresh()]);
  });
}

applyLanguage();
fillSelect($("#centers"), "/api/v1/organizations?kind=career_center");
fillSelect($("#close-reasons"), "/api/v1/classifiers/close_reason");
refresh();
