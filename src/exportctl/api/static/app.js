// exportctl web page: plain JavaScript over the /v1 API, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({error: `HTTP ${response.status}`}));
  if (!response.ok) {
    const hint = body.suggestions && body.suggestions.length ? ` (did you mean: ${body.suggestions.join(", ")}?)` : "";
    throw new Error((body.error || `HTTP ${response.status}`) + hint);
  }
  return body;
}

// ---------------------------------------------------------------- tabs
document.querySelectorAll(".tab").forEach((tab) => tab.addEventListener("click", () => {
  document.querySelectorAll(".tab, .panel").forEach((el) => el.classList.remove("active"));
  tab.classList.add("active");
  $(tab.dataset.tab).classList.add("active");
  if (tab.dataset.tab === "timeline" && !$("timeline-chart").dataset.drawn) showTimeline();
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

function renderDetermination(d) {
  const verdict = d.licence_required
    ? `<span class="verdict required">Licence required</span>`
    : `<span class="verdict free">No licence required</span>`;
  const trace = d.trace.map((s) => `<li><strong>${esc(s.rule)}</strong>: ${esc(s.effect)}
      ${s.valid_from || s.valid_to ? `<span class="cite">[${esc(s.valid_from || "...")} - ${esc(s.valid_to || "...")})</span>` : ""}
      ${s.measure ? `<span class="cite">measure ${esc(s.measure)}</span>` : ""}
      <div class="cite">${sourceLink(s.source)}</div></li>`).join("");
  const warnings = d.warnings.length ? `<div class="warnings"><strong>Warnings</strong><ul>${d.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul></div>` : "";
  const procedures = d.procedures.length ? `<table><tr><th>licence</th><th>documents</th><th>review / processing days</th><th>validity</th><th>conditions</th></tr>
      ${d.procedures.map((p) => `<tr><td>${esc(p.licence)}</td><td>${esc(p.documents)}</td><td>${esc(p.review_days || p.max_processing_days)}</td><td>${esc(p.validity)}</td><td>${esc(p.conditions)}</td></tr>`).join("")}</table>` : "";
  return `<p>${verdict}</p>
    <p><strong>${esc(d.item.title)}</strong> [${esc(d.item.id)}] from ${esc(d.exporter)} to ${esc(d.destination)} on ${esc(d.on)}
       ${d.classified_as ? `<br>classified on that date under ${esc(d.classified_as.id)}: ${esc(d.classified_as.title)}` : ""}</p>
    <p>Destination groups: ${d.destination_groups.map(esc).join(", ")} &middot; catch-all: ${esc(d.catch_all)}
       &middot; exemptions: ${d.exemptions.map(esc).join(", ") || "none"}</p>
    <p class="routes">Usable licence types: ${d.routes.map((r) => `<span class="route">${esc(r)}</span>`).join(" ") || "none"}</p>
    ${procedures}${warnings}
    <h3>Why: the rules and their sources</h3><ol class="trace">${trace}</ol>
    <p class="cite">regime version ${esc(d.regime_version)}</p>`;
}

$("check-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = {exporter: $("exporter").value, destination: $("destination").value, item: $("item").value,
                on: $("on").value, informed: $("informed").checked};
  if ($("value").value !== "") body.value = Number($("value").value);
  if ($("end_use").value) body.end_use = $("end_use").value;
  if ($("known_on").value) body.known_on = $("known_on").value;
  $("result").innerHTML = "<p>Checking...</p>";
  try {
    const d = await api("/v1/check", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
    $("result").innerHTML = renderDetermination(d);
  } catch (err) {
    $("result").innerHTML = `<div class="error">${esc(err.message)}</div>`;
  }
});

// ---------------------------------------------------------------- timeline
const COLORS = {"jp:A": "#2e7d32", "jp:B": "#f9a825", "jp:C": "#9e9e9e", "jp:D": "#c62828",
                "kr:Ga": "#1565c0", "kr:Ga-1": "#42a5f5", "kr:Ga-2": "#ef6c00", "kr:Na": "#757575"};
const CATEGORY = /^(jp:[A-D]|kr:(Ga|Ga-1|Ga-2|Na))$/;

async function showTimeline() {
  const exporter = $("tl-exporter").value, country = $("tl-country").value;
  try {
    const lanes = [(await api(`/v1/timeline?exporter=${encodeURIComponent(exporter)}&country=${encodeURIComponent(country)}`)).intervals];
    if ($("tl-both").checked && lanes[0].length) {
      const reverse = lanes[0][0].country;
      try { lanes.push((await api(`/v1/timeline?exporter=${encodeURIComponent(reverse)}&country=${encodeURIComponent(exporter)}`)).intervals); }
      catch (err) { /* no regime for the reverse direction */ }
    }
    const traces = [], rows = [];
    const start = "2018-01-01", end = `${new Date().getFullYear() + 1}-01-01`;
    for (const lane of lanes) {
      for (const iv of lane.filter((r) => CATEGORY.test(r.group))) {
        const label = `${iv.exporter} law -> ${iv.country}`;
        const from = iv.from && iv.from > start ? iv.from : start;
        const to = iv.to && iv.to < end ? iv.to : end;
        rows.push(iv);
        if (from >= to) continue;
        traces.push({type: "bar", orientation: "h", y: [label], base: [from], x: [Date.parse(to) - Date.parse(from)],
          marker: {color: COLORS[iv.group] || "#8e24aa"}, name: iv.group, text: [iv.group], textposition: "inside",
          hovertext: [`${iv.group}: ${iv.from || "before records"} to ${iv.to || "open"}<br>measure: ${iv.measure || "-"}<br>${iv.measure_title || ""}`],
          hoverinfo: "text", showlegend: false});
      }
    }
    rows.sort((a, b) => `${a.exporter}${a.country}${a.from || ""}`.localeCompare(`${b.exporter}${b.country}${b.from || ""}`));
    Plotly.newPlot("timeline-chart", traces, {barmode: "overlay", xaxis: {type: "date", range: [start, end]},
      yaxis: {autorange: "reversed"}, margin: {l: 140, r: 20, t: 20, b: 40}, height: 160 + 90 * lanes.length},
      {displayModeBar: false, responsive: true});
    $("timeline-chart").dataset.drawn = "1";
    $("timeline-table").innerHTML = `<table><tr><th>direction</th><th>group</th><th>from</th><th>to</th><th>measure</th></tr>
      ${rows.map((r) => `<tr><td>${esc(r.exporter)} -> ${esc(r.country)}</td><td>${esc(r.group)}</td><td>${esc(r.from || "before records")}</td><td>${esc(r.to || "open")}</td><td>${esc(r.measure || "")} ${esc(r.measure_title || "")}</td></tr>`).join("")}</table>`;
  } catch (err) {
    $("timeline-chart").innerHTML = `<div class="error">${esc(err.message)}</div>`;
  }
}
$("timeline-form").addEventListener("submit", (event) => { event.preventDefault(); showTimeline(); });

// ---------------------------------------------------------------- diff
$("diff-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const d = await api(`/v1/diff?exporter=${encodeURIComponent($("diff-exporter").value)}&start=${$("diff-from").value}&end=${$("diff-to").value}`);
    const members = d.memberships.map((m) => `<tr><td>${esc(m.country)}</td><td>${m.before.map(esc).join(", ")}</td><td>${m.after.map(esc).join(", ")}</td><td>${m.measures.map(esc).join(", ")}</td></tr>`).join("");
    const rules = d.rules.concat(d.items).map((r) => `<tr><td>${esc(r.date)}</td><td>${esc(r.change)}</td><td>${esc(r.id)}</td><td>${esc(r.label)}</td><td>${esc(r.measure || "")}</td></tr>`).join("");
    const events = d.events.map((e) => `<tr><td>${esc(e.date)}</td><td>${esc(e.event)}</td><td>${esc(e.measure)}</td><td>${esc(e.title)}</td></tr>`).join("");
    $("diff-result").innerHTML = `<h3>Group memberships</h3><table><tr><th>country</th><th>before</th><th>after</th><th>measures</th></tr>${members}</table>
      <h3>Rules and entries</h3><table><tr><th>date</th><th>change</th><th>id</th><th>label</th><th>measure</th></tr>${rules}</table>
      <h3>Measure events</h3><table><tr><th>date</th><th>event</th><th>measure</th><th>title</th></tr>${events}</table>`;
  } catch (err) {
    $("diff-result").innerHTML = `<div class="error">${esc(err.message)}</div>`;
  }
});
