// Request form pages. Nothing typed into the form is read except to check it is filled in, and
// nothing is stored or sent. Without JavaScript the print button is hidden and the page says to
// use the browser's Print option instead (site.css); the form still cannot send anything.

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

// Required questions with no answer yet.
function unanswered() {
  return [...document.querySelectorAll("[data-sl-required]")].filter((field) => {
    const inputs = [...field.querySelectorAll("input, textarea")];
    if (inputs.some((input) => input.type === "radio" || input.type === "checkbox")) {
      return !inputs.some((input) => input.checked);
    }
    return inputs.every((input) => !input.value.trim());
  });
}

function clearErrors() {
  document.querySelectorAll(".sl-error-message").forEach((message) => {
    const field = message.closest(".sl-field");
    field.classList.remove("sl-field--error");
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

// GOV.UK's error summary: a list of links to each question, and a message above each question.
function showErrors(fields) {
  clearErrors();
  const list = summary.querySelector("ul");
  fields.forEach((field, index) => {
    const control = field.querySelector("fieldset") || field.querySelector("input, textarea");
    const target = field.querySelector("input, textarea");
    const message = document.createElement("p");
    message.className = "sl-error-message";
    message.id = `error-${index}`;
    const prefix = document.createElement("span");
    prefix.className = "sl-visually-hidden";
    prefix.textContent = `${summary.dataset.slErrorPrefix} `;
    message.append(prefix, field.dataset.slError);
    field.prepend(message);
    field.classList.add("sl-field--error");
    const described = control.getAttribute("aria-describedby");
    control.setAttribute("aria-describedby", described ? `${message.id} ${described}` : message.id);
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#${target.id}`;
    link.textContent = field.dataset.slError;
    item.append(link);
    list.append(item);
  });
  summary.hidden = false;
  summary.focus();
}

function printForm() {
  const gaps = unanswered();
  if (gaps.length && !toldOfGaps) {
    // Told once; a second press prints the form as it is.
    toldOfGaps = true;
    showErrors(gaps);
    return;
  }
  clearErrors();
  window.print();
}
