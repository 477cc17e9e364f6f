// A letter page (issue 28). The family answers the letter's questions; "Show my letter" checks
// the answers as the request forms do (form-checks.js), fills the letter's blanks with them and
// with the deadlines worked out from the dates typed, and puts the whole letter in a box to read
// and change. From there it can be copied, printed, emailed (a mailto: link the family sends
// from their own email) or downloaded as a Word document made here, by the Word library the
// page loads from this site only when asked. Every word is the page's own (data-sl-... and the
// letter itself): the script writes none. Nothing typed is stored or sent: the deadlines come
// from the file the build wrote (macros/letter_lookup.py, the deadline page's rules), fetched
// when the page opens, before anything is typed.

document.documentElement.classList.replace("no-js", "js");

const letterPage = document.querySelector(".sl-letter-page");
const letterForm = letterPage.querySelector("form.sl-letter-form");
const letterSummary = document.getElementById("error-summary");
const letter = document.getElementById("letter");
const actions = letterPage.querySelector(".sl-letter-actions");
const letterBox = document.getElementById("letter-text");
const statusLine = actions.querySelector("[data-sl-status]");
const staleNote = letterPage.querySelector("[data-sl-stale]");
const DAY_MS = 24 * 60 * 60 * 1000;
// The words each blank had before it was filled in, to put back when its answer is taken away.
const blankWords = new Map();
let typedCopy = null;
let answered = false;
let toldOfGaps = false;
let shown = false;

// The deadlines' steps for every date, as the deadline page reads them (deadlines.js).
let lookup = null;
const loading = letter.querySelector("[data-sl-deadline]")
  ? fetch(letterPage.dataset.slLookup, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((table) => {
        lookup = table;
      })
      .catch(() => {
        lookup = null;
      })
  : Promise.resolve();

function fromIso(text) {
  const [year, month, day] = text.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

// GOV.UK dates, from the browser's own English names: "2 October 2026", or with the day of the
// week for a deadline, "Friday 2 October 2026" (macros/components.py: govuk_date, govuk_day).
function govukDate(day, weekday = false) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).formatToParts(day);
  const part = (type) => parts.find((each) => each.type === type).value;
  const date = `${part("day")} ${part("month")} ${part("year")}`;
  return weekday ? `${part("weekday")} ${date}` : date;
}

// A question of the form by its field's id (a date's boxes are named id-day, id-month, id-year).
function questionOf(id) {
  const control = [...letterForm.elements].find((each) => each.name === id || each.name === `${id}-day`);
  return control ? control.closest(".sl-field") : null;
}

function optionWords(input) {
  const label = letterForm.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  return label ? label.textContent.trim() : "";
}

// What a question's answer puts in the letter: the text typed, a date, the words of the option
// chosen, or those of each option ticked ("a, b and c"); "" when it is not answered.
function answerWords(id) {
  const question = questionOf(id);
  if (!question) return "";
  if (question.hasAttribute("data-sl-date")) {
    const date = formChecks.typedDate(question);
    return date ? govukDate(date) : "";
  }
  const choices = [...question.querySelectorAll("input[type=radio], input[type=checkbox]")];
  if (choices.length) {
    const words = choices.filter((input) => input.checked).map(optionWords);
    return new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" }).format(words);
  }
  const box = question.querySelector("input, textarea");
  return box ? box.value.trim() : "";
}

// The last day of a deadline: each of its series (time limit/event) looked up from its date
// field's date, and of two periods (combine: later) the later end, with that period's own steps
// after it, as the deadline page shows it. null when no date it counts from is given.
function deadline(blank) {
  if (!lookup) return null;
  const series = blank.dataset.slSeries.split(" ");
  const from = blank.dataset.slFrom.split(" ");
  let chosen = null;
  series.forEach((name, index) => {
    const question = questionOf(from[index]);
    const start = question && formChecks.typedDate(question);
    const codes = lookup.series[name];
    if (!start || !codes) return;
    const code = codes[Math.round((start - fromIso(lookup.first)) / DAY_MS)];
    if (!code) return;
    const days = [...code.matchAll(/[a-z](\d+)/g)].map(([, count]) => Number(count));
    const worked = { end: days[0], last: days[days.length - 1], start };
    const end = (each) => each.start.getTime() + each.end * DAY_MS;
    if (!chosen || end(worked) > end(chosen)) chosen = worked;
  });
  return chosen ? new Date(chosen.start.getTime() + chosen.last * DAY_MS) : null;
}

