// The "Work out your deadlines" page. It applies no rule of its own: the build worked out the
// steps for every date (macros/deadlines.py) into lookup.json, and this script checks the dates
// typed, looks them up and fills in the page's own words (the <template> elements). The dates
// typed are not stored or sent anywhere: the lookup file is fetched before anything is typed.

document.documentElement.classList.replace("no-js", "js");

const root = document.querySelector(".sl-deadline-calculator");
const DAY_MS = 24 * 60 * 60 * 1000;
// The letters of the steps in lookup.json (deadlines.STEP_CODES), to the page's step kinds.
const STEP_KINDS = {
  p: "period-end",
  c: "christmas-extension",
  a: "august-extension",
  w: "next-working-day",
  e: "earlier-working-day",
};

let lookup = null;
const loading = fetch(root.dataset.slLookup, { credentials: "same-origin" })
  .then((response) => (response.ok ? response.json() : null))
  .then((table) => {
    lookup = table;
  })
  .catch(() => {
    lookup = null;
  });

// Dates are whole days, kept as UTC midnights so no time zone or clock change moves them.
function utcDay(year, month, day) {
  return new Date(Date.UTC(year, month - 1, day));
}

function fromIso(text) {
  const [year, month, day] = text.split("-").map(Number);
  return utcDay(year, month, day);
}

function addDays(day, count) {
  return new Date(day.getTime() + count * DAY_MS);
}

// "Friday 2 October 2026", from the browser's own English names of days and months.
function longDate(day) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).formatToParts(day);
  const part = (type) => parts.find((each) => each.type === type).value;
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}`;
}

function today() {
  const now = new Date();
  return utcDay(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

// The steps for one date in one series: [{kind, date}], as deadlines.decode_steps reads them.
function steps(series, start) {
  const index = Math.round((start - fromIso(lookup.first)) / DAY_MS);
  const code = lookup.series[series][index];
  return [...code.matchAll(/([a-z])(\d+)/g)].map(([, letter, days]) => ({
    kind: STEP_KINDS[letter],
    date: addDays(start, Number(days)),
  }));
}

// One date question: its date, or the id of the message that says what is wrong with it and,
// when only some parts are empty, those parts ("day", "month-year").
function readDate(field) {
  const parts = {};
  field.querySelectorAll("input").forEach((input) => {
    parts[input.dataset.slPart] = input.value.trim();
  });
  const empty = ["day", "month", "year"].filter((part) => parts[part] === "");
  if (empty.length === 3) return field.hasAttribute("data-sl-required") ? { error: "missing" } : {};
  if (empty.length) return { error: empty.join("-"), parts: empty };
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
    return { error: "real" };
  }
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const date = utcDay(year, month, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { error: "real" };
  }
  if (date > today()) return { error: "future" };
  if (date < fromIso(lookup.first)) return { error: "old" };
  if (date > fromIso(lookup.last)) return { error: "new" };
  return { date };
}

function clearErrors(section) {
  section.querySelectorAll(".sl-error-message").forEach((message) => message.remove());
  section.querySelectorAll(".sl-field--error").forEach((field) => {
    field.classList.remove("sl-field--error");
    const group = field.querySelector("fieldset");
    group.setAttribute("aria-describedby", group.dataset.slHint);
    field.querySelectorAll("input").forEach((input) => {
      input.removeAttribute("aria-invalid");
      input.classList.remove("sl-input--error");
    });
  });
  const summary = section.querySelector(".sl-error-summary");
  summary.hidden = true;
  summary.querySelector("ul").replaceChildren();
}

// GOV.UK's error summary, and a message above each date's boxes, tied to it with
// aria-describedby. The boxes that are wrong are marked (aria-invalid, and a red edge: GOV.UK's
// govuk-input--error): only the empty ones when some are, or else all three. The summary links
// to the first; following it is error-summary.js.
function showErrors(section, problems) {
  const summary = section.querySelector(".sl-error-summary");
  const list = summary.querySelector("ul");
  problems.forEach(({ field, text, parts }, index) => {
    const group = field.querySelector("fieldset");
    const message = document.createElement("p");
    message.className = "sl-error-message";
    message.id = `${section.id}-error-${index}`;
    const prefix = document.createElement("span");
    prefix.className = "sl-visually-hidden";
    prefix.textContent = `${summary.dataset.slErrorPrefix} `;
    message.append(prefix, text);
    group.querySelector(".sl-hint").after(message);
    field.classList.add("sl-field--error");
    group.setAttribute("aria-describedby", `${group.dataset.slHint} ${message.id}`);
    const boxes = [...field.querySelectorAll("input")];
    const wrong = parts ? boxes.filter((box) => parts.includes(box.dataset.slPart)) : boxes;
    wrong.forEach((input) => {
      input.setAttribute("aria-invalid", "true");
      input.classList.add("sl-input--error");
    });
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#${wrong[0].id}`;
    link.textContent = text;
    item.append(link);
    list.append(item);
  });
  summary.hidden = false;
  summary.focus();
}

