// A data table too wide for the screen scrolls inside its own .table-responsive container (WCAG 1.4.10
// allows this for data tables). A container that scrolls must be reachable with the keyboard, so arrow
// keys can scroll it (2.1.1), and named, so a screen reader says what it is (4.1.2): each one becomes a
// region named by its table's caption (or the nearest heading), focusable only while it scrolls.
(function () {
    'use strict';

    let made = 0;

    function idOf(element) {
        if (!element.id) {
            made += 1;
            element.id = 'table-region-' + made;
        }
        return element.id;
    }

    function name(region) {
        if (region.hasAttribute('aria-label') || region.hasAttribute('aria-labelledby')) {
            return;
        }
        const caption = region.querySelector('caption');
        const heading = caption || region.closest('section, .panel, main')?.querySelector('h2, h3, h1');
        if (heading) {
            region.setAttribute('aria-labelledby', idOf(heading));
        } else {
            region.setAttribute('aria-label', 'Table');
        }
    }

    function update(region) {
        if (region.scrollWidth > region.clientWidth + 1) {
            region.tabIndex = 0;
        } else {
            region.removeAttribute('tabindex');
        }
    }

    const regions = document.querySelectorAll('.table-responsive');
    regions.forEach(function (region) {
        if (!region.hasAttribute('role') && region.tagName !== 'SECTION') {
            region.setAttribute('role', 'region');
        }
        name(region);
        update(region);
    });

    if ('ResizeObserver' in window) {
        const observer = new ResizeObserver(function (entries) {
            entries.forEach(function (entry) { update(entry.target); });
        });
        regions.forEach(function (region) { observer.observe(region); });
    }
})();
