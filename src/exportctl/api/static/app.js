// exportctl web page: plain JavaScript over the /v1 API, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
// The page's own words, in the language the server chose (static/i18n/<lang>.json); law data
// (titles, quotes, rule ids) is shown as the data has it and never translated.
const STRINGS = JSON.parse($("strings").textContent);
const T = (key, vars) => String(STRINGS[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => (vars && k in vars ? vars[k] : `{${k}}`));
const LANG = document.documentElement.lang;
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));

const th = (...keys) => keys.map((k) => `<th>${esc(T(k))}</th>`).join("");

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({error: `HTTP ${response.status}`}));
  if (!response.ok) {
    const hint = body.suggestions && body.suggestions.length ? ` (did you mean: ${body.suggestions.join(", ")}?)` : "";
    throw new Error((body.error || `HTTP ${response.status}`) + hint);
  }
  return body;
}

// ---------------------------------------------------------------- language
// The switcher keeps everything else in the address (the permalink) and changes only ?lang=.
$("lang").addEventListener("change", () => {
  const url = new URL(location.href);
  url.searchParams.set("lang", $("lang").value);
  location.assign(url.toString());
});
// Without ?lang= and without an Accept-Language the server knows, the browser's own setting decides.
if (document.documentElement.dataset.chosenBy === "default") {
  const wanted = (navigator.languages || [navigator.language || ""]).map((l) => l.slice(0, 2).toLowerCase())
    .find((l) => [...$("lang").options].some((o) => o.value === l));
  if (wanted && wanted !== LANG) { $("lang").value = wanted; $("lang").dispatchEvent(new Event("change")); }
}

// ---------------------------------------------------------------- views and permalinks
// Every view keeps its query in the address: the URL of an answer opens that answer again. Each
// view names its fields as [URL parameter, element id]; checkboxes are "1" when ticked.
const VIEWS = {};

function showTab(name) {
  document.querySelectorAll(".tab, .panel").forEach((el) => el.classList.remove("active"));
  document.querySelector(`.tab[data-tab="${name}"]`).classList.add("active");
  $(name).classList.add("active");
}

function permalink(view) {
  const url = new URL(location.pathname, location.href);
  url.searchParams.set("view", view);
  for (const [param, id] of VIEWS[view].fields) {
    const el = $(id);
    const value = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value.trim();
    if (value !== "") url.searchParams.set(param, value);
  }
  const lang = new URLSearchParams(location.search).get("lang");
  if (lang) url.searchParams.set("lang", lang);
  return url.toString();
}

function remember(view) {
  const url = permalink(view);
  history.replaceState(null, "", url);
  return url;
}

function permalinkBox(url) {
  return `<div class="permalink">${esc(T("permalink"))}
    <input readonly class="permalink-url" value="${esc(url)}" aria-label="${esc(T("permalink"))}">
    <button type="button" class="secondary copy-link">${esc(T("copy"))}</button></div>`;
}
document.addEventListener("click", (event) => {
  const button = event.target.closest(".copy-link");
  if (!button) return;
  const input = button.parentElement.querySelector("input");
  input.select();
  (navigator.clipboard ? navigator.clipboard.writeText(input.value) : Promise.reject()).then(
    () => { button.textContent = T("copied"); }, () => { document.execCommand("copy"); button.textContent = T("copied"); });
});

document.querySelectorAll(".tab").forEach((tab) => tab.addEventListener("click", () => {
  const name = tab.dataset.tab;
  showTab(name);
  const view = VIEWS[name];
  if (view && view.auto && !view.shown) view.run();
}));

// ---------------------------------------------------------------- item suggestions
let suggestTimer = null;
$("item").addEventListener("input", () => {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(async () => {
    const q = $("item").value.trim();
    if (q.length < 2) return;
    try {
      const items = (await api(`/v1/items?exporter=${encodeURIComponent($("exporter").value)}&q=${encodeURIComponent(q)}&limit=15`)).items;
      $("item-suggestions").innerHTML = items.map((i) =>
        `<option value="${esc(i.id)}">${esc(i.title)}</option>`).join("");
    } catch (err) { /* suggestions are a convenience; the check reports real errors */ }
  }, 200);
});

// ---------------------------------------------------------------- check
function sourceLink(source) {
  const label = `${esc(source.instrument)}${source.article ? ", " + esc(source.article) : ""}`;
  return `<a href="${esc(source.url)}" target="_blank" rel="noopener">${label}</a> <em>(${esc(source.confidence)})</em>`;
}

