using System.Net;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.TestSupport;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>Surveys through the pages: real forms with their antiforgery tokens, the questionnaire without signing in.</summary>
public class SurveyPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>The links the links page shows, by unit heading.</summary>
    private static Dictionary<string, List<string>> LinksOf(IDocument page)
    {
        var links = new Dictionary<string, List<string>>();
        string? unit = null;
        foreach (var element in page.QuerySelectorAll(".survey-links h3, .survey-links [data-link]"))
        {
            if (element.LocalName == "h3")
            {
                unit = element.ChildNodes[0].TextContent.Trim();
                links[unit] = [];
            }
            else
            {
                links[unit!].Add(element.TextContent.Trim());
            }
        }

        return links;
    }

    /// <summary>Answers every page of the questionnaire through the link, choosing <paramref name="value"/> everywhere, as a person with a browser would.</summary>
    private async Task AnswerAsync(string link, string value)
    {
        using var person = app.CreateAppClient();
        var address = new Uri(link).PathAndQuery;
        var page = await person.GetPageAsync(address);
        while (true)
        {
            var names = page.QuerySelectorAll("main form input[type=radio]").Select(i => i.GetAttribute("name")!).Distinct().ToList();
            Assert.NotEmpty(names);
            var submit = page.QuerySelector("button[value=Submit]") is not null;
            var response = await person.SubmitAsync(page, "main form", names.ToDictionary(n => n, _ => new[] { value }).With("Data.Move", submit ? "Submit" : "Next"));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            page = await person.GetPageAsync(response.Headers.Location!.OriginalString);
            if (submit)
            {
                Assert.Contains("Thank you", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
                return;
            }
        }
    }

    [Fact]
    public async Task Acceptance_a_wave_of_two_units_answered_by_6_shows_domain_scores_and_nothing_of_a_unit_of_4()
    {
        using var admin = await app.SignInAsync("admin@demo.local");
        var form = await admin.GetPageAsync("/Surveys/New");
        var opened = await admin.SubmitAsync(form, "main form", new()
        {
            ["Data.Title"] = ["Autumn pulse"],
            ["Data.OpensOn"] = [Forms.Iso(Forms.Today)],
            ["Data.ClosesOn"] = [Forms.Iso(Forms.Today.AddDays(14))],
            ["Data.Units[0].Name"] = ["North office"],
            ["Data.Units[0].Invited"] = ["3"],
            ["Data.Units[1].Name"] = ["South office"],
            ["Data.Units[1].Invited"] = ["5"],
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var linksPage = await admin.GetPageAsync(opened.Headers.Location!.OriginalString);
        var made = await admin.SubmitAsync(linksPage, "main form");
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Contains("no-store", made.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var links = LinksOf(await AppClient.ParseAsync(made));
        Assert.Equal(3, links["North office"].Count);
        Assert.Equal(5, links["South office"].Count);
        Assert.Equal(8, links.Values.SelectMany(l => l).Distinct().Count());

        // Six people answer: two in North, four in South.
        foreach (var link in links["North office"].Take(2))
        {
            await AnswerAsync(link, "6");
        }

        foreach (var link in links["South office"].Take(4))
        {
            await AnswerAsync(link, "2");
        }

        var waveId = opened.Headers.Location!.OriginalString.Split('/')[2];
        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        var results = await supervisor.GetPageAsync($"/Surveys/{waveId}");

        var domainTable = results.QuerySelector("#domains-table")!;
        var headers = domainTable.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal("All units (6)", headers[1]);
        Assert.DoesNotContain(headers, h => h.Contains("office", StringComparison.Ordinal));
        var rows = domainTable.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Matches(@"^\d\.\d\d", r.QuerySelectorAll("td")[0].TextContent.Trim()));

        // Neither unit is shown on its own (South's 4 are too few; North alone would give South away).
        Assert.DoesNotContain("South office (", results.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(results.QuerySelectorAll("section h2"), h => h.TextContent.Contains("South office", StringComparison.Ordinal));
        Assert.Contains("Shown only within", results.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var southRate = results.QuerySelectorAll("#rates-table tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "South office");
        Assert.Equal(["5", "4", "80%"], southRate.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));

        // The CSV holds the same groups as the page.
        var csv = await supervisor.Http.GetStringAsync(new Uri($"/Surveys/{waveId}?handler=DomainsCsv", UriKind.Relative));
        Assert.DoesNotContain("South", csv, StringComparison.Ordinal);
        Assert.Contains("All units,6,PS,Team psychological safety,6,", csv, StringComparison.Ordinal);

        // A used link shows that it was used and accepts nothing more.
        using var again = app.CreateAppClient();
        var used = await again.GetPageAsync(new Uri(links["North office"][0]).PathAndQuery);
        Assert.Contains("already been used", used.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(used.QuerySelector("main form"));
        Assert.Equal(6, await app.QueryDbAsync(db => db.SurveyResponses.IgnoreQueryFilters().CountAsync(r => r.WaveId == int.Parse(waveId, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task The_questionnaire_needs_an_answer_per_item_resumes_where_left_and_refuses_an_unknown_link()
    {
        var wave = await app.QueryDbAsync(db => SurveyScene.OpenAsync(db, "DEMO", Forms.Today, Forms.Today, ("Team", 1)));
        var token = wave.Tokens["Team"][0];
        using var person = app.CreateAppClient();
        var page = await person.GetPageAsync("/Survey?token=" + token);
        Assert.Equal("Page 1 of 3", page.QuerySelector(".survey-progress")!.TextContent.Trim());
        Assert.Equal(7, page.QuerySelectorAll("main form fieldset legend").Length);

        var refused = await AppClient.ParseAsync(await person.SubmitAsync(page, "main form", new() { ["Data.Answers[PS-1]"] = ["3"], ["Data.Move"] = ["Next"] }));
        Assert.Equal("Choose an answer, or \"Prefer not to say\".", refused.FieldError("Data.Answers[PS-2]"));
        Assert.Equal(string.Empty, refused.FieldError("Data.Answers[PS-1]"));
        Assert.NotNull(refused.QuerySelector("input[name='Data.Answers[PS-1]'][value='3'][checked]"));

        string[] none = ["none"];
        var all = page.QuerySelectorAll("main form input[type=radio]").Select(i => i.GetAttribute("name")!).Distinct().ToDictionary(n => n, _ => none);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitAsync(page, "main form", all.With("Data.Move", "Next"))).StatusCode);

        // A new visit with the same link resumes on page 2.
        using var later = app.CreateAppClient();
        var resumed = await later.GetPageAsync("/Survey?token=" + token);
        Assert.Equal("Page 2 of 3", resumed.QuerySelector(".survey-progress")!.TextContent.Trim());

        using var stranger = app.CreateAppClient();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(new Uri("/Survey?token=made-up", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(new Uri("/Survey", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_closed_wave_says_so_and_takes_no_answers()
    {
        var wave = await app.QueryDbAsync(db => SurveyScene.OpenAsync(db, "DEMO", Forms.Today.AddDays(-9), Forms.Today.AddDays(-2), ("Team", 1)));
        using var person = app.CreateAppClient();
        var page = await person.GetPageAsync("/Survey?token=" + wave.Tokens["Team"][0]);

        Assert.Contains("This survey closed on", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task The_hub_imports_an_aggregate_replaces_it_on_reimport_and_refuses_a_broken_file_whole()
    {
        var wave = await app.QueryDbAsync(db => SurveyScene.OpenAsync(db, "DEMO", Forms.Today, Forms.Today, ("Hub unit", 5)));
        foreach (var token in wave.Tokens["Hub unit"])
        {
            await AnswerAsync("https://localhost/Survey?token=" + token, "5");
        }

        using var admin = await app.SignInAsync("admin@demo.local");
        var file = await admin.Http.GetAsync(new Uri($"/Surveys/{wave.WaveId}?handler=Aggregate", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var json = await file.Content.ReadAsByteArrayAsync();

        using var analyst = await app.SignInAsync("analyst@demo.local");
        var hub = await analyst.GetPageAsync("/Hub/Surveys");
        var imported = await analyst.UploadAsync(hub, "Import.File", "aggregate.json", "application/json", json);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var again = await analyst.UploadAsync(await analyst.GetPageAsync("/Hub/Surveys"), "Import.File", "aggregate.json", "application/json", json);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var shown = await analyst.GetPageAsync("/Hub/Surveys");
        Assert.Contains("replaces the earlier import", shown.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var demoRows = shown.QuerySelectorAll("tbody tr").Where(r => r.QuerySelector("th")!.TextContent == "DEMO").ToList();
        Assert.Single(demoRows);
        Assert.Contains("5.00", demoRows[0].TextContent, StringComparison.Ordinal);

        var broken = Encoding.UTF8.GetString(json).Replace("\"responses\": 5", "\"responses\": 3", StringComparison.Ordinal).Replace("\"schemaVersion\": \"1.0\"", "\"schemaVersion\": \"9\"", StringComparison.Ordinal);
        var refused = await AppClient.ParseAsync(await analyst.UploadAsync(await analyst.GetPageAsync("/Hub/Surveys"), "Import.File", "broken.json", "application/json", Encoding.UTF8.GetBytes(broken)));
        var problems = refused.QuerySelectorAll("#Import_File-error li").Select(l => l.TextContent).ToList();
        Assert.Contains(problems, p => p.StartsWith("schemaVersion", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("below the minimum group size", StringComparison.Ordinal));
        Assert.Equal(1, await app.QueryDbAsync(db => db.SharedSurveyWaves.CountAsync(w => w.JurisdictionCode == "DEMO")));
    }

    [Fact]
    public void A_minimum_group_size_below_5_stops_the_app_at_start_up()
    {
        using var lower = app.WithWebHostBuilder(b => b.UseSetting("Surveys:MinimumGroupSize", "4"));

        var refused = Assert.ThrowsAny<Exception>(() => lower.CreateClient());

        Assert.Contains("cannot be below 5", refused.ToString(), StringComparison.Ordinal);
    }
}
