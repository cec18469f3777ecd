using System.Globalization;
using Microsoft.Playwright;

namespace NPCS.Reviews.BrowserTests.Infrastructure;

/// <summary>What a user types into the intake form, by the labels they see. Defaults make a valid near fatality.</summary>
public sealed record Incident
{
    /// <summary>Today for Demo County (its time zone decides what "the future" is), not the UTC date.</summary>
    public static DateOnly Today => NPCS.Reviews.Domain.Jurisdictions.Jurisdiction.TodayIn(
        NPCS.Reviews.Domain.Jurisdictions.Jurisdiction.DefaultTimeZone, DateTimeOffset.UtcNow);

    public string IncidentType { get; init; } = "Near fatality";

    public DateOnly IncidentDate { get; init; } = Today.AddDays(-12);

    public DateOnly NotifiedDate { get; init; } = Today.AddDays(-11);

    public int Years { get; init; } = 2;

    public int Months { get; init; } = 4;

    public string Sex { get; init; } = "Female";

    public IReadOnlyList<string> Races { get; init; } = ["Black or African American", "Hispanic or Latino"];

    public string CaseReference { get; init; } = UniqueCaseReference();

    public string OpenCase { get; init; } = "Yes";

    public DateOnly? MostRecentContact { get; init; } = Today.AddDays(-40);

    public int PriorReports { get; init; } = 2;

    public string PriorSubstantiated { get; init; } = "No";

    public IReadOnlyList<string> Maltreatment { get; init; } = ["Neglect", "Medical neglect"];

    public string CauseCategory { get; init; } = "Unsafe sleep / SUID";

    public string Summary { get; init; } = "Infant found unresponsive after co-sleeping; revived by paramedics.";

    public static string UniqueCaseReference() => "CASE-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Drives the intake form the way a person does: by labels, legends and button names.</summary>
public static class IntakeForm
{
    public static async Task FillAsync(IPage page, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(incident);

        await Group(page, "Incident type").GetByLabel(incident.IncidentType, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Incident date", new() { Exact = true }).FillAsync(Incident.Iso(incident.IncidentDate));
        await page.GetByLabel("Date agency notified", new() { Exact = true }).FillAsync(Incident.Iso(incident.NotifiedDate));

        var age = Group(page, "Child's age");
        await age.GetByLabel("Years", new() { Exact = true }).FillAsync(incident.Years.ToString(CultureInfo.InvariantCulture));
        await age.GetByLabel("Months", new() { Exact = true }).FillAsync(incident.Months.ToString(CultureInfo.InvariantCulture));
        await Group(page, "Child's sex").GetByLabel(incident.Sex, new() { Exact = true }).CheckAsync();
        await SetCheckboxesAsync(Group(page, "Child's race and ethnicity"), incident.Races);

        await page.GetByLabel("Agency case reference", new() { Exact = true }).FillAsync(incident.CaseReference);
        await Group(page, "Open case at time of incident").GetByLabel(incident.OpenCase, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Most recent agency contact", new() { Exact = true })
            .FillAsync(incident.MostRecentContact is { } contact ? Incident.Iso(contact) : string.Empty);
        await page.GetByLabel("Reports in the prior 3 years", new() { Exact = true }).FillAsync(incident.PriorReports.ToString(CultureInfo.InvariantCulture));
        await Group(page, "Prior substantiated maltreatment").GetByLabel(incident.PriorSubstantiated, new() { Exact = true }).CheckAsync();

        await SetCheckboxesAsync(Group(page, "Alleged maltreatment"), incident.Maltreatment);
        await page.GetByLabel("Cause category", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = incident.CauseCategory });
        await page.GetByLabel("Summary", new() { Exact = true }).FillAsync(incident.Summary);
    }

    /// <summary>Signs-in state is the caller's; opens New review, fills it in, saves, and returns the overview's review number.</summary>
    public static async Task<string> RecordAsync(IPage page, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("Reviews/New");
        await FillAsync(page, incident);
        await SaveAsync(page);
        await page.WaitForURLAsync(OverviewUrl);
        var heading = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync();
        return heading.Replace("Review ", string.Empty, StringComparison.Ordinal).Trim();
    }

    public static Task SaveAsync(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Save incident" }).ClickAsync();

    /// <summary>A fieldset, found by its legend.</summary>
    public static ILocator Group(IPage page, string legend) =>
        page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });

    public static System.Text.RegularExpressions.Regex OverviewUrl { get; } = new(@"/Reviews/\d+$");

    private static async Task SetCheckboxesAsync(ILocator group, IReadOnlyList<string> labels)
    {
        foreach (var box in await group.GetByRole(AriaRole.Checkbox).AllAsync())
        {
            await box.UncheckAsync();
        }

        foreach (var label in labels)
        {
            await group.GetByLabel(label, new() { Exact = true }).CheckAsync();
        }
    }
}
