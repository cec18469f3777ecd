using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Intake;

public class IntakeWorkflowTests(SliceFixture fixture) : SliceTest(fixture, Users.Caseworker)
{
    private async Task<int> CreateAsync(Action<CreateReview.Command>? change = null)
    {
        var command = Intakes.NewCommand(Today);
        change?.Invoke(command);
        return (await Fixture.SendAsync<CreateReview.Result>(command)).Id;
    }

    private Task<Review> LoadAsync(int id) => Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task Should_load_the_intake_into_the_edit_form_and_save_the_correction()
    {
        var id = await CreateAsync();
        var form = await Fixture.SendAsync<EditIntake.Command>(new EditIntake.Query(id));
        Assert.Equal(7, form.ChildAgeMonths);
        Assert.Equal([RaceEthnicity.BlackOrAfricanAmerican, RaceEthnicity.HispanicOrLatino], form.ChildRaceEthnicity);

        form.ChildAgeYears = 1;
        form.ChildAgeMonths = 2;
        form.Summary = "Corrected after the hospital's report.";
        await Fixture.SendAsync(form);

        var saved = await LoadAsync(id);
        Assert.Equal(14, saved.ChildAgeMonths);
        Assert.Equal("Corrected after the hospital's report.", saved.Summary);
        Assert.NotEqual(form.Version, saved.Version);
    }

    [Fact]
    public async Task Should_refuse_a_save_based_on_a_stale_form_and_keep_the_other_persons_change()
    {
        var id = await CreateAsync();
        var mine = await Fixture.SendAsync<EditIntake.Command>(new EditIntake.Query(id));
        var theirs = await Fixture.SendAsync<EditIntake.Command>(new EditIntake.Query(id));
        theirs.Summary = "Their change";
        await Fixture.SendAsync(theirs);

        mine.Summary = "My change";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(mine));

        Assert.Equal("Their change", (await LoadAsync(id)).Summary);
    }

    [Fact]
    public async Task Should_lose_no_update_when_many_people_save_the_same_intake_at_once()
    {
        var id = await CreateAsync();
        var forms = new List<EditIntake.Command>();
        for (var i = 0; i < 10; i++)
        {
            var form = await Fixture.SendAsync<EditIntake.Command>(new EditIntake.Query(id));
            form.Summary = $"Edit {i}";
            forms.Add(form);
        }

        var outcomes = await Task.WhenAll(forms.Select(f => Task.Run(async () =>
        {
            try
            {
                await Fixture.SendAsync(f);
                return f.Summary;
            }
            catch (ConcurrencyConflictException)
            {
                return null;
            }
        })));

        var winners = outcomes.Where(o => o is not null).ToList();
        Assert.Single(winners);
        Assert.Equal(winners[0], (await LoadAsync(id)).Summary);
    }

    [Fact]
    public async Task Should_move_the_review_to_family_needs_when_intake_is_completed()
    {
        var id = await CreateAsync();
        var review = await LoadAsync(id);

        await Fixture.SendAsync(new CompleteIntake.Command(id, review.Version));

        Assert.Equal(ReviewStage.FamilyNeeds, (await LoadAsync(id)).Stage);
    }

    [Fact]
    public async Task Should_refuse_intake_edits_after_the_intake_is_complete()
    {
        var id = await CreateAsync();
        var form = await Fixture.SendAsync<EditIntake.Command>(new EditIntake.Query(id));
        await Fixture.SendAsync(new CompleteIntake.Command(id, (await LoadAsync(id)).Version));
        var fresh = await Fixture.SendAsync<EditIntake.Command>(new EditIntake.Query(id));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(form));
        var error = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(fresh));
        Assert.Contains("can no longer be edited", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_to_complete_a_screened_out_intake_until_a_supervisor_overrides_it()
    {
        var id = await CreateAsync(c =>
        {
            c.IncidentType = IncidentType.Fatality;
            c.MostRecentContact = null;
        });
        var version = (await LoadAsync(id)).Version;
        await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new CompleteIntake.Command(id, version)));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Fixture.SendAsync(new OverrideScreenOut.Command { Id = id, Version = version, Reason = "Because" }));

        await Fixture.RunAsUserAsync(Users.Supervisor);
        var missing = await Assert.ThrowsAsync<ValidationException>(() =>
            Fixture.SendAsync(new OverrideScreenOut.Command { Id = id, Version = version, Reason = " " }));
        Assert.Equal(["Write why this incident should be reviewed."], missing.Errors[nameof(OverrideScreenOut.Command.Reason)]);

        await Fixture.SendAsync(new OverrideScreenOut.Command { Id = id, Version = version, Reason = "Three recent hotline calls." });
        var overridden = await LoadAsync(id);
        Assert.Equal(ReviewStage.Intake, overridden.Stage);
        Assert.Equal("Three recent hotline calls.", overridden.ScreenOutOverrideReason);

        await Fixture.RunAsUserAsync(Users.Caseworker);
        await Fixture.SendAsync(new CompleteIntake.Command(id, overridden.Version));
        Assert.Equal(ReviewStage.FamilyNeeds, (await LoadAsync(id)).Stage);
    }

    [Fact]
    public async Task Should_let_a_supervisor_assign_a_facilitator_of_the_jurisdiction_only()
    {
        var id = await CreateAsync();
        await Fixture.RunAsUserAsync(Users.Supervisor);
        var view = await Fixture.SendAsync<GetReview.Result>(new GetReview.Query(id));
        var facilitator = Assert.Single(view.FacilitatorOptions);
        Assert.Equal("Frances Facilitator", facilitator.DisplayName);

        var caseworkerId = await Fixture.QueryDbAsync(db => db.Users.Where(u => u.Email == Users.Caseworker).Select(u => u.Id).SingleAsync());
        var wrong = await Assert.ThrowsAsync<ValidationException>(() =>
            Fixture.SendAsync(new AssignFacilitator.Command { Id = id, Version = view.Review.Version, FacilitatorId = caseworkerId }));
        Assert.Contains("Choose a facilitator from the list.", wrong.Errors[nameof(AssignFacilitator.Command.FacilitatorId)]);

        await Fixture.SendAsync(new AssignFacilitator.Command { Id = id, Version = view.Review.Version, FacilitatorId = facilitator.Id });

        var after = await Fixture.SendAsync<GetReview.Result>(new GetReview.Query(id));
        Assert.Equal("Frances Facilitator", after.FacilitatorName);
    }

    [Fact]
    public async Task Should_show_a_caseworker_what_they_may_do_at_each_stage()
    {
        var id = await CreateAsync();

        var atIntake = await Fixture.SendAsync<GetReview.Result>(new GetReview.Query(id));
        Assert.True(atIntake.CanEditIntake);
        Assert.True(atIntake.CanCompleteIntake);
        Assert.False(atIntake.CanAssignFacilitator);
        Assert.False(atIntake.CanOverrideScreenOut);

        await Fixture.SendAsync(new CompleteIntake.Command(id, atIntake.Review.Version));
        var later = await Fixture.SendAsync<GetReview.Result>(new GetReview.Query(id));
        Assert.False(later.CanEditIntake);
        Assert.False(later.CanCompleteIntake);
    }
}
