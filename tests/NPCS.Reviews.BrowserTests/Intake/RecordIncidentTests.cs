using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NPCS.Reviews.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Intake;

[Collection(UsesBrowser.Name)]
public sealed class RecordIncidentTests(BrowserFixture app)
{
    [Fact]
    public async Task Caseworker_records_an_incident_and_finds_it_in_the_list()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "caseworker@demo.local");

        // Outside Development the auth cookie is Secure and HttpOnly; Chromium still keeps it on http loopback.
        var auth = Assert.Single(await context.CookiesAsync(), c => c.Name == "npcs.auth");
        Assert.True(auth.Secure && auth.HttpOnly, "The auth cookie should be Secure and HttpOnly.");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "New review" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Reviews/New$"));
        await Expect(nav.Locator("[aria-current=page]")).ToHaveTextAsync("New review");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New review", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0); // no error box before anything is submitted

        var incident = new Incident();
        await IntakeForm.FillAsync(page, incident);
        await IntakeForm.SaveAsync(page);

        await Expect(page).ToHaveURLAsync(IntakeForm.OverviewUrl);
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToHaveTextAsync(new Regex($@"^Review DEMO-{Incident.Today.Year}-\d{{4}}$"));
        var number = (await heading.InnerTextAsync())["Review ".Length..];
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Incident recorded as {number}.");

        // The overview shows back what was typed.
        var intake = page.GetByRole(AriaRole.Region, new() { Name = "Intake" });
        await Expect(intake).ToContainTextAsync("Near fatality");
        await Expect(intake).ToContainTextAsync("2 years 4 months");
        await Expect(intake).ToContainTextAsync("Black or African American, Hispanic or Latino");
        await Expect(intake).ToContainTextAsync(incident.CaseReference);
        await Expect(intake).ToContainTextAsync("Neglect, Medical neglect");
        await Expect(intake).ToContainTextAsync("Unsafe sleep / SUID");
        await Expect(intake).ToContainTextAsync(incident.Summary);
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Review progress" })).ToContainTextAsync("Current step");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Reviews", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Reviews$"));
        await Expect(nav.Locator("[aria-current=page]")).ToHaveTextAsync("Reviews");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Near fatality");
        await Expect(row).ToContainTextAsync("Intake");

        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Review {number}", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Caseworker_sees_date_errors_beside_the_fields_with_the_typed_values_kept()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "caseworker@demo.local");
        await page.GotoAsync("Reviews/New");

        var future = Incident.Today.AddDays(5);
        var incident = new Incident { IncidentDate = future, NotifiedDate = Incident.Today.AddDays(-1) };
        await IntakeForm.FillAsync(page, incident);
        await IntakeForm.SaveAsync(page);

        // Re-rendered by the server (the form is novalidate), not saved.
        await Expect(page).ToHaveURLAsync(new Regex("/Reviews/New$"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The incident was not saved.");
        var incidentDate = page.GetByLabel("Incident date", new() { Exact = true });
        await Expect(incidentDate).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(incidentDate).ToHaveAccessibleDescriptionAsync(new Regex("The incident date cannot be in the future."));
        await Expect(page.Locator("#Data_IncidentDate-error")).ToHaveTextAsync("The incident date cannot be in the future.");

        // The error summary has focus, so a screen reader reads it out; its link leads to the field.
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();

        // Everything typed is still there.
        await Expect(incidentDate).ToHaveValueAsync(Incident.Iso(future));
        await Expect(page.GetByLabel("Date agency notified", new() { Exact = true })).ToHaveValueAsync(Incident.Iso(incident.NotifiedDate));
        await Expect(IntakeForm.Group(page, "Incident type").GetByLabel("Near fatality", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(IntakeForm.Group(page, "Child's age").GetByLabel("Years", new() { Exact = true })).ToHaveValueAsync("2");
        await Expect(IntakeForm.Group(page, "Child's age").GetByLabel("Months", new() { Exact = true })).ToHaveValueAsync("4");
        await Expect(IntakeForm.Group(page, "Child's sex").GetByLabel("Female", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(IntakeForm.Group(page, "Child's race and ethnicity").GetByLabel("Hispanic or Latino", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Agency case reference", new() { Exact = true })).ToHaveValueAsync(incident.CaseReference);
        await Expect(IntakeForm.Group(page, "Open case at time of incident").GetByLabel("Yes", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Most recent agency contact", new() { Exact = true })).ToHaveValueAsync(Incident.Iso(incident.MostRecentContact!.Value));
        await Expect(page.GetByLabel("Reports in the prior 3 years", new() { Exact = true })).ToHaveValueAsync("2");
        await Expect(IntakeForm.Group(page, "Prior substantiated maltreatment").GetByLabel("No", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(IntakeForm.Group(page, "Alleged maltreatment").GetByLabel("Medical neglect", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Cause category", new() { Exact = true })).ToHaveValueAsync("UnsafeSleep");
        await Expect(page.GetByLabel("Summary", new() { Exact = true })).ToHaveValueAsync(incident.Summary);

        // Second round: the incident date is fixed, but now the agency was "notified" before it.
        await incidentDate.FillAsync(Incident.Iso(Incident.Today.AddDays(-3)));
        await page.GetByLabel("Date agency notified", new() { Exact = true }).FillAsync(Incident.Iso(Incident.Today.AddDays(-4)));
        await IntakeForm.SaveAsync(page);

        var notified = page.GetByLabel("Date agency notified", new() { Exact = true });
        await Expect(notified).ToHaveAccessibleDescriptionAsync(new Regex("The agency cannot have been notified before the incident."));
        await Expect(notified).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(incidentDate).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();

        // Third round: corrected, it saves.
        await notified.FillAsync(Incident.Iso(Incident.Today.AddDays(-2)));
        await IntakeForm.SaveAsync(page);
        await Expect(page).ToHaveURLAsync(IntakeForm.OverviewUrl);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Incident recorded as DEMO-");
    }

    [Fact]
    public async Task Fatality_without_open_case_or_contact_is_screened_out_and_a_supervisor_overrides_it()
    {
        string overview;
        await using (var caseworker = await app.NewContextAsync())
        {
            var page = await caseworker.NewPageAsync();
            await BrowserFixture.SignInAsync(page, "caseworker@demo.local");
            await IntakeForm.RecordAsync(page, new Incident
            {
                IncidentType = "Fatality",
                OpenCase = "No",
                MostRecentContact = null,
                PriorReports = 0,
            });

            var screened = page.GetByRole(AriaRole.Region, new() { Name = "Screened out" });
            await Expect(screened).ToContainTextAsync(
                "Reason: No open case at the time of the incident and no agency contact recorded within the");
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was screened out");
            await Expect(screened).ToContainTextAsync("A Supervisor can override the screen-out with a written reason.");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Override screen-out" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Locator("xpath=..")).ToContainTextAsync("Screened out");
            overview = page.Url;
        }

        await using var supervisor = await app.NewContextAsync();
        var sup = await supervisor.NewPageAsync();
        await BrowserFixture.SignInAsync(sup, "supervisor@demo.local");
        await sup.GotoAsync(overview);

        // A reason is required: an empty override comes back with the message beside the field.
        var reason = sup.GetByLabel("Reason to review this incident anyway", new() { Exact = true });
        await sup.GetByRole(AriaRole.Button, new() { Name = "Override screen-out" }).ClickAsync();
        await Expect(reason).ToHaveAccessibleDescriptionAsync("Write why this incident should be reviewed.");
        await Expect(sup.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        await Axe.AssertNoViolationsAsync(sup, "the screened-out overview with an override error");

        const string Why = "Sibling had an open case last year; the family is known to the agency.";
        await reason.FillAsync(Why);
        await sup.GetByRole(AriaRole.Button, new() { Name = "Override screen-out" }).ClickAsync();

        await Expect(sup.GetByRole(AriaRole.Status)).ToHaveTextAsync("Screen-out overridden: the incident will be reviewed.");
        await Expect(sup.GetByRole(AriaRole.Region, new() { Name = "Screened out" })).ToHaveCountAsync(0);
        await Expect(sup.GetByRole(AriaRole.List, new() { Name = "Review progress" })).ToBeVisibleAsync();
        var status = sup.GetByRole(AriaRole.Region, new() { Name = "Status" });
        await Expect(status).ToContainTextAsync("Screen-out overridden");
        var today = Incident.Today.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        await Expect(status).ToContainTextAsync($"By Sam Supervisor on {today}: {Why}");
    }
}
