// Progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
    // Each message in the error summary links to its field, so keyboard and screen-reader users can
    // jump straight to what needs fixing.
    const fieldErrors = [...document.querySelectorAll(".field-validation-error[data-valmsg-for]")];
    document.querySelectorAll(".validation-summary-errors li").forEach(item => {
        const text = item.textContent.trim();
        const span = fieldErrors.find(s => s.textContent.trim() === text);
        const field = span && document.querySelector(`[name="${CSS.escape(span.getAttribute("data-valmsg-for"))}"]`);
        if (!field || !field.id) {
            return;
        }

        const link = document.createElement("a");
        link.href = `#${field.id}`;
        link.className = "alert-link";
        link.textContent = text;
        link.addEventListener("click", event => {
            event.preventDefault();
            field.focus();
            field.scrollIntoView({ block: "center" });
        });
        item.replaceChildren(link);
    });

    // After a failed submit, focus lands on the first field in error (or on the summary).
    const summary = document.querySelector(".validation-summary-errors");
    const invalid = document.querySelector(".input-validation-error, [aria-invalid='true']");
    if (invalid) {
        invalid.focus();
    } else if (summary) {
        summary.setAttribute("tabindex", "-1");
        summary.focus();
    }
});

// A button with data-confirm asks before it submits (deletions). Without script the form simply submits.
document.addEventListener("click", event => {
    const button = event.target instanceof Element ? event.target.closest("button[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
        event.preventDefault();
    }
});