function fill(template, slots) {
  const item = template.content.firstElementChild.cloneNode(true);
  Object.entries(slots).forEach(([name, value]) => {
    const slot = item.querySelector(`[data-sl-slot="${name}"]`);
    if (slot) slot.textContent = value;
  });
  return item;
}

// One time limit's result: the looked-up steps of each of its periods with a date given; with
// two, the later end counts (the record's combine: later) and that period's steps follow.
function showResult(result, dates) {
  const templates = [...result.querySelectorAll("template[data-sl-series]")].filter(
    (template) => dates[template.dataset.slSeries.split("/")[1]],
  );
  const worked = templates.map((template) => {
    const start = dates[template.dataset.slSeries.split("/")[1]];
    return { template, start, steps: steps(template.dataset.slSeries, start) };
  });
  const list = result.querySelector('[data-sl-slot="working"]');
  list.replaceChildren();
  worked.forEach(({ template, start, steps: [end] }) => {
    list.append(fill(template, { from: longDate(start), to: longDate(end.date) }));
  });
  let chosen = worked[0];
  worked.forEach((each) => {
    if (each.steps[0].date > chosen.steps[0].date) chosen = each;
  });
  if (worked.length > 1) {
    list.append(fill(result.querySelector('template[data-sl-step="later-of"]'), { to: longDate(chosen.steps[0].date) }));
  }
  let previous = chosen.steps[0].date;
  chosen.steps.slice(1).forEach((step) => {
    const template = result.querySelector(`template[data-sl-step="${step.kind}"]`);
    list.append(fill(template, { from: longDate(previous), to: longDate(step.date) }));
    previous = step.date;
  });
  result.querySelector('[data-sl-slot="date"]').textContent = longDate(previous);
  result.dataset.slDate = previous.toISOString().slice(0, 10);
}

// A last day before today (the device's date) is marked passed; when the main one (the first
// result, the appeal) has passed, the page's words for that show at the top of the results.
// A calendar holds only the last days still to come.
function markPassed(section) {
  const now = today();
  section.querySelectorAll(".sl-result").forEach((result) => {
    const passed = fromIso(result.dataset.slDate) < now;
    result.toggleAttribute("data-sl-passed-date", passed);
    result.querySelector("[data-sl-passed-note]").hidden = !passed;
  });
  const main = section.querySelector(".sl-result[data-sl-main]");
  const notice = section.querySelector("[data-sl-passed]");
  notice.hidden = !main.hasAttribute("data-sl-passed-date");
  notice.querySelector('[data-sl-slot="passed-date"]').textContent = longDate(fromIso(main.dataset.slDate));
  section.querySelector('[data-sl-action="calendar"]').hidden = !section.querySelector(
    ".sl-result:not([data-sl-passed-date])",
  );
}

// The dates shown were worked out from the dates typed then: once one of those changes, they go,
// and the page says why, where they were, until the button is pressed again. Working them out
// at each key pressed would show errors for a date half typed.
function clearStale(section) {
  const results = section.querySelector(".sl-results");
  if (results.hidden) return;
  results.hidden = true;
  section.classList.remove("sl-calculation--done");
  const note = section.querySelector("[data-sl-stale]");
  note.textContent = note.dataset.slStale;
}

