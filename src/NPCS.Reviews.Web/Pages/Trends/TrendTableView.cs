using NPCS.Reviews.Application.Features.Trends;

namespace NPCS.Reviews.Web.Pages.Trends;

/// <summary>What the table partial needs: the suppressed table, where its CSV is, and whether to draw its chart.</summary>
public sealed record TrendTableView(TrendTable Table, string CsvUrl, int Threshold, bool WithChart);
