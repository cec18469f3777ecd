using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Administration;
using NPCS.Reviews.Application.Features.Findings;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Findings;

public class FindingsTests(SliceFixture fixture) : SliceTest(fixture, Users.Facilitator)
{
    private Task<GetFindings.Result> GetAsync(int id) => Fixture.SendAsync<GetFindings.Result>(new GetFindings.Query(id));

    private async Task<AddFinding.Command> FindingAsync(int id, int rating = 2)
    {
        var view = await GetAsync(id);
        return new AddFinding.Command
        {
            Id = id,
            FactorItemId = view.Factors[0].Items[0].Id,
            Rating = rating,
            Description = "Hospital and agency did not share the discharge note.",
            DecisionPointIds = [.. view.EvidenceOptions.Where(o => o.Kind == EvidenceKind.DecisionPoint).Select(o => o.TargetId)],
            NeedIds = [.. view.EvidenceOptions.Where(o => o.Kind == EvidenceKind.Need).Select(o => o.TargetId)],
        };
    }

    private AddAction.Command Action(int id, int findingId, ActionStrength strength = ActionStrength.Intermediate) => new()
    {
        Id = id,
        FindingId = findingId,
        WhatWillBeDone = "Share discharge notes through a joint protocol",
        Strength = strength,
        OwnerName = "Pat Manager",
        OwnerUnit = "Intake unit",
        DueDate = Today.AddDays(60),
        Measure = "Notes shared for every referral",
    };

    /// <summary>A real caseworker account of the jurisdiction who took part in no session (the demo caseworker is a participant).</summary>
    private async Task RunAsCaseworkerOutsideTheTeamAsync()
    {
        await Fixture.RunAsUserAsync(Users.Admin);
        var email = $"outside.{Guid.NewGuid():N}@demo.local";
        await Fixture.SendAsync<PasswordLink>(new CreateUser.Command { Email = email, DisplayName = "Olu Outside", Role = Roles.Caseworker });
        await Fixture.RunAsUserAsync(email);
    }

