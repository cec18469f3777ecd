// Charts of the survey results page, drawn from the table each chart sits beside: the table is the
// accessible form and stays on the page; the chart is an image of it for sighted readers.
document.addEventListener("DOMContentLoaded", () => {
    if (typeof Chart === "undefined") {
        return;
    }

    const palette = ["#1f4e79", "#b35c00", "#2e7d32", "#6a1b9a", "#00695c", "#ad1457", "#4e342e", "#37474f"];
    document.querySelectorAll(".survey-chart[data-chart-for]").forEach(holder => {
        const table = document.getElementById(holder.getAttribute("data-chart-for"));
        if (!table) {
            return;
        }

        const headers = [...table.querySelectorAll("thead th")];
        const series = headers.map((th, index) => ({ th, index })).filter(h => h.th.hasAttribute("data-series"));
        const rows = [...table.querySelectorAll("tbody tr")];
        const labels = rows.map(row => row.querySelector("th").textContent.trim());
        const datasets = series.map((s, i) => ({
            label: s.th.textContent.trim(),
            backgroundColor: palette[i % palette.length],
            data: rows.map(row => {
                const cell = row.children[s.index];
                const value = cell ? cell.getAttribute("data-value") : "";
                return value === null || value === "" ? null : Number(value);
            }),
        }));

        const canvas = document.createElement("canvas");
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", `${holder.getAttribute("data-chart-label")}: a chart of the table below, which gives every value.`);
        holder.appendChild(canvas);
        const min = holder.getAttribute("data-chart-min");
        const max = holder.getAttribute("data-chart-max");
        new Chart(canvas, {
            type: "bar",
            data: { labels, datasets },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { min: min === null ? 0 : Number(min), max: max === null ? undefined : Number(max) } },
                plugins: { legend: { display: datasets.length > 1 } },
            },
        });
    });
});
