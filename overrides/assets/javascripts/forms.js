// Request form pages. Nothing typed into the form is read except to check it (answered, a real
// date), and nothing is stored or sent. Without JavaScript the print button is hidden and the
// page says to use the browser's Print option instead (site.css); the form still cannot send
// anything. The checks of the answers are form-checks.js, which the letters share.

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

function printForm() {
  const found = formChecks.problems(form);
  if (found.length && !toldOfGaps) {
    // Told once; a second press prints the form as it is.
    toldOfGaps = true;
    formChecks.showErrors(summary, found);
    return;
  }
  formChecks.clearErrors(summary);
  window.print();
}
