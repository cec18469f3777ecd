using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Domain;

/// <summary>The factor catalog's versions, and the rules of findings, actions, approval and follow-up.</summary>
public class FindingsAndApprovalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly Jurisdiction Demo = new("Demo County", JurisdictionKind.County, "demo");
    private static readonly ActionDetails Checklist = new("Add a safe-sleep checklist to home visits", ActionStrength.Intermediate, "A. Manager", "Field services", Today.AddDays(60), "Checklist used on 90% of visits");

    private static FactorItem Item(bool retired = false)
    {
        var catalog = FactorCatalog.Create(1, new CatalogDefinition("Test", [new("D", "Domain", [new("D-1", "Teamwork", null, retired)])]), Now);
        return catalog.Items.Single();
    }

    private static FindingDetails Rated(int rating, string? noActionReason = null) =>
        new(0, 1, rating, "Police and agency did not share the hospital report.", noActionReason, []);

    private static Review AtFindings()
    {
        var review = Review.Record(Demo, Intakes.Details(openCase: YesNoUnknown.Yes), 2026, 1, "user-1", Now);
        review.CompleteIntake(Now);
        review.CompleteFamilyNeeds(1, null, Now);
        var session = review.ScheduleSession(new SessionDetails(Today, new TimeOnly(9, 0), "Room", "facilitator-1"));
        var participant = review.AddStaffParticipant(session, "worker-1", "Casey", "Investigator");
        review.RecordGroundRules(session, [participant.Id], "facilitator-1", Now);
        review.MarkSessionHeld(session);
        review.CompleteDebrief([session], 1, Now);
        return review;
    }

    [Fact]
    public void Should_raise_the_catalog_version_on_each_change_and_keep_retired_items()
    {
        // One domain and one item: ids are only given by the database, so the test keeps them unambiguous.
        var catalog = FactorCatalog.Create(1, new CatalogDefinition("Test", [new("D", "Domain", [new("D-1", "Teamwork", null)])]), Now);
        Assert.Equal(1, catalog.Version);

        var first = catalog.Items.Single();
        catalog.RetireItem(first.Id);
        var added = catalog.AddItem(catalog.Domains[0].Id, "D-2", "Remote work", null);

        Assert.Equal(3, catalog.Version);
        Assert.Equal(2, first.RetiredInVersion);
        Assert.Equal(3, added.AddedInVersion);
        Assert.Equal(2, catalog.Items.Count());
        Assert.Throws<DomainException>(() => catalog.AddItem(catalog.Domains[0].Id, "d-2", "Again", null));
        Assert.Equal(10, FactorCatalog.Create(1, DefaultCatalog.Definition, Now).Items.Count());
    }

    [Fact]
    public void Should_give_back_the_same_definition_it_was_created_from()
    {
        var catalog = FactorCatalog.Create(1, DefaultCatalog.Definition, Now);

        var again = FactorCatalog.Create(2, catalog.ToDefinition(), Now).ToDefinition();

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(DefaultCatalog.Definition), System.Text.Json.JsonSerializer.Serialize(again));
    }

    [Fact]
    public void Should_refuse_findings_before_the_debrief_is_complete_and_a_retired_factor()
    {
        var review = Review.Record(Demo, Intakes.Details(openCase: YesNoUnknown.Yes), 2026, 1, "user-1", Now);

        Assert.Equal("Findings are recorded once the debrief is complete.", Assert.Throws<DomainException>(() => review.AddFinding(Rated(1), Item())).Message);
        Assert.Equal("That factor is retired: choose a current one.", Assert.Throws<DomainException>(() => AtFindings().AddFinding(Rated(1), Item(retired: true))).Message);
        Assert.Throws<DomainException>(() => AtFindings().AddFinding(Rated(4), Item()));
    }

    [Fact]
    public void Should_submit_only_with_findings_and_an_action_or_reason_for_each_rated_two_or_three()
    {
        var review = AtFindings();
        Assert.Throws<DomainException>(() => review.SubmitForApproval([], [], "facilitator-1", Now));

        var finding = review.AddFinding(Rated(2), Item());
        var ex = Assert.Throws<DomainException>(() => review.SubmitForApproval([finding], [], "facilitator-1", Now));
        Assert.Equal("A finding rated 2 or 3 has no action: add one, or say why none is proposed.", ex.Message);

        var action = review.AddAction(finding, Checklist);
        review.SubmitForApproval([finding], [action], "facilitator-1", Now);

        Assert.Equal(ReviewStage.Approval, review.Stage);
        Assert.Equal("facilitator-1", review.SubmittedByUserId);
    }

    [Fact]
    public void Should_accept_a_reason_instead_of_an_action()
    {
        var review = AtFindings();
        var finding = review.AddFinding(Rated(3, "A state-wide fix is already under way."), Item());

        review.SubmitForApproval([finding], [], "facilitator-1", Now);

        Assert.Equal(ReviewStage.Approval, review.Stage);
    }

    [Fact]
    public void Should_refuse_self_approval_and_a_return_without_comments()
    {
        var review = AtFindings();
        var finding = review.AddFinding(Rated(1), Item());
        review.SubmitForApproval([finding], [], "supervisor-1", Now);

        Assert.Equal("You submitted this review, so another Supervisor must approve it.", Assert.Throws<DomainException>(() => review.Approve([], "supervisor-1", Now)).Message);
        Assert.Throws<DomainException>(() => review.Return("  ", "supervisor-2", Now));
        Assert.Equal(ReviewStage.Approval, review.Stage);
    }

    [Fact]
    public void Should_return_to_findings_with_comments_and_then_approve_and_lock()
    {
        var review = AtFindings();
        var finding = review.AddFinding(Rated(2), Item());
        var action = review.AddAction(finding, Checklist);
        review.SubmitForApproval([finding], [action], "facilitator-1", Now);

        review.Return("Find a stronger action than a checklist.", "supervisor-1", Now);
        Assert.Equal(ReviewStage.Findings, review.Stage);
        Assert.Equal("Find a stronger action than a checklist.", review.ReturnComments);
        review.EditAction(action, Checklist with { Strength = ActionStrength.Stronger, WhatWillBeDone = "Give every family a crib" });
        review.SubmitForApproval([finding], [action], "facilitator-1", Now);
        review.Approve([action], "supervisor-1", Now);

        Assert.Equal(ReviewStage.Approved, review.Stage);
        Assert.True(review.IsLocked);
        Assert.Null(review.ReturnComments);
        Assert.Equal(ActionStatus.Approved, action.Status);
        Assert.Equal("The review is approved and locked. A Supervisor can reopen it with a reason.", Assert.Throws<DomainException>(() => review.EditFinding(finding, Rated(3), Item())).Message);
        Assert.Throws<DomainException>(() => review.AddChronologyEntry(new ChronologyDetails(Today, null, ChronologySource.Family, "Late call", null)));
    }

    [Fact]
    public void Should_follow_approved_actions_to_done_and_reopen_an_approved_review()
    {
        var review = AtFindings();
        var finding = review.AddFinding(Rated(2), Item());
        var action = review.AddAction(finding, Checklist);
        Assert.Throws<DomainException>(() => review.FollowAction(action, ActionStatus.Done, null, Today, Effectiveness.Worked));
        review.SubmitForApproval([finding], [action], "facilitator-1", Now);
        review.Approve([action], "supervisor-1", Now);

        review.FollowAction(action, ActionStatus.InProgress, "Pilot in two units", Today, null);
        review.FollowAction(action, ActionStatus.Done, "Rolled out", Today.AddDays(30), Effectiveness.Partly);
        Assert.Equal(ActionStatus.Done, action.Status);
        Assert.Equal(Effectiveness.Partly, action.Effectiveness);

        Assert.Equal([ReviewStage.Findings], review.ReopenableSteps);
        review.Reopen(ReviewStage.Findings, [action], "New information from the medical examiner.", "supervisor-1", Now);
        Assert.Equal(ReviewStage.Findings, review.Stage);
        Assert.True(review.FindingsEditable);
    }

    [Fact]
    public void Should_follow_up_every_action_in_the_review_jurisdiction_exactly_while_the_review_is_approved()
    {
        var review = AtFindings();
        var finding = review.AddFinding(Rated(2), Item());
        var action = review.AddAction(finding, Checklist);
        var dropped = review.AddAction(finding, Checklist with { WhatWillBeDone = "Remind staff of the policy" });
        review.NotAdoptAction(dropped, "A reminder depends on people remembering.");
        ReviewAction[] actions = [action, dropped];
        review.SubmitForApproval([finding], actions, "facilitator-1", Now);
        review.Return("Say who signs the checklist off.", "supervisor-1", Now);
        review.SubmitForApproval([finding], actions, "facilitator-1", Now);
        Assert.All(actions, a => Assert.Null(a.FollowUpJurisdictionId));

        review.Approve(actions, "supervisor-1", Now);
        Assert.All(actions, a => Assert.Equal(review.JurisdictionId, a.FollowUpJurisdictionId));
        Assert.Equal(ActionStatus.NotAdopted, dropped.Status);

        review.Reopen(ReviewStage.Findings, actions, "The owner has left the agency.", "supervisor-1", Now);
        Assert.All(actions, a => Assert.Null(a.FollowUpJurisdictionId));
    }

    [Fact]
    public void Should_refuse_another_review_s_action_on_reopening_and_leave_every_action_followed_up()
    {
        var review = AtFindings();
        var finding = review.AddFinding(Rated(2), Item());
        var action = review.AddAction(finding, Checklist);
        review.SubmitForApproval([finding], [action], "facilitator-1", Now);
        review.Approve([action], "supervisor-1", Now);

        // Ids are only given by the database: the other review gets one by hand.
        var other = AtFindings();
        typeof(Review).GetProperty(nameof(Review.Id))!.SetValue(other, 99);
        var foreign = other.AddAction(other.AddFinding(Rated(2), Item()), Checklist);

        var ex = Assert.Throws<DomainException>(() => review.Reopen(ReviewStage.Findings, [action, foreign], "Why", "supervisor-1", Now));

        Assert.Equal("That item belongs to another review.", ex.Message);

        Assert.Equal(ReviewStage.Approved, review.Stage);
        Assert.Equal(review.JurisdictionId, action.FollowUpJurisdictionId);
    }
}
