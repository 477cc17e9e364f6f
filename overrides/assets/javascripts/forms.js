// The "Print or save as PDF" button on request form pages: it opens the browser's print dialog.
// Nothing typed into the form is read or sent. Without JavaScript the button is hidden and the
// page says to use the browser's Print option instead (site.css).
// With this script running, the page shows the button instead of the no-JavaScript advice.
document.documentElement.classList.replace("no-js", "js");

document.querySelectorAll("[data-sl-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
