using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using S = NPCS.Reviews.BrowserTests.Accessibility.Sweep.SweepStage;

namespace NPCS.Reviews.BrowserTests.Accessibility.Sweep;

/// <summary>Who the sweep visits as: a demo account of a role, nobody, or someone halfway through a two-factor sign-in.</summary>
public sealed record SweepRole(string Name, string? Email)
{
    public static SweepRole Anonymous { get; } = new("anonymous", null);
    public static SweepRole Caseworker { get; } = new("Caseworker", "caseworker@demo.local");
    public static SweepRole Facilitator { get; } = new("Facilitator", "facilitator@demo.local");
    public static SweepRole Supervisor { get; } = new("Supervisor", "supervisor@demo.local");
    public static SweepRole Administrator { get; } = new("Administrator", "admin@demo.local");
    public static SweepRole Analyst { get; } = new("Analyst", "analyst@demo.local");

    /// <summary>Password given, authenticator code not yet: the scene's two-factor account (its address is only known at run time).</summary>
    public static SweepRole SecondFactor { get; } = new("two-factor sign-in under way", null);

    public override string ToString() => Name;
}

/// <summary>
/// One visit of the sweep: a page (its key as <c>AppRoutes</c> discovers it, e.g. <c>GET /Reviews/{id}</c>),
/// as a role, at a review stage (<see cref="SweepStage.None"/> off the reviews), at an address built from the
/// scene's ids; optionally brought into a state first (<see cref="Act"/>, e.g. a form sent empty so its errors
/// show). <see cref="Reflow"/> marks the visit whose page the reflow check uses (most content); a page without
/// one uses its first visit.
/// </summary>
public sealed record Visit(string Page, SweepRole Role, string Stage, Func<SweepScene, string> Url, string State = "as it opens", Func<IPage, Task>? Act = null, bool Reflow = false)
{
    public string Name => $"{Page} as {Role} at stage {Stage} ({State})";

    /// <summary>A short file name for its screenshots, e.g. <c>reviews-id-findings</c>.</summary>
    public string Slug
    {
        get
        {
            var text = (Page[(Page.IndexOf(' ', StringComparison.Ordinal) + 1)..] + (Act is null ? string.Empty : "-errors")).ToLowerInvariant();
            var slug = new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
            while (slug.Contains("--", StringComparison.Ordinal))
            {
                slug = slug.Replace("--", "-", StringComparison.Ordinal);
            }

            return slug.Length == 0 ? "home" : slug;
        }
    }
}

/// <summary>
/// Every visit of the accessibility sweep, and the GET handlers deliberately not visited. The sweep fails
/// on a discovered GET page that is in neither list.
/// </summary>
public static class SweepCatalogue
{
    /// <summary>GET handlers that answer with a file, not a page: nothing for axe or reflow to check.</summary>
    public static IReadOnlyDictionary<string, string> Excluded { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The catalog and instruments as JSON files to download.
        ["GET /Admin/Catalog?handler=Export"] = "a JSON file download (the factor catalog)",
        ["GET /Surveys/Instruments?handler=Export"] = "a JSON file download (a survey instrument)",

        // A wave's results as CSV files and as the aggregate JSON for the hub.
        ["GET /Surveys/{waveId}?handler=RatesCsv"] = "a CSV file download (response rates)",
        ["GET /Surveys/{waveId}?handler=DomainsCsv"] = "a CSV file download (domain scores)",
        ["GET /Surveys/{waveId}?handler=ItemsCsv"] = "a CSV file download (item scores)",
        ["GET /Surveys/{waveId}?handler=Aggregate"] = "a JSON file download (the wave's aggregate for NPCS)",

        // The report as a PDF: tagged PDF/UA, checked by ReportPdfTests, not a web page.
        ["GET /Reviews/{id}/Report/Pdf"] = "a PDF file download (the review's report; its tagging is tested with the PDF)",
    };