// The headline by what must be obtained (d.needs): an approval (承認, 승인) is named as one, since
// "licence required" reads as the licence the goods need, which an exemption may lift while the approval stays.
const VERDICTS = {"": "no_licence_required", "licence": "licence_required", "approval": "approval_required",
  "licence,approval": "licence_and_approval_required"};

function renderDetermination(d) {
  const key = VERDICTS[(d.needs || []).join(",")] || (d.licence_required ? "licence_required" : "no_licence_required");
  // A needed route refused in principle (d.refused) is said in the headline: the approval that
  // carries a ban is not a permit one can obtain.
  const refused = (d.refused || []).length ? ` &middot; ${esc(T("not_granted", {routes: d.refused.join(", ")}))}` : "";
  // An answer that rests on the end of a time limit the law sets says so in the headline (legal review 75,
  // R75-3): "no licence" after Japan's North Korea ban's end reads as a lifting decided, where it has been renewed.
  const lapsed = (d.notices || []).filter((n) => n.kind === "time_limit");
  const limit = lapsed.length
    ? ` &middot; ${esc(T("time_limit", {rules: lapsed.map((n) => T("time_limit_rule", {rule: n.rule, date: n.date})).join(", ")}))}` : "";
  // A "no licence" that rests on a lapsed time limit is not shown as a plain all-clear.
  const verdict = d.licence_required
    ? `<span class="verdict required">${esc(T(key))}${refused}${limit}</span>`
    : `<span class="verdict ${lapsed.length ? "lapsed" : "free"}">${esc(T(key))}${limit}</span>`;
  const trace = d.trace.map((s) => `<li><strong>${esc(s.rule)}</strong>: ${esc(s.effect)}
      ${s.valid_from || s.valid_to ? `<span class="cite">[${esc(s.valid_from || "...")} - ${esc(s.valid_to || "...")})</span>` : ""}
      ${s.measure ? `<span class="cite">${esc(T("measure"))} ${esc(s.measure)}</span>` : ""}
      <div class="cite">${sourceLink(s.source)}</div></li>`).join("");
  const warnings = d.warnings.length ? `<div class="warnings"><strong>${esc(T("warnings"))}</strong><ul>${d.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul></div>` : "";
  const procedures = d.procedures.length ? `<table><tr>${th("th_licence", "th_documents", "th_review_days", "th_validity", "th_conditions")}</tr>
      ${d.procedures.map((p) => `<tr><td>${esc(p.licence)}</td><td>${esc(p.documents)}</td><td>${esc(p.review_days || p.max_processing_days)}</td><td>${esc(p.validity)}</td><td>${esc(p.conditions)}</td></tr>`).join("")}</table>` : "";
  return `<p>${verdict}</p>
    <p><strong>${esc(d.item.title)}</strong> [${esc(d.item.id)}] ${esc(T("from_to_on", {exporter: d.exporter, destination: d.destination, on: d.on}))}
       ${d.classified_as ? `<br>${esc(T("classified_as"))} ${esc(d.classified_as.id)}: ${esc(d.classified_as.title)}` : ""}</p>
    <p>${esc(T("destination_groups"))}: ${d.destination_groups.map(esc).join(", ")} &middot; ${esc(T("catch_all"))}: ${esc(d.catch_all)}
       &middot; ${esc(T("exemptions"))}: ${d.exemptions.map(esc).join(", ") || esc(T("none"))}</p>
    ${routesLine(d)}
    ${procedures}${warnings}
    <h3>${esc(T("why"))}</h3><ol class="trace">${trace}</ol>
    <p class="cite">${esc(T("regime_version"))} ${esc(d.regime_version)}</p>`;
}

// A requirement the law asks for as well as the licence (an in_addition notice: the first routes) is
// shown apart, since "usable" otherwise reads as a choice between them (the CLI memo does the same).
function routesLine(d) {
  const k = (d.notices || []).filter((n) => n.kind === "in_addition").length;
  const span = (r) => `<span class="route">${esc(r)}</span>`;
  const needed = d.routes.slice(0, k), usable = d.routes.slice(k);
  if (!needed.length && !d.licence_required && d.routes.length) {  // an exemption lifts the licence
    return `<p class="routes">${esc(T("routes_not_needed"))}: ${d.routes.map(span).join(" ")}</p>`;
  }
  if (!needed.length) {
    return `<p class="routes">${esc(T("usable_routes"))}: ${d.routes.map(span).join(" ") || esc(T("none"))}</p>`;
  }
  // The requirement alone (nothing to choose between), or with an exemption that lifts only the licence.
  if (!usable.length || d.exemptions.length) {
    return `<p class="routes">${esc(T("needed"))}: ${needed.map(span).join(" ")}</p>`;
  }
  return `<p class="routes">${esc(T("needed_as_well"))}: ${needed.map(span).join(" ")}<br>
    ${esc(T("usable_routes"))}: ${usable.map(span).join(" ")}</p>`;
}

