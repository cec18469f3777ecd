// Move focus to the first field with an error after a failed submit, so keyboard and screen-reader users land on it.
document.addEventListener("DOMContentLoaded", () => {
    const summary = document.querySelector(".validation-summary-errors");
    const invalid = document.querySelector(".input-validation-error");
    if (invalid) {
        invalid.focus();
    } else if (summary) {
        summary.setAttribute("tabindex", "-1");
        summary.focus();
    }
});
