using System.Net;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Domain.Reviews;
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

    [Fact]
    public async Task Nothing_typed_into_the_chronology_family_needs_or_debrief_appears_in_the_logs()
    {
        var marker = "QZV" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var facilitator = await app.SignInAsync("facilitator@demo.local");

        var chronology = await facilitator.GetPageAsync($"/Reviews/{id}/Chronology");
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(chronology, "#add-entry", new()
        {
            ["Data.Date"] = [Forms.Iso(Forms.Today.AddDays(-9))],
            ["Data.Source"] = ["School"],
            ["Data.WhatHappened"] = [marker + " teacher's call"],
            ["Data.AgencyKnew"] = [marker + " prior report"],
        })).StatusCode);
        var entryId = await app.QueryDbAsync(db => db.ChronologyEntries.IgnoreQueryFilters().Where(e => e.ReviewId == id).MaxAsync(e => e.Id));

        var needs = await facilitator.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(needs, "form[action*='handler=AddNeed']", new()
        {
            ["Need.Category"] = ["Housing"],
            ["Need.Description"] = [marker + " eviction notice"],
            ["Need.Status"] = ["IdentifiedUnmet"],
            ["Need.Barriers"] = ["Other"],
            ["Need.BarrierNote"] = [marker + " landlord"],
        })).StatusCode);
        needs = await facilitator.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(needs, "form[action*='handler=Bias']", new()
        {
            ["Bias.Assumptions"] = [marker + " assumption"],
        })).StatusCode);

        // Refused input is not logged either.
        needs = await facilitator.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.Equal(HttpStatusCode.OK, (await facilitator.SubmitAsync(needs, "form[action*='handler=AddNeed']", new()
        {
            ["Need.Category"] = ["Housing"],
            ["Need.Description"] = [marker + " refused"],
            ["Need.Status"] = ["IdentifiedUnmet"],
        })).StatusCode);
        needs = await facilitator.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(needs, "form[action*='handler=Complete']")).StatusCode);

        var debrief = await facilitator.GetPageAsync($"/Reviews/{id}/Debrief");
        var scheduled = await facilitator.SubmitAsync(debrief, "form[action*='handler=Schedule']", new()
        {
            ["Schedule.Date"] = [Forms.Iso(Forms.Today)],
            ["Schedule.StartTime"] = ["10:00"],
            ["Schedule.Location"] = [marker + " room"],
        });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var session = scheduled.Headers.Location!.OriginalString;
        var sessionPage = await facilitator.GetPageAsync(session);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(sessionPage, "form[action*='handler=AddOutside']", new()
        {
            ["Outside.Name"] = [marker + " Detective"],
            ["Outside.Role"] = ["Detective"],
            ["Outside.Agency"] = ["LawEnforcement"],
        })).StatusCode);

        var live = await facilitator.GetPageAsync(session + "/Live");
        var agreed = live.QuerySelectorAll("input[name='Rules.Agreed']").Select(i => i.GetAttribute("value")!).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(live, "form[action*='handler=GroundRules']", new() { ["Rules.Agreed"] = agreed })).StatusCode);
        live = await facilitator.GetPageAsync(session + "/Live");
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(live, "form[action*='handler=Capture']", new()
        {
            ["Capture.Date"] = [Forms.Iso(Forms.Today.AddDays(-9))],
            ["Capture.ChronologyEntryId"] = [entryId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["Capture.Role"] = ["Investigator"],
            ["Capture.Decision"] = [marker + " closed the case"],
            ["Capture.Cues"] = [marker + " cues"],
            ["Capture.Knew"] = [marker + " knew"],
            ["Capture.Expected"] = [marker + " expected"],
            ["Capture.Context"] = [marker + " context"],
        })).StatusCode);
        live = await facilitator.GetPageAsync(session + "/Live");
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(live, "form[action*='handler=Notes']", new() { ["Notes.Notes"] = [marker + " what was said"] })).StatusCode);

        Assert.Contains(app.Logs.Lines, l => l.Contains("Request AddDecisionPoint by", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Request AddNeed by", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));
        var leaks = app.Logs.Lines.Where(l => l.Contains(marker, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, "Typed data reached the logs:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task Nothing_typed_into_findings_actions_approval_follow_up_or_the_catalog_appears_in_the_logs()
    {
        var marker = "QZV" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var id = await app.ReviewAtAsync(ReviewStage.Findings);
        using var facilitator = await app.SignInAsync("facilitator@demo.local");
        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        var findings = $"/Reviews/{id}/Findings";

        var page = await facilitator.GetPageAsync(findings);
        var factor = page.QuerySelectorAll("#Finding_FactorItemId option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(page, "form#add-finding-form", new()
        {
            ["Finding.FactorItemId"] = [factor],
            ["Finding.Rating"] = ["2"],
            ["Finding.Description"] = [marker + " finding"],
        })).StatusCode);
        page = await facilitator.GetPageAsync(findings);
        var addAction = page.QuerySelectorAll("a").Last(a => a.TextContent.StartsWith("Add an action", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(await facilitator.GetPageAsync(addAction), "form#add-action-form", new()
        {
            ["Data.WhatWillBeDone"] = [marker + " protocol"],
            ["Data.Strength"] = ["Stronger"],
            ["Data.OwnerName"] = [marker + " Owner"],
            ["Data.OwnerUnit"] = [marker + " unit"],
            ["Data.DueDate"] = [Forms.Iso(Forms.Today.AddDays(30))],
            ["Data.Measure"] = [marker + " measure"],
        })).StatusCode);

        // Refused input is not logged either.
        Assert.Equal(HttpStatusCode.OK, (await facilitator.SubmitAsync(await facilitator.GetPageAsync(findings), "form#add-finding-form", new()
        {
            ["Finding.Rating"] = ["2"],
            ["Finding.Description"] = [marker + " refused"],
        })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(await facilitator.GetPageAsync(findings), "form#submit-form")).StatusCode);
        var approval = $"/Reviews/{id}/Approval";
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(await supervisor.GetPageAsync(approval), "form#return-form", new()
        {
            ["Return.Comments"] = [marker + " comments"],
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(await facilitator.GetPageAsync(findings), "form#submit-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(await supervisor.GetPageAsync(approval), "form#approve-form")).StatusCode);

        var actionId = await app.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().Where(a => a.ReviewId == id).Select(a => a.Id).SingleAsync());
        var action = $"/Actions/{actionId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(await supervisor.GetPageAsync(action), "form#update-status", new()
        {
            ["Data.Status"] = ["InProgress"],
            ["Data.Date"] = [Forms.Iso(Forms.Today)],
            ["Data.Note"] = [marker + " update"],
        })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(await supervisor.GetPageAsync($"/Reviews/{id}"), "form[action*='Reopen']", new()
        {
            ["Reopen.Step"] = ["Findings"],
            ["Reopen.Reason"] = [marker + " reason"],
        })).StatusCode);

        using var admin = await app.SignInAsync("admin@demo.local");
        var catalog = await admin.GetPageAsync("/Admin/Catalog");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(catalog, "form[action*='handler=Add']", new()
        {
            ["Item.DomainId"] = [catalog.QuerySelectorAll("#Item_DomainId option").Skip(1).First().GetAttribute("value")!],
            ["Item.Code"] = ["L-" + Guid.NewGuid().ToString("N")[..6]],
            ["Item.Name"] = [marker + " item"],
            ["Item.Guidance"] = [marker + " guidance"],
        })).StatusCode);

        Assert.Contains(app.Logs.Lines, l => l.Contains("Request ApproveReview by", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Request AddFinding by", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));
        var leaks = app.Logs.Lines.Where(l => l.Contains(marker, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, "Typed data reached the logs:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task Nothing_in_an_imported_or_refused_extract_appears_in_the_logs()
    {
        var marker = "QXZ" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var jurisdiction = NPCS.Reviews.TestSupport.Extracts.NewJurisdiction();
        var good = NPCS.Reviews.TestSupport.Extracts.Lines(jurisdiction, 3);
        var leaked = NPCS.Reviews.TestSupport.Extracts.Edit(NPCS.Reviews.TestSupport.Extracts.Record(jurisdiction), o =>
        {
            o["childName"] = marker + " child";
            o["review"] = marker;
        });

        using var analyst = await app.SignInAsync("analyst@demo.local");
        var refused = await analyst.UploadAsync(await analyst.GetPageAsync("/Hub"), "Import.File", marker + ".jsonl", "application/jsonl", NPCS.Reviews.TestSupport.Extracts.File([.. good, leaked, marker + " free text"]));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var imported = await analyst.UploadAsync(await analyst.GetPageAsync("/Hub"), "Import.File", marker + ".jsonl", "application/jsonl", NPCS.Reviews.TestSupport.Extracts.File(good));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);

        Assert.Contains(app.Logs.Lines, l => l.Contains("Request ImportExtract by", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Request ImportExtract by", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Hub extract refused: 5 rows read, 3 problems", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Hub extract", StringComparison.Ordinal) && l.Contains("imported: 3 rows, 0 rows replaced", StringComparison.Ordinal));
        var leaks = app.Logs.Lines.Where(l => l.Contains(marker, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, "Extract content reached the logs:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task Nothing_typed_into_the_trend_filters_appears_in_the_logs()
    {
        var marker = "QZT" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var analyst = await app.SignInAsync("analyst@demo.local");
        using var supervisor = await app.SignInAsync("supervisor@demo.local");

        // Refused filters (the validator and model binding), a refused CSV, and accepted ones.
        foreach (var (client, url) in new[]
        {
            (analyst, $"/Trends?Data.From={marker}&Data.To={marker}&Data.Jurisdiction={marker}&Data.IncidentType={marker}"),
            (analyst, $"/Trends?handler=Csv&table={marker}"),
            (analyst, $"/Trends/Annual?Data.Year=2026&Data.Jurisdiction={marker}"),
            (analyst, $"/Trends/Annual?handler=Csv&table={marker}&Data.Jurisdiction={marker}"),
            (supervisor, $"/Trends?Data.Jurisdiction={marker}"),
            (supervisor, "/Trends?Data.From=2026-01&Data.To=2026-06"),
        })
        {
            var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}.");
        }

        Assert.Contains(app.Logs.Lines, l => l.Contains("Request GetTrends by", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Request GetAnnualSummary by", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Request GetTrends by", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
        var leaks = app.Logs.Lines.Where(l => l.Contains(marker, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, "Typed data reached the logs:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task Nothing_typed_into_surveys_and_no_answer_or_link_appears_in_the_logs()
    {
        var marker = "QSV" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var admin = await app.SignInAsync("admin@demo.local");
        var form = await admin.GetPageAsync("/Surveys/New");
        var opened = await admin.SubmitAsync(form, "main form", new()
        {
            ["Data.Title"] = [marker + " wave"],
            ["Data.Units[0].Name"] = [marker + " unit"],
            ["Data.Units[0].Invited"] = ["2"],
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var made = await AppClient.ParseAsync(await admin.SubmitAsync(await admin.GetPageAsync(opened.Headers.Location!.OriginalString), "main form"));
        var link = new Uri(made.QuerySelector("[data-link]")!.TextContent.Trim());
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;

        using var person = app.CreateAppClient();
        var page = await person.GetPageAsync(link.PathAndQuery);
        string[] agree = ["6"];
        var names = page.QuerySelectorAll("main form input[type=radio]").Select(i => i.GetAttribute("name")!).Distinct().ToDictionary(n => n, _ => agree);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitAsync(page, "main form", names)).StatusCode);

        // A hand-made post with a marker for an item code and for an answer is refused, and not logged either.
        var refused = await person.SubmitAsync(await person.GetPageAsync(link.PathAndQuery), "main form", new() { [$"Data.Answers[{marker}]"] = [marker], ["Data.Answers[SR-1]"] = [marker] });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        Assert.Contains(app.Logs.Lines, l => l.Contains("Request SaveSurveyPage by", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("HTTP GET /Survey responded 200", StringComparison.Ordinal));
        var leaks = app.Logs.Lines.Where(l => l.Contains(marker, StringComparison.OrdinalIgnoreCase) || l.Contains(token, StringComparison.Ordinal)
            || l.Contains("PS-1", StringComparison.Ordinal) || l.Contains("Answers", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "Survey data reached the logs:\n" + string.Join("\n", leaks));
    }
}