    private Task<Review> LoadAsync(int id) => Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id));

    private Task<int> FindingCountAsync(int id) => Fixture.QueryDbAsync(db => db.Findings.IgnoreQueryFilters().CountAsync(f => f.ReviewId == id));

    private Task<int> ActionCountAsync(int id) => Fixture.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().CountAsync(a => a.ReviewId == id));

    [Fact]
    public async Task Should_add_a_finding_with_its_evidence_labels_and_the_current_catalog_version()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var form = await FindingAsync(id);

        var findingId = await Fixture.SendAsync<int>(form);

        var view = await GetAsync(id);
        Assert.True(view.Editable);
        Assert.True(view.CanSubmit);
        var finding = Assert.Single(view.Findings);
        Assert.Equal(findingId, finding.Id);
        Assert.Equal(form.FactorItemId, finding.Factor.Id);
        Assert.Equal("2: action needed", finding.RatingMeaning);
        Assert.True(finding.MissingAction);
        Assert.Contains(finding.Evidence, e => e.Kind == EvidenceKind.DecisionPoint && e.Label.Contains("Investigator: Closed the assessment", StringComparison.Ordinal));
        Assert.Contains(finding.Evidence, e => e.Kind == EvidenceKind.Need && e.Label == "Housing: Stable housing");
        var catalogVersion = await Fixture.QueryDbAsync(db => db.FactorCatalogs.SingleAsync(c => c.IsCurrent)).ContinueWith(t => t.Result.Version, TaskScheduler.Default);
        Assert.Equal(catalogVersion, await Fixture.QueryDbAsync(db => db.Findings.Where(f => f.Id == findingId).Select(f => f.CatalogVersion).SingleAsync()));
    }

    [Fact]
    public async Task Should_refuse_evidence_from_another_review_beside_the_evidence_field()
    {
        var other = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var foreignNeed = (await GetAsync(other)).EvidenceOptions.First(o => o.Kind == EvidenceKind.Need).TargetId;
        var form = await FindingAsync(id);
        form.NeedIds = [foreignNeed];

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<int>(form));

        Assert.Equal(["Choose needs of this review."], ex.Errors[nameof(FindingFields.NeedIds)]);
        Assert.Equal(0, await FindingCountAsync(id));
    }

    [Theory]
    [InlineData(null, 2, "x", nameof(FindingFields.FactorItemId), "Choose the factor this finding is about.")]
    [InlineData(0, null, "x", nameof(FindingFields.Rating), "Rate the finding on the action scale.")]
    [InlineData(0, 4, "x", nameof(FindingFields.Rating), "Choose a rating from 0 to 3.")]
    [InlineData(0, 1, "", nameof(FindingFields.Description), "Describe the finding.")]
    public async Task Should_refuse_a_finding_with_a_missing_or_wrong_field(int? item, int? rating, string description, string field, string message)
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var form = await FindingAsync(id);
        form.FactorItemId = item is null ? null : form.FactorItemId;
        form.Rating = rating;
        form.Description = description;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<int>(form));

        Assert.Equal([message], ex.Errors[field]);
        Assert.Equal(0, await FindingCountAsync(id));
    }

    [Fact]
    public async Task Should_refuse_a_retired_item_for_a_new_finding_but_let_an_edit_keep_it()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var form = await FindingAsync(id);
        var findingId = await Fixture.SendAsync<int>(form);
        await Fixture.ExecuteScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReviewsDbContext>();
            var catalog = await db.FactorCatalogs.SingleAsync(c => c.IsCurrent);
            catalog.RetireItem(form.FactorItemId!.Value);
            await db.SaveChangesAsync();
        });

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<int>(form));
        Assert.Equal(["That factor is retired: choose a current one."], ex.Errors[nameof(FindingFields.FactorItemId)]);
        Assert.DoesNotContain((await GetAsync(id)).Factors.SelectMany(g => g.Items), i => i.Id == form.FactorItemId);

        var edit = await Fixture.SendAsync<EditFinding.Command>(new EditFinding.Query(id, findingId));
        edit.Description = "Corrected description";
        await Fixture.SendAsync(edit);

        var finding = Assert.Single((await GetAsync(id)).Findings);
        Assert.Equal("Corrected description", finding.Description);
        Assert.Equal(form.FactorItemId, finding.Factor.Id);
        Assert.True(finding.Factor.Retired);
    }

    [Fact]
    public async Task Should_refuse_an_item_not_in_the_catalog()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var form = await FindingAsync(id);
        form.FactorItemId = int.MaxValue;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<int>(form));

        Assert.Equal(["Choose a factor from the current catalog."], ex.Errors[nameof(FindingFields.FactorItemId)]);
    }

    [Fact]
    public async Task Should_hide_decision_point_labels_and_options_from_a_caseworker_outside_the_debrief_team()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        await Fixture.SendAsync<int>(await FindingAsync(id));
        await RunAsCaseworkerOutsideTheTeamAsync();

        var view = await GetAsync(id);

        Assert.DoesNotContain(view.EvidenceOptions, o => o.Kind == EvidenceKind.DecisionPoint);
        var evidence = Assert.Single(view.Findings).Evidence;
        var point = Assert.Single(evidence, e => e.Kind == EvidenceKind.DecisionPoint);
        Assert.Equal(GetFindings.HiddenDecisionPoint, point.Label);
        Assert.DoesNotContain(evidence, e => e.Label.Contains("Closed the assessment", StringComparison.Ordinal));
        Assert.False(view.CanSubmit);
    }

    [Fact]
    public async Task Should_keep_decision_point_evidence_when_someone_outside_the_team_edits_the_finding()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var findingId = await Fixture.SendAsync<int>(await FindingAsync(id));
        await RunAsCaseworkerOutsideTheTeamAsync();

        var edit = await Fixture.SendAsync<EditFinding.Command>(new EditFinding.Query(id, findingId));
        edit.DecisionPointIds = [];
        await Fixture.SendAsync(edit);

        var kinds = await Fixture.QueryDbAsync(db => db.Findings.IgnoreQueryFilters().Where(f => f.Id == findingId).SelectMany(f => f.Evidence.Select(e => e.Kind)).ToListAsync());
        Assert.Contains(EvidenceKind.DecisionPoint, kinds);
    }

    [Fact]
    public async Task Should_edit_a_finding_and_report_a_concurrent_change()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var findingId = await Fixture.SendAsync<int>(await FindingAsync(id));
        var first = await Fixture.SendAsync<EditFinding.Command>(new EditFinding.Query(id, findingId));
        var second = await Fixture.SendAsync<EditFinding.Command>(new EditFinding.Query(id, findingId));
        var items = (await GetAsync(id)).Factors[0].Items;
        first.Rating = 1;
        first.FactorItemId = items[1].Id;
        await Fixture.SendAsync(first);

        // The history names the factor by its code, not by a database id.
        var line = (await Fixture.SendAsync<Application.Features.Reviews.GetHistory.Result>(new Application.Features.Reviews.GetHistory.Query(id))).Lines[0].Description;
        Assert.Equal($"Finding edited: Factor {items[0].Code} → {items[1].Code}, Rating 2 → 1", line);

        second.Description = "Overwrites?";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(second));

        var finding = Assert.Single((await GetAsync(id)).Findings);
        Assert.Equal(1, finding.Rating);
        Assert.NotEqual("Overwrites?", finding.Description);
    }

    [Fact]
    public async Task Should_delete_a_finding_with_its_actions()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var findingId = await Fixture.SendAsync<int>(await FindingAsync(id));
        await Fixture.SendAsync<int>(Action(id, findingId));
        var version = (await GetAsync(id)).Findings[0].Version;

        await Fixture.SendAsync(new DeleteFinding.Command(id, findingId, version));

        Assert.Equal(0, await FindingCountAsync(id));
        Assert.Equal(0, await ActionCountAsync(id));
    }

    [Fact]
    public async Task Should_add_edit_not_adopt_and_delete_an_action()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var findingId = await Fixture.SendAsync<int>(await FindingAsync(id));

        var actionId = await Fixture.SendAsync<int>(Action(id, findingId));
        var row = Assert.Single((await GetAsync(id)).Findings[0].Actions);
        Assert.Equal(ActionStatus.Proposed, row.Status);
        Assert.False((await GetAsync(id)).Findings[0].MissingAction);

        var edit = await Fixture.SendAsync<EditAction.Command>(new EditAction.Query(id, actionId));
        edit.OwnerUnit = "Hotline";
        await Fixture.SendAsync(edit);
        Assert.Equal("Hotline", (await GetAsync(id)).Findings[0].Actions[0].OwnerUnit);

        var version = (await GetAsync(id)).Findings[0].Actions[0].Version;
        var empty = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new NotAdoptAction.Command { Id = id, ActionId = actionId, Version = version, Reason = " " }));
        Assert.Equal(["Say why the action is not adopted."], empty.Errors[nameof(NotAdoptAction.Command.Reason)]);
        await Fixture.SendAsync(new NotAdoptAction.Command { Id = id, ActionId = actionId, Version = version, Reason = "Budget declined" });
        var notAdopted = (await GetAsync(id)).Findings[0];
        Assert.Equal(ActionStatus.NotAdopted, notAdopted.Actions[0].Status);
        Assert.Equal("Budget declined", notAdopted.Actions[0].StatusNote);
        Assert.True(notAdopted.MissingAction);

        await Fixture.SendAsync(new DeleteAction.Command(id, actionId, notAdopted.Actions[0].Version));
        Assert.Equal(0, await ActionCountAsync(id));
    }

    [Theory]
    [InlineData(nameof(ActionFields.WhatWillBeDone), "Say what will be done.")]
    [InlineData(nameof(ActionFields.OwnerName), "Name the one person accountable for the action.")]
    [InlineData(nameof(ActionFields.OwnerUnit), "Enter the owner's unit.")]
    [InlineData(nameof(ActionFields.Measure), "Say how effectiveness will be measured.")]
    [InlineData(nameof(ActionFields.Strength), "Choose one of the listed strengths.")]
    [InlineData(nameof(ActionFields.DueDate), "Enter the due date.")]
    [InlineData("Past", "The due date cannot be in the past.")]
    [InlineData("Far", "The due date can be at most 5 years ahead.")]
    public async Task Should_refuse_an_action_with_a_missing_or_wrong_field(string rule, string message)
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var findingId = await Fixture.SendAsync<int>(await FindingAsync(id));
        var form = Action(id, findingId);
        var field = rule;
        switch (rule)
        {
            case nameof(ActionFields.WhatWillBeDone): form.WhatWillBeDone = ""; break;
            case nameof(ActionFields.OwnerName): form.OwnerName = null; break;
            case nameof(ActionFields.OwnerUnit): form.OwnerUnit = " "; break;
            case nameof(ActionFields.Measure): form.Measure = ""; break;
            case nameof(ActionFields.Strength): form.Strength = (ActionStrength)42; break;
            case nameof(ActionFields.DueDate): form.DueDate = null; break;
            case "Past": form.DueDate = Today.AddDays(-1); field = nameof(ActionFields.DueDate); break;
            default: form.DueDate = Today.AddYears(5).AddDays(1); field = nameof(ActionFields.DueDate); break;
        }

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<int>(form));

        Assert.Equal([message], ex.Errors[field]);
        Assert.Equal(0, await ActionCountAsync(id));
    }

    [Fact]
    public async Task Should_say_when_every_action_is_weaker_and_stop_saying_so_with_a_stronger_one()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var findingId = await Fixture.SendAsync<int>(await FindingAsync(id));
        Assert.False((await GetAsync(id)).AllActionsWeaker);

        await Fixture.SendAsync<int>(Action(id, findingId, ActionStrength.Weaker));
        Assert.True((await GetAsync(id)).AllActionsWeaker);

        await Fixture.SendAsync<int>(Action(id, findingId, ActionStrength.Stronger));
        Assert.False((await GetAsync(id)).AllActionsWeaker);
    }

    [Fact]
    public async Task Should_refuse_to_submit_without_findings()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var review = await LoadAsync(id);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new SubmitForApproval.Command { Id = id, Version = review.Version }));

        Assert.Equal("Record at least one finding before submitting the review for approval.", ex.Message);
        Assert.Equal(ReviewStage.Findings, (await LoadAsync(id)).Stage);
    }

    [Fact]
    public async Task Should_refuse_to_submit_a_finding_rated_2_without_an_action_or_reason_then_accept_a_reason()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var findingId = await Fixture.SendAsync<int>(await FindingAsync(id));

        var ex = await Assert.ThrowsAsync<DomainException>(async () => await Fixture.SendAsync(new SubmitForApproval.Command { Id = id, Version = (await LoadAsync(id)).Version }));
        Assert.Equal("A finding rated 2 or 3 has no action: add one, or say why none is proposed.", ex.Message);

        var edit = await Fixture.SendAsync<EditFinding.Command>(new EditFinding.Query(id, findingId));
        edit.NoActionReason = "The state office already runs a fix for this.";
        await Fixture.SendAsync(edit);
        await Fixture.SendAsync(new SubmitForApproval.Command { Id = id, Version = (await LoadAsync(id)).Version });

        Assert.Equal(ReviewStage.Approval, (await LoadAsync(id)).Stage);
    }

    [Fact]
    public async Task Should_submit_and_move_to_approval_then_lock_the_findings()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var findingId = await Fixture.SendAsync<int>(await FindingAsync(id));
        await Fixture.SendAsync<int>(Action(id, findingId));

        await Fixture.SendAsync(new SubmitForApproval.Command { Id = id, Version = (await LoadAsync(id)).Version });

        var review = await LoadAsync(id);
        Assert.Equal(ReviewStage.Approval, review.Stage);
        Assert.Equal(Fixture.CurrentUser.UserId, review.SubmittedByUserId);
        var view = await GetAsync(id);
        Assert.False(view.Editable);
        Assert.False(view.CanSubmit);
        Assert.Equal("The review is waiting for approval: a Supervisor must return it before its findings change.", view.ReadOnlyReason);
        await Assert.ThrowsAsync<DomainException>(async () => await Fixture.SendAsync<int>(await FindingAsync(id)));
    }

    [Fact]
    public async Task Should_forbid_a_caseworker_to_submit()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var findingId = await Fixture.SendAsync<int>(await FindingAsync(id));
        await Fixture.SendAsync<int>(Action(id, findingId));
        await Fixture.RunAsUserAsync(Users.Caseworker);

        await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Fixture.SendAsync(new SubmitForApproval.Command { Id = id, Version = (await LoadAsync(id)).Version }));

        Assert.Equal(ReviewStage.Findings, (await LoadAsync(id)).Stage);
    }

    [Fact]
    public async Task Should_show_the_latest_return_comments()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        await Fixture.ExecuteScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReviewsDbContext>();
            var review = await db.Reviews.SingleAsync(r => r.Id == id);
            var supervisor = await db.JurisdictionUsers.SingleAsync(u => u.Email == Users.Supervisor);
            review.Return("Name one owner for the protocol.", supervisor.Id, Fixture.Time.Now);
            await db.SaveChangesAsync();
        });

        var view = await GetAsync(id);

        Assert.True(view.Editable);
        Assert.Equal("Name one owner for the protocol.", view.Return!.Comments);
        Assert.NotNull(view.Return.By);
        Assert.Equal(Today, view.Return.On);
    }

    [Fact]
    public async Task Should_not_find_a_review_of_another_jurisdiction()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var form = await FindingAsync(id);
        var findingId = await Fixture.SendAsync<int>(form);
        form.DecisionPointIds = [];
        form.NeedIds = [];
        await Fixture.RunAsUserAsync(Users.OtherCaseworker);

        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<int>(form));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<EditFinding.Command>(new EditFinding.Query(id, findingId)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new DeleteFinding.Command(id, findingId, Guid.Empty)));
        Assert.Equal(1, await FindingCountAsync(id));
    }

    [Fact]
    public async Task Should_forbid_an_administrator_to_change_findings()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var findingId = await Fixture.SendAsync<int>(await FindingAsync(id));
        var form = await FindingAsync(id);
        await Fixture.RunAsUserAsync(Users.Admin);

        Assert.False((await GetAsync(id)).Editable);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<int>(form));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<int>(Action(id, findingId)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Fixture.SendAsync(new SubmitForApproval.Command { Id = id, Version = (await LoadAsync(id)).Version }));
        Assert.Equal(1, await FindingCountAsync(id));
    }
}
