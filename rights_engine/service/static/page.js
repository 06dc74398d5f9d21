// The worker's page: a situation filled in a form (and in YAML for the rest), evaluated by this
// service, its report shown, its questions answered. Everything lives in this page's memory and
// goes to this service only (the Content-Security-Policy forbids any other address); nothing is
// written to the browser's storage.

const ROLE_LABELS = {
  applicant: "Demandeur ou demandeuse",
  partner: "Conjoint ou conjointe",
  child: "Enfant",
  other: "Autre personne du foyer",
};
const OBSERVATIONS = [
  ["no_shelter_tonight", "Sans solution pour dormir cette nuit"],
  ["domestic_violence", "Violences au sein du couple ou de la famille"],
  ["in_immediate_danger", "Danger immédiat pour une personne ou un enfant"],
  ["child_at_risk_reported", "Éléments laissant craindre qu'un enfant soit en danger"],
  ["parents_overwhelmed", "Parents dépassés, demandeurs d'un soutien"],
];
const INCOMES = [
  ["salary", "Salaires"],
  ["unemployment", "Allocations chômage"],
  ["pension", "Retraites"],
  ["other", "Autres ressources"],
];
const VERDICT_LABELS = { likely: "droit probable", to_confirm: "à confirmer", unlikely: "peu probable" };
const URGENCY_LABELS = {
  emergency: "urgence immédiate",
  high: "urgence haute",
  normal: "urgence normale",
};
const REASON_MARKS = { met: "✓", not_met: "✗", unknown: "?", not_required: "–" };
const REASON_WORDS = {
  met: "remplie",
  not_met: "non remplie",
  unknown: "inconnue",
  not_required: "non requise",
};
const MONTHS = [
  "janvier", "février", "mars", "avril", "mai", "juin",
  "juillet", "août", "septembre", "octobre", "novembre", "décembre",
];

const state = {
  situation: { schema: 1, household: {}, people: [{ id: "demandeur", role: "applicant" }] },
  facts: {},
  token: null,
  report: null,
  yamlDirty: false,
};

const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// ---- the service ----------------------------------------------------------------------------

async function api(method, path, body, contentType = "application/json") {
  const headers = { Accept: "application/json" };
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  if (body !== undefined) headers["Content-Type"] = contentType;
  const response = await fetch(path, { method, headers, body, cache: "no-store" });
  if (response.status === 401) {
    $("acces").hidden = false;
    $("token").focus();
  }
  const data = await response.json().catch(() => null);
  return { status: response.status, data };
}

// ---- paths in the situation -----------------------------------------------------------------