    private static readonly SweepRole[] Readers = [SweepRole.Caseworker, SweepRole.Facilitator, SweepRole.Supervisor, SweepRole.Administrator];
    private static readonly SweepRole[] Editors = [SweepRole.Caseworker, SweepRole.Facilitator, SweepRole.Supervisor];
    private static readonly SweepRole[] Runners = [SweepRole.Facilitator, SweepRole.Supervisor];
    private static readonly SweepRole[] SignedIn = [.. Readers, SweepRole.Analyst];
    private static readonly SweepRole[] Leaders = [SweepRole.Supervisor, SweepRole.Administrator];
    private static readonly SweepRole[] TrendReaders = [SweepRole.Supervisor, SweepRole.Administrator, SweepRole.Analyst];

    public static IReadOnlyList<Visit> Visits { get; } = [.. ReviewVisits(), .. OtherVisits()];

    private static IEnumerable<Visit> ReviewVisits()
    {
        // The overview changes at every stage and for every role (override, assign, reopen, approve buttons).
        foreach (var visit in Each("GET /Reviews/{id}", Readers, S.All, r => $"Reviews/{r.Id}", everyRoleAtEveryStage: true))
        {
            yield return visit.Role == SweepRole.Supervisor && visit.Stage == S.Approved ? visit with { Reflow = true } : visit;
        }

        foreach (var visit in Each("GET /Reviews/{id}/History", Readers, [S.Intake, S.Approved], r => $"Reviews/{r.Id}/History")
            .Concat(Each("GET /Reviews/{id}/Report", Readers, [S.Intake, S.Approved], r => $"Reviews/{r.Id}/Report")))
        {
            yield return visit with { Reflow = visit.Stage == S.Approved && visit.Role == SweepRole.Facilitator };
        }

        // The intake can be corrected while the review is at intake or screened out.
        foreach (var visit in Each("GET /Reviews/{id}/EditIntake", Editors, [S.ScreenedOut, S.Intake], r => $"Reviews/{r.Id}/EditIntake"))
        {
            yield return visit;
        }

        yield return Errors("GET /Reviews/{id}/EditIntake", SweepRole.Facilitator, S.Intake, r => $"Reviews/{r.Id}/EditIntake", "Save changes", clear: true);

        // Chronology: none when screened out, editable until approval, locked after.
        foreach (var visit in Each("GET /Reviews/{id}/Chronology", Readers, [S.ScreenedOut, S.Intake, S.Approved], r => $"Reviews/{r.Id}/Chronology"))
        {
            yield return visit;
        }

        yield return Errors("GET /Reviews/{id}/Chronology", SweepRole.Facilitator, S.Intake, r => $"Reviews/{r.Id}/Chronology", "Add entry");
        foreach (var visit in Each("GET /Reviews/{id}/Chronology/{entryId}/Edit", Editors, [S.Intake], r => $"Reviews/{r.Id}/Chronology/{r.EntryId}/Edit"))
        {
            yield return visit;
        }

        yield return Errors("GET /Reviews/{id}/Chronology/{entryId}/Edit", SweepRole.Facilitator, S.Intake, r => $"Reviews/{r.Id}/Chronology/{r.EntryId}/Edit", "Save", clear: true);

        // Family needs: not started, under way, done.
        foreach (var visit in Each("GET /Reviews/{id}/FamilyNeeds", Readers, [S.Intake, S.FamilyNeeds, S.Approved], r => $"Reviews/{r.Id}/FamilyNeeds"))
        {
            yield return visit with { Reflow = visit.Stage == S.FamilyNeeds && visit.Role == SweepRole.Facilitator };
        }

        yield return Errors("GET /Reviews/{id}/FamilyNeeds", SweepRole.Facilitator, S.FamilyNeeds, r => $"Reviews/{r.Id}/FamilyNeeds", "Add need");
        foreach (var visit in Each("GET /Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit", Editors, [S.FamilyNeeds], r => $"Reviews/{r.Id}/FamilyNeeds/Needs/{r.NeedId}/Edit"))
        {
            yield return visit;
        }

        yield return Errors("GET /Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit", SweepRole.Facilitator, S.FamilyNeeds, r => $"Reviews/{r.Id}/FamilyNeeds/Needs/{r.NeedId}/Edit", "Save need", clear: true);

        // The debrief: sessions can be scheduled from family needs, run at debrief, read after.
        foreach (var visit in Each("GET /Reviews/{id}/Debrief", Readers, [S.FamilyNeeds, S.Debrief, S.Approved], r => $"Reviews/{r.Id}/Debrief"))
        {
            yield return visit with { Reflow = visit.Stage == S.Debrief && visit.Role == SweepRole.Facilitator };
        }

        yield return Errors("GET /Reviews/{id}/Debrief", SweepRole.Facilitator, S.Debrief, r => $"Reviews/{r.Id}/Debrief", "Schedule session");
        foreach (var visit in Each("GET /Reviews/{id}/Debrief/Sessions/{sessionId}", Readers, [S.Debrief, S.Approved], r => $"Reviews/{r.Id}/Debrief/Sessions/{r.SessionId}"))
        {
            yield return visit with { Reflow = visit.Stage == S.Debrief && visit.Role == SweepRole.Facilitator };
        }

        yield return Errors("GET /Reviews/{id}/Debrief/Sessions/{sessionId}", SweepRole.Facilitator, S.Debrief, r => $"Reviews/{r.Id}/Debrief/Sessions/{r.SessionId}", "Add outside participant");
        foreach (var visit in Each("GET /Reviews/{id}/Debrief/Sessions/{sessionId}/Live", Runners, [S.Debrief, S.Approved], r => $"Reviews/{r.Id}/Debrief/Sessions/{r.SessionId}/Live"))
        {
            yield return visit with { Reflow = visit.Stage == S.Debrief && visit.Role == SweepRole.Facilitator };
        }

        yield return Errors("GET /Reviews/{id}/Debrief/Sessions/{sessionId}/Live", SweepRole.Facilitator, S.Debrief, r => $"Reviews/{r.Id}/Debrief/Sessions/{r.SessionId}/Live", "Save decision point");
        foreach (var visit in Each("GET /Reviews/{id}/Debrief/DecisionPoints", Readers, [S.Debrief, S.Approved], r => $"Reviews/{r.Id}/Debrief/DecisionPoints"))
        {
            yield return visit;
        }

        foreach (var visit in Each("GET /Reviews/{id}/Debrief/DecisionPoints/{pointId}/Edit", Runners, [S.Debrief], r => $"Reviews/{r.Id}/Debrief/DecisionPoints/{r.PointId}/Edit"))
        {
            yield return visit;
        }

        yield return Errors("GET /Reviews/{id}/Debrief/DecisionPoints/{pointId}/Edit", SweepRole.Facilitator, S.Debrief, r => $"Reviews/{r.Id}/Debrief/DecisionPoints/{r.PointId}/Edit", "Save decision point", clear: true);

        // Findings: not yet, empty, returned with comments, waiting for approval, approved, reopened.
        foreach (var visit in Each("GET /Reviews/{id}/Findings", Readers, [S.Returned, S.Debrief, S.Findings, S.Approval, S.Approved, S.Reopened], r => $"Reviews/{r.Id}/Findings", everyRoleAtEveryStage: true))
        {
            yield return visit with { Reflow = visit.Stage == S.Returned && visit.Role == SweepRole.Facilitator };
        }

        yield return Errors("GET /Reviews/{id}/Findings", SweepRole.Facilitator, S.Findings, r => $"Reviews/{r.Id}/Findings", "Add finding");
        foreach (var visit in Each("GET /Reviews/{id}/Findings/{findingId}/Edit", Editors, [S.Returned, S.Reopened], r => $"Reviews/{r.Id}/Findings/{r.FindingId}/Edit")
            .Concat(Each("GET /Reviews/{id}/Findings/{findingId}/Actions/New", Editors, [S.Returned], r => $"Reviews/{r.Id}/Findings/{r.FindingId}/Actions/New"))
            .Concat(Each("GET /Reviews/{id}/Findings/Actions/{actionId}/Edit", Editors, [S.Returned], r => $"Reviews/{r.Id}/Findings/Actions/{r.ActionId}/Edit")))
        {
            yield return visit;
        }

        yield return Errors("GET /Reviews/{id}/Findings/{findingId}/Edit", SweepRole.Facilitator, S.Returned, r => $"Reviews/{r.Id}/Findings/{r.FindingId}/Edit", "Save finding", clear: true);
        yield return Errors("GET /Reviews/{id}/Findings/{findingId}/Actions/New", SweepRole.Facilitator, S.Returned, r => $"Reviews/{r.Id}/Findings/{r.FindingId}/Actions/New", "Add action");
        yield return Errors("GET /Reviews/{id}/Findings/Actions/{actionId}/Edit", SweepRole.Facilitator, S.Returned, r => $"Reviews/{r.Id}/Findings/Actions/{r.ActionId}/Edit", "Save action", clear: true);

        // Approval is the Supervisors' page.
        foreach (var visit in Each("GET /Reviews/{id}/Approval", [SweepRole.Supervisor], [S.Approval, S.Returned, S.Approved], r => $"Reviews/{r.Id}/Approval"))
        {
            yield return visit with { Reflow = visit.Stage == S.Approval };
        }

        yield return Errors("GET /Reviews/{id}/Approval", SweepRole.Supervisor, S.Approval, r => $"Reviews/{r.Id}/Approval", "Return the review");

        // Follow-up of an approved review's actions.
        foreach (var visit in Each("GET /Actions/{actionId}", Readers, [S.Approved], r => $"Actions/{r.ActionId}"))
        {
            yield return visit;
        }

        yield return Errors("GET /Actions/{actionId}", SweepRole.Facilitator, S.Approved, r => $"Actions/{r.ActionId}", "Save status");
    }