VIEWS.check = {
  fields: [["exporter", "exporter"], ["destination", "destination"], ["item", "item"], ["on", "on"], ["at", "at"],
           ["value", "value"], ["end_use", "end_use"], ["informed", "informed"], ["known_on", "known_on"]],
  ready: () => $("item").value.trim() !== "" && $("destination").value.trim() !== "" && $("on").value !== "",
  run: () => $("check-form").requestSubmit(),
};

$("check-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = {exporter: $("exporter").value, destination: $("destination").value, item: $("item").value,
                on: $("on").value, informed: $("informed").checked};
  // Sent as typed: the service reads it as the CLI does, and "1,000" is refused by name rather than
  // dropped as NaN by Number() (session review S27-5).
  if ($("value").value.trim() !== "") body.value = $("value").value.trim();
  if ($("end_use").value) body.end_use = $("end_use").value;
  if ($("known_on").value) body.known_on = $("known_on").value;
  if ($("at").value) body.at = $("at").value;
  $("result").innerHTML = `<p>${esc(T("checking"))}</p>`;
  try {
    const d = await api("/v1/check", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
    $("result").innerHTML = permalinkBox(remember("check")) + renderDetermination(d);
  } catch (err) {
    $("result").innerHTML = `<div class="error">${esc(err.message)}</div>`;
  }
});

// ---------------------------------------------------------------- timeline
const COLORS = {"jp:A": "#2e7d32", "jp:B": "#f9a825", "jp:C": "#9e9e9e", "jp:D": "#c62828",
                "kr:Ga": "#1565c0", "kr:Ga-1": "#42a5f5", "kr:Ga-2": "#ef6c00", "kr:Na": "#757575"};
const CATEGORY = /^(jp:[A-D]|kr:(Ga|Ga-1|Ga-2|Na))$/;

VIEWS.timeline = {
  fields: [["exporter", "tl-exporter"], ["country", "tl-country"], ["both", "tl-both"], ["from", "tl-from"]],
  ready: () => $("tl-country").value.trim() !== "", run: () => showTimeline(), auto: true,
};

// The measures that changed licensing or the lists (not groups) for one direction, and the steps
// of a trade dispute between the two: the same choice as `exportctl timeline --chart`, except that
// every dispute step with a date is shown (the CLI keeps the request and the withdrawal).
function laneMarkers(exporter, countryCode, measures) {
  const out = [];
  for (const m of measures) {
    const targets = m.targets || [];
    if ((m.kind === "licensing_policy" || m.kind === "control_list_amendment") && m.effective
        && (targets.includes(countryCode) || (!targets.length && m.kind === "control_list_amendment"))) {
      out.push({day: m.effective.date, kind: "licensing", m});
    } else if (m.kind === "wto_dispute" && targets.includes(countryCode) && (m.effective || m.public_on)) {
      out.push({day: m.effective ? m.effective.date : m.public_on, kind: "dispute", m});
    }
  }
  return out;
}