function splitPath(path) {
  return path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function getPath(object, path) {
  let node = object;
  for (const key of splitPath(path)) {
    if (node === null || node === undefined) return undefined;
    node = node[key];
  }
  return node;
}

function setPath(object, path, value) {
  const keys = splitPath(path);
  let node = object;
  keys.slice(0, -1).forEach((key, index) => {
    if (node[key] === undefined || node[key] === null) {
      node[key] = typeof keys[index + 1] === "number" ? [] : {};
    }
    node = node[key];
  });
  node[keys[keys.length - 1]] = value;
}

function deletePath(object, path) {
  const keys = splitPath(path);
  const parent = getPath(object, keys.slice(0, -1).join("."));
  if (parent && typeof parent === "object") delete parent[keys[keys.length - 1]];
}

function fromInput(input) {
  const kind = input.dataset.kind;
  const raw = input.value.trim();
  if (raw === "") return undefined;
  if (kind === "number") return Number(raw);
  if (kind === "integer") return Number.parseInt(raw, 10);
  if (kind === "boolean") return raw === "true";
  return raw;
}

function toInput(input, value) {
  if (value === undefined || value === null) input.value = "";
  else input.value = String(value);
}

// ---- the form -------------------------------------------------------------------------------

function choicesOf(fact, position = 0) {
  const entry = state.facts[fact];
  return entry ? entry.fields[position].choices : [];
}

function fillSelect(select, choices, emptyLabel = "Non renseigné") {
  select.replaceChildren(el("option", { value: "", text: emptyLabel }));
  for (const [value, label] of choices) select.append(el("option", { value, text: label }));
}

function field(id, label, control) {
  control.id = id;
  return el("div", { className: "field" }, el("label", { for: id, text: label }), control);
}

function boundInput(path, kind, attributes = {}) {
  return el("input", { "data-path": path, "data-kind": kind, ...attributes });
}

function boundSelect(path, kind, choices) {
  const select = el("select", { "data-path": path, "data-kind": kind });
  fillSelect(select, choices);
  return select;
}

const YES_NO = [["true", "Oui"], ["false", "Non"]];

function renderPeople() {
  const container = $("people");
  container.replaceChildren();
  state.situation.people.forEach((person, index) => {
    const p = `people.${index}`;
    const id = (name) => `p${index}-${name}`;
    const incomesKnown = el("input", { type: "checkbox", id: id("incomes-known"), "data-incomes": index });
    const incomes = el(
      "fieldset",
      { className: "incomes" },
      el("legend", { text: "Ressources mensuelles (moyenne des 3 derniers mois)" }),
      el(
        "div",
        { className: "check" },
        incomesKnown,
        el("label", {
          for: id("incomes-known"),
          text: "Ressources connues (un montant laissé vide compte pour 0)",
        }),
      ),
      el(
        "div",
        { className: "grid" },
        INCOMES.map(([key, label]) =>
          field(
            id(`incomes-${key}`),
            `${label} (€/mois)`,
            boundInput(`${p}.incomes.${key}`, "number", {
              type: "number", min: "0", step: "0.01", "data-income-of": index,
            }),
          ),
        ),
      ),
    );
    const remove = el("button", {
      type: "button",
      className: "secondary",
      text: `Retirer la personne ${index + 1}`,
    });
    remove.addEventListener("click", () => {
      readForm();
      state.situation.people.splice(index, 1);
      renderForm();
    });
    container.append(
      el(
        "fieldset",
        { className: "person" },
        el("legend", { text: `Personne ${index + 1}` }),
        el(
          "div",
          { className: "grid" },
          field(id("id"), "Identifiant pseudonyme", boundInput(`${p}.id`, "text", { autocomplete: "off" })),
          field(id("role"), "Rôle", boundSelect(`${p}.role`, "choice", Object.entries(ROLE_LABELS))),
          field(id("birth_date"), "Date de naissance", boundInput(`${p}.birth_date`, "date", { type: "date" })),
          field(id("nationality"), "Nationalité", boundSelect(`${p}.nationality`, "choice", choicesOf("nationality"))),
          field(id("activity"), "Situation professionnelle", boundSelect(`${p}.activity`, "choice", choicesOf("activity"))),
        ),
        incomes,
        index > 0 ? remove : null,
      ),
    );
  });
}

function renderObservations() {
  const container = $("observations");
  container.replaceChildren(
    ...OBSERVATIONS.map(([key, label]) =>
      field(`obs-${key}`, label, boundSelect(`household.observations.${key}`, "boolean", YES_NO)),
    ),
  );
}

function renderForm() {
  fillSelect($("housing-status"), choicesOf("housing_status"));
  renderPeople();
  renderObservations();
  for (const input of $("situation-form").querySelectorAll("[data-path]")) {
    toInput(input, getPath(state.situation, input.dataset.path));
  }
  state.situation.people.forEach((person, index) => {
    const known = person.incomes !== undefined && person.incomes !== null;
    $(`p${index}-incomes-known`).checked = known;
    setIncomesEnabled(index, known);
  });
  refreshYaml();
}

function setIncomesEnabled(index, enabled) {
  for (const input of document.querySelectorAll(`[data-income-of="${index}"]`)) {
    input.disabled = !enabled;
  }
}

function readForm() {
  const situation = state.situation;
  for (const input of $("situation-form").querySelectorAll("[data-path]")) {
    if (input.dataset.incomeOf !== undefined) continue;
    const value = fromInput(input);
    if (value === undefined) deletePath(situation, input.dataset.path);
    else setPath(situation, input.dataset.path, value);
  }
  situation.people.forEach((person, index) => {
    if (!$(`p${index}-incomes-known`).checked) {
      delete person.incomes;
      return;
    }
    person.incomes = person.incomes || {};
    for (const input of document.querySelectorAll(`[data-income-of="${index}"]`)) {
      const value = fromInput(input);
      if (value === undefined) deletePath(situation, input.dataset.path);
      else setPath(situation, input.dataset.path, value);
    }
  });
}

// ---- YAML -----------------------------------------------------------------------------------

function isEmptyContainer(value) {
  return (
    value !== null && typeof value === "object" && Object.keys(value).length === 0
  );
}

function inline(value) {
  if (isEmptyContainer(value)) return Array.isArray(value) ? "[]" : "{}";
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

function nested(value) {
  return value !== null && typeof value === "object" && !isEmptyContainer(value);
}

// Block YAML that the service's safe reader reads back: strings are always quoted.
function toYaml(value, pad = "") {
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        nested(item) ? `${pad}- ${toYaml(item, `${pad}  `).slice(pad.length + 2)}` : `${pad}- ${inline(item)}`,
      )
      .join("\n");
  }
  return Object.entries(value)
    .map(([key, item]) =>
      nested(item) ? `${pad}${key}:\n${toYaml(item, `${pad}  `)}` : `${pad}${key}: ${inline(item)}`,
    )
    .join("\n");
}

