using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class ActionsPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string UpdateForm = "form#update-status";

    private Task<ReviewAction> ActionOfAsync(int reviewId) =>
        app.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.ReviewId == reviewId));

    private static string Url(ReviewAction action) => "/Actions/" + action.Id.ToString(CultureInfo.InvariantCulture);

    private static bool Lists(IDocument page, ReviewAction action) => page.QuerySelector($"table a[href='{Url(action)}']") is not null;

    private static Dictionary<string, string[]> Update(string status, DateOnly date, string effectiveness = "", string note = "") => new()
    {
        ["Data.Status"] = [status],
        ["Data.Date"] = [Forms.Iso(date)],
        ["Data.Effectiveness"] = [effectiveness],
        ["Data.Note"] = [note],
    };

    [Fact]
    public async Task Should_filter_the_actions_through_the_query_string_and_keep_the_filters_in_the_form()
    {
        var action = await ActionOfAsync(await app.ReviewAtAsync(ReviewStage.Approved));
        var waiting = await ActionOfAsync(await app.ReviewAtAsync(ReviewStage.Approval));
        using var client = await app.SignInAsync("supervisor@demo.local");

        var all = await client.GetPageAsync("/Actions");
        Assert.True(Lists(all, action));
        Assert.False(Lists(all, waiting));
        Assert.Equal("page", all.QuerySelector("nav a[href='/Actions']")?.GetAttribute("aria-current"));

        var matching = await client.GetPageAsync("/Actions?status=Approved&strength=Intermediate&owner=PAT+manager");
        Assert.True(Lists(matching, action));
        Assert.Equal("Approved", matching.QuerySelector<IHtmlSelectElement>("#status")!.Value);
        Assert.Equal("Intermediate", matching.QuerySelector<IHtmlSelectElement>("#strength")!.Value);
        Assert.Equal("PAT manager", matching.QuerySelector<IHtmlInputElement>("#owner")!.Value);
        var cells = matching.QuerySelector($"table a[href='{Url(action)}']")!.Closest("tr")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Share discharge notes through a joint protocol", cells[2]);
        Assert.Equal("Intermediate", cells[3]);
        Assert.Equal("Approved", cells[6]);

        Assert.False(Lists(await client.GetPageAsync("/Actions?strength=Stronger"), action));
        Assert.False(Lists(await client.GetPageAsync("/Actions?status=Done"), action));
        Assert.False(Lists(await client.GetPageAsync("/Actions?owner=nobody"), action));

        // Due in 60 days: not overdue, and the box stays ticked.
        var overdue = await client.GetPageAsync("/Actions?overdue=true");
        Assert.False(Lists(overdue, action));
        Assert.True(overdue.QuerySelector<IHtmlInputElement>("#overdue")!.IsChecked);

        // A hand-edited query string drops the bad filter instead of failing.
        var garbage = await client.GetPageAsync("/Actions?status=Sideways&strength=99x&overdue=maybe&p=abc");
        Assert.True(Lists(garbage, action));
    }

    [Fact]
    public async Task Should_save_a_status_update_and_show_it()
    {
        var action = await ActionOfAsync(await app.ReviewAtAsync(ReviewStage.Approved));
        using var client = await app.SignInAsync("facilitator@demo.local");
        var page = await client.GetPageAsync(Url(action));
        Assert.Equal(Forms.Iso(Forms.Today), page.QuerySelector<IHtmlInputElement>("#Data_Date")!.Value);

        var response = await client.SubmitAsync(page, UpdateForm, Update("InProgress", Forms.Today, note: "Protocol drafted."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Url(action), response.Headers.Location?.OriginalString);
        var saved = await ActionOfAsync(action.ReviewId);
        Assert.Equal(ActionStatus.InProgress, saved.Status);
        Assert.Equal("Protocol drafted.", saved.StatusNote);
        Assert.Equal(Forms.Today, saved.StatusDate);
        var after = await client.GetPageAsync(Url(action));
        Assert.Equal("Status saved.", after.QuerySelector(".alert-success")?.TextContent.Trim());
        Assert.True(after.QuerySelector<IHtmlInputElement>("#status-InProgress")!.IsChecked);
        Assert.Contains("Protocol drafted.", after.QuerySelector(".action-facts")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_errors_beside_the_fields_keep_the_input_and_save_nothing()
    {
        var action = await ActionOfAsync(await app.ReviewAtAsync(ReviewStage.Approved));
        using var client = await app.SignInAsync("supervisor@demo.local");
        var page = await client.GetPageAsync(Url(action));

        var response = await client.SubmitAsync(page, UpdateForm, Update("Done", Forms.Today.AddDays(1), note: "Kept note"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invalid = await AppClient.ParseAsync(response);
        Assert.Equal("Say whether the action worked (choose not yet known if it is too early to tell).", invalid.FieldError("Data.Effectiveness"));
        Assert.Equal("The date cannot be in the future.", invalid.FieldError("Data.Date"));
        Assert.Equal("true", invalid.QuerySelector("#Data_Date")?.GetAttribute("aria-invalid"));
        Assert.Equal("Kept note", invalid.QuerySelector<IHtmlTextAreaElement>("#Data_Note")!.Value);
        Assert.True(invalid.QuerySelector<IHtmlInputElement>("#status-Done")!.IsChecked);
        Assert.Equal(ActionStatus.Approved, (await ActionOfAsync(action.ReviewId)).Status);

        var early = await client.SubmitAsync(invalid, UpdateForm, Update("InProgress", Forms.Today.AddDays(-1)));
        Assert.Equal("The date cannot be before the review was approved.", (await AppClient.ParseAsync(early)).FieldError("Data.Date"));
        Assert.Equal(ActionStatus.Approved, (await ActionOfAsync(action.ReviewId)).Status);
    }

    [Theory]
    [InlineData("Data.Status", "Sideways", "Data.Status")]
    [InlineData("Data.Status", "Approved", "Data.Status")]
    [InlineData("Data.Date", "not-a-date", "Data.Date")]
    [InlineData("Data.Effectiveness", "77", "Data.Effectiveness")]
    [InlineData("Data.Version", "garbage", "Data.Version")]
    public async Task Should_answer_a_hand_made_post_with_garbage_by_an_error_not_a_crash(string field, string value, string errorFor)
    {
        var action = await ActionOfAsync(await app.ReviewAtAsync(ReviewStage.Approved));
        using var client = await app.SignInAsync("supervisor@demo.local");
        var page = await client.GetPageAsync(Url(action));

        var response = await client.SubmitAsync(page, UpdateForm, Update("InProgress", Forms.Today).With(field, value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invalid = await AppClient.ParseAsync(response);
        Assert.NotEmpty(invalid.FieldError(errorFor) + invalid.QuerySelector(".validation-summary-errors")?.TextContent.Trim());
        Assert.Equal(ActionStatus.Approved, (await ActionOfAsync(action.ReviewId)).Status);
    }

    [Fact]
    public async Task Should_report_a_concurrent_update()
    {
        var action = await ActionOfAsync(await app.ReviewAtAsync(ReviewStage.Approved));
        using var first = await app.SignInAsync("facilitator@demo.local");
        using var second = await app.SignInAsync("supervisor@demo.local");
        var firstPage = await first.GetPageAsync(Url(action));
        var secondPage = await second.GetPageAsync(Url(action));
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(firstPage, UpdateForm, Update("InProgress", Forms.Today, note: "First"))).StatusCode);

        var response = await second.SubmitAsync(secondPage, UpdateForm, Update("Done", Forms.Today, "Worked", "Second"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else changed this record", (await AppClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("First", (await ActionOfAsync(action.ReviewId)).StatusNote);
    }

    [Fact]
    public async Task Should_let_an_administrator_read_without_a_form_and_hide_the_action_from_the_other_county()
    {
        var action = await ActionOfAsync(await app.ReviewAtAsync(ReviewStage.Approved));
        using var admin = await app.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync(Url(action));
        Assert.Contains("Pat Manager", page.QuerySelector(".action-facts")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(UpdateForm));

        using var other = await app.SignInAsync("other.caseworker@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(new Uri(Url(action), UriKind.Relative))).StatusCode);
        Assert.False(Lists(await other.GetPageAsync("/Actions"), action));
        var own = await other.GetPageAsync("/Reviews/New");
        var token = own.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([
            new("__RequestVerificationToken", token),
            new("Data.Version", action.Version.ToString()),
            new("Data.Status", "Done"),
            new("Data.Date", Forms.Iso(Forms.Today)),
            new("Data.Effectiveness", "Worked"),
        ]);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.PostAsync(new Uri(Url(action), UriKind.Relative), content)).StatusCode);
        Assert.Equal(ActionStatus.Approved, (await ActionOfAsync(action.ReviewId)).Status);
    }
}