    private static IEnumerable<Visit> OtherVisits()
    {
        // Public pages.
        yield return Off("GET /Account/Login", SweepRole.Anonymous, _ => "Account/Login");
        yield return Off("GET /Account/Login", SweepRole.Anonymous, _ => "Account/Login") with { State = "a failed sign-in", Act = FailSignInAsync, Reflow = true };
        yield return Off("GET /Account/SetPassword", SweepRole.Anonymous, s => $"Account/SetPassword?userId={s.UserId}&code=sweep-code");
        yield return Off("GET /Account/SetPassword", SweepRole.Anonymous, s => $"Account/SetPassword?userId={s.UserId}&code=sweep-code") with { State = "sent empty", Act = p => SubmitAsync(p, "Set password", clear: false) };
        yield return Off("GET /Account/LoginWith2fa", SweepRole.SecondFactor, _ => "Account/LoginWith2fa");
        yield return Off("GET /Account/LoginWith2fa", SweepRole.SecondFactor, _ => "Account/LoginWith2fa") with { State = "sent empty", Act = p => SubmitAsync(p, "Sign in", clear: false) };
        yield return Off("GET /Account/LoginWithRecoveryCode", SweepRole.SecondFactor, _ => "Account/LoginWithRecoveryCode");
        yield return Off("GET /Account/LoginWithRecoveryCode", SweepRole.SecondFactor, _ => "Account/LoginWithRecoveryCode") with { State = "sent empty", Act = p => SubmitAsync(p, "Sign in", clear: false) };
        yield return Off("GET /Error/{code}", SweepRole.Anonymous, _ => "Error/404") with { State = "not found" };
        yield return Off("GET /Error/{code}", SweepRole.Anonymous, _ => "Error/500") with { State = "server error" };
        yield return Off("GET /Error/{code}", SweepRole.Caseworker, _ => "Error/403") with { State = "forbidden" };
        yield return Off("GET /Survey", SweepRole.Anonymous, s => $"Survey?token={s.SurveyToken}") with { Reflow = true };
        yield return Off("GET /Survey", SweepRole.Anonymous, s => $"Survey?token={s.SurveyToken}") with { State = "sent empty", Act = p => SubmitAsync(p, "Save and continue", clear: false) };

        // Every signed-in role.
        foreach (var role in SignedIn)
        {
            yield return Off("GET /", role, _ => string.Empty) with { Reflow = role == SweepRole.Facilitator };
        }

        yield return Off("GET /Account/TwoFactor", SweepRole.Caseworker, _ => "Account/TwoFactor");
        yield return Off("GET /Account/TwoFactor", SweepRole.Analyst, _ => "Account/TwoFactor");

        yield return Off("GET /Account/Logout", SweepRole.Caseworker, _ => "Account/Logout");
        yield return Off("GET /Account/Logout", SweepRole.Analyst, _ => "Account/Logout");

        // The review list, a new review and the action list.
        foreach (var role in Readers)
        {
            yield return Off("GET /Reviews", role, _ => "Reviews") with { Reflow = role == SweepRole.Supervisor };
            yield return Off("GET /Actions", role, _ => "Actions") with { Reflow = role == SweepRole.Supervisor };
        }

        yield return Off("GET /Reviews", SweepRole.Caseworker, _ => "Reviews?stage=Approved&search=NO-SUCH-REVIEW") with { State = "no match" };
        foreach (var role in Editors)
        {
            yield return Off("GET /Reviews/New", role, _ => "Reviews/New");
        }

        yield return Off("GET /Reviews/New", SweepRole.Caseworker, _ => "Reviews/New") with { State = "sent empty", Act = p => SubmitAsync(p, "Save incident", clear: false), Reflow = true };

        // Administration.
        yield return Off("GET /Admin/Users", SweepRole.Administrator, _ => "Admin/Users");
        yield return Off("GET /Admin/Users/Create", SweepRole.Administrator, _ => "Admin/Users/Create");
        yield return Off("GET /Admin/Users/Create", SweepRole.Administrator, _ => "Admin/Users/Create") with { State = "sent empty", Act = p => SubmitAsync(p, "Create user", clear: false) };
        yield return Off("GET /Admin/Users/{id}", SweepRole.Administrator, s => $"Admin/Users/{s.UserId}");
        yield return Off("GET /Admin/SecurityLog", SweepRole.Administrator, _ => "Admin/SecurityLog");
        yield return Off("GET /Admin/Policy", SweepRole.Administrator, _ => "Admin/Policy");
        yield return Off("GET /Admin/Policy", SweepRole.Administrator, _ => "Admin/Policy") with { State = "sent empty", Act = p => SubmitAsync(p, "Save policy", clear: true) };
        yield return Off("GET /Admin/Sharing", SweepRole.Administrator, _ => "Admin/Sharing");
        yield return Off("GET /Admin/Catalog", SweepRole.Administrator, _ => "Admin/Catalog") with { Reflow = true };
        yield return Off("GET /Admin/Catalog", SweepRole.Administrator, _ => "Admin/Catalog") with { State = "sent empty", Act = p => SubmitAsync(p, "Add item", clear: false) };

        // Surveys.
        foreach (var role in Leaders)
        {
            yield return Off("GET /Surveys", role, _ => "Surveys");
            yield return Off("GET /Surveys/{waveId}", role, s => $"Surveys/{s.WaveId}") with { Reflow = role == SweepRole.Administrator };
        }

        yield return Off("GET /Surveys/New", SweepRole.Administrator, _ => "Surveys/New");
        yield return Off("GET /Surveys/New", SweepRole.Administrator, _ => "Surveys/New") with { State = "sent empty", Act = p => SubmitAsync(p, "Open the wave", clear: false) };
        yield return Off("GET /Surveys/Instruments", SweepRole.Administrator, _ => "Surveys/Instruments");
        yield return Off("GET /Surveys/Instruments", SweepRole.Administrator, _ => "Surveys/Instruments") with { State = "sent without a file", Act = p => SubmitAsync(p, "Import instrument", clear: false) };
        yield return Off("GET /Surveys/{waveId}/Links", SweepRole.Administrator, s => $"Surveys/{s.WaveId}/Links");

        // The NPCS hub.
        yield return Off("GET /Hub", SweepRole.Analyst, _ => "Hub");
        yield return Off("GET /Hub", SweepRole.Analyst, _ => "Hub") with { State = "sent without a file", Act = p => SubmitAsync(p, "Import", clear: false) };
        yield return Off("GET /Hub/Surveys", SweepRole.Analyst, _ => "Hub/Surveys");
        yield return Off("GET /Hub/Surveys", SweepRole.Analyst, _ => "Hub/Surveys") with { State = "sent without a file", Act = p => SubmitAsync(p, "Import", clear: false) };

        // Trends and the annual summary, and their CSV handlers, which re-render the page when the filters are refused.
        foreach (var role in TrendReaders)
        {
            yield return Off("GET /Trends", role, _ => "Trends") with { Reflow = role == SweepRole.Supervisor };
            yield return Off("GET /Trends/Annual", role, _ => "Trends/Annual") with { Reflow = role == SweepRole.Supervisor };
        }

        yield return Off("GET /Trends", SweepRole.Supervisor, _ => "Trends?Data.From=2026-05&Data.To=2025-01") with { State = "a period that ends before it starts" };
        yield return Off("GET /Trends?handler=Csv", SweepRole.Supervisor, _ => "Trends?handler=Csv&table=sweep&Data.From=2026-05&Data.To=2025-01") with { State = "CSV asked with a refused period" };
        yield return Off("GET /Trends/Annual?handler=Csv", SweepRole.Analyst, _ => "Trends/Annual?handler=Csv&table=sweep") with { State = "CSV asked without a jurisdiction" };
    }

