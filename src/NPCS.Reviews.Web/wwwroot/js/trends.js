// Draws each trend chart from the data table beside it: the table is the accessible form and the
// single source, so the chart can never show a number the table hides. A suppressed cell carries no
// data-value and becomes a gap. The content security policy forbids inline script: this file is all.
(function () {
    'use strict';
    if (typeof Chart === 'undefined') {
        return;
    }

    // Distinct hues, each at least 3:1 against white (WCAG 1.4.11, graphical objects).
    const palette = ['#1f5f99', '#b3541e', '#2e7d32', '#7b3fa0', '#a31f4d', '#00707a', '#6b5a00', '#4a5561', '#c2185b', '#3949ab', '#8d4e00', '#00695c'];
    const text = cell => cell.textContent.trim();
    const value = cell => (cell && cell.dataset.value !== undefined && cell.dataset.value !== '') ? Number(cell.dataset.value) : null;

    document.querySelectorAll('figure[data-chart]').forEach(figure => {
        const table = figure.querySelector('table');
        const canvas = figure.querySelector('canvas');
        if (!table || !canvas) {
            return;
        }

        const headers = Array.from(table.tHead.rows[0].cells);
        const charted = headers.map((h, i) => h.dataset.charted === 'true' ? i : -1).filter(i => i > 0);
        const rows = Array.from(table.tBodies[0].rows).filter(r => r.dataset.total !== 'true');
        let labels;
        let series;
        if (figure.dataset.series === 'rows') {
            labels = charted.map(i => text(headers[i]));
            series = rows.map(r => ({ label: text(r.cells[0]), data: charted.map(i => value(r.cells[i])) }));
        } else {
            labels = rows.map(r => text(r.cells[0]));
            series = charted.map(i => ({ label: text(headers[i]), data: rows.map(r => value(r.cells[i])) }));
        }

        const horizontal = figure.dataset.chart === 'horizontal';
        const stacked = figure.dataset.stacked === 'true';
        const unit = figure.dataset.unit || '';
        if (horizontal) {
            // Room for every bar: the container's height through the CSS object model, which the policy allows.
            canvas.parentElement.style.height = Math.max(14, 4 + labels.length * (stacked ? 1.6 : 1.2 * series.length + 0.6)) + 'rem';
        }

        const valueAxis = { stacked: stacked, beginAtZero: true, title: { display: true, text: unit } };
        const categoryAxis = { stacked: stacked };
        new Chart(canvas, {
            type: 'bar',
            data: {
                labels: labels,
                datasets: series.map((s, k) => ({
                    label: s.label,
                    data: s.data,
                    backgroundColor: palette[k % palette.length],
                    borderColor: '#ffffff',
                    borderWidth: 1,
                })),
            },
            options: {
                indexAxis: horizontal ? 'y' : 'x',
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
                plugins: {
                    legend: { position: 'bottom' },
                    tooltip: {
                        callbacks: {
                            // A gap says why it is empty, in the table's own words.
                            label: context => context.dataset.label + ': ' + (context.raw === null ? 'not shown' : context.formattedValue + (unit === '%' ? '%' : ' ' + unit)),
                        },
                    },
                },
            },
        });
    });
}());
