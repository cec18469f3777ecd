using System.Net;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>Review content is about children and families: none of what users type reaches the logs.</summary>
public class LogPrivacyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Nothing_typed_into_intake_search_or_administration_appears_in_the_logs()
    {
        var marker = "ZQX" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var caseReference = marker + "-CASE";
        var summary = marker + " the family's story";

        using var caseworker = await app.SignInAsync("caseworker@demo.local");
        var form = await caseworker.GetPageAsync("/Reviews/New");
        var created = await caseworker.SubmitAsync(form, "main form", Forms.ValidIntake(caseReference).With("Data.Summary", summary));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var overview = created.Headers.Location!.OriginalString;

        // A refused duplicate (the database and validation paths), a search, and an edit that races another.
        var again = await caseworker.GetPageAsync("/Reviews/New");
        Assert.Equal(HttpStatusCode.OK, (await caseworker.SubmitAsync(again, "main form", Forms.ValidIntake(caseReference.ToLowerInvariant()).With("Data.Summary", summary))).StatusCode);
        await caseworker.GetPageAsync("/Reviews?search=" + caseReference);
        var edit = await caseworker.GetPageAsync(overview + "/EditIntake");
        Assert.Equal(HttpStatusCode.Redirect, (await caseworker.SubmitAsync(edit, "main form", new() { ["Data.Summary"] = [summary + " corrected"] })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.SubmitAsync(edit, "main form", new() { ["Data.Summary"] = [summary + " stale"] })).StatusCode);

        using var admin = await app.SignInAsync("admin@demo.local");
        var newUser = await admin.GetPageAsync("/Admin/Users/Create");
        await admin.SubmitAsync(newUser, "main form", new()
        {
            ["Data.Email"] = [marker.ToLowerInvariant() + "@demo.local"],
            ["Data.DisplayName"] = [marker + " Person"],
            ["Data.Role"] = ["Caseworker"],
        });
        using var stranger = app.CreateAppClient();
        await stranger.SignInAsync(marker.ToLowerInvariant() + "@elsewhere.example", marker + " password");

        // The capture sees the app's own log lines (so an absent marker means something)...
        Assert.Contains(app.Logs.Lines, l => l.Contains("Request CreateReview by", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Request CreateReview by", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("HTTP GET /Reviews responded 200", StringComparison.Ordinal));

        // ...and none of them carries what people typed.
        var leaks = app.Logs.Lines.Where(l => l.Contains(marker, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, "Typed data reached the logs:\n" + string.Join("\n", leaks));
    }
}