function refreshYaml() {
  if (!state.yamlDirty) $("yaml").value = `${toYaml(state.situation)}\n`;
}

function showProblems(container, problems, withLines) {
  container.replaceChildren();
  if (!problems.length) return;
  container.append(
    el("p", { text: "La situation n'est pas valide :" }),
    el(
      "ul",
      {},
      problems.map((p) => {
        const where = [withLines && p.line ? `ligne ${p.line}` : null, p.field].filter(Boolean);
        return el("li", { text: `${where.join(", ")}${where.length ? " : " : ""}${p.message}` });
      }),
    ),
  );
}

async function applyYaml() {
  const { status, data } = await api("POST", "/v1/situation", $("yaml").value, "application/yaml");
  if (status !== 200) {
    showProblems($("yaml-problems"), problemsOf(data), true);
    $("yaml").focus();
    return false;
  }
  showProblems($("yaml-problems"), [], true);
  state.situation = data;
  state.yamlDirty = false;
  renderForm();
  say("Situation mise à jour depuis le YAML");
  return true;
}

function problemsOf(data) {
  if (data && Array.isArray(data.problems) && data.problems.length) return data.problems;
  return [{ line: null, field: null, message: (data && data.detail) || "le service n'a pas répondu" }];
}

// ---- evaluation and report ------------------------------------------------------------------

function say(message) {
  $("status").textContent = message;
}

function euros(value) {
  return new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(value);
}

function amountText(amount) {
  if (!amount) return "orientation, sans montant";
  const unit = amount.unit === "EUR/an" ? "/an" : "/mois";
  if (amount.minimum !== amount.maximum) {
    return `entre ${euros(amount.minimum)} et ${euros(amount.maximum)}${unit}`;
  }
  return `${euros(amount.minimum)}${unit}`;
}

function monthText(month) {
  const [year, number] = String(month).split("-");
  return MONTHS[Number(number) - 1] ? `${MONTHS[Number(number) - 1]} ${year}` : month;
}

function markInvalid(problems) {
  for (const input of $("situation-form").querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
  }
  let first = null;
  for (const problem of problems) {
    if (!problem.field) continue;
    const path = problem.field.replace(/\[(\d+)\]/g, ".$1");
    const input = $("situation-form").querySelector(`[data-path="${CSS.escape(path)}"]`);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      first = first || input;
    }
  }
  if (first) first.focus();
}

