// Request form pages. Nothing typed into the form is read except to check it (answered, a real
// date), and nothing is stored or sent. Without JavaScript the print button is hidden and the
// page says to use the browser's Print option instead (site.css); the form still cannot send
// anything.

// With this script running, the page shows the button instead of the no-JavaScript advice.
document.documentElement.classList.replace("no-js", "js");

const form = document.querySelector("form.sl-form");
const summary = document.getElementById("error-summary");
let typed = false;
let toldOfGaps = false;
let enterPressed = false;

if (form) {
  form.addEventListener("input", () => {
    typed = true;
  });
  // Enter in a one-line field submits a form. Here that must do nothing at all: only the
  // button prints.
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches("input")) enterPressed = true;
  });
  // The form goes nowhere (method="dialog"); stopping the submit makes sure of it everywhere.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (enterPressed) {
      enterPressed = false;
      return;
    }
    printForm();
  });
  // Answers are lost on leaving or reloading: the browser asks first.
  window.addEventListener("beforeunload", (event) => {
    if (typed) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

// What is wrong with a date, if anything: the parts left empty (all three only if it is
// required), or a date that cannot be one (a day and month of 1 or 2 digits and a year of 4
// must make a day of the calendar).
function dateProblem(field) {
  const boxes = [...field.querySelectorAll("input[data-sl-part]")];
  const empty = boxes.filter((box) => !box.value.trim());
  if (empty.length === boxes.length) {
    return field.hasAttribute("data-sl-required") ? { text: field.dataset.slError, wrong: boxes } : null;
  }
  if (empty.length) {
    const parts = empty.map((box) => box.dataset.slPart[0].toUpperCase() + box.dataset.slPart.slice(1));
    return { text: field.dataset[`slError${parts.join("")}`], wrong: empty };
  }
  const [day, month, year] = boxes.map((box) => box.value.trim());
  const digits = /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year);
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const typed = [Number(year), Number(month) - 1, Number(day)];
  const made = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  if (digits && typed.every((number, index) => number === made[index])) return null;
  return { text: field.dataset.slErrorReal, wrong: boxes };
}

// What is wrong with one question, if anything: its message and the controls to mark.
function problem(field) {
  if (field.hasAttribute("data-sl-date")) return dateProblem(field);
  if (!field.hasAttribute("data-sl-required")) return null;
  const inputs = [...field.querySelectorAll("input, textarea")];
  const choice = inputs.some((input) => input.type === "radio" || input.type === "checkbox");
  const answered = choice ? inputs.some((input) => input.checked) : inputs.some((input) => input.value.trim());
  return answered ? null : { text: field.dataset.slError, wrong: inputs };
}

function problems() {
  return [...form.querySelectorAll(".sl-field")].flatMap((field) => {
    const found = problem(field);
    return found ? [{ field, ...found }] : [];
  });
}

function clearErrors() {
  document.querySelectorAll(".sl-error-message").forEach((message) => {
    const field = message.closest(".sl-field");
    field.classList.remove("sl-field--error");
    field.querySelectorAll("[aria-invalid]").forEach((control) => {
      control.removeAttribute("aria-invalid");
      control.classList.remove("sl-input--error");
    });
    const described = field.querySelector("[aria-describedby], fieldset, input, textarea");
    if (described && described.getAttribute("aria-describedby")) {
      const ids = described.getAttribute("aria-describedby").split(" ").filter((id) => id !== message.id);
      if (ids.length) described.setAttribute("aria-describedby", ids.join(" "));
      else described.removeAttribute("aria-describedby");
    }
    message.remove();
  });
  summary.hidden = true;
  summary.querySelector("ul").replaceChildren();
}

// GOV.UK's error summary: a list of links to each question, and a message in each question,
// after its label or legend and hint, before its answer (before a lone tick box's label). The
// controls that are wrong are marked: aria-invalid, and a red edge on a box (GOV.UK's
// govuk-input--error; only the empty parts of a date). Following a link: error-summary.js.
function showErrors(found) {
  clearErrors();
  const list = summary.querySelector("ul");
  found.forEach(({ field, text, wrong }, index) => {
    const control = field.querySelector("fieldset") || field.querySelector("input, textarea");
    const message = document.createElement("p");
    message.className = "sl-error-message";
    message.id = `error-${index}`;
    const prefix = document.createElement("span");
    prefix.className = "sl-visually-hidden";
    prefix.textContent = `${summary.dataset.slErrorPrefix} `;
    message.append(prefix, text);
    field.querySelector(".sl-choice, .sl-date-input, .sl-input, .sl-textarea").before(message);
    field.classList.add("sl-field--error");
    wrong.forEach((input) => {
      input.setAttribute("aria-invalid", "true");
      if (input.matches(".sl-input, .sl-textarea")) input.classList.add("sl-input--error");
    });
    const described = control.getAttribute("aria-describedby");
    control.setAttribute("aria-describedby", described ? `${message.id} ${described}` : message.id);
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

function printForm() {
  const found = problems();
  if (found.length && !toldOfGaps) {
    // Told once; a second press prints the form as it is.
    toldOfGaps = true;
    showErrors(found);
    return;
  }
  clearErrors();
  window.print();
}
