// The checks of a form's answers, shared by the request forms (forms.js) and the letters
// (letters.js): which questions that must be answered are not, which dates cannot be dates, and
// GOV.UK's error summary and messages that say so. Following the summary's links, and "Error:"
// in the page's title: error-summary.js. Words are the page's own (data-sl-error... on each
// question, data-sl-error-prefix on the summary).

// One name for the page's script to use; nothing else is left in the page's scope.
const formChecks = (() => {
  function dateBoxes(field) {
    return [...field.querySelectorAll("input[data-sl-part]")];
  }

  // The date typed in a date question, as a UTC midnight, or null if it is empty or not a date.
  function typedDate(field) {
    const [day, month, year] = dateBoxes(field).map((box) => box.value.trim());
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    const typed = [Number(year), Number(month) - 1, Number(day)];
    const made = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
    return typed.every((number, index) => number === made[index]) ? date : null;
  }

  // What is wrong with a date, if anything: the parts left empty (all three only if it is
  // required), or a date that cannot be one (a day and month of 1 or 2 digits and a year of 4
  // must make a day of the calendar).
  function dateProblem(field) {
    const boxes = dateBoxes(field);
    const empty = boxes.filter((box) => !box.value.trim());
    if (empty.length === boxes.length) {
      return field.hasAttribute("data-sl-required") ? { text: field.dataset.slError, wrong: boxes } : null;
    }
    if (empty.length) {
      const parts = empty.map((box) => box.dataset.slPart[0].toUpperCase() + box.dataset.slPart.slice(1));
      return { text: field.dataset[`slError${parts.join("")}`], wrong: empty };
    }
    return typedDate(field) ? null : { text: field.dataset.slErrorReal, wrong: boxes };
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

  // Every question's problem, in order. ``more(field)``, if given, is the page's own check of a
  // question that passed these (a letter's date the deadlines cannot be worked out from).
  function problems(form, more = () => null) {
    return [...form.querySelectorAll(".sl-field")].flatMap((field) => {
      const found = problem(field) || more(field);
      return found ? [{ field, ...found }] : [];
    });
  }

  function clearErrors(summary) {
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
  function showErrors(summary, found) {
    clearErrors(summary);
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

  return { typedDate, problems, clearErrors, showErrors };
})();
