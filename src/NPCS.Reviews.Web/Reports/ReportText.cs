using System.Globalization;
using NPCS.Reviews.Application.Features.Report;

namespace NPCS.Reviews.Web.Reports;

/// <summary>How the report words dates, missing text and sign-offs: the same on the page and in the PDF.</summary>
public static class ReportText
{
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string DateAndTime(DateTime local) => local.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string OrNotRecorded(string? text) => string.IsNullOrWhiteSpace(text) ? "Not recorded" : text;

    /// <summary>"Sam Supervisor, 26 November 2026, 04:20", or "Not yet".</summary>
    public static string SignOff(GetReviewSummary.Sign? sign) => sign is null ? "Not yet" : $"{sign.Who}, {DateAndTime(sign.LocalTime)}";
}
