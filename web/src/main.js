// eventwire dashboard: filters, map, timeline, sortable table, actors and the article view, over /api.
import * as d3 from "d3";
import { ArticleView } from "./article.js";
import { legend, Timeline, WorldMap } from "./charts.js";
import { articleKey, el, getJSON, showError } from "./util.js";

const PAGE = 50;
const COLUMNS = [
  ["date_from", "Date", "date"],
  ["type", "Type", "type"],
  ["acled_event_type", "ACLED type", "acled"],
  ["modality", "Modality", "modality"],
  ["source", "Source actor", null],
  ["target", "Target actor", null],
  ["place_name", "Place", "place"],
  ["country", "Country", "country"],
  ["fatalities", "Fatalities", "fatalities"],
  ["sentence", "Evidence", null],
];
const FACETS = ["type", "acled_type", "modality", "country", "admin1", "actor_sector", "actor_country"];

const state = { sort: "date", order: "desc", offset: 0, facets: null, types: [] };
const colour = d3.scaleOrdinal(d3.schemeTableau10);

const form = document.getElementById("filters");
const map = new WorldMap(document.getElementById("map"), { colour, onSelect: openEvent });
const timeline = new Timeline(document.getElementById("timeline"), {
  colour,
  onRange: (since, until) => {
    form.elements.since.value = since;
    form.elements.until.value = until;
    applyFilters();
  },
});
const articleView = new ArticleView(document.getElementById("view-article"));

function filters() {
  const out = {};
  for (const [key, value] of new FormData(form).entries()) if (String(value).trim()) out[key] = String(value).trim();
  return out;
}

function openEvent(row) {
  const local = row.event_id || String(row.id).split("-").pop();
  window.location.hash = `#/article/${articleKey(row.article_id)}/${encodeURIComponent(local)}`;
}

function fillFacets(facets) {
  for (const name of FACETS) {
    const select = form.elements[name];
    if (!select) continue;
    const current = select.value;
    select.replaceChildren(el("option", { value: "" }, "any"), ...(facets[name] || []).map((v) => el("option", { value: v }, v)));
    select.value = current;
  }
}

async function loadEvents() {
  const f = filters();
  const [stats, page, geo] = await Promise.all([
    getJSON("/api/stats", f),
    getJSON("/api/events", { ...f, sort: state.sort, order: state.order, limit: PAGE, offset: state.offset }),
    getJSON("/api/events", { ...f, format: "geojson", limit: 10000 }),
  ]);
  if (!state.facets) {
    state.facets = stats.facets;
    state.types = stats.facets.type;
    colour.domain(state.types);
    fillFacets(stats.facets);
  }
  document.getElementById("summary").textContent =
    `${stats.events} events · ${stats.articles} articles · ${stats.located} located · ${stats.fatalities} killed` +
    (stats.first_date ? ` · ${stats.first_date} – ${stats.last_date}` : "");
  map.update(geo.features);
  legend(document.getElementById("legend"), colour, state.types.filter((t) => stats.by_type[t]));
  timeline.update(stats.timeline, state.types);
  renderTable(page);
}

function renderTable(page) {
  const table = document.getElementById("events-table");
  const head = el(
    "tr",
    {},
    COLUMNS.map(([, label, sort]) =>
      el(
        "th",
        {
          class: [sort ? "sortable" : "", sort === state.sort ? `sorted-${state.order}` : ""].join(" ").trim() || null,
          dataset: sort ? { sort } : {},
          onclick: sort ? () => sortBy(sort) : null,
        },
        label,
      ),
    ),
  );
  const rows = page.events.map((row) =>
    el(
      "tr",
      {
        dataset: { eventId: row.id },
        onclick: () => openEvent(row),
        onmouseenter: () => map.highlight(row.id),
        onmouseleave: () => map.highlight(null),
      },
      COLUMNS.map(([key]) => {
        const value = row[key];
        if (key === "type") return el("td", {}, el("span", { class: "tag", style: `background:${colour(value)}` }, value));
        if (key === "sentence") return el("td", { class: "sentence" }, value || "");
        if (key === "fatalities") return el("td", { class: "num" }, value ?? "");
        if (key === "date_from") return el("td", {}, value ? (row.date_to && row.date_to !== value ? `${value} – ${row.date_to}` : value) : "");
        return el("td", {}, value ?? "");
      }),
    ),
  );
  table.replaceChildren(el("thead", {}, head), el("tbody", {}, rows));
  const end = Math.min(page.offset + page.events.length, page.total);
  document.getElementById("table-count").textContent = `${page.total} match the filters`;
  document.getElementById("page").textContent = page.total ? `${page.offset + 1}–${end} of ${page.total}` : "none";
  document.getElementById("prev").disabled = page.offset === 0;
  document.getElementById("next").disabled = end >= page.total;
}