async function evaluate(focus) {
  if (state.yamlDirty && !(await applyYaml())) return;
  readForm();
  refreshYaml();
  say("Évaluation en cours…");
  const { status, data } = await api("POST", "/v1/orientation", JSON.stringify(state.situation));
  if (status !== 200) {
    const problems = problemsOf(data);
    showProblems($("form-problems"), problems, false);
    markInvalid(problems);
    say("La situation n'a pas pu être évaluée : voir les problèmes signalés");
    return;
  }
  showProblems($("form-problems"), [], false);
  markInvalid([]);
  state.report = data;
  renderReport(data);
  const toCheck = data.findings.filter((f) => f.verdict !== "unlikely").length;
  say(`Rapport à jour : ${toCheck} droits ou démarches à vérifier, ${data.questions.length} questions`);
  // Focus goes to the part of the report the worker acted on (a heading, focusable by script
  // only); when that part is gone (no question left), to the report's title.
  if (focus) ($(focus).closest("[hidden]") ? $("rapport-titre") : $(focus)).focus();
}

function findingLabel(programme) {
  const finding = state.report.findings.find((f) => f.programme === programme);
  return finding ? finding.label : programme;
}

function personText(id) {
  const person = state.situation.people.find((p) => p.id === id);
  if (!person) return id;
  return `${ROLE_LABELS[person.role] || "Personne"} « ${person.id} »`;
}

function renderSynthesis(report) {
  const container = $("synthesis");
  container.replaceChildren();
  const synthesis = report.synthesis;
  if (synthesis && typeof synthesis === "object") {
    renderLibrarySynthesis(container, synthesis);
    return;
  }
  // Without the library's synthesis: the emergencies, the likely rights, what is to confirm.
  const toCheck = report.findings.filter((f) => f.verdict !== "unlikely");
  const urgent = toCheck.filter((f) => f.urgency !== "normal");
  const likely = toCheck.filter((f) => f.verdict === "likely" && f.urgency === "normal");
  const toConfirm = toCheck.filter((f) => f.verdict === "to_confirm" && f.urgency === "normal");
  const item = (f) =>
    el("li", {}, el("strong", { text: f.label }), ` — ${VERDICT_LABELS[f.verdict]}, ${amountText(f.estimated_amount)}`);
  if (urgent.length) container.append(el("h4", { text: "En urgence" }), el("ul", {}, urgent.map(item)));
  if (likely.length) container.append(el("h4", { text: "Droits probables" }), el("ul", {}, likely.map(item)));
  if (toConfirm.length) {
    container.append(el("h4", { text: "À confirmer" }), el("ul", {}, toConfirm.map(item)));
  }
  if (!toCheck.length) container.append(el("p", { text: "Aucun droit ni aucune démarche à vérifier au vu des faits connus" }));
}

function renderLibrarySynthesis(container, synthesis) {
  const items = (list) =>
    el(
      "ul",
      {},
      list.map((entry) =>
        typeof entry === "string"
          ? el("li", { text: entry })
          : el(
              "li",
              {},
              el("strong", { text: entry.label || entry.question || entry.name || "" }),
              entry.amount ? ` — ${amountText(entry.amount)}` : "",
              entry.note ? ` — ${entry.note}` : "",
            ),
      ),
    );
  const sections = [
    ["emergencies", "En urgence"],
    ["likely", "Droits probables"],
    ["to_confirm", "À confirmer"],
    ["advice", "Conseils"],
  ];
  for (const [key, title] of sections) {
    const list = synthesis[key];
    if (Array.isArray(list) && list.length) container.append(el("h4", { text: title }), items(list));
  }
  if (typeof synthesis.monthly_total === "number" && synthesis.monthly_total > 0) {
    container.append(
      el("p", {}, "Montant mensuel possible au-delà de ce qui est déclaré : ", el("strong", { text: `${euros(synthesis.monthly_total)}/mois` })),
    );
  }
}

