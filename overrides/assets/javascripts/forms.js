// The "Print or save as PDF" button on request form pages: it opens the browser's print dialog.
// Nothing typed into the form is read or sent. Without JavaScript the button is hidden and the
// page says to use the browser's Print option instead (site.css).
document.querySelectorAll("[data-sl-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
