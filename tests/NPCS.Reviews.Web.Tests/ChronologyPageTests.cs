using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class ChronologyPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string AddForm = "form#add-entry";

    private static Dictionary<string, string[]> Entry(DateOnly date, string whatHappened, string time = "", string source = "ThisAgency", string agencyKnew = "") => new()
    {
        ["Data.Date"] = [Forms.Iso(date)],
        ["Data.Time"] = [time],
        ["Data.Source"] = [source],
        ["Data.WhatHappened"] = [whatHappened],
        ["Data.AgencyKnew"] = [agencyKnew],
    };

    private static string Url(int id) => $"/Reviews/{id}/Chronology";

    private Task<List<ChronologyEntry>> StoredAsync(int id) =>
        app.QueryDbAsync(db => db.ChronologyEntries.IgnoreQueryFilters().Where(e => e.ReviewId == id).OrderBy(e => e.Id).ToListAsync());

    private static async Task<IDocument> AddAsync(AppClient client, int id, Dictionary<string, string[]> values)
    {
        var page = await client.GetPageAsync(Url(id));
        var response = await client.SubmitAsync(page, AddForm, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Url(id), response.Headers.Location?.OriginalString);
        return await client.GetPageAsync(Url(id));
    }

    private static List<string> RowDates(IDocument page) =>
        [.. page.QuerySelectorAll(".chronology-table tbody th[scope='row']").Select(th => th.TextContent.Trim())];

    private static string Shown(DateOnly date) => date.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Should_add_entries_one_after_another_and_show_them_in_date_order()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync("caseworker@demo.local");
        var empty = await client.GetPageAsync(Url(id));
        Assert.False(empty.QuerySelector<IHtmlInputElement>("#Data_Date")!.Autofocus);
        Assert.Equal("page", empty.QuerySelector(".review-tabs a.active")?.GetAttribute("aria-current"));
        Assert.Equal("Chronology", empty.QuerySelector(".review-tabs a.active")?.TextContent);

        var afterFirst = await AddAsync(client, id, Entry(Forms.Today.AddDays(-2), "Police welfare check.", "21:40", "LawEnforcement", "Nothing new."));

        Assert.Equal("Entry added.", afterFirst.QuerySelector(".alert-success")?.TextContent.Trim());
        var date = afterFirst.QuerySelector<IHtmlInputElement>("#Data_Date")!;
        Assert.True(date.Autofocus);
        Assert.Equal(string.Empty, date.Value);
        Assert.Equal(string.Empty, afterFirst.QuerySelector<IHtmlTextAreaElement>("#Data_WhatHappened")!.Value);

        var afterSecond = await AddAsync(client, id, Entry(Forms.Today.AddDays(-40), "Hospital reported a fracture.", source: "Medical"));

        Assert.True(afterSecond.QuerySelector<IHtmlInputElement>("#Data_Date")!.Autofocus);
        Assert.Equal([Shown(Forms.Today.AddDays(-40)), Shown(Forms.Today.AddDays(-2))], RowDates(afterSecond));
        var rows = afterSecond.QuerySelectorAll(".chronology-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["No time", "Medical", "Hospital reported a fracture.", "Not recorded"], rows[0].Take(4));
        Assert.Equal(["21:40", "Law enforcement", "Police welfare check.", "Nothing new."], rows[1].Take(4));

        // A reload is not another add: the cursor is no longer sent to the form.
        var reloaded = await client.GetPageAsync(Url(id));
        Assert.False(reloaded.QuerySelector<IHtmlInputElement>("#Data_Date")!.Autofocus);
        Assert.Null(reloaded.QuerySelector(".alert-success"));
    }

    public static TheoryData<string, string, string, string> InvalidEntries => new()
    {
        { "Data.Date", Forms.Iso(Forms.Today.AddDays(1)), "Data.Date", "The date cannot be in the future." },
        { "Data.Date", "1989-12-31", "Data.Date", "The date must be in 1990 or later." },
        { "Data.WhatHappened", "", "Data.WhatHappened", "Describe what happened." },
        { "Data.Source", "", "Data.Source", "Choose where the information came from." },
        { "Data.Time", "25:99", "Data.Time", "This value is not valid here." },
        { "Data.Source", "Bogus", "Data.Source", "This value is not valid here." },
    };

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public async Task Should_show_the_message_beside_the_field_keep_the_input_and_save_nothing(string name, string value, string errorFor, string message)
    {
        var id = await app.ReviewAtAsync(ReviewStage.Intake);
        using var client = await app.SignInAsync("facilitator@demo.local");
        var page = await client.GetPageAsync(Url(id));
        var values = Entry(Forms.Today.AddDays(-5), "Typed narrative that must survive.", "08:05", "School", "What they knew.").With(name, value);

        var response = await client.SubmitAsync(page, AddForm, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await AppClient.ParseAsync(response);
        Assert.Equal(message, result.FieldError(errorFor));
        Assert.Contains(message, result.QuerySelector(AddForm + " .validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", result.QuerySelector($"[name='{errorFor}']")?.GetAttribute("aria-invalid"));
        var kept = name == "Data.WhatHappened" ? value : "Typed narrative that must survive.";
        Assert.Equal(kept, result.QuerySelector<IHtmlTextAreaElement>("#Data_WhatHappened")!.Value);
        Assert.Equal("What they knew.", result.QuerySelector<IHtmlTextAreaElement>("#Data_AgencyKnew")!.Value);
        if (name != "Data.Date")
        {
            Assert.Equal(Forms.Iso(Forms.Today.AddDays(-5)), result.InputValue("Data.Date"));
        }

        Assert.Empty(await StoredAsync(id));
    }

    [Fact]
    public async Task Should_edit_an_entry_and_return_to_the_chronology()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        using var client = await app.SignInAsync("supervisor@demo.local");
        var list = await AddAsync(client, id, Entry(Forms.Today.AddDays(-9), "First version.", "10:00"));
        var entry = Assert.Single(await StoredAsync(id));

        var link = list.QuerySelector(".chronology-table a[href$='/Edit']")?.GetAttribute("href");
        Assert.Equal($"/Reviews/{id}/Chronology/{entry.Id}/Edit", link);
        var edit = await client.GetPageAsync(link!);
        Assert.Equal(Forms.Iso(Forms.Today.AddDays(-9)), edit.InputValue("Data.Date"));
        Assert.Equal("10:00", edit.InputValue("Data.Time"));
        Assert.Equal("First version.", edit.QuerySelector<IHtmlTextAreaElement>("#Data_WhatHappened")!.Value);
        Assert.Equal($"/Reviews/{id}/Chronology", edit.QuerySelector("a.btn-outline-secondary")?.GetAttribute("href"));

        var response = await client.SubmitAsync(edit, "main form", new()
        {
            ["Data.Time"] = [""],
            ["Data.Source"] = ["Family"],
            ["Data.WhatHappened"] = ["Corrected version."],
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Url(id), response.Headers.Location?.OriginalString);
        var after = await client.GetPageAsync(Url(id));
        Assert.Equal("Entry saved.", after.QuerySelector(".alert-success")?.TextContent.Trim());
        var saved = Assert.Single(await StoredAsync(id));
        Assert.Equal("Corrected version.", saved.WhatHappened);
        Assert.Null(saved.Time);
        Assert.Equal(ChronologySource.Family, saved.Source);
    }

    [Fact]
    public async Task Should_show_edit_errors_beside_the_field_and_report_a_concurrent_change()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync("caseworker@demo.local");
        await AddAsync(client, id, Entry(Forms.Today.AddDays(-3), "Original."));
        var entry = Assert.Single(await StoredAsync(id));
        var edit = await client.GetPageAsync($"/Reviews/{id}/Chronology/{entry.Id}/Edit");

        var invalid = await AppClient.ParseAsync(await client.SubmitAsync(edit, "main form", new() { ["Data.WhatHappened"] = [" "] }));
        Assert.Equal("Describe what happened.", invalid.FieldError("Data.WhatHappened"));

        // Someone else saves first; this form still carries the version it was loaded with.
        var other = await client.GetPageAsync($"/Reviews/{id}/Chronology/{entry.Id}/Edit");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(other, "main form", new() { ["Data.WhatHappened"] = ["Theirs."] })).StatusCode);
        var conflict = await client.SubmitAsync(edit, "main form", new() { ["Data.WhatHappened"] = ["Mine."] });

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await AppClient.ParseAsync(conflict);
        Assert.Contains("Someone else changed this record", page.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Mine.", page.QuerySelector<IHtmlTextAreaElement>("#Data_WhatHappened")!.Value);
        Assert.Equal("Theirs.", Assert.Single(await StoredAsync(id)).WhatHappened);
    }

    [Fact]
    public async Task Should_delete_an_entry_after_asking()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync("caseworker@demo.local");
        await AddAsync(client, id, Entry(Forms.Today.AddDays(-8), "Keep me."));
        var list = await AddAsync(client, id, Entry(Forms.Today.AddDays(-7), "Delete me."));
        var doomed = (await StoredAsync(id)).Single(e => e.WhatHappened == "Delete me.");

        var button = list.QuerySelectorAll(".chronology-table tbody tr")[1].QuerySelector("button[data-confirm]");
        Assert.NotNull(button);
        Assert.StartsWith("Delete the entry of", button.GetAttribute("data-confirm"), StringComparison.Ordinal);
        var form = button.Closest("form")!;
        Assert.Equal(doomed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), form.QuerySelector("input[name='entryId']")?.GetAttribute("value"));
        form.Id = "doomed";
        var response = await client.SubmitAsync(list, "form#doomed");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetPageAsync(Url(id));
        Assert.Equal("Entry deleted.", after.QuerySelector(".alert-success")?.TextContent.Trim());
        Assert.Equal(["Keep me."], (await StoredAsync(id)).Select(e => e.WhatHappened));
        Assert.Equal([Shown(Forms.Today.AddDays(-8))], RowDates(after));
    }

    [Fact]
    public async Task Should_show_the_chronology_read_only_to_an_administrator()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using (var editor = await app.SignInAsync("caseworker@demo.local"))
        {
            await AddAsync(editor, id, Entry(Forms.Today.AddDays(-1), "Visible to the administrator."));
        }

        using var admin = await app.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync(Url(id));

        Assert.Contains("Visible to the administrator.", page.QuerySelector(".chronology-table")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(AddForm));
        Assert.Null(page.QuerySelector("button[data-confirm]"));
        Assert.Null(page.QuerySelector(".chronology-table a[href$='/Edit']"));
        Assert.Equal("Your role can read the chronology but not change it.", page.QuerySelector("[role='note']")?.TextContent.Trim());
        var entry = Assert.Single(await StoredAsync(id));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Http.GetAsync(new Uri($"/Reviews/{id}/Chronology/{entry.Id}/Edit", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Should_hide_the_chronology_from_the_other_county()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using (var editor = await app.SignInAsync("caseworker@demo.local"))
        {
            await AddAsync(editor, id, Entry(Forms.Today.AddDays(-1), "Demo County only."));
        }

        var entry = Assert.Single(await StoredAsync(id));
        using var other = await app.SignInAsync("other.caseworker@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(new Uri(Url(id), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(new Uri($"/Reviews/{id}/Chronology/{entry.Id}/Edit", UriKind.Relative))).StatusCode);

        // Posts with a valid token of the OTHR session change nothing.
        var own = await other.GetPageAsync("/Reviews/New");
        var token = own.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        async Task<HttpStatusCode> PostAsync(string url, params KeyValuePair<string, string>[] fields)
        {
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields]);
            return (await other.Http.PostAsync(new Uri(url, UriKind.Relative), content)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(
            Url(id), new("Data.Date", Forms.Iso(Forms.Today)), new("Data.Source", "Other"), new("Data.WhatHappened", "Injected.")));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(
            $"{Url(id)}?handler=Delete", new("entryId", entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("version", entry.Version.ToString())));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(
            $"/Reviews/{id}/Chronology/{entry.Id}/Edit",
            new("Data.Version", entry.Version.ToString()),
            new("Data.Date", Forms.Iso(Forms.Today)),
            new("Data.Source", "Other"),
            new("Data.WhatHappened", "Overwritten.")));

        Assert.Equal(["Demo County only."], (await StoredAsync(id)).Select(e => e.WhatHappened));
    }
}