function answerControl(spec, id, current) {
  let control;
  if (spec.kind === "choice") {
    control = el("select", { "data-kind": "choice" });
    fillSelect(control, spec.choices);
  } else if (spec.kind === "boolean") {
    control = el("select", { "data-kind": "boolean" });
    fillSelect(control, YES_NO);
  } else {
    const types = { number: "number", integer: "number", month: "month", date: "date", text: "text" };
    control = el("input", {
      type: types[spec.kind],
      "data-kind": spec.kind,
      min: spec.minimum ?? undefined,
      max: spec.maximum ?? undefined,
      step: spec.kind === "number" ? "0.01" : spec.kind === "integer" ? "1" : undefined,
    });
  }
  toInput(control, current);
  return field(id, spec.label, control);
}

function concretePath(path, personIndex) {
  return path.map((part) => (part === "*" ? String(personIndex) : String(part))).join(".");
}

function renderQuestions(report) {
  const list = $("questions");
  list.replaceChildren();
  $("questions-section").hidden = !report.questions.length;
  report.questions.forEach((question, number) => {
    const item = el("li", { className: "question", "data-fact": question.fact, "data-person": question.person || "" });
    const title = question.person ? `${question.question} (${personText(question.person)})` : question.question;
    item.append(el("p", { className: "question-text", id: `q${number}-text`, text: title }));
    const changes = question.programmes.map(findingLabel).join(" ; ");
    const stake = question.at_stake > 0 ? ` · jusqu'à ${euros(question.at_stake)}/mois en jeu` : "";
    item.append(el("p", { className: "hint", text: `Peut changer : ${changes}${stake}` }));
    const spec = state.facts[question.fact];
    const personIndex = question.person
      ? state.situation.people.findIndex((p) => p.id === question.person)
      : null;
    if (!spec || personIndex === -1) {
      item.append(el("p", { className: "hint", text: "Répondez dans le YAML de la situation" }));
      list.append(item);
      return;
    }
    const paths = spec.fields.map((f) => concretePath(f.path, personIndex));
    const controls = el(
      "fieldset",
      { className: "answer", "aria-describedby": `q${number}-text` },
      el("legend", { className: "visually-hidden", text: `Réponse à la question ${number + 1}` }),
      el(
        "div",
        { className: "grid" },
        spec.fields.map((f, position) =>
          answerControl(f, `q${number}-${position}`, getPath(state.situation, paths[position])),
        ),
      ),
    );
    const save = el("button", { type: "button", text: "Enregistrer la réponse et réévaluer" });
    save.addEventListener("click", () => answer(item, paths));
    item.append(controls, save);
    list.append(item);
  });
}

async function answer(item, paths) {
  const values = [...item.querySelectorAll("[data-kind]")].map(fromInput);
  if (values.every((value) => value === undefined)) {
    say("Aucune réponse saisie pour cette question");
    return;
  }
  readForm();
  values.forEach((value, position) => {
    if (value === undefined) deletePath(state.situation, paths[position]);
    else setPath(state.situation, paths[position], value);
  });
  renderForm();
  await evaluate("questions-titre");
}

function renderFinding(finding) {
  const head = `${finding.rank}. ${finding.label}${finding.person ? ` (${personText(finding.person)})` : ""}`;
  const item = el("li", { className: `finding verdict-${finding.verdict} urgency-${finding.urgency}`, "data-programme": finding.programme });
  item.append(
    el("h4", { text: head }),
    el(
      "p",
      { className: "summary" },
      el("strong", { text: VERDICT_LABELS[finding.verdict] }),
      ` · ${URGENCY_LABELS[finding.urgency]} · `,
      finding.estimated_amount ? "montant estimé : " : "",
      el("strong", { text: amountText(finding.estimated_amount) }),
    ),
    el("p", { className: "hint", text: finding.rank_reason }),
  );
  const more = el("details", {}, el("summary", { text: "Conditions, détails et démarches" }));
  more.append(
    el("h5", { text: "Conditions" }),
    el(
      "ul",
      { className: "reasons" },
      finding.reasons.map((reason) =>
        el(
          "li",
          {},
          el("span", { "aria-hidden": "true", text: `${REASON_MARKS[reason.status]} ` }),
          el("span", { className: "visually-hidden", text: `Condition ${REASON_WORDS[reason.status]} : ` }),
          `${reason.label} — `,
          el("a", { href: reason.reference.href, rel: "noreferrer", target: "_blank", text: reason.reference.title }),
        ),
      ),
    ),
  );
  const list = (title, texts, ordered = false) => {
    if (!texts.length) return;
    more.append(el("h5", { text: title }), el(ordered ? "ol" : "ul", {}, texts.map((t) => el("li", { text: t }))));
  };
  list("Détails", finding.details);
  list("Échéances", finding.deadlines.map((d) => `${d.date} : ${d.label}`));
  list(
    "Partenaires",
    finding.partners.map((p) => `${p.name} — ${p.ask}${p.bring.length ? ` (pièces : ${p.bring.join(" ; ")})` : ""}`),
  );
  list("Prochaines étapes", finding.next_steps, true);
  item.append(more);
  return item;
}

