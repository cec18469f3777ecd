using System.Globalization;
using AngleSharp.Dom;

namespace NPCS.Reviews.Web.Tests.Support;

public static class Forms
{
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Today for Demo County (its time zone decides what "the future" is), not the UTC date.</summary>
    public static DateOnly Today => NPCS.Reviews.Domain.Jurisdictions.Jurisdiction.TodayIn(
        NPCS.Reviews.Domain.Jurisdictions.Jurisdiction.DefaultTimeZone, DateTimeOffset.UtcNow);

    /// <summary>A complete, valid intake as the New review form posts it.</summary>
    public static Dictionary<string, string[]> ValidIntake(string caseReference) => new()
    {
        ["Data.IncidentType"] = ["NearFatality"],
        ["Data.IncidentDate"] = [Iso(Today.AddDays(-3))],
        ["Data.NotifiedDate"] = [Iso(Today.AddDays(-2))],
        ["Data.ChildAgeYears"] = ["0"],
        ["Data.ChildAgeMonths"] = ["5"],
        ["Data.ChildSex"] = ["Male"],
        ["Data.ChildRaceEthnicity"] = ["White", "AmericanIndianOrAlaskaNative"],
        ["Data.CaseReference"] = [caseReference],
        ["Data.OpenCaseAtIncident"] = ["Yes"],
        ["Data.MostRecentContact"] = [Iso(Today.AddDays(-30))],
        ["Data.PriorReportsCount"] = ["1"],
        ["Data.PriorSubstantiated"] = ["No"],
        ["Data.AllegedMaltreatment"] = ["Neglect", "MedicalNeglect"],
        ["Data.CauseCategory"] = ["UnsafeSleep"],
        ["Data.Summary"] = ["Found unresponsive in an adult bed."],
    };

    public static Dictionary<string, string[]> With(this Dictionary<string, string[]> values, string name, params string[] value)
    {
        ArgumentNullException.ThrowIfNull(values);
        values[name] = value;
        return values;
    }

    /// <summary>The message shown beside a field (the validation span for that field name).</summary>
    public static string FieldError(this IDocument page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelector($"[data-valmsg-for='{name}']")?.TextContent.Trim() ?? string.Empty;
    }

    public static string? InputValue(this IDocument page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelector($"[name='{name}']")?.GetAttribute("value");
    }
}