const measuresOf = {};
async function measuresFor(exporter) {
  if (!measuresOf[exporter]) measuresOf[exporter] = (await api(`/v1/measures?exporter=${encodeURIComponent(exporter)}`)).measures;
  return measuresOf[exporter];
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function showTimeline() {
  VIEWS.timeline.shown = true;
  const link = remember("timeline");
  const exporter = $("tl-exporter").value, country = $("tl-country").value;
  try {
    const first = await api(`/v1/timeline?exporter=${encodeURIComponent(exporter)}&country=${encodeURIComponent(country)}`);
    const lanes = [first.intervals];
    // How an ambiguous name ("Korea") was read, as the CLI prints it under its table.
    const warned = (first.warnings || []).length
      ? `<div class="warnings"><strong>${esc(T("warnings"))}</strong><ul>${first.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul></div>` : "";
    if ($("tl-both").checked && lanes[0].length) {
      const reverse = lanes[0][0].country;
      try { lanes.push((await api(`/v1/timeline?exporter=${encodeURIComponent(reverse)}&country=${encodeURIComponent(exporter)}`)).intervals); }
      catch (err) { /* no regime for the reverse direction */ }
    }
    // From the chosen start (2018 by default) up to today, with a little room after it.
    const start = $("tl-from").value || "2018-01-01", end = addDays(TODAY, 120);
    const traces = [], rows = [], markers = [], categories = [];
    for (const lane of lanes.filter((l) => l.length)) {
      const label = `${lane[0].exporter} → ${lane[0].country}`;
      categories.push(label, `${label} ▲`);
      for (const iv of lane.filter((r) => CATEGORY.test(r.group))) {
        const from = iv.from && iv.from > start ? iv.from : start;
        const to = iv.to && iv.to < end ? iv.to : end;
        rows.push(iv);
        if (from >= to) continue;
        traces.push({type: "bar", orientation: "h", y: [label], base: [from], x: [Date.parse(to) - Date.parse(from)],
          marker: {color: COLORS[iv.group] || "#8e24aa"}, name: iv.group, text: [iv.group], textposition: "inside",
          hovertext: [`${iv.group}: ${iv.from || T("before_records")} - ${iv.to || T("open")}<br>${T("measure")}: ${iv.measure || "-"}<br>${iv.measure_title || ""}`],
          hoverinfo: "text", showlegend: false});
      }
      const measures = await measuresFor(lane[0].exporter);
      for (const mk of laneMarkers(lane[0].exporter, lane[0].country, measures)) {
        if (mk.day >= start && mk.day <= end) markers.push({...mk, lane: `${label} ▲`, direction: label});
      }
    }
    markers.sort((a, b) => a.day.localeCompare(b.day) || a.lane.localeCompare(b.lane));
    markers.forEach((mk, n) => { mk.n = n + 1; });
    for (const kind of ["licensing", "dispute"]) {
      const these = markers.filter((mk) => mk.kind === kind);
      if (!these.length) continue;
      traces.push({type: "scatter", mode: "markers+text", x: these.map((mk) => mk.day), y: these.map((mk) => mk.lane),
        text: these.map((mk) => String(mk.n)), textposition: "bottom center", textfont: {size: 10},
        marker: kind === "licensing" ? {symbol: "triangle-up", size: 11, color: "#212121"} : {symbol: "diamond", size: 10, color: "#6a1b9a"},
        name: T(kind === "licensing" ? "licensing_marker" : "dispute_marker"),
        hovertext: these.map((mk) => `${mk.n}. ${mk.day}: ${mk.m.title}<br>${mk.m.id}`), hoverinfo: "text"});
    }
    rows.sort((a, b) => `${a.exporter}${a.country}${a.from || ""}`.localeCompare(`${b.exporter}${b.country}${b.from || ""}`));
    const narrow = window.innerWidth < 600;
    Plotly.newPlot("timeline-chart", traces, {
      barmode: "overlay", xaxis: {type: "date", range: [start, end]},
      yaxis: {autorange: "reversed", categoryorder: "array", categoryarray: categories, automargin: true},
      shapes: [{type: "line", xref: "x", yref: "paper", x0: TODAY, x1: TODAY, y0: 0, y1: 1, line: {color: "#c62828", width: 1.5, dash: "dot"}}],
      annotations: [{x: TODAY, xref: "x", y: 1, yref: "paper", yanchor: "bottom", xanchor: "right", text: `${T("today")} ${TODAY}`, showarrow: false, font: {size: 11, color: "#c62828"}}],
      legend: {orientation: "h", y: -0.15}, margin: {l: narrow ? 10 : 20, r: 10, t: 30, b: 40},
      height: 200 + 110 * lanes.length}, {displayModeBar: false, responsive: true});
    $("timeline-chart").dataset.drawn = "1";
    const key = markers.map((mk) => {
      const url = sourceUrl(mk.m.effective ? mk.m.effective.source : null);
      const title = url ? `<a href="${esc(url)}" target="_blank" rel="noopener">${esc(mk.m.title)}</a>` : esc(mk.m.title);
      return `<li class="marker-${mk.kind}" data-measure="${esc(mk.m.id)}"><span>${mk.kind === "licensing" ? "▲" : "◆"}</span> ${esc(mk.day)} ${esc(mk.direction)}: ${title} <span class="cite">${esc(mk.m.id)}</span></li>`;
    }).join("");
    $("timeline-table").innerHTML = `${permalinkBox(link)}${warned}
      ${markers.length ? `<h3>${esc(T("timeline_key"))}</h3><ol class="key">${key}</ol>` : ""}
      <table><tr>${th("th_direction", "th_group", "th_from", "th_to", "th_measure")}</tr>
      ${rows.map((r) => `<tr><td>${esc(r.exporter)} → ${esc(r.country)}</td><td>${esc(r.group)}</td><td>${esc(r.from || T("before_records"))}</td><td>${esc(r.to || T("open"))}</td><td>${esc(r.measure || "")} ${esc(r.measure_title || "")}</td></tr>`).join("")}</table>`;
  } catch (err) {
    $("timeline-chart").innerHTML = `<div class="error">${esc(err.message)}</div>`;
  }
}
$("timeline-form").addEventListener("submit", (event) => { event.preventDefault(); showTimeline(); });

// ---------------------------------------------------------------- diff
VIEWS.diff = {
  fields: [["exporter", "diff-exporter"], ["from", "diff-from"], ["to", "diff-to"]],
  ready: () => $("diff-from").value !== "" && $("diff-to").value !== "", run: () => $("diff-form").requestSubmit(),
};

$("diff-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const link = remember("diff");
  try {
    const d = await api(`/v1/diff?exporter=${encodeURIComponent($("diff-exporter").value)}&start=${$("diff-from").value}&end=${$("diff-to").value}`);
    // The groups held in between, as the CLI's "in between" column: every step when both ends are the
    // same (Korea, jp:A -> jp:B -> jp:A), else the steps before the last that differ from "after".
    const between = (m) => {
      const same = m.before.join() === m.after.join();
      const steps = same ? m.steps : m.steps.slice(0, -1).filter((s) => s.groups.join() !== m.after.join());
      return steps.map((s) => `${esc(s.date)}: ${s.groups.map(esc).join(", ") || "-"}`).join("<br>");
    };
    const members = d.memberships.map((m) => `<tr><td>${esc(m.country)}</td><td>${m.before.map(esc).join(", ")}</td><td class="between">${between(m)}</td><td>${m.after.map(esc).join(", ")}</td><td>${m.measures.map(esc).join(", ")}</td></tr>`).join("");
    const rules = d.rules.concat(d.items).map((r) => `<tr><td>${esc(r.date)}</td><td>${esc(r.change)}</td><td>${esc(r.id)}</td><td>${esc(r.label)}</td><td>${esc(r.measure || "")}</td></tr>`).join("");
    const events = d.events.map((e) => `<tr><td>${esc(e.date)}</td><td>${esc(e.event)}</td><td>${esc(e.measure)}</td><td>${esc(e.title)}</td></tr>`).join("");
    $("diff-result").innerHTML = `${permalinkBox(link)}<h3>${esc(T("memberships"))}</h3><table><tr>${th("th_country", "th_before", "th_between", "th_after", "th_measures")}</tr>${members}</table>
      <h3>${esc(T("rules_entries"))}</h3><table><tr>${th("th_date", "th_change", "th_id", "th_label", "th_measure")}</tr>${rules}</table>
      <h3>${esc(T("measure_events"))}</h3><table><tr>${th("th_date", "th_event", "th_measure", "th_title")}</tr>${events}</table>`;
  } catch (err) {
    $("diff-result").innerHTML = `<div class="error">${esc(err.message)}</div>`;
  }
});