// A blank filled in, or given back its own words when there is nothing to put in it.
function fill(blank, words) {
  if (!blankWords.has(blank)) blankWords.set(blank, blank.textContent);
  blank.textContent = words || blankWords.get(blank);
  blank.toggleAttribute("data-sl-filled", Boolean(words));
}

function fillLetter() {
  letter.querySelectorAll("[data-sl-field]").forEach((blank) => fill(blank, answerWords(blank.dataset.slField)));
  letter.querySelectorAll("[data-sl-recipient]").forEach((blank) => fill(blank, answerWords("recipient-name")));
  letter.querySelectorAll("[data-sl-deadline]").forEach((blank) => {
    const day = deadline(blank);
    fill(blank, day ? govukDate(day, true) : "");
  });
}

// The text of one block of the letter: its words with the spaces of the page's source made
// single, a line break where it has one (an address), and each answer exactly as typed.
function blockText(node) {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent.replace(/\s+/g, " ");
  if (node.nodeName === "BR") return "\n";
  if (node.nodeType !== Node.ELEMENT_NODE || node.hidden) return "";
  if (node.hasAttribute("data-sl-filled")) return node.textContent;
  return [...node.childNodes].map(blockText).join("");
}

function tidy(text) {
  return text
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .trim();
}

// The letter as text: its blocks (paragraphs, headings, the list of the law, each item on a
// line of its own after "- "), with a blank line between them.
function blocksOf(element) {
  return [...element.children].flatMap((child) => {
    if (child.hidden) return [];
    if (child.matches("div, section")) return blocksOf(child);
    if (child.matches("ul, ol")) return [[...child.children].map((item) => `- ${tidy(blockText(item))}`).join("\n")];
    return [tidy(blockText(child))];
  });
}

function letterText() {
  return blocksOf(letter).filter(Boolean).join("\n\n") + "\n";
}

// The text in the box as paragraphs: blocks between blank lines, each a list of its lines.
function paragraphsOf(text) {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => block.split("\n"));
}

// What prints once the letter is shown: the text in the box, as it is now, as paragraphs.
function updateTypedCopy() {
  if (!typedCopy) {
    typedCopy = document.createElement("div");
    typedCopy.className = "sl-letter sl-letter--typed sl-print-only";
    letter.after(typedCopy);
  }
  typedCopy.replaceChildren(
    ...paragraphsOf(letterBox.value).map((lines) => {
      const paragraph = document.createElement("p");
      lines.forEach((line, index) => {
        if (index) paragraph.append(document.createElement("br"));
        paragraph.append(line);
      });
      return paragraph;
    }),
  );
}

// RFC 6068: the address(es), then the subject and the body, each percent-encoded, with a line
// break as CRLF.
function updateEmailLink() {
  const link = actions.querySelector("[data-sl-email]");
  const encode = (text) => encodeURIComponent(text.replace(/\r?\n/g, "\r\n"));
  const to = (link.dataset.slEmailTo || "")
    .split(",")
    .filter(Boolean)
    .map((address) => encode(address.trim()).replace(/%40/g, "@"))
    .join(",");
  const subject = tidy(blockText(letter.querySelector(".sl-letter__subject") || letter));
  link.href = `mailto:${to}?subject=${encode(subject)}&body=${encode(letterBox.value)}`;
}

function say(words) {
  statusLine.textContent = words;
}

async function showLetter() {
  await loading;
  const found = formChecks.problems(letterForm, outsideLookup);
  if (found.length && !toldOfGaps) {
    // Told once; a second press shows the letter with what is missing left as blanks.
    toldOfGaps = true;
    formChecks.showErrors(letterSummary, found);
    return;
  }
  formChecks.clearErrors(letterSummary);
  fillLetter();
  letterBox.value = letterText();
  letter.hidden = true;
  actions.hidden = false;
  shown = true;
  if (staleNote) staleNote.textContent = "";
  say("");
  updateTypedCopy();
  updateEmailLink();
  letterBox.focus();
}

