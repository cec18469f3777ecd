// The invitation links page: a real button prints the slips (no inline script under the content security policy).
document.addEventListener("click", event => {
    const button = event.target instanceof Element ? event.target.closest("button[data-print]") : null;
    if (button) {
        window.print();
    }
});
