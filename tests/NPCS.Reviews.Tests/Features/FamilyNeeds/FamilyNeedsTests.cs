using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.FamilyNeeds;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.FamilyNeeds;

public class FamilyNeedsTests(SliceFixture fixture) : SliceTest(fixture, Users.Caseworker)
{
    private const string CompleteMessage = "The family-needs analysis is complete. A Supervisor can reopen it with a reason.";

    private static AddNeed.Command UnmetNeed(int id) => new()
    {
        Id = id,
        Category = NeedCategory.Childcare,
        Description = "After-school care for the older sibling",
        Status = NeedStatus.IdentifiedUnmet,
        Barriers = [NeedBarrier.Waitlist, NeedBarrier.Other],
        BarrierNote = "The only provider closed in spring.",
    };

    private static RateProtectiveFactors.Command AllFactors(int id, Guid version, FactorRating rating = FactorRating.PartlyPresent) => new()
    {
        Id = id,
        Version = version,
        Factors = [.. Enum.GetValues<ProtectiveFactor>().Select(f => new RateProtectiveFactors.FactorInput { Factor = f, Rating = rating, Note = $"Note on {f}" })],
    };

    private Task<GetFamilyNeeds.Result> GetAsync(int id) => Fixture.SendAsync<GetFamilyNeeds.Result>(new GetFamilyNeeds.Query(id));

