using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Debrief;

public class DecisionPointTests(SliceFixture fixture) : SliceTest(fixture, Users.Facilitator)
{
    private AddDecisionPoint.Command Valid(int reviewId, int? sessionId = null) => new()
    {
        Id = reviewId,
        SessionId = sessionId,
        Date = Today.AddDays(-12),
        Role = DeciderRole.Investigator,
        Decision = "Closed the assessment as unfounded",
        Cues = "The home was clean at the visit.",
        Knew = "One prior report, unsubstantiated.",
        Expected = "The family would use the community referral.",
        Pressures = [Pressure.Workload, Pressure.Time],
        Context = "Twenty open assessments that week.",
    };

    private Task<int> AddAsync(AddDecisionPoint.Command command) => Fixture.SendAsync<int>(command);

    private Task<List<DecisionPoint>> PointsAsync(int reviewId) =>
        Fixture.QueryDbAsync(db => db.DecisionPoints.IgnoreQueryFilters().AsNoTracking().Where(p => p.ReviewId == reviewId).OrderBy(p => p.Id).ToListAsync());

    [Fact]
    public async Task Should_record_a_decision_point_in_the_session_and_number_it()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);
        var entry = await Fixture.AddChronologyEntryAsync(scene.ReviewId, Today.AddDays(-12), "Assessment closed.");
        var command = Valid(scene.ReviewId, scene.SessionId);
        command.ChronologyEntryId = entry;

        Assert.Equal(1, await AddAsync(command));
        Assert.Equal(2, await AddAsync(Valid(scene.ReviewId, scene.SessionId)));

        var saved = (await PointsAsync(scene.ReviewId))[0];
        Assert.Equal(scene.SessionId, saved.SessionId);
        Assert.Equal(Today.AddDays(-12), saved.Date);
        Assert.Equal(entry, saved.ChronologyEntryId);
        Assert.Equal(DeciderRole.Investigator, saved.Role);
        Assert.Equal("Closed the assessment as unfounded", saved.Decision);
        Assert.Equal("The home was clean at the visit.", saved.Cues);
        Assert.Equal("One prior report, unsubstantiated.", saved.Knew);
        Assert.Equal("The family would use the community referral.", saved.Expected);
        Assert.Equal(Pressure.Workload | Pressure.Time, saved.Pressures);
        Assert.Equal("Twenty open assessments that week.", saved.Context);
    }

    public static TheoryData<string, Action<DecisionPointFields>, string> InvalidFields => new()
    {
        { "Date", c => c.Date = null, "Enter the date of the decision." },
        { "Date", c => c.Date = new DateOnly(2099, 1, 1), "The date of the decision cannot be in the future." },
        { "Date", c => c.Date = new DateOnly(1989, 12, 31), "The date of the decision must be in 1990 or later." },
        { "ChronologyEntryId", c => c.ChronologyEntryId = 0, DecisionPointFieldsValidator.UnknownEntryMessage },
        { "Role", c => c.Role = null, "Choose the role of the person who decided." },
        { "Role", c => c.Role = (DeciderRole)99, "Choose one of the listed roles." },
        { "Decision", c => c.Decision = "  ", "Describe what was decided." },
        { "Decision", c => c.Decision = new string('d', DecisionPoint.TextMaxLength + 1), "What was decided can be at most 4,000 characters." },
        { "Cues", c => c.Cues = new string('c', DecisionPoint.TextMaxLength + 1), "The cues can be at most 4,000 characters." },
        { "Knew", c => c.Knew = new string('k', DecisionPoint.TextMaxLength + 1), "What the worker knew can be at most 4,000 characters." },
        { "Expected", c => c.Expected = new string('e', DecisionPoint.TextMaxLength + 1), "What they expected can be at most 4,000 characters." },
        { "Context", c => c.Context = new string('x', DecisionPoint.TextMaxLength + 1), "The pressures and context can be at most 4,000 characters." },
        { "Pressures", c => c.Pressures = [Pressure.Policy, (Pressure)128], "Choose pressures only from the list." },
        { "Pressures", c => c.Pressures = [Pressure.None], "Choose pressures only from the list." },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Should_refuse_an_invalid_decision_point_with_the_message_beside_the_field(string field, Action<DecisionPointFields> spoil, string message)
    {
        ArgumentNullException.ThrowIfNull(spoil);
        var scene = await Fixture.SessionAsync(groundRules: true);
        var add = Valid(scene.ReviewId, scene.SessionId);
        spoil(add);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => AddAsync(add));

        Assert.Equal(message, ex.Errors[field][0]);
        Assert.Empty(await PointsAsync(scene.ReviewId));

        // The same rules guard an edit.
        await AddAsync(Valid(scene.ReviewId, scene.SessionId));
        var point = (await PointsAsync(scene.ReviewId)).Single();
        var edit = (await Fixture.SendAsync<EditDecisionPoint.Result>(new EditDecisionPoint.Query(scene.ReviewId, point.Id))).Data;
        spoil(edit);
        var editEx = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(edit));
        Assert.Equal(message, editEx.Errors[field][0]);
    }

    [Fact]
    public async Task Should_refuse_a_link_to_a_chronology_entry_of_another_review()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);
        var otherReview = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var foreign = await Fixture.AddChronologyEntryAsync(otherReview, Today.AddDays(-3), "Another family's visit.");
        var command = Valid(scene.ReviewId, scene.SessionId);
        command.ChronologyEntryId = foreign;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => AddAsync(command));

        Assert.Equal(DecisionPointFieldsValidator.UnknownEntryMessage, ex.Errors[nameof(DecisionPointFields.ChronologyEntryId)][0]);
        Assert.Empty(await PointsAsync(scene.ReviewId));
    }

    [Fact]
    public async Task Should_refuse_to_capture_in_a_session_whose_ground_rules_are_not_recorded()
    {
        var scene = await Fixture.SessionAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() => AddAsync(Valid(scene.ReviewId, scene.SessionId)));

        Assert.StartsWith("Record that the ground rules were read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_decision_points_before_the_debrief()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);

        var ex = await Assert.ThrowsAsync<DomainException>(() => AddAsync(Valid(id)));

        Assert.EndsWith("once the family-needs analysis is complete.", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await PointsAsync(id));
    }

    [Fact]
    public async Task Should_refuse_decision_points_after_the_debrief_is_complete()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var existing = (await PointsAsync(id)).Single();

        var add = await Assert.ThrowsAsync<DomainException>(() => AddAsync(Valid(id)));
        var delete = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new DeleteDecisionPoint.Command(id, existing.Id, existing.Version)));

        Assert.Equal("The debrief is complete. A Supervisor can reopen it with a reason.", add.Message);
        Assert.Equal(add.Message, delete.Message);
        Assert.Single(await PointsAsync(id));
    }

    [Fact]
    public async Task Should_edit_a_decision_point_and_report_a_stale_version()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);
        await AddAsync(Valid(scene.ReviewId, scene.SessionId));
        var point = (await PointsAsync(scene.ReviewId)).Single();
        var form = (await Fixture.SendAsync<EditDecisionPoint.Result>(new EditDecisionPoint.Query(scene.ReviewId, point.Id))).Data;
        Assert.Equal(point.Version, form.Version);
        Assert.Equal([Pressure.Workload, Pressure.Time], form.Pressures);
        var stale = form.Version;

        form.Decision = "Kept the assessment open";
        form.Role = DeciderRole.Supervisor;
        form.Pressures = [Pressure.Supervision];
        await Fixture.SendAsync(form);

        var edited = (await PointsAsync(scene.ReviewId)).Single();
        Assert.Equal("Kept the assessment open", edited.Decision);
        Assert.Equal(DeciderRole.Supervisor, edited.Role);
        Assert.Equal(Pressure.Supervision, edited.Pressures);

        // Every reader of the review reads its history: not even the role or pressures of a decision point go there.
        var history = await Fixture.SendAsync<Application.Features.Reviews.GetHistory.Result>(new Application.Features.Reviews.GetHistory.Query(scene.ReviewId));
        Assert.Equal("Decision point edited", history.Lines[0].Description);

        form.Version = stale;
        form.Decision = "Someone else's older change";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(form));
        Assert.Equal("Kept the assessment open", (await PointsAsync(scene.ReviewId)).Single().Decision);
    }

    [Fact]
    public async Task Should_delete_a_decision_point_unless_it_changed_since_it_was_loaded()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);
        await AddAsync(Valid(scene.ReviewId, scene.SessionId));
        var point = (await PointsAsync(scene.ReviewId)).Single();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(new DeleteDecisionPoint.Command(scene.ReviewId, point.Id, Guid.NewGuid())));
        Assert.Single(await PointsAsync(scene.ReviewId));

        await Fixture.SendAsync(new DeleteDecisionPoint.Command(scene.ReviewId, point.Id, point.Version));
        Assert.Empty(await PointsAsync(scene.ReviewId));
    }

    [Fact]
    public async Task Should_not_find_a_decision_point_of_another_review()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);
        var other = await Fixture.SessionAsync(groundRules: true);
        await AddAsync(Valid(other.ReviewId, other.SessionId));
        var foreign = (await PointsAsync(other.ReviewId)).Single();

        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<EditDecisionPoint.Result>(new EditDecisionPoint.Query(scene.ReviewId, foreign.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new DeleteDecisionPoint.Command(scene.ReviewId, foreign.Id, foreign.Version)));
        await Assert.ThrowsAsync<NotFoundException>(() => AddAsync(Valid(scene.ReviewId, other.SessionId)));
        Assert.Single(await PointsAsync(other.ReviewId));
    }

    [Fact]
    public async Task Should_list_decision_points_by_date_then_entry_with_roles_and_no_names()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);
        foreach (var (days, decision) in new[] { (-5, "Third"), (-20, "First"), (-5, "Fourth"), (-10, "Second") })
        {
            var command = Valid(scene.ReviewId, scene.SessionId);
            command.Date = Today.AddDays(days);
            command.Decision = decision;
            await AddAsync(command);
        }

        var list = await Fixture.SendAsync<ListDecisionPoints.Result>(new ListDecisionPoints.Query(scene.ReviewId));

        Assert.Equal(["First", "Second", "Third", "Fourth"], list.Items.Select(i => i.Decision));
        Assert.All(list.Items, i => Assert.Equal(DeciderRole.Investigator, i.Role));
        Assert.True(list.CanManage);
    }

    [Fact]
    public async Task Should_keep_decision_points_from_a_caseworker_who_is_not_on_the_debrief_team()
    {
        var scene = await Fixture.SessionAsync(withCaseworker: false, groundRules: true);
        await AddAsync(Valid(scene.ReviewId, scene.SessionId));
        await Fixture.RunAsUserAsync(Users.Caseworker);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<ListDecisionPoints.Result>(new ListDecisionPoints.Query(scene.ReviewId)));

        // Once they take part in a session they read the decision points, but do not change them.
        await Fixture.AddCaseworkerAsync(scene);
        var list = await Fixture.SendAsync<ListDecisionPoints.Result>(new ListDecisionPoints.Query(scene.ReviewId));
        Assert.Single(list.Items);
        Assert.False(list.CanManage);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AddAsync(Valid(scene.ReviewId, scene.SessionId)));
        var point = list.Items.Single();
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(new DeleteDecisionPoint.Command(scene.ReviewId, point.Id, point.Version)));
        Assert.Single(await PointsAsync(scene.ReviewId));
    }

    [Theory]
    [InlineData(Users.Supervisor)]
    [InlineData(Users.Admin)]
    public async Task Should_let_supervisors_and_administrators_read_the_decision_points(string email)
    {
        var scene = await Fixture.SessionAsync(withCaseworker: false, groundRules: true);
        await AddAsync(Valid(scene.ReviewId, scene.SessionId));
        await Fixture.RunAsUserAsync(email);

        var list = await Fixture.SendAsync<ListDecisionPoints.Result>(new ListDecisionPoints.Query(scene.ReviewId));

        Assert.Equal("Closed the assessment as unfounded", Assert.Single(list.Items).Decision);
    }

    [Fact]
    public async Task Should_not_find_the_decision_points_of_another_jurisdiction()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);
        await AddAsync(Valid(scene.ReviewId, scene.SessionId));
        await Fixture.RunAsUserAsync(Users.OtherCaseworker);

        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<ListDecisionPoints.Result>(new ListDecisionPoints.Query(scene.ReviewId)));
        await Assert.ThrowsAsync<NotFoundException>(() => AddAsync(Valid(scene.ReviewId)));
    }
}