// ---------------------------------------------------------------- shared helpers
const TODAY = new Date().toISOString().slice(0, 10);
// Country names in the reader's language come from the browser (Intl), never from our data; the
// ISO code stays beside the name, as the law data has it.
const REGION = (() => { try { return new Intl.DisplayNames([LANG], {type: "region"}); } catch (err) { return null; } })();
const countryName = (code) => { try { return REGION && /^[A-Z]{2}$/.test(code) ? REGION.of(code) : ""; } catch (err) { return ""; } };
const country = (code) => { const name = countryName(code); return name && name !== code ? `${esc(code)} <span class="note">${esc(name)}</span>` : esc(code); };

function sourceUrl(source) {
  if (!source) return "";
  return (source.official && source.official.url) || source.official_url || ((source.evidence || [])[0] || {}).url || "";
}

// A client-side pager over rows already fetched: `render(rows)` draws one page into `box`.
function paged(box, rows, size, render) {
  let start = 0;
  const draw = () => {
    const end = Math.min(start + size, rows.length);
    const nav = rows.length > size ? `<div class="pager">
        <button type="button" class="secondary prev" ${start === 0 ? "disabled" : ""}>${esc(T("prev"))}</button>
        <span class="page-of">${esc(T("page_of", {from: rows.length ? start + 1 : 0, to: end, total: rows.length}))}</span>
        <button type="button" class="secondary next" ${end >= rows.length ? "disabled" : ""}>${esc(T("next"))}</button></div>` : "";
    box.innerHTML = nav + render(rows.slice(start, end));
    box.querySelectorAll(".prev").forEach((b) => b.addEventListener("click", () => { start = Math.max(0, start - size); draw(); }));
    box.querySelectorAll(".next").forEach((b) => b.addEventListener("click", () => { start += size; draw(); }));
  };
  draw();
}