// A date that a deadline counts from must be one the build worked deadlines out for.
function outsideLookup(question) {
  if (!lookup || !question.hasAttribute("data-sl-error-old")) return null;
  const date = formChecks.typedDate(question);
  const boxes = [...question.querySelectorAll("input[data-sl-part]")];
  if (date && date < fromIso(lookup.first)) return { text: question.dataset.slErrorOld, wrong: boxes };
  if (date && date > fromIso(lookup.last)) return { text: question.dataset.slErrorNew, wrong: boxes };
  return null;
}

// The finder's answers come in the page's address after #, as field=option&field=option: a
// fragment never goes to the server. Only options of this form are ticked, compared as text.
function tickFinderAnswers() {
  const answers = new URLSearchParams(window.location.hash.slice(1));
  const choices = [...letterForm.querySelectorAll("input[type=radio], input[type=checkbox]")];
  answers.forEach((value, name) => {
    choices.forEach((input) => {
      if (input.name === name && input.value === value) input.checked = true;
    });
  });
}

async function copyLetter() {
  try {
    await navigator.clipboard.writeText(letterBox.value);
    say(actions.dataset.slCopied);
  } catch {
    letterBox.select();
    say(actions.dataset.slCopyFailed);
  }
}

// The Word library, loaded from this site the first time a Word file is asked for.
let wordLibrary = null;
function loadWordLibrary() {
  wordLibrary ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = letterPage.dataset.slDocxLibrary;
    script.addEventListener("load", () => (window.docx ? resolve(window.docx) : reject(new Error("docx"))));
    script.addEventListener("error", () => {
      wordLibrary = null;
      script.remove();
      reject(new Error("docx"));
    });
    document.head.append(script);
  });
  return wordLibrary;
}

// The text in the box as a Word document: a paragraph for each block, a line break for each
// line within one (an address); GOV.UK's sans-serif, 12 point, in British English.
function wordDocument(docx) {
  return new docx.Document({
    creator: "",
    lastModifiedBy: "",
    title: tidy(blockText(letter.querySelector(".sl-letter__subject") || letter)),
    styles: {
      default: {
        document: {
          run: { font: "Arial", size: 24, language: { value: "en-GB" } },
          paragraph: { spacing: { after: 240 } },
        },
      },
    },
    sections: [
      {
        children: paragraphsOf(letterBox.value).map(
          (lines) =>
            new docx.Paragraph({
              children: lines.map((line, index) => new docx.TextRun({ text: line, break: index ? 1 : 0 })),
            }),
        ),
      },
    ],
  });
}

async function downloadWord() {
  say(actions.dataset.slDocxMaking);
  try {
    const docx = await loadWordLibrary();
    const blob = await docx.Packer.toBlob(wordDocument(docx));
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = letterPage.dataset.slDocxName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    say(actions.dataset.slDocxReady);
  } catch {
    say(actions.dataset.slDocxFailed);
  }
}

tickFinderAnswers();
// The form goes nowhere (method="dialog"); stopping the submit makes sure of it everywhere.
letterForm.addEventListener("submit", (event) => {
  event.preventDefault();
  showLetter();
});
// An answer changed after the letter was shown is not in it until the button is pressed again
// (that replaces the letter, and any change made to it): the page says so, where it will be seen.
letterForm.addEventListener("input", () => {
  answered = true;
  if (shown && staleNote) staleNote.textContent = staleNote.dataset.slStale;
});
letterBox.addEventListener("input", () => {
  updateTypedCopy();
  updateEmailLink();
});
actions.querySelector("[data-sl-copy]").addEventListener("click", copyLetter);
actions.querySelector("[data-sl-print]").addEventListener("click", () => window.print());
actions.querySelector("[data-sl-docx]").addEventListener("click", downloadWord);
// Answers are lost on leaving or reloading: the browser asks first.
window.addEventListener("beforeunload", (event) => {
  if (answered) {
    event.preventDefault();
    event.returnValue = "";
  }
});
