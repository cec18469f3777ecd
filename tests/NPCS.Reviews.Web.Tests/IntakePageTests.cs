using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public partial class IntakePageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string NewCaseReference() => "WEB-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<(AppClient Client, int Id, string Number)> CreateAsync(string email = "caseworker@demo.local", Dictionary<string, string[]>? values = null)
    {
        var client = await app.SignInAsync(email);
        var form = await client.GetPageAsync("/Reviews/New");
        var response = await client.SubmitAsync(form, "main form", values ?? Forms.ValidIntake(NewCaseReference()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(ReviewPath().Match(response.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var number = await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Number).SingleAsync());
        return (client, id, number);
    }

    [GeneratedRegex(@"^/Reviews/(\d+)$")]
    private static partial Regex ReviewPath();

    [Theory]
    [InlineData("caseworker@demo.local")]
    [InlineData("facilitator@demo.local")]
    [InlineData("supervisor@demo.local")]
    public async Task Should_record_an_incident_and_show_it_on_its_overview_and_in_the_list(string email)
    {
        var caseReference = NewCaseReference();

        var (client, id, number) = await CreateAsync(email, Forms.ValidIntake(caseReference));

        Assert.Matches($@"^DEMO-{Forms.Today.Year}-\d{{4}}$", number);
        var saved = await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        Assert.Equal(caseReference, saved.CaseReference);
        Assert.Equal(RaceEthnicity.White | RaceEthnicity.AmericanIndianOrAlaskaNative, saved.ChildRaceEthnicity);
        Assert.Equal(MaltreatmentType.Neglect | MaltreatmentType.MedicalNeglect, saved.AllegedMaltreatment);

        var overview = await client.GetPageAsync($"/Reviews/{id}");
        Assert.Equal($"Review {number}", overview.QuerySelector("h1")?.TextContent);
        Assert.Equal("step", overview.QuerySelector(".stepper li[aria-current]")?.GetAttribute("aria-current"));
        Assert.Contains("Intake", overview.QuerySelector(".stepper li[aria-current]")?.TextContent, StringComparison.Ordinal);

        var list = await client.GetPageAsync("/Reviews?search=" + number);
        Assert.Contains(list.QuerySelectorAll("tbody tr td:first-child a"), a => a.TextContent == number);
    }

    public static TheoryData<string, string, string[], string> InvalidFields => new()
    {
        { "Data.IncidentDate", "Data.IncidentDate", [Forms.Iso(Forms.Today.AddDays(2))], "The incident date cannot be in the future." },
        { "Data.NotifiedDate", "Data.NotifiedDate", [Forms.Iso(Forms.Today.AddDays(-10))], "The agency cannot have been notified before the incident." },
        { "Data.ChildAgeYears", "Data.ChildAgeYears", ["18"], "The child's age must be between 0 and 17 years." },
        { "Data.MostRecentContact", "Data.MostRecentContact", [Forms.Iso(Forms.Today.AddDays(-1))], "The most recent agency contact cannot be after the incident." },
        { "Data.PriorReportsCount", "Data.PriorReportsCount", ["-2"], "The number of reports cannot be negative." },
        { "Data.IncidentType", "Data.IncidentType", [], "Choose the incident type." },
        { "Data.CaseReference", "Data.CaseReference", [""], "Enter the agency case reference." },
        { "Data.CauseCategory", "Data.CauseCategory", [""], "Choose the cause category." },
        { "Data.AllegedMaltreatment", "Data.AllegedMaltreatment", ["NoneAlleged", "PhysicalAbuse"], "None alleged cannot be combined with a type of maltreatment." },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Should_show_the_message_beside_the_field_keep_what_was_typed_and_save_nothing(
        string errorFor, string field, string[] value, string message)
    {
        using var client = await app.SignInAsync("caseworker@demo.local");
        var form = await client.GetPageAsync("/Reviews/New");
        var caseReference = NewCaseReference();
        var values = Forms.ValidIntake(caseReference).With(field, value);
        var before = await app.ReviewCountAsync();

        var response = await client.SubmitAsync(form, "main form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal(message, page.FieldError(errorFor));
        Assert.Equal(before, await app.ReviewCountAsync());
        Assert.Equal("Found unresponsive in an adult bed.", page.QuerySelector("textarea[name='Data.Summary']")?.TextContent.Trim());
        if (field != "Data.CaseReference")
        {
            Assert.Equal(caseReference, page.InputValue("Data.CaseReference"));
        }

        if (field != "Data.ChildAgeYears")
        {
            Assert.Equal("0", page.InputValue("Data.ChildAgeYears"));
        }

        Assert.NotNull(page.QuerySelector("input[name='Data.ChildRaceEthnicity'][value='White'][checked]"));
    }

    [Fact]
    public async Task Should_refuse_a_duplicate_case_reference_beside_the_field()
    {
        var caseReference = NewCaseReference();
        await CreateAsync(values: Forms.ValidIntake(caseReference));
        using var client = await app.SignInAsync("facilitator@demo.local");
        var form = await client.GetPageAsync("/Reviews/New");

        var response = await client.SubmitAsync(form, "main form", Forms.ValidIntake(caseReference.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("A review with this case reference already exists in your jurisdiction.", page.FieldError("Data.CaseReference"));
    }

    [Theory]
    [InlineData("Data.ChildAgeYears", "twelve")]
    [InlineData("Data.IncidentType", "Meteor")]
    [InlineData("Data.IncidentDate", "31/31/2026")]
    [InlineData("Data.ChildRaceEthnicity", "Martian")]
    [InlineData("Data.PriorReportsCount", "99999999999999999999")]
    [InlineData("Data.IncidentType", "Fatality", "NearFatality")]
    [InlineData("Data.CauseCategory", "Drowning", "Fire")]
    public async Task Should_answer_input_a_browser_would_never_send_with_a_message_not_an_error_page(string field, params string[] value)
    {
        using var client = await app.SignInAsync("caseworker@demo.local");
        var form = await client.GetPageAsync("/Reviews/New");
        var before = await app.ReviewCountAsync();

        var response = await client.SubmitAsync(form, "main form", Forms.ValidIntake(NewCaseReference()).With(field, value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.NotEmpty(page.FieldError(field));
        Assert.Equal(before, await app.ReviewCountAsync());
    }

    [Theory]
    [InlineData("/Reviews/{0}?handler=Nope")]
    [InlineData("/Reviews/{0}")]
    [InlineData("/Reviews")]
    public async Task Should_answer_not_found_to_a_post_no_page_handler_takes(string path)
    {
        var (client, id, _) = await CreateAsync();
        var form = await client.GetPageAsync("/Reviews/New");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);

        var response = await client.Http.PostAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id), UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        client.Dispose();
    }

    [Fact]
    public async Task Should_refuse_a_post_without_antiforgery_token()
    {
        using var client = await app.SignInAsync("caseworker@demo.local");
        var form = await client.GetPageAsync("/Reviews/New");

        var response = await client.SubmitAsync(form, "main form", Forms.ValidIntake(NewCaseReference()).With("__RequestVerificationToken", ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("admin@demo.local")]
    [InlineData("analyst@demo.local")]
    public async Task Should_forbid_roles_that_do_not_record_incidents(string email)
    {
        using var client = await app.SignInAsync(email);

        var get = await client.Http.GetAsync(new Uri("/Reviews/New", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        var page = await AppClient.ParseAsync(get);
        Assert.Equal("Not available to your role", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Should_keep_analysts_out_of_the_review_list()
    {
        using var client = await app.SignInAsync("analyst@demo.local");

        var response = await client.Http.GetAsync(new Uri("/Reviews", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Should_hide_a_demo_review_from_the_other_county_entirely()
    {
        var (_, id, number) = await CreateAsync();
        using var other = await app.SignInAsync("other.caseworker@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(new Uri($"/Reviews/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(new Uri($"/Reviews/{id}/EditIntake", UriKind.Relative))).StatusCode);

        var list = await other.GetPageAsync("/Reviews");
        Assert.DoesNotContain(number, list.Body?.TextContent, StringComparison.Ordinal);
        var search = await other.GetPageAsync("/Reviews?search=" + number);
        Assert.DoesNotContain(number, search.Body?.TextContent, StringComparison.Ordinal);

        // Posting to the DEMO review's overview with a valid token of the OTHR session changes nothing.
        var ownList = await other.GetPageAsync("/Reviews/New");
        var token = ownList.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("version", Guid.NewGuid().ToString())]);
        var post = await other.Http.PostAsync(new Uri($"/Reviews/{id}?handler=CompleteIntake", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(ReviewStage.Intake, await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Stage).SingleAsync()));
    }

    [Fact]
    public async Task Should_edit_the_intake_then_complete_it_and_lock_the_intake()
    {
        var (client, id, _) = await CreateAsync();
        var edit = await client.GetPageAsync($"/Reviews/{id}/EditIntake");
        Assert.Equal("5", edit.InputValue("Data.ChildAgeMonths"));

        var saved = await client.SubmitAsync(edit, "main form", new() { ["Data.Summary"] = ["Updated after the police report."] });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var overview = await client.GetPageAsync($"/Reviews/{id}");
        Assert.Contains("Updated after the police report.", overview.Body?.TextContent, StringComparison.Ordinal);
        var completed = await client.SubmitAsync(overview, "form[action*='CompleteIntake']");
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);

        var after = await client.GetPageAsync($"/Reviews/{id}");
        Assert.Contains("Family needs", after.QuerySelector(".stepper li[aria-current]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("a[href$='/EditIntake']"));
        var late = await client.SubmitAsync(edit, "main form");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("Someone else changed this record", (await AppClient.ParseAsync(late)).QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_keep_the_users_input_when_someone_else_saved_first()
    {
        var (client, id, _) = await CreateAsync();
        var mine = await client.GetPageAsync($"/Reviews/{id}/EditIntake");
        using var colleague = await app.SignInAsync("facilitator@demo.local");
        var theirs = await colleague.GetPageAsync($"/Reviews/{id}/EditIntake");
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.SubmitAsync(theirs, "main form", new() { ["Data.Summary"] = ["Their words"] })).StatusCode);

        var response = await client.SubmitAsync(mine, "main form", new() { ["Data.Summary"] = ["My words"] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("Someone else changed this record", page.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("My words", page.QuerySelector("textarea[name='Data.Summary']")?.TextContent.Trim());
        Assert.Equal("Their words", await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Summary).SingleAsync()));
    }

    [Fact]
    public async Task Should_screen_out_and_let_only_a_supervisor_override_with_a_reason()
    {
        var values = Forms.ValidIntake(NewCaseReference())
            .With("Data.IncidentType", "Fatality")
            .With("Data.OpenCaseAtIncident", "No")
            .With("Data.MostRecentContact", "");
        var (client, id, _) = await CreateAsync(values: values);
        var overview = await client.GetPageAsync($"/Reviews/{id}");
        Assert.Contains("Screened out", overview.QuerySelector("#screened-heading")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("look-back window", overview.QuerySelector("#screened-heading + p")?.TextContent, StringComparison.Ordinal);
        Assert.Null(overview.QuerySelector("form[action*='Override']"));

        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        var page = await supervisor.GetPageAsync($"/Reviews/{id}");
        var empty = await supervisor.SubmitAsync(page, "form[action*='Override']", new() { ["Override.Reason"] = [""] });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("Write why this incident should be reviewed.", (await AppClient.ParseAsync(empty)).FieldError("Override.Reason"));

        var ok = await supervisor.SubmitAsync(page, "form[action*='Override']", new() { ["Override.Reason"] = ["Repeated hospital visits."] });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var after = await supervisor.GetPageAsync($"/Reviews/{id}");
        Assert.Contains("Repeated hospital visits.", after.Body?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector(".stepper"));
    }
}
