// The live session page. Every form saves at once; this only guards what is being typed.
(() => {
    const dirty = new Set();

    document.querySelectorAll("form[method='post']").forEach(form => {
        const markDirty = () => dirty.add(form);
        form.addEventListener("input", markDirty);
        form.addEventListener("change", markDirty);

        // Submitting is saving, not leaving: no warning for the form being sent. Text typed in another
        // form (the notes, say) would be lost by the reload, so the warning still stands for it.
        form.addEventListener("submit", () => dirty.delete(form));
    });

    // Closing the tab or following a link with unsaved input asks first. Browsers show their own wording.
    window.addEventListener("beforeunload", event => {
        if (dirty.size > 0) {
            event.preventDefault();
            event.returnValue = "";
        }
    });

    // The status region is filled by the server; setting it again after load makes screen readers
    // announce "Decision point 3 saved." while focus sits in the capture form.
    const status = document.getElementById("live-status");
    const message = status ? status.textContent.trim() : "";
    if (status && message) {
        status.textContent = "";
        window.setTimeout(() => { status.textContent = message; }, 250);
    }
})();
