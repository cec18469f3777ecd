using System.Net;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class FamilyNeedsPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Caseworker = "caseworker@demo.local";

    private static Dictionary<string, string[]> UnmetNeed() => new()
    {
        ["Need.Category"] = ["Childcare"],
        ["Need.Description"] = ["After-school care for the older sibling"],
        ["Need.Status"] = ["IdentifiedUnmet"],
        ["Need.Barriers"] = ["Waitlist", "NotReferred"],
        ["Need.BarrierNote"] = ["Two months on the list."],
    };

    private Task<List<Need>> NeedsAsync(int id) => app.QueryDbAsync(db => db.Needs.IgnoreQueryFilters().Where(n => n.ReviewId == id).ToListAsync());

    private Task<FamilyNeedsAnalysis?> AnalysisAsync(int id) =>
        app.QueryDbAsync(db => db.FamilyNeedsAnalyses.IgnoreQueryFilters().SingleOrDefaultAsync(a => a.ReviewId == id));

    [Fact]
    public async Task Should_add_a_need_through_the_form_and_list_it()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.Contains("Family needs", page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);

        var response = await client.SubmitAsync(page, "#add-need-form", UnmetNeed());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Reviews/{id}/FamilyNeeds#needs", response.Headers.Location?.OriginalString);
        var need = Assert.Single(await NeedsAsync(id));
        Assert.Equal(NeedCategory.Childcare, need.Category);
        Assert.Equal(NeedBarrier.Waitlist | NeedBarrier.NotReferred, need.Barriers);
        Assert.Equal("Two months on the list.", need.BarrierNote);

        var after = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.Equal("Need added.", after.QuerySelector("[role=status].alert-success")?.TextContent.Trim());
        var row = after.QuerySelector(".needs-table tbody tr")!;
        Assert.Equal("Childcare", row.QuerySelector("th")?.TextContent.Trim());
        Assert.Contains("Waitlist, Not referred", row.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string[], string> InvalidNeeds => new()
    {
        { "Need.Barriers", "Need.Barriers", [], "Choose at least one barrier for an unmet need." },
        { "Need.Description", "Need.Description", [""], "Describe the need." },
        { "Need.BarrierNote", "Need.Barriers", ["Other"], "Describe the other barrier in the note." },
        { "Need.Category", "Need.Category", ["NotACategory"], "This value is not valid here." },
    };

    [Theory]
    [MemberData(nameof(InvalidNeeds))]
    public async Task Should_show_the_need_message_beside_the_field_keep_the_input_and_save_nothing(string errorFor, string field, string[] value, string message)
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        var values = UnmetNeed().With(field, value);
        if (errorFor == "Need.BarrierNote")
        {
            values.With("Need.BarrierNote", "");
        }

        var response = await client.SubmitAsync(page, "#add-need-form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await AppClient.ParseAsync(response);
        Assert.Equal(message, result.FieldError(errorFor));
        Assert.Empty(await NeedsAsync(id));
        Assert.Equal("IdentifiedUnmet", result.QuerySelector("input[name='Need.Status'][checked]")?.GetAttribute("value"));
        if (field != "Need.Description")
        {
            Assert.Equal("After-school care for the older sibling", result.QuerySelector("textarea[name='Need.Description']")?.TextContent.Trim());
        }

        // The other forms are still there, showing what is saved.
        Assert.NotNull(result.QuerySelector("#factors-form"));
        Assert.NotNull(result.QuerySelector("input[name='Rate.Factors[0].Rating'][value='Unknown'][checked]"));
    }

    [Fact]
    public async Task Should_edit_a_need_on_its_own_page()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        await client.SubmitAsync(await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds"), "#add-need-form", UnmetNeed());
        var needId = (await NeedsAsync(id))[0].Id;

        var form = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit");
        Assert.NotNull(form.QuerySelector("input[name='Data.Barriers'][value='Waitlist'][checked]"));
        var refused = await client.SubmitAsync(form, "#edit-need-form", new() { ["Data.Barriers"] = [] });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Choose at least one barrier for an unmet need.", (await AppClient.ParseAsync(refused)).FieldError("Data.Barriers"));

        var response = await client.SubmitAsync(form, "#edit-need-form", new() { ["Data.Status"] = ["IdentifiedMet"], ["Data.Description"] = ["Care found"] });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var need = Assert.Single(await NeedsAsync(id));
        Assert.Equal(NeedStatus.IdentifiedMet, need.Status);
        Assert.Equal("Care found", need.Description);
        Assert.Equal(NeedBarrier.None, need.Barriers);
    }

    [Fact]
    public async Task Should_remove_a_need_from_the_table()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        await client.SubmitAsync(await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds"), "#add-need-form", UnmetNeed());
        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");

        var response = await client.SubmitAsync(page, ".needs-table form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await NeedsAsync(id));
    }

    [Fact]
    public async Task Should_rate_the_protective_factors()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");

        var response = await client.SubmitAsync(page, "#factors-form", new()
        {
            ["Rate.Factors[0].Rating"] = ["Present"],
            ["Rate.Factors[0].Note"] = ["Coped with the move."],
            ["Rate.Factors[3].Rating"] = ["Absent"],
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var analysis = await AnalysisAsync(id);
        Assert.NotNull(analysis);
        Assert.Equal(FactorRating.Present, analysis.FactorOf(ProtectiveFactor.ParentalResilience).Rating);
        Assert.Equal("Coped with the move.", analysis.FactorOf(ProtectiveFactor.ParentalResilience).Note);
        Assert.Equal(FactorRating.Absent, analysis.FactorOf(ProtectiveFactor.ConcreteSupportInTimesOfNeed).Rating);
        Assert.Equal(FactorRating.Unknown, analysis.FactorOf(ProtectiveFactor.SocialConnections).Rating);

        var after = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.NotNull(after.QuerySelector("input[name='Rate.Factors[0].Rating'][value='Present'][checked]"));
        Assert.Equal(analysis.Version.ToString(), after.QuerySelector("#bias-form input[name='Bias.Version']")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Should_refuse_a_factor_note_that_is_too_long_beside_the_field()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");

        var response = await client.SubmitAsync(page, "#factors-form", new()
        {
            ["Rate.Factors[1].Rating"] = ["Absent"],
            ["Rate.Factors[2].Note"] = [new string('x', ProtectiveFactorAssessment.NoteMaxLength + 1)],
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await AppClient.ParseAsync(response);
        Assert.Equal("The note can be at most 2,000 characters.", result.FieldError("Rate.Factors[2].Note"));
        Assert.NotNull(result.QuerySelector("input[name='Rate.Factors[1].Rating'][value='Absent'][checked]"));
        Assert.Null(await AnalysisAsync(id));
    }

    [Fact]
    public async Task Should_save_the_bias_reflection_and_the_family_voice()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.Equal(FamilyNeedsAnalysis.BiasPrompts[0].Question, page.QuerySelector("label[for='Bias_Assumptions']")?.TextContent.Trim());

        var bias = await client.SubmitAsync(page, "#bias-form", new() { ["Bias.Assumptions"] = ["We assumed the father was absent."] });
        Assert.Equal(HttpStatusCode.Redirect, bias.StatusCode);
        page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.Equal("We assumed the father was absent.", page.QuerySelector("textarea[name='Bias.Assumptions']")?.TextContent.Trim());

        var voice = await client.SubmitAsync(page, "#voice-form", new() { ["Voice.Engaged"] = ["Yes"], ["Voice.WhatTheySaid"] = ["Nobody asked us."] });
        Assert.Equal(HttpStatusCode.Redirect, voice.StatusCode);

        var analysis = await AnalysisAsync(id);
        Assert.Equal("We assumed the father was absent.", analysis?.BiasAssumptions);
        Assert.Equal(YesNoUnknown.Yes, analysis?.FamilyEngaged);
        Assert.Equal("Nobody asked us.", analysis?.WhatTheySaid);
    }

    [Fact]
    public async Task Should_report_a_form_loaded_before_someone_else_saved_the_analysis()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        var stale = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        await client.SubmitAsync(await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds"), "#bias-form", new() { ["Bias.Poverty"] = ["Theirs"] });

        var response = await client.SubmitAsync(stale, "#bias-form", new() { ["Bias.Poverty"] = ["Mine"] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await AppClient.ParseAsync(response);
        Assert.Contains("Someone else changed this record", result.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Mine", result.QuerySelector("textarea[name='Bias.Poverty']")?.TextContent.Trim());
        Assert.Equal("Theirs", (await AnalysisAsync(id))?.BiasPoverty);
    }

    [Fact]
    public async Task Should_refuse_to_complete_without_a_need_or_a_reason()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");

        var response = await client.SubmitAsync(page, "#complete-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await AppClient.ParseAsync(response);
        Assert.Contains("Record at least one need, or state that no unmet needs were identified and why.",
            result.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(ReviewStage.FamilyNeeds, await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Stage).SingleAsync()));
    }

    [Fact]
    public async Task Should_complete_the_analysis_with_no_unmet_needs_and_land_at_the_debrief()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");

        var response = await client.SubmitAsync(page, "#complete-form", new()
        {
            ["Complete.NoUnmetNeeds"] = ["true"],
            ["Complete.NoUnmetNeedsReason"] = ["Kin met every need the family had."],
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Reviews/{id}", response.Headers.Location?.OriginalString);
        var review = await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        Assert.Equal(ReviewStage.Debrief, review.Stage);
        Assert.Equal("Kin met every need the family had.", review.NoUnmetNeedsReason);
        var overview = await client.GetPageAsync($"/Reviews/{id}");
        Assert.Equal("Family-needs analysis completed. The review moves on to the debrief.", overview.QuerySelector("[role=status].alert-success")?.TextContent.Trim());

        var locked = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.Contains("The family-needs analysis is complete.", locked.QuerySelector(".alert-info")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(locked.QuerySelectorAll("main form"));
        Assert.Contains("Kin met every need the family had.", locked.Body?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReviewStage.FamilyNeeds, "admin@demo.local", "Your role can read the family-needs analysis but not change it.")]
    [InlineData(ReviewStage.Intake, Caseworker, "The family-needs analysis starts once the intake is complete.")]
    public async Task Should_show_the_analysis_read_only_with_the_reason(ReviewStage stage, string email, string reason)
    {
        var id = await app.ReviewAtAsync(stage);
        using var client = await app.SignInAsync(email);

        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");

        Assert.Equal(reason, page.QuerySelector(".alert-info")?.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("main form"));
    }

    [Fact]
    public async Task Should_not_show_another_jurisdictions_analysis()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var owner = await app.SignInAsync(Caseworker);
        await owner.SubmitAsync(await owner.GetPageAsync($"/Reviews/{id}/FamilyNeeds"), "#add-need-form", UnmetNeed());
        var needId = (await NeedsAsync(id))[0].Id;
        using var client = await app.SignInAsync("other.caseworker@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(new Uri($"/Reviews/{id}/FamilyNeeds", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(new Uri($"/Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Should_label_every_field_and_point_every_description_at_an_element_that_exists()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        await client.SubmitAsync(await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds"), "#add-need-form", UnmetNeed());
        var needId = (await NeedsAsync(id))[0].Id;

        foreach (var url in new[] { $"/Reviews/{id}/FamilyNeeds", $"/Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit" })
        {
            var page = await client.GetPageAsync(url);
            var ids = page.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            foreach (var field in page.QuerySelectorAll("main input:not([type=hidden]), main textarea, main select"))
            {
                Assert.True(page.QuerySelector($"label[for='{field.Id}']") is not null, $"{url}: no label for {field.GetAttribute("name")}.");
            }

            foreach (var described in page.QuerySelectorAll("main [aria-describedby]"))
            {
                foreach (var target in described.GetAttribute("aria-describedby")!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    Assert.True(ids.Contains(target), $"{url}: aria-describedby points at missing #{target}.");
                }
            }

            var levels = page.QuerySelectorAll("main h1, main h2, main h3").Select(h => h.LocalName[1] - '0').ToList();
            Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"{url}: heading level skips."));
        }
    }

    public static TheoryData<string, string, string, HttpStatusCode> HandMadePosts => new()
    {
        { "#factors-form", "Rate.Factors[0].Factor", "NotAFactor", HttpStatusCode.OK },
        { "#factors-form", "Rate.Factors[1].Factor", "ParentalResilience", HttpStatusCode.OK },
        { "#factors-form", "Rate.Factors[0].Rating", "99", HttpStatusCode.OK },
        { "#factors-form", "Rate.Version", "not-a-guid", HttpStatusCode.OK },
        { "#bias-form", "Bias.Version", "00000000-0000-0000-0000-000000000001", HttpStatusCode.OK },
        { "#voice-form", "Voice.Engaged", "7", HttpStatusCode.OK },
        { "#add-need-form", "Need.Barriers", "42", HttpStatusCode.OK },
        { "#complete-form", "Complete.NoUnmetNeeds", "perhaps", HttpStatusCode.OK },
        { ".needs-table form", "needId", "abc", HttpStatusCode.OK },
        { ".needs-table form", "needId", "999999", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(HandMadePosts))]
    public async Task Should_refuse_a_hand_made_post_without_an_error_page_or_a_save(string form, string field, string value, HttpStatusCode status)
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync(Caseworker);
        await client.SubmitAsync(await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds"), "#add-need-form", UnmetNeed());
        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");

        var response = await client.SubmitAsync(page, form, new() { [field] = [value] });

        Assert.Equal(status, response.StatusCode);
        if (field == "needId" && status == HttpStatusCode.OK)
        {
            var result = await AppClient.ParseAsync(response);
            Assert.Contains(Pages.Reviews.FamilyNeeds.IndexModel.UnreadableMessage, result.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        }

        Assert.Single(await NeedsAsync(id));
        Assert.Null(await AnalysisAsync(id));
        Assert.Equal(ReviewStage.FamilyNeeds, await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Stage).SingleAsync()));
    }

    [Fact]
    public async Task Should_send_the_edit_need_page_back_once_the_analysis_is_complete()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        var needId = (await NeedsAsync(id))[0].Id;
        using var client = await app.SignInAsync(Caseworker);

        var response = await client.Http.GetAsync(new Uri($"/Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Reviews/{id}/FamilyNeeds", response.Headers.Location?.OriginalString);
        var page = await client.GetPageAsync($"/Reviews/{id}/FamilyNeeds");
        Assert.Equal("The family-needs analysis cannot be changed at this stage.", page.QuerySelector("[role=status].alert-success")?.TextContent.Trim());
        Assert.Contains("Stable housing", page.QuerySelector(".needs-table")?.TextContent, StringComparison.Ordinal);
    }
}