// ---------------------------------------------------------------- measures
VIEWS.measures = {
  fields: [["exporter", "m-exporter"], ["known_on", "m-known-on"], ["q", "m-filter"]],
  ready: () => true, run: () => showMeasures(), auto: true,
};
const STAGES = ["announced", "decided", "promulgated", "effective", "ended"];
let measuresCache = {key: "", rows: []};

function measureCell(m, stage) {
  const md = m[stage];
  if (!md) return "";
  const url = sourceUrl(md.source);
  return url ? `<a href="${esc(url)}" target="_blank" rel="noopener">${esc(md.date)}</a>` : esc(md.date);
}

async function showMeasures() {
  VIEWS.measures.shown = true;
  const link = remember("measures");
  const exporter = $("m-exporter").value, known = $("m-known-on").value;
  const key = `${exporter}|${known}`;
  try {
    if (measuresCache.key !== key) {
      const d = await api(`/v1/measures?exporter=${encodeURIComponent(exporter)}${known ? `&known_on=${known}` : ""}`);
      measuresCache = {key, rows: d.measures};
    }
    const words = $("m-filter").value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const rows = measuresCache.rows.filter((m) => {
      const text = `${m.id} ${m.title} ${m.kind} ${(m.targets || []).join(" ")} ${(m.targets || []).map(countryName).join(" ")}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
    const box = document.createElement("div");
    $("measures-result").innerHTML = `${permalinkBox(link)}<p class="measures-count">${esc(T("measures_count", {n: rows.length}))}</p>`;
    $("measures-result").appendChild(box);
    paged(box, rows, 25, (page) => `<table class="measures"><tr>${th("th_id", "th_title", "th_kind", "th_targets", "th_announced", "th_decided", "th_promulgated", "th_effective", "th_ended")}</tr>
      ${page.map((m) => `<tr><td>${esc(m.id)}</td><td>${esc(m.title)}</td><td>${esc(m.kind)}</td>
        <td>${(m.targets || []).length ? m.targets.map(esc).join(", ") : esc(T("all_targets"))}</td>
        ${STAGES.map((s) => `<td>${measureCell(m, s)}</td>`).join("")}</tr>`).join("")}</table>`);
  } catch (err) {
    $("measures-result").innerHTML = `<div class="error">${esc(err.message)}</div>`;
  }
}
$("measures-form").addEventListener("submit", (event) => { event.preventDefault(); showMeasures(); });

// ---------------------------------------------------------------- groups in force on a date
VIEWS.groups = {
  fields: [["exporter", "g-exporter"], ["on", "g-on"]],
  ready: () => true, run: () => showGroups(), auto: true,
};

async function showGroups() {
  VIEWS.groups.shown = true;
  if (!$("g-on").value) $("g-on").value = TODAY;
  const link = remember("groups");
  const on = $("g-on").value;
  try {
    const d = await api(`/v1/groups?exporter=${encodeURIComponent($("g-exporter").value)}&on=${on}`);
    const countries = new Set(d.groups.flatMap((g) => g.members.map((m) => m.country)));
    const rows = d.groups.map((g) => `<tr><td>${esc(g.group)}</td><td>${esc(g.name)}${g.default ? " *" : ""}
        ${g.basis ? `<div class="cite">${esc(g.basis)}</div>` : ""}</td><td>${g.members.length}</td>
        <td class="members">${g.members.map((m) => `<span class="member" title="${esc(`${m.from || T("before_records")} - ${m.to || T("open")}${m.measure ? ` (${m.measure})` : ""}; ${m.confidence}`)}">${country(m.country)}</span>`).join(", ")}</td></tr>`).join("");
    $("groups-result").innerHTML = `${permalinkBox(link)}
      <p class="groups-summary">${esc(T("groups_on", {on, n: countries.size, g: d.groups.filter((g) => g.members.length).length}))}</p>
      <table class="groups"><tr>${th("th_group", "th_title")}<th>#</th>${th("th_members")}</tr>${rows}</table>`;
  } catch (err) {
    $("groups-result").innerHTML = `<div class="error">${esc(err.message)}</div>`;
  }
}
$("groups-form").addEventListener("submit", (event) => { event.preventDefault(); showGroups(); });

// ---------------------------------------------------------------- screening a file
// POST /v1/screen is one request that screens the whole upload; the bar shows the upload's bytes,
// then the time screening has taken (the server sends no progress), then the answer's bytes. The
// server returns at most 100,000 results a request, so a larger run is fetched page by page (each
// page is a new, audited run over the same file; the digests must agree). The key stays in this
// tab's session storage, never in the address.
VIEWS.screen = {fields: [["known_on", "screen-known-on"]], ready: () => false, run: () => {}};
const SCREEN_PAGE = 100000;
const KEY_STORE = "exportctl.api-key";
try { $("screen-key").value = sessionStorage.getItem(KEY_STORE) || ""; } catch (err) { /* storage disabled */ }

function setProgress(text, pct) {
  $("screen-progress-box").hidden = false;
  if (pct === null) $("screen-progress").removeAttribute("value");
  else $("screen-progress").value = pct;
  $("screen-status").textContent = text;
}

function screenRequest(file, key, known, offset, download) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    form.append("file", file);
    const query = new URLSearchParams({offset: String(offset), limit: String(SCREEN_PAGE)});
    if (known) query.set("known_on", known);
    if (download) query.set("download", download);
    xhr.open("POST", `/v1/screen?${query}`);
    xhr.setRequestHeader("X-API-Key", key);
    xhr.responseType = download ? "blob" : "json";
    const began = Date.now();
    let timer = null;
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) setProgress(T("uploading", {pct: Math.round(100 * e.loaded / e.total)}), 100 * e.loaded / e.total); };
    xhr.upload.onload = () => {
      const tick = () => setProgress(T("screening", {s: ((Date.now() - began) / 1000).toFixed(1)}), null);
      tick();
      timer = setInterval(tick, 250);
    };
    xhr.onprogress = (e) => {
      clearInterval(timer);
      if (e.lengthComputable) setProgress(T("receiving", {pct: Math.round(100 * e.loaded / e.total)}), 100 * e.loaded / e.total);
    };
    xhr.onloadend = async () => {
      clearInterval(timer);
      if (download && xhr.status === 200) { resolve({blob: xhr.response, digest: xhr.getResponseHeader("X-Results-SHA256")}); return; }
      let body = xhr.response || {};
      if (body instanceof Blob) body = await body.text().then(JSON.parse).catch(() => ({}));
      if (xhr.status === 200) { resolve(body); return; }
      const hint = body.suggestions && body.suggestions.length ? ` (${body.suggestions.join(", ")})` : "";
      reject(new Error(`${body.error || `HTTP ${xhr.status || "?"}`}${hint}`));
    };
    xhr.send(form);
  });
}

