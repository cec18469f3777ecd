// Progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
    // Each message in the error summary links to its field, so keyboard and screen-reader users can
    // jump straight to what needs fixing.
    const fieldErrors = [...document.querySelectorAll("[data-valmsg-for]")].filter(s => s.textContent.trim() !== "");
    document.querySelectorAll(".validation-summary-errors li").forEach(item => {
        const text = item.textContent.trim();
        const span = fieldErrors.find(s => s.textContent.trim() === text);
        const field = span && document.querySelector(`[name="${CSS.escape(span.getAttribute("data-valmsg-for"))}"]:not([type="hidden"])`);
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

    // Where focus lands when a page loads after a post. After a failed submit: the error summary (the
    // server makes it focusable), so a screen reader reads out what went wrong and its links lead to
    // each field; without a summary, the first field in error. After a save (post, redirect, get): the
    // part of the page the address names (the edited item), else the field the page asks to start in
    // (autofocus: the next entry), else the message that says it was saved (data-focus-after-save).
    // Focus is never left on the body, where the next Tab would start again at the top.
    const land = element => {
        if (!element.matches("a[href], button, input, select, textarea") && !element.hasAttribute("tabindex")) {
            element.setAttribute("tabindex", "-1");
        }
        element.classList.add("focus-landing");
        element.focus();
    };
    const summary = document.querySelector(".validation-summary-errors");
    const invalid = document.querySelector("[aria-invalid='true']:not([type='hidden']), .input-validation-error:not([type='hidden'])");
    const hash = window.location.hash.length > 1 ? decodeURIComponent(window.location.hash.slice(1)) : "";
    const target = hash && hash !== "main" ? document.getElementById(hash) : null;
    const autofocus = document.querySelector("[autofocus]");
    const saved = document.querySelector("[data-focus-after-save]");
    if (summary) {
        land(summary);
    } else if (invalid) {
        invalid.focus();
    } else if (target) {
        land(target);
    } else if (autofocus) {
        autofocus.focus();
    } else if (saved) {
        land(saved);
    }
});

// A button with data-confirm asks before it submits (deletions). Without script the form simply submits.
document.addEventListener("click", event => {
    const button = event.target instanceof Element ? event.target.closest("button[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
        event.preventDefault();
    }
});