async function workOut(section) {
  await loading;
  clearErrors(section);
  section.querySelector("[data-sl-stale]").textContent = "";
  const results = section.querySelector(".sl-results");
  if (!lookup) {
    const summary = section.querySelector(".sl-error-summary");
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = document.querySelector(".sl-nojs-only a").getAttribute("href");
    link.textContent = root.dataset.slLoadError;
    item.append(link);
    summary.querySelector("ul").append(item);
    summary.hidden = false;
    summary.focus();
    return;
  }
  const fields = [...section.querySelectorAll(".sl-date-field")];
  const problems = [];
  const dates = {};
  fields.forEach((field, index) => {
    const read = readDate(field);
    if (read.error) {
      const key = read.error.replace(/(^|-)([a-z])/g, (_, dash, letter) => letter.toUpperCase());
      problems.push({ field, text: field.dataset[`slError${key}`], parts: read.parts });
    } else if (read.date) {
      if (index > 0 && dates[fields[0].dataset.slEvent] && read.date < dates[fields[0].dataset.slEvent]) {
        problems.push({ field, text: field.dataset.slErrorOrder });
      } else {
        dates[field.dataset.slEvent] = read.date;
      }
    }
  });
  if (problems.length) {
    results.hidden = true;
    showErrors(section, problems);
    return;
  }
  section.querySelectorAll(".sl-result").forEach((result) => showResult(result, dates));
  markPassed(section);
  results.hidden = false;
  section.classList.add("sl-calculation--done");
  results.focus();
}

// RFC 5545: a line of more than 75 octets goes on over lines that start with a space.
function fold(line) {
  const encoder = new TextEncoder();
  const pieces = [];
  let piece = "";
  for (const character of line) {
    const limit = pieces.length ? 74 : 75;
    if (encoder.encode(piece + character).length > limit) {
      pieces.push(piece);
      piece = "";
    }
    piece += character;
  }
  pieces.push(piece);
  return pieces.join("\r\n ");
}

// An .ics file with each last day still to come as an all-day event, with a reminder before
// it at each of the page's times (RFC 5545 durations such as -P14D), made here and saved by the
// browser.
function calendarFile(section) {
  const escape = (text) => text.replace(/\\/g, "\\\\").replace(/([,;])/g, "\\$1").replace(/\n/g, "\\n");
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//SEND disagreements//Work out your deadlines//EN"];
  const reminders = root.dataset.slReminders.split(" ");
  const coming = section.querySelectorAll(".sl-result[data-sl-date]:not([data-sl-passed-date])");
  coming.forEach((result, index) => {
    const day = fromIso(result.dataset.slDate);
    const compact = (date) => date.toISOString().slice(0, 10).replace(/-/g, "");
    const title = escape(result.dataset.slCalendarTitle);
    lines.push(
      "BEGIN:VEVENT",
      `UID:${stamp}-${index}-${section.id}@deadlines.invalid`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(day)}`,
      `DTEND;VALUE=DATE:${compact(addDays(day, 1))}`,
      `SUMMARY:${title}`,
      `DESCRIPTION:${escape(result.dataset.slCalendarText)}`,
      ...reminders.flatMap((trigger) => [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        `DESCRIPTION:${title}`,
        `TRIGGER:${trigger}`,
        "END:VALARM",
      ]),
      "END:VEVENT",
    );
  });
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

document.querySelectorAll(".sl-calculation").forEach((section) => {
  section.querySelectorAll("fieldset").forEach((group) => {
    group.dataset.slHint = group.getAttribute("aria-describedby");
  });
  const form = section.querySelector("form");
  // The form goes nowhere (method="dialog"); stopping the submit makes sure of it everywhere.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    workOut(section);
  });
  form.addEventListener("input", () => clearStale(section));
  section.querySelector('[data-sl-action="print"]').addEventListener("click", () => window.print());
  section.querySelector('[data-sl-action="calendar"]').addEventListener("click", (event) => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([calendarFile(section)], { type: "text/calendar" }));
    link.download = event.currentTarget.dataset.slFile;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
});