// One cell of the CSV: lists joined by ";" and text a spreadsheet would run as a formula prefixed
// with ', as `exportctl screen -o out.csv` writes them.
function csvCell(value) {
  let text = Array.isArray(value) ? value.join(";") : value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(rows) {
  const columns = rows.length ? Object.keys(rows[0]) : [];
  // The byte-order mark makes Excel in Japan and Korea read UTF-8, not the local code page.
  return "\ufeff" + [columns.map(csvCell).join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(","))].join("\r\n") + "\r\n";
}

function download(name, type, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], {type}));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

async function sha256(text) {
  if (!(window.crypto && crypto.subtle)) return null;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function resultTable(rows) {
  if (!rows.length) return "";
  const columns = Object.keys(rows[0]);
  return `<table class="screen-results"><tr>${columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr>
    ${rows.map((r) => `<tr${r.licence_required ? ' class="needs-licence"' : ""}>${columns.map((c) => `<td>${esc(Array.isArray(r[c]) ? r[c].join(", ") : r[c])}</td>`).join("")}</tr>`).join("")}</table>`;
}

$("screen-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = $("screen-file").files[0], key = $("screen-key").value.trim(), known = $("screen-known-on").value;
  remember("screen");
  if (!key) { $("screen-result").innerHTML = `<div class="error">${esc(T("need_key"))}</div>`; return; }
  if (!file) { $("screen-result").innerHTML = `<div class="error">${esc(T("need_file"))}</div>`; return; }
  try { sessionStorage.setItem(KEY_STORE, key); } catch (err) { /* storage disabled */ }
  $("screen-button").disabled = true;
  $("screen-result").innerHTML = "";
  try {
    const first = await screenRequest(file, key, known, 0);
    const results = first.results.slice();
    while (results.length < first.total) {
      const next = await screenRequest(file, key, known, results.length);
      if (next.results_sha256 !== first.results_sha256 || !next.results.length) throw new Error(`${T("error")}: results changed between pages`);
      results.push(...next.results);
    }
    setProgress("", 100);
    const jsonl = results.map((r) => JSON.stringify(r)).join("\n") + (results.length ? "\n" : "");
    const digest = await sha256(jsonl);
    const stem = file.name.replace(/\.[^.]*$/, "") || "screen";
    $("screen-result").innerHTML = `
      <p class="screen-summary">${esc(T("screened_summary", {rows: first.summary.rows_in, screened: first.summary.screened,
        rejected: first.summary.rejected, licence: first.summary.licence_required}))}</p>
      ${(first.notes || []).map((n) => `<p class="warnings screen-note">${esc(n)}</p>`).join("")}
      <p class="cite">${esc(T("bundle"))} ${esc(first.bundle_version)} &middot; ${esc(T("audit_id"))} #${esc(first.audit_id)}
        &middot; sha256 ${esc(first.results_sha256.slice(0, 16))}…${digest === null ? "" : digest === first.results_sha256 ? " ✓" : " ✗"}</p>
      <div class="downloads">
        <button type="button" class="action" id="download-csv">${esc(T("download_csv"))}</button>
        <button type="button" class="secondary" id="download-xlsx">${esc(T("download_xlsx"))}</button>
        <button type="button" class="secondary" id="download-json">${esc(T("download_json"))}</button>
        ${first.rejects.length ? `<button type="button" class="secondary" id="download-rejects">${esc(T("download_rejects"))}</button>` : ""}
      </div>
      <div id="screen-table"></div>
      ${first.rejects.length ? `<h3>${esc(T("rejects"))}</h3><div id="screen-rejects"></div>` : ""}`;
    $("download-csv").addEventListener("click", () => download(`${stem}.screened.csv`, "text/csv;charset=utf-8", toCsv(results)));
    $("download-json").addEventListener("click", () => download(`${stem}.screened.jsonl`, "application/x-ndjson", jsonl));
    // The rejected lines are a file of their own, as the CLI writes OUTPUT.rejects.EXT: a download of
    // the results alone lost them without a word (session review S27-3).
    if (first.rejects.length) {
      $("download-rejects").addEventListener("click", () => download(`${stem}.rejects.csv`, "text/csv;charset=utf-8", toCsv(first.rejects)));
    }
    // Excel is written by the server (the batch layer's writer): the file is screened once more
    // and the download kept only if that run's digest is the one shown.
    $("download-xlsx").addEventListener("click", async () => {
      $("download-xlsx").disabled = true;
      try {
        const got = await screenRequest(file, key, known, 0, "xlsx");
        if (got.digest !== first.results_sha256) throw new Error(`${T("error")}: results changed since the screen`);
        download(`${stem}.screened.xlsx`, got.blob.type, got.blob);
        setProgress("", 100);
      } catch (err) {
        $("screen-result").insertAdjacentHTML("afterbegin", `<div class="error">${esc(err.message)}</div>`);
      } finally {
        $("download-xlsx").disabled = false;
      }
    });
    paged($("screen-table"), results, 50, resultTable);
    if (first.rejects.length) paged($("screen-rejects"), first.rejects, 50, resultTable);
  } catch (err) {
    $("screen-progress-box").hidden = true;
    $("screen-result").innerHTML = `<div class="error">${esc(err.message)}</div>`;
  } finally {
    $("screen-button").disabled = false;
  }
});

// ---------------------------------------------------------------- opening a permalink
// The check form is filled by the server from the address; the other views are filled here. A
// complete query is answered at once, so the link shows the answer, not an empty form.
(function openPermalink() {
  const params = new URLSearchParams(location.search);
  const name = params.get("view") || (params.has("item") ? "check" : null);
  const view = name && VIEWS[name];
  if (!view) return;
  if (name !== "check") {
    for (const [param, id] of view.fields) {
      const el = $(id);
      if (el.type === "checkbox") el.checked = params.get(param) === "1";
      else if (params.has(param)) el.value = params.get(param);
    }
  }
  showTab(name);
  if (view.ready()) view.run();
})();