function sortBy(key) {
  state.order = state.sort === key && state.order === "desc" ? "asc" : "desc";
  state.sort = key;
  state.offset = 0;
  route();
}

async function loadActors() {
  const f = filters();
  const [actors, places] = await Promise.all([getJSON("/api/actors", { ...f, limit: 200 }), getJSON("/api/places", { ...f, limit: 200 })]);
  const actorRows = actors.actors.map((a) =>
    el(
      "tr",
      {
        dataset: { actor: a.name },
        onclick: () => {
          form.elements.actor.value = a.name;
          window.location.hash = "#/";
          applyFilters();
        },
      },
      el("td", {}, el("a", { href: "#/" }, a.name)),
      el("td", {}, a.sector || ""),
      el("td", {}, a.country || ""),
      el("td", { class: "num" }, a.events),
      el("td", { class: "num" }, a.as_source),
      el("td", { class: "num" }, a.as_target),
      el("td", { class: "num" }, a.articles),
      el("td", {}, a.types || ""),
    ),
  );
  document.getElementById("actors-table").replaceChildren(
    el("thead", {}, el("tr", {}, ["Actor", "Sector", "Country", "Events", "As source", "As target", "Articles", "Event types"].map((h) => el("th", {}, h)))),
    el("tbody", {}, actorRows),
  );
  const placeRows = places.places.map((p) =>
    el(
      "tr",
      {
        onclick: () => {
          form.elements.q.value = p.name;
          window.location.hash = "#/";
          applyFilters();
        },
      },
      el("td", {}, p.name),
      el("td", {}, p.admin1 || ""),
      el("td", {}, p.country || ""),
      el("td", { class: "num" }, p.events),
      el("td", { class: "num" }, p.fatalities),
      el("td", {}, p.lat != null ? `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}` : ""),
    ),
  );
  document.getElementById("places-table").replaceChildren(
    el("thead", {}, el("tr", {}, ["Place", "Admin1", "Country", "Events", "Fatalities", "Lat, lon"].map((h) => el("th", {}, h)))),
    el("tbody", {}, placeRows),
  );
}

async function loadArticle(key, eventId) {
  if (!key) return;
  const record = await getJSON(`/api/articles/${encodeURIComponent(key)}`);
  document.getElementById("nav-article").setAttribute("href", `#/article/${key}`);
  articleView.render(record, eventId ? decodeURIComponent(eventId) : null);
}

function showView(name) {
  for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== `view-${name}`;
  for (const link of document.querySelectorAll("nav a[data-view]")) link.classList.toggle("active", link.dataset.view === name);
  form.hidden = name === "article";
}

async function route() {
  const parts = window.location.hash.replace(/^#\/?/, "").split("/");
  const view = parts[0] === "actors" ? "actors" : parts[0] === "article" ? "article" : "events";
  showView(view);
  document.body.dataset.loaded = "";
  showError("");
  try {
    if (view === "events") await loadEvents();
    else if (view === "actors") await loadActors();
    else await loadArticle(parts[1], parts[2]);
    document.body.dataset.loaded = view;
  } catch (err) {
    showError(err.message || String(err));
    document.body.dataset.loaded = "error";
  }
}

function applyFilters() {
  state.offset = 0;
  route();
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  applyFilters();
});
form.addEventListener("change", (e) => {
  if (e.target.tagName === "SELECT" || e.target.type === "date") applyFilters();
});
form.addEventListener("reset", () => setTimeout(applyFilters, 0));
document.getElementById("prev").addEventListener("click", () => {
  state.offset = Math.max(0, state.offset - PAGE);
  route();
});
document.getElementById("next").addEventListener("click", () => {
  state.offset += PAGE;
  route();
});
window.addEventListener("hashchange", route);
route();