function renderReport(report) {
  $("rapport").hidden = false;
  const name = report.situation_id ? `« ${report.situation_id} »` : "sans identifiant";
  $("report-heading").textContent = `Situation ${name} — ${monthText(report.period)}`;
  renderSynthesis(report);
  renderQuestions(report);
  const toCheck = report.findings.filter((f) => f.verdict !== "unlikely");
  $("findings").replaceChildren(...toCheck.map(renderFinding));
  $("partners").replaceChildren(
    ...report.partners.map((p) => {
      const local = p.local ? ` — ${p.local.name}, ${p.local.address}, ${p.local.phone}` : "";
      return el("li", {}, el("strong", { text: p.name }), ` : ${p.contact}${local} — pour : ${p.handles.join(" ; ")}`);
    }),
  );
  $("notices-section").hidden = !report.notices.length;
  $("notices").replaceChildren(...report.notices.map((n) => el("li", { text: n })));
  $("set-aside").replaceChildren(
    ...report.findings.filter((f) => f.verdict === "unlikely").map((f) => el("li", { text: f.label })),
  );
  $("legislation").textContent = `rights-engine ${report.engine_version} ; législation : ${report.legislation
    .map((l) => `${l.programme} ${l.version} (validée ${l.validated_from} → ${l.validated_to})`)
    .join(" ; ")}`;
}

// ---- printing -------------------------------------------------------------------------------

let openedForPrint = [];
window.addEventListener("beforeprint", () => {
  openedForPrint = [...document.querySelectorAll("#rapport details:not([open])")];
  for (const details of openedForPrint) details.open = true;
});
window.addEventListener("afterprint", () => {
  for (const details of openedForPrint) details.open = false;
  openedForPrint = [];
});

// ---- start ----------------------------------------------------------------------------------

async function loadFacts() {
  const { status, data } = await api("GET", "/v1/facts");
  if (status === 200) {
    state.facts = Object.fromEntries(data.map((entry) => [entry.fact, entry]));
  }
  readForm();
  renderForm();
}

async function start() {
  renderForm();
  $("situation-form").addEventListener("change", (event) => {
    if (event.target.dataset.incomes !== undefined) {
      setIncomesEnabled(event.target.dataset.incomes, event.target.checked);
    }
    readForm();
    refreshYaml();
  });
  $("situation-form").addEventListener("submit", (event) => {
    event.preventDefault();
    evaluate("rapport-titre");
  });
  $("add-person").addEventListener("click", () => {
    readForm();
    const number = state.situation.people.length + 1;
    state.situation.people.push({ id: `personne${number}`, role: "child" });
    renderForm();
    $(`p${number - 1}-id`).focus();
  });
  $("yaml").addEventListener("input", () => {
    state.yamlDirty = true;
  });
  $("apply-yaml").addEventListener("click", applyYaml);
  $("print").addEventListener("click", () => window.print());
  $("token-apply").addEventListener("click", async () => {
    state.token = $("token").value.trim() || null;
    $("acces").hidden = true;
    await loadFacts();
  });
  await loadFacts();
  document.body.dataset.ready = "true";
}

start();
