using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class FindingsPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string AddFinding = "form#add-finding-form";
    private const string AddAction = "form#add-action-form";

    private static string Url(int id) => $"/Reviews/{id}/Findings";

    private static string FirstFactor(IDocument page) =>
        page.QuerySelector<IHtmlSelectElement>("#Finding_FactorItemId")!.Options.First(o => !string.IsNullOrEmpty(o.Value)).Value;

    private static Dictionary<string, string[]> Finding(IDocument page, string rating = "2") => new()
    {
        ["Finding.FactorItemId"] = [FirstFactor(page)],
        ["Finding.Rating"] = [rating],
        ["Finding.Description"] = ["The discharge note never reached the agency."],
        ["Finding.NeedIds"] = [page.QuerySelector<IHtmlInputElement>("input[name='Finding.NeedIds']")!.Value],
    };

    private static Dictionary<string, string[]> Action(string strength = "Intermediate", DateOnly? due = null) => new()
    {
        ["Data.WhatWillBeDone"] = ["Joint discharge protocol with the hospital"],
        ["Data.Strength"] = [strength],
        ["Data.OwnerName"] = ["Pat Manager"],
        ["Data.OwnerUnit"] = ["Intake unit"],
        ["Data.DueDate"] = [Forms.Iso(due ?? Forms.Today.AddDays(60))],
        ["Data.Measure"] = ["Notes shared for every referral"],
    };

    private static async Task AddFindingAsync(AppClient client, int id, string rating = "2")
    {
        var page = await client.GetPageAsync(Url(id));
        var response = await client.SubmitAsync(page, AddFinding, Finding(page, rating));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Url(id) + "#findings", response.Headers.Location?.OriginalString);
    }

    private static async Task<IDocument> AddActionAsync(AppClient client, int id, string strength = "Intermediate")
    {
        var page = await client.GetPageAsync(Url(id));
        var link = page.QuerySelectorAll("a").Last(a => a.TextContent.StartsWith("Add an action", StringComparison.Ordinal)).GetAttribute("href")!;
        var form = await client.GetPageAsync(link);
        Assert.Contains("For example: Double checks", form.QuerySelector(AddAction)!.TextContent, StringComparison.Ordinal);
        var response = await client.SubmitAsync(form, AddAction, Action(strength));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetPageAsync(Url(id));
    }

    [Fact]
    public async Task Should_add_a_finding_and_an_action_and_show_them()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Findings);
        using var client = await app.SignInAsync("facilitator@demo.local");
        var empty = await client.GetPageAsync(Url(id));
        Assert.Equal("Findings", empty.QuerySelector(".review-tabs a.active")?.TextContent);
        Assert.Equal("3: immediate or intensive action", empty.QuerySelector("label[for='Finding_Rating_3']")?.TextContent.Trim());
        Assert.NotEmpty(empty.QuerySelectorAll("#Finding_FactorItemId optgroup"));
        Assert.Contains("Closed the assessment", empty.QuerySelector("fieldset.evidence-group")!.TextContent, StringComparison.Ordinal);

        await AddFindingAsync(client, id);
        var withFinding = await client.GetPageAsync(Url(id));
        Assert.Equal("Finding added.", withFinding.QuerySelector(".alert-success")?.TextContent.Trim());
        var panel = withFinding.QuerySelector("article.finding")!;
        Assert.Contains("2: action needed", panel.TextContent, StringComparison.Ordinal);
        Assert.Contains("Need: Housing: Stable housing", panel.TextContent, StringComparison.Ordinal);
        Assert.Contains("Needs an action", panel.TextContent, StringComparison.Ordinal);

        var withAction = await AddActionAsync(client, id);

        Assert.Equal("Action added.", withAction.QuerySelector(".alert-success")?.TextContent.Trim());
        var cells = withAction.QuerySelectorAll(".actions-table tbody tr th, .actions-table tbody tr td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Joint discharge protocol with the hospital", cells[0]);
        Assert.Equal("Intermediate", cells[1]);
        Assert.Equal("Pat Manager, Intake unit", cells[2]);
        Assert.Equal("Proposed", cells[5]);
        Assert.DoesNotContain("Needs an action", withAction.QuerySelector("article.finding")!.TextContent, StringComparison.Ordinal);
        Assert.Null(withAction.QuerySelector("[role='note']"));
    }

    public static TheoryData<string, string, string> InvalidFindings => new()
    {
        { "Finding.Description", "", "Describe the finding." },
        { "Finding.Rating", "", "Rate the finding on the action scale." },
        { "Finding.Rating", "7", "Choose a rating from 0 to 3." },
        { "Finding.FactorItemId", "", "Choose the factor this finding is about." },
        { "Finding.FactorItemId", "999999", "Choose a factor from the current catalog." },
        { "Finding.NeedIds", "999999", "Choose needs of this review." },
    };

    [Theory]
    [MemberData(nameof(InvalidFindings))]
    public async Task Should_show_the_message_beside_the_field_keep_the_input_and_save_nothing(string name, string value, string message)
    {
        var id = await app.ReviewAtAsync(ReviewStage.Findings);
        using var client = await app.SignInAsync("caseworker@demo.local");
        var page = await client.GetPageAsync(Url(id));
        var values = Finding(page).With("Finding.Description", name == "Finding.Description" ? value : "Typed text that must survive.").With(name, value);

        var response = await client.SubmitAsync(page, AddFinding, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await AppClient.ParseAsync(response);
        Assert.Equal(message, result.FieldError(name));
        if (name != "Finding.Description")
        {
            Assert.Equal("Typed text that must survive.", result.QuerySelector<IHtmlTextAreaElement>("#Finding_Description")!.Value);
        }

        Assert.Equal(0, await app.QueryDbAsync(db => db.Findings.IgnoreQueryFilters().CountAsync(f => f.ReviewId == id)));
    }

    [Fact]
    public async Task Should_show_an_action_error_beside_the_field_and_keep_the_input()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Findings);
        using var client = await app.SignInAsync("facilitator@demo.local");
        await AddFindingAsync(client, id);
        var page = await client.GetPageAsync(Url(id));
        var form = await client.GetPageAsync(page.QuerySelectorAll("a").Last(a => a.TextContent.StartsWith("Add an action", StringComparison.Ordinal)).GetAttribute("href")!);

        var response = await client.SubmitAsync(form, AddAction, Action(due: Forms.Today.AddDays(-1)).With("Data.OwnerName", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await AppClient.ParseAsync(response);
        Assert.Equal("The due date cannot be in the past.", result.FieldError("Data.DueDate"));
        Assert.Equal("Name the one person accountable for the action.", result.FieldError("Data.OwnerName"));
        Assert.Equal("Intake unit", result.InputValue("Data.OwnerUnit"));
        Assert.Equal(0, await app.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().CountAsync(a => a.ReviewId == id)));
    }

    [Fact]
    public async Task Should_note_when_every_action_is_weaker_without_blocking()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Findings);
        using var client = await app.SignInAsync("facilitator@demo.local");
        await AddFindingAsync(client, id);

        var page = await AddActionAsync(client, id, "Weaker");

        var note = page.QuerySelector("[role='note']");
        Assert.NotNull(note);
        Assert.Contains("weaker end of the action hierarchy", note.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form#submit-form"));
    }

    [Fact]
    public async Task Should_refuse_to_submit_in_the_summary_then_submit_and_go_to_the_overview()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Findings);
        using var client = await app.SignInAsync("facilitator@demo.local");
        await AddFindingAsync(client, id);
        var page = await client.GetPageAsync(Url(id));

        var refused = await client.SubmitAsync(page, "form#submit-form");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var result = await AppClient.ParseAsync(refused);
        Assert.Contains("A finding rated 2 or 3 has no action", result.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);

        var ready = await AddActionAsync(client, id);
        var submitted = await client.SubmitAsync(ready, "form#submit-form");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/Reviews/{id}", submitted.Headers.Location?.OriginalString);
        Assert.Equal(ReviewStage.Approval, await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Stage).SingleAsync()));
        var after = await client.GetPageAsync(Url(id));
        Assert.Null(after.QuerySelector(AddFinding));
        Assert.Null(after.QuerySelector("form#submit-form"));
        Assert.Contains("waiting for approval", after.QuerySelector(".alert-info")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_not_offer_submitting_to_a_caseworker()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Findings);
        using var client = await app.SignInAsync("caseworker@demo.local");

        var page = await client.GetPageAsync(Url(id));

        Assert.NotNull(page.QuerySelector(AddFinding));
        Assert.Null(page.QuerySelector("form#submit-form"));
    }

    [Fact]
    public async Task Should_not_find_the_page_of_another_jurisdiction()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Findings);
        using var client = await app.SignInAsync("other.caseworker@demo.local");

        var response = await client.Http.GetAsync(new Uri(Url(id), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