    /// <summary>
    /// The page as every role at the first stage given; at the other stages (where it renders differently
    /// by stage, but each role sees the same differences) as the first role only, unless
    /// <paramref name="everyRoleAtEveryStage"/> (pages whose buttons and forms differ by role at each stage).
    /// </summary>
    private static IEnumerable<Visit> Each(string page, SweepRole[] roles, IReadOnlyList<string> stages, Func<SweepReview, string> url, bool everyRoleAtEveryStage = false) =>
        from stage in stages
        from role in everyRoleAtEveryStage || stage == stages[0] ? roles : [roles.Contains(SweepRole.Facilitator) ? SweepRole.Facilitator : roles[0]]
        select new Visit(page, role, stage, s => url(s[stage]));

    private static Visit Errors(string page, SweepRole role, string stage, Func<SweepReview, string> url, string button, bool clear = false) =>
        new(page, role, stage, s => url(s[stage]), clear ? "its fields emptied and sent" : "sent empty", p => SubmitAsync(p, button, clear));

    private static Visit Off(string page, SweepRole role, Func<SweepScene, string> url) => new(page, role, S.None, url);

    /// <summary>Sends the form of a button (its text fields emptied first when <paramref name="clear"/>) and waits for the errors to show.</summary>
    public static async Task SubmitAsync(IPage page, string button, bool clear)
    {
        ArgumentNullException.ThrowIfNull(page);
        var target = page.Locator("main").GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).First;
        if (clear)
        {
            await target.EvaluateAsync(
                """
                b => b.form.querySelectorAll('input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=file]):not([type=submit]), textarea')
                    .forEach(i => { i.value = ''; })
                """);
        }

        await target.ClickAsync();
        await Expect(page.Locator(".validation-summary-errors, .field-validation-error, ul[data-valmsg-for] li, [role=alert]").First).ToBeVisibleAsync();
    }

    private static async Task FailSignInAsync(IPage page)
    {
        // An address with no account: failing as a real user would count towards that account's lockout.
        await page.GetByLabel("Email").FillAsync("no.such.person@demo.local");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right.");
    }
}