    private Task<Review> LoadAsync(int id) => Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id));

    private Task<int> AnalysisCountAsync(int id) => Fixture.QueryDbAsync(db => db.FamilyNeedsAnalyses.IgnoreQueryFilters().CountAsync(a => a.ReviewId == id));

    [Fact]
    public async Task Should_add_an_unmet_need_with_its_barriers_and_show_it()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);

        await Fixture.SendAsync(UnmetNeed(id));

        var view = await GetAsync(id);
        Assert.True(view.Editable);
        Assert.Null(view.ReadOnlyReason);
        var need = Assert.Single(view.Needs);
        Assert.Equal(NeedCategory.Childcare, need.Category);
        Assert.Equal("After-school care for the older sibling", need.Description);
        Assert.Equal(NeedStatus.IdentifiedUnmet, need.Status);
        Assert.Equal(NeedBarrier.Waitlist | NeedBarrier.Other, need.Barriers);
        Assert.Equal("The only provider closed in spring.", need.BarrierNote);
    }

    [Fact]
    public async Task Should_load_a_need_into_the_edit_form_and_save_the_correction()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.SendAsync(UnmetNeed(id));
        var needId = (await GetAsync(id)).Needs[0].Id;

        var form = await Fixture.SendAsync<EditNeed.Command>(new EditNeed.Query(id, needId));
        Assert.True(form.Editable);
        Assert.Equal([NeedBarrier.Waitlist, NeedBarrier.Other], form.Barriers);
        form.Status = NeedStatus.IdentifiedMet;
        form.Description = "Childcare found through the family resource centre";
        await Fixture.SendAsync(form);

        var need = Assert.Single((await GetAsync(id)).Needs);
        Assert.Equal(NeedStatus.IdentifiedMet, need.Status);
        Assert.Equal("Childcare found through the family resource centre", need.Description);
        Assert.Equal(NeedBarrier.None, need.Barriers);
        Assert.Null(need.BarrierNote);
        Assert.NotEqual(form.Version, need.Version);
    }

    [Fact]
    public async Task Should_remove_a_need()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.SendAsync(UnmetNeed(id));
        var need = (await GetAsync(id)).Needs[0];

        await Fixture.SendAsync(new DeleteNeed.Command(id, need.Id, need.Version));

        Assert.Empty((await GetAsync(id)).Needs);
    }

    [Fact]
    public async Task Should_report_a_concurrent_change_to_a_need_instead_of_overwriting_or_removing_it()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.SendAsync(UnmetNeed(id));
        var needId = (await GetAsync(id)).Needs[0].Id;
        var mine = await Fixture.SendAsync<EditNeed.Command>(new EditNeed.Query(id, needId));
        var theirs = await Fixture.SendAsync<EditNeed.Command>(new EditNeed.Query(id, needId));
        theirs.Description = "Their correction";
        await Fixture.SendAsync(theirs);

        mine.Description = "My correction";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(mine));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(new DeleteNeed.Command(id, needId, mine.Version)));

        var need = Assert.Single((await GetAsync(id)).Needs);
        Assert.Equal("Their correction", need.Description);
    }

    public static TheoryData<string, Action<AddNeed.Command>, string> InvalidNeeds => new()
    {
        { nameof(NeedFields.Category), c => c.Category = null, "Choose the category of the need." },
        { nameof(NeedFields.Category), c => c.Category = (NeedCategory)99, "Choose one of the listed categories." },
        { nameof(NeedFields.Description), c => c.Description = "  ", "Describe the need." },
        { nameof(NeedFields.Description), c => c.Description = new string('x', Need.DescriptionMaxLength + 1), "The description can be at most 2,000 characters." },
        { nameof(NeedFields.Status), c => c.Status = null, "Say whether the agency identified the need and whether it was met." },
        { nameof(NeedFields.Status), c => c.Status = (NeedStatus)9, "Choose one of the listed statuses." },
        { nameof(NeedFields.Barriers), c => c.Barriers = [], "Choose at least one barrier for an unmet need." },
        { nameof(NeedFields.Barriers), c => c.Barriers = [NeedBarrier.None], "Choose only from the listed barriers." },
        { nameof(NeedFields.Barriers), c => c.Barriers = [(NeedBarrier)3], "Choose only from the listed barriers." },
        { nameof(NeedFields.BarrierNote), c => c.BarrierNote = new string('x', Need.BarrierNoteMaxLength + 1), "The note on the barriers can be at most 2,000 characters." },
        { nameof(NeedFields.BarrierNote), c => c.BarrierNote = null, "Describe the other barrier in the note." },
    };

    [Theory]
    [MemberData(nameof(InvalidNeeds))]
    public async Task Should_refuse_a_need_that_breaks_a_rule_and_save_nothing(string field, Action<AddNeed.Command> change, string message)
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var command = UnmetNeed(id);
        change(command);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(command));

        Assert.Contains(message, ex.Errors[field]);
        Assert.Empty((await GetAsync(id)).Needs);
    }

    [Fact]
    public async Task Should_not_ask_for_barriers_when_the_need_was_met_or_not_identified()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);

        await Fixture.SendAsync(new AddNeed.Command { Id = id, Category = NeedCategory.Housing, Description = "Stable housing", Status = NeedStatus.NotIdentified });

        Assert.Equal(NeedStatus.NotIdentified, Assert.Single((await GetAsync(id)).Needs).Status);
    }

    [Fact]
    public async Task Should_show_every_factor_at_unknown_and_create_the_analysis_on_the_first_save()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var before = await GetAsync(id);
        Assert.Equal(Guid.Empty, before.Factors.Version);
        Assert.All(before.Factors.Factors, f => Assert.Equal(FactorRating.Unknown, f.Rating));
        Assert.Equal(Enum.GetValues<ProtectiveFactor>(), before.Factors.Factors.Select(f => f.Factor!.Value));
        Assert.Equal(0, await AnalysisCountAsync(id));

        await Fixture.SendAsync(AllFactors(id, Guid.Empty));

        Assert.Equal(1, await AnalysisCountAsync(id));
        var after = await GetAsync(id);
        Assert.NotEqual(Guid.Empty, after.Factors.Version);
        Assert.Equal(after.Factors.Version, after.Bias.Version);
        Assert.All(after.Factors.Factors, f =>
        {
            Assert.Equal(FactorRating.PartlyPresent, f.Rating);
            Assert.Equal($"Note on {f.Factor}", f.Note);
        });
    }

    [Fact]
    public async Task Should_save_the_bias_reflection_and_the_family_voice_and_read_them_back()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);

        await Fixture.SendAsync(new SaveBiasReflection.Command { Id = id, Version = Guid.Empty, Assumptions = "  We assumed the father was not involved. ", Poverty = "Seen as a risk." });
        var version = (await GetAsync(id)).Voice.Version;
        await Fixture.SendAsync(new SaveFamilyVoice.Command { Id = id, Version = version, Engaged = YesNoUnknown.Yes, How = "Home visit", WhatTheySaid = "Nobody asked about childcare." });

        var view = await GetAsync(id);
        Assert.Equal("We assumed the father was not involved.", view.Bias.Assumptions);
        Assert.Equal("Seen as a risk.", view.Bias.AnswerTo(nameof(BiasReflectionAnswers.Poverty)));
        Assert.Null(view.Bias.CultureAndRace);
        Assert.Equal(YesNoUnknown.Yes, view.Voice.Engaged);
        Assert.Equal("Home visit", view.Voice.How);
        Assert.Equal("Nobody asked about childcare.", view.Voice.WhatTheySaid);
        Assert.Equal(1, await AnalysisCountAsync(id));

        // Clearing the engagement answer is allowed: every voice field is optional.
        await Fixture.SendAsync(new SaveFamilyVoice.Command { Id = id, Version = view.Voice.Version });
        Assert.Null((await GetAsync(id)).Voice.Engaged);
    }

    public static TheoryData<string, Func<int, IMessage>, string> InvalidAnalysisForms => new()
    {
        { "Factors", id => Trim(AllFactors(id, Guid.Empty), f => f.Factors.RemoveAt(0)), "Rate each of the five protective factors once." },
        { "Factors", id => Trim(AllFactors(id, Guid.Empty), f => f.Factors[1].Factor = f.Factors[0].Factor), "Rate each of the five protective factors once." },
        { "Factors", id => Trim(AllFactors(id, Guid.Empty), f => f.Factors.Add(f.Factors[0])), "Rate each of the five protective factors once." },
        { "Factors[2].Rating", id => Trim(AllFactors(id, Guid.Empty), f => f.Factors[2].Rating = null), "Choose a rating." },
        { "Factors[2].Rating", id => Trim(AllFactors(id, Guid.Empty), f => f.Factors[2].Rating = (FactorRating)7), "Choose one of the listed ratings." },
        { "Factors[4].Note", id => Trim(AllFactors(id, Guid.Empty), f => f.Factors[4].Note = new string('x', ProtectiveFactorAssessment.NoteMaxLength + 1)), "The note can be at most 2,000 characters." },
        { "Disability", id => new SaveBiasReflection.Command { Id = id, Disability = new string('x', FamilyNeedsAnalysis.AnswerMaxLength + 1) }, "An answer can be at most 4,000 characters." },
        { "Engaged", id => new SaveFamilyVoice.Command { Id = id, Engaged = (YesNoUnknown)0 }, "Choose Yes, No or Unknown, or leave it unanswered." },
        { "How", id => new SaveFamilyVoice.Command { Id = id, How = new string('x', FamilyNeedsAnalysis.AnswerMaxLength + 1) }, "How they were engaged can be at most 4,000 characters." },
        { "WhatTheySaid", id => new SaveFamilyVoice.Command { Id = id, WhatTheySaid = new string('x', FamilyNeedsAnalysis.AnswerMaxLength + 1) }, "What they said can be at most 4,000 characters." },
    };

    private static RateProtectiveFactors.Command Trim(RateProtectiveFactors.Command command, Action<RateProtectiveFactors.Command> change)
    {
        change(command);
        return command;
    }

    [Theory]
    [MemberData(nameof(InvalidAnalysisForms))]
    public async Task Should_refuse_an_analysis_form_that_breaks_a_rule_and_save_nothing(string field, Func<int, IMessage> form, string message)
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(form(id)));

        Assert.Contains(message, ex.Errors[field]);
        Assert.Equal(0, await AnalysisCountAsync(id));
    }

    [Fact]
    public async Task Should_report_a_stale_analysis_version_as_a_conflict()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.SendAsync(AllFactors(id, Guid.Empty));
        var loaded = (await GetAsync(id)).Bias.Version;
        await Fixture.SendAsync(new SaveBiasReflection.Command { Id = id, Version = loaded, Assumptions = "Theirs" });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Fixture.SendAsync(new SaveBiasReflection.Command { Id = id, Version = loaded, Assumptions = "Mine" }));

        // A form loaded before the analysis existed, saved after someone created it.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(AllFactors(id, Guid.Empty, FactorRating.Absent)));

        var view = await GetAsync(id);
        Assert.Equal("Theirs", view.Bias.Assumptions);
        Assert.All(view.Factors.Factors, f => Assert.Equal(FactorRating.PartlyPresent, f.Rating));
    }

    [Fact]
    public async Task Should_turn_two_first_saves_at_once_into_a_conflict_not_an_error()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);

        // The other user's first save lands between this save's check for an analysis and its insert.
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => FamilyNeedsAnalyses.SaveAsync(
            db,
            id,
            Guid.Empty,
            (review, analysis) =>
            {
                review.ReflectOnBias(analysis, new BiasReflectionAnswers("Mine", null, null, null, null));
                using var other = Fixture.Services.CreateScope();
                var otherDb = other.ServiceProvider.GetRequiredService<ReviewsDbContext>();
                var otherReview = otherDb.Reviews.Single(r => r.Id == id);
                otherDb.FamilyNeedsAnalyses.Add(otherReview.StartFamilyNeedsAnalysis());
                otherDb.SaveChanges();
            },
            CancellationToken.None));

        Assert.IsType<DbUpdateException>(ex.InnerException, exactMatch: false);
        Assert.Equal(1, await AnalysisCountAsync(id));
        Assert.Null((await GetAsync(id)).Bias.Assumptions);
    }

    [Fact]
    public async Task Should_refuse_to_complete_without_a_need_or_a_reason()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var review = await LoadAsync(id);

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Fixture.SendAsync(new CompleteFamilyNeeds.Command { Id = id, Version = review.Version }));

        Assert.Equal("Record at least one need, or state that no unmet needs were identified and why.", ex.Message);
        Assert.Equal(ReviewStage.FamilyNeeds, (await LoadAsync(id)).Stage);
    }

    [Fact]
    public async Task Should_ask_for_the_reason_when_no_unmet_needs_were_identified()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var review = await LoadAsync(id);

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Fixture.SendAsync(new CompleteFamilyNeeds.Command { Id = id, Version = review.Version, NoUnmetNeeds = true, NoUnmetNeedsReason = " " }));

        Assert.Contains("Say why no unmet needs were identified.", ex.Errors[nameof(CompleteFamilyNeeds.Command.NoUnmetNeedsReason)]);
    }

    [Fact]
    public async Task Should_complete_with_no_unmet_needs_and_keep_the_reason()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var review = await LoadAsync(id);

        await Fixture.SendAsync(new CompleteFamilyNeeds.Command
        {
            Id = id,
            Version = review.Version,
            NoUnmetNeeds = true,
            NoUnmetNeedsReason = "The family's needs were all being met by kin. ",
        });

        var completed = await LoadAsync(id);
        Assert.Equal(ReviewStage.Debrief, completed.Stage);
        Assert.Equal("The family's needs were all being met by kin.", completed.NoUnmetNeedsReason);
        Assert.Equal("The family's needs were all being met by kin.", (await GetAsync(id)).NoUnmetNeedsReason);
    }

    [Fact]
    public async Task Should_complete_with_a_need_and_then_refuse_every_change()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.SendAsync(UnmetNeed(id));
        await Fixture.SendAsync(new SaveBiasReflection.Command { Id = id, Version = Guid.Empty, Assumptions = "Kept" });
        var before = await GetAsync(id);

        await Fixture.SendAsync(new CompleteFamilyNeeds.Command { Id = id, Version = before.Header.Version });

        var completed = await LoadAsync(id);
        Assert.Equal(ReviewStage.Debrief, completed.Stage);
        Assert.Null(completed.NoUnmetNeedsReason);

        var view = await GetAsync(id);
        Assert.False(view.Editable);
        Assert.Equal("The family-needs analysis is complete. A Supervisor can reopen it with a reason.", view.ReadOnlyReason);
        Assert.False((await Fixture.SendAsync<EditNeed.Command>(new EditNeed.Query(id, view.Needs[0].Id))).Editable);

        var need = view.Needs[0];
        var edit = await Fixture.SendAsync<EditNeed.Command>(new EditNeed.Query(id, need.Id));
        IMessage[] refused =
        [
            UnmetNeed(id),
            edit,
            new DeleteNeed.Command(id, need.Id, need.Version),
            AllFactors(id, view.Factors.Version),
            new SaveBiasReflection.Command { Id = id, Version = view.Bias.Version, Assumptions = "Changed" },
            new SaveFamilyVoice.Command { Id = id, Version = view.Voice.Version, Engaged = YesNoUnknown.No },
        ];
        foreach (var command in refused)
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(command));
            Assert.Equal(CompleteMessage, ex.Message);
        }

        var after = await GetAsync(id);
        Assert.Single(after.Needs);
        Assert.Equal("Kept", after.Bias.Assumptions);
        Assert.Null(after.Voice.Engaged);
    }

    [Fact]
    public async Task Should_refuse_the_analysis_before_the_intake_is_complete()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Intake);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(UnmetNeed(id)));
        Assert.Equal("The family-needs analysis starts once the intake is complete.", ex.Message);
        var voice = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new SaveFamilyVoice.Command { Id = id, Engaged = YesNoUnknown.Yes }));
        Assert.Equal("The family-needs analysis starts once the intake is complete.", voice.Message);

        var view = await GetAsync(id);
        Assert.False(view.Editable);
        Assert.Equal("The family-needs analysis starts once the intake is complete.", view.ReadOnlyReason);
        Assert.Equal(0, await AnalysisCountAsync(id));
    }

    [Fact]
    public async Task Should_hide_another_jurisdictions_analysis()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.SendAsync(UnmetNeed(id));
        var need = (await GetAsync(id)).Needs[0];
        await Fixture.RunAsUserAsync(Users.OtherCaseworker);

        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(UnmetNeed(id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<EditNeed.Command>(new EditNeed.Query(id, need.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new DeleteNeed.Command(id, need.Id, need.Version)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(AllFactors(id, Guid.Empty)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new CompleteFamilyNeeds.Command { Id = id }));
    }

    [Fact]
    public async Task Should_not_find_a_need_through_another_review()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var otherId = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.SendAsync(UnmetNeed(id));
        var need = (await GetAsync(id)).Needs[0];

        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<EditNeed.Command>(new EditNeed.Query(otherId, need.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new DeleteNeed.Command(otherId, need.Id, need.Version)));
        Assert.Single((await GetAsync(id)).Needs);
    }

    [Fact]
    public async Task Should_let_an_administrator_read_but_not_change_the_analysis()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.RunAsUserAsync(Users.Admin);

        var view = await GetAsync(id);
        Assert.False(view.Editable);
        Assert.Equal("Your role can read the family-needs analysis but not change it.", view.ReadOnlyReason);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(UnmetNeed(id)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(AllFactors(id, Guid.Empty)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(new SaveBiasReflection.Command { Id = id }));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(new SaveFamilyVoice.Command { Id = id }));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(new CompleteFamilyNeeds.Command { Id = id }));
        Assert.Equal(0, await AnalysisCountAsync(id));
    }
}
