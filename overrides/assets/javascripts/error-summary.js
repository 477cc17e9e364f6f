// GOV.UK's error summary, on the pages whose scripts fill one in (forms.js, deadlines.js): what
// it does however it was filled in. Following one of its links shows the question with its
// error message, and the page's title starts with "Error:" while a summary shows. Words are the
// page's own (data-sl-error-prefix on each summary).

// In a function of its own: its names are not the page script's.
(() => {
  // A link to a control scrolls its question's label or legend to the top of the screen, with
  // the error message under it, and then moves focus to the control without scrolling again, as
  // govuk-frontend's ErrorSummary does. Left to the browser, the control itself went to the
  // top, and its label, legend and message were out of sight above it.
  function captionOf(control) {
    const group = control.closest("fieldset");
    const legend = group && group.querySelector("legend");
    const label = document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    if (!legend) return label;
    // A choice's legend always; another control's (a date's day box) when the question, from
    // its legend down to the control, fits on the screen, else its own label, so the control
    // shows. GOV.UK asks for the top half of the screen, which a date with a longer hint
    // passes on a phone (the decision letter's already takes 292 px of the 320, at 320 px
    // wide): its legend would then go above the screen.
    if (control.type === "radio" || control.type === "checkbox" || !label) return legend;
    const height = control.getBoundingClientRect().bottom - legend.getBoundingClientRect().top;
    return height < window.innerHeight ? legend : label;
  }

  function followErrorLink(link) {
    const control = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!control) return false;
    const caption = captionOf(control);
    if (!caption) return false;
    // The message is under the legend or label, except a lone tick box's, above its label.
    const message = control.closest(".sl-field")?.querySelector(".sl-error-message");
    const above = message && message.compareDocumentPosition(caption) & Node.DOCUMENT_POSITION_FOLLOWING;
    (above ? message : caption).scrollIntoView({ block: "start" });
    control.focus({ preventScroll: true });
    return true;
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest(".sl-error-summary a[href^='#']");
    if (link && followErrorLink(link)) event.preventDefault();
  });

  // "Error: " before the page's title while any error summary shows (GOV.UK), so a screen reader
  // user hears it first; the scripts show and hide the summaries, and this follows them.
  const titleWithoutErrors = document.title;
  const summaries = [...document.querySelectorAll(".sl-error-summary")];

  function titleForErrors() {
    const shown = summaries.find((summary) => !summary.hidden);
    document.title = shown ? `${shown.dataset.slErrorPrefix} ${titleWithoutErrors}` : titleWithoutErrors;
  }

  const watcher = new MutationObserver(titleForErrors);
  summaries.forEach((summary) => watcher.observe(summary, { attributes: true, attributeFilter: ["hidden"] }));
})();
