using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Domain;

public class ReviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly Jurisdiction Demo = new("Demo County", JurisdictionKind.County, "demo");

    private static Review Record(IntakeDetails? intake = null, int sequence = 1) =>
        Review.Record(Demo, intake ?? Intakes.Details(), 2026, sequence, "user-1", Now);

    [Theory]
    [InlineData("DEMO", 2026, 1, "DEMO-2026-0001")]
    [InlineData("TN", 2027, 42, "TN-2027-0042")]
    [InlineData("KY", 2026, 12345, "KY-2026-12345")]
    public void Should_number_reviews_code_year_and_four_digit_sequence(string code, int year, int sequence, string expected) =>
        Assert.Equal(expected, ReviewNumber.Format(code, year, sequence));

    [Fact]
    public void Should_take_the_number_from_the_jurisdiction_code_in_upper_case()
    {
        var review = Record(sequence: 7);

        Assert.Equal("DEMO-2026-0007", review.Number);
    }

    [Fact]
    public void Should_compute_due_dates_from_the_policy_and_the_notification_date()
    {
        var notified = new DateOnly(2026, 10, 2);
        var review = Review.Record(
            new Jurisdiction("Kentucky", JurisdictionKind.State, "KY", new ReviewPolicy(24, 30, 90)),
            Intakes.Details(incident: new DateOnly(2026, 10, 1), notified: notified),
            2026,
            1,
            "user-1",
            Now);

        Assert.Equal(new DateOnly(2026, 11, 1), review.FirstDebriefDue);
        Assert.Equal(new DateOnly(2026, 12, 31), review.CompletionDue);
        Assert.Equal(review.FirstDebriefDue, review.NextDue);
    }

    [Fact]
    public void Should_start_an_eligible_incident_at_intake_and_keep_the_reason()
    {
        var review = Record();

        Assert.Equal(ReviewStage.Intake, review.Stage);
        Assert.Equal("Near fatalities are always reviewed.", review.ScreeningReason);
    }

    [Fact]
    public void Should_record_an_ineligible_incident_as_screened_out_with_its_reason()
    {
        var review = Record(Intakes.Details(IncidentType.Fatality));

        Assert.Equal(ReviewStage.ScreenedOut, review.Stage);
        Assert.Contains("look-back window", review.ScreeningReason, StringComparison.Ordinal);
        Assert.Null(review.NextDue);
    }

    [Fact]
    public void Should_move_to_family_needs_when_intake_is_completed()
    {
        var review = Record();
        var before = review.Version;

        review.CompleteIntake(Now);

        Assert.Equal(ReviewStage.FamilyNeeds, review.Stage);
        Assert.NotEqual(before, review.Version);
    }

    [Fact]
    public void Should_refuse_to_complete_intake_twice()
    {
        var review = Record();
        review.CompleteIntake(Now);

        var error = Assert.Throws<DomainException>(() => review.CompleteIntake(Now));
        Assert.Contains("Family needs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_to_complete_the_intake_of_a_screened_out_incident()
    {
        var review = Record(Intakes.Details(IncidentType.Fatality));

        var error = Assert.Throws<DomainException>(() => review.CompleteIntake(Now));
        Assert.Contains("Supervisor must override", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_let_a_supervisor_override_a_screen_out_with_a_reason_that_is_kept()
    {
        var review = Record(Intakes.Details(IncidentType.Fatality));

        review.OverrideScreenOut("  Pattern of late reports worth learning from.  ", "supervisor-1", Now);

        Assert.Equal(ReviewStage.Intake, review.Stage);
        Assert.Equal("Pattern of late reports worth learning from.", review.ScreenOutOverrideReason);
        Assert.Equal("supervisor-1", review.ScreenOutOverriddenByUserId);
        Assert.Equal(Now, review.ScreenOutOverriddenAt);
    }

    [Fact]
    public void Should_refuse_an_override_without_a_reason()
    {
        var review = Record(Intakes.Details(IncidentType.Fatality));

        Assert.Throws<DomainException>(() => review.OverrideScreenOut("   ", "supervisor-1", Now));
        Assert.Equal(ReviewStage.ScreenedOut, review.Stage);
    }

    [Fact]
    public void Should_refuse_an_override_of_an_incident_that_was_not_screened_out()
    {
        var review = Record();

        Assert.Throws<DomainException>(() => review.OverrideScreenOut("reason", "supervisor-1", Now));
    }

    [Fact]
    public void Should_keep_an_override_when_the_intake_is_corrected_later()
    {
        var review = Record(Intakes.Details(IncidentType.Fatality));
        review.OverrideScreenOut("Reviewed by decision of the director.", "supervisor-1", Now);
        Assert.False(review.MeetsCriteria);

        review.UpdateIntake(Intakes.Details(IncidentType.SeriousInjury), ReviewPolicy.Default, Now);
        Assert.Equal(ReviewStage.Intake, review.Stage);
        Assert.False(review.MeetsCriteria);

        review.UpdateIntake(Intakes.Details(IncidentType.NearFatality), ReviewPolicy.Default, Now);
        Assert.True(review.MeetsCriteria);
        Assert.Equal("Near fatalities are always reviewed.", review.ScreeningReason);
    }

    [Fact]
    public void Should_decide_eligibility_again_when_the_intake_is_corrected()
    {
        var review = Record(Intakes.Details(IncidentType.Fatality));

        review.UpdateIntake(Intakes.Details(IncidentType.Fatality, YesNoUnknown.Yes), ReviewPolicy.Default, Now);

        Assert.Equal(ReviewStage.Intake, review.Stage);
    }

    [Fact]
    public void Should_refuse_intake_edits_once_the_intake_is_complete()
    {
        var review = Record();
        review.CompleteIntake(Now);

        Assert.Throws<DomainException>(() => review.UpdateIntake(Intakes.Details(), ReviewPolicy.Default, Now));
    }

    [Fact]
    public void Should_refuse_dates_out_of_order_whatever_the_caller()
    {
        var incident = new DateOnly(2026, 10, 1);

        Assert.Throws<DomainException>(() => Record(Intakes.Details(incident: incident, notified: incident.AddDays(-1))));
        Assert.Throws<DomainException>(() => Record(Intakes.Details(incident: incident, contact: incident.AddDays(1))));
    }

    [Theory]
    [InlineData(0, 30, 90)]
    [InlineData(36, 0, 90)]
    [InlineData(36, 30, 400)]
    [InlineData(36, 60, 30)]
    public void Should_refuse_a_policy_that_makes_no_sense(int lookBack, int firstDebrief, int completion) =>
        Assert.Throws<DomainException>(() => new ReviewPolicy(lookBack, firstDebrief, completion));

    [Theory]
    [InlineData(7, "7 months")]
    [InlineData(1, "1 month")]
    [InlineData(12, "1 year")]
    [InlineData(38, "3 years 2 months")]
    public void Should_say_the_age_as_people_do(int months, string expected) =>
        Assert.Equal(expected, DisplayNames.FormatAge(months));
}
