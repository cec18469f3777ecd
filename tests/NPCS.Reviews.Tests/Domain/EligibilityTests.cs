using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Domain;

public class EligibilityTests
{
    private static readonly DateOnly Incident = new(2026, 10, 1);

    [Theory]
    [InlineData(YesNoUnknown.Yes)]
    [InlineData(YesNoUnknown.No)]
    [InlineData(YesNoUnknown.Unknown)]
    public void Should_always_review_a_near_fatality(YesNoUnknown openCase)
    {
        var decision = Eligibility.Evaluate(Intakes.Details(IncidentType.NearFatality, openCase, Incident), ReviewPolicy.Default);

        Assert.True(decision.Eligible);
        Assert.Contains("always reviewed", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IncidentType.Fatality)]
    [InlineData(IncidentType.SeriousInjury)]
    public void Should_review_a_death_or_serious_injury_when_the_case_was_open(IncidentType type)
    {
        var decision = Eligibility.Evaluate(Intakes.Details(type, YesNoUnknown.Yes, Incident), ReviewPolicy.Default);

        Assert.True(decision.Eligible);
        Assert.Contains("open case", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IncidentType.Fatality)]
    [InlineData(IncidentType.SeriousInjury)]
    public void Should_review_when_the_most_recent_contact_is_within_the_look_back_window(IncidentType type)
    {
        var decision = Eligibility.Evaluate(Intakes.Details(type, YesNoUnknown.No, Incident, contact: Incident.AddMonths(-35)), ReviewPolicy.Default);

        Assert.True(decision.Eligible);
        Assert.Contains("36-month", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_count_a_contact_exactly_at_the_window_start_as_within_it()
    {
        var decision = Eligibility.Evaluate(
            Intakes.Details(IncidentType.Fatality, YesNoUnknown.No, Incident, contact: Incident.AddMonths(-36)), ReviewPolicy.Default);

        Assert.True(decision.Eligible);
    }

    [Fact]
    public void Should_screen_out_a_fatality_whose_last_contact_is_older_than_the_window()
    {
        var decision = Eligibility.Evaluate(
            Intakes.Details(IncidentType.Fatality, YesNoUnknown.No, Incident, contact: Incident.AddMonths(-36).AddDays(-1)), ReviewPolicy.Default);

        Assert.False(decision.Eligible);
        Assert.Contains("older than the 36-month", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(YesNoUnknown.No)]
    [InlineData(YesNoUnknown.Unknown)]
    public void Should_screen_out_a_serious_injury_with_no_open_case_and_no_contact(YesNoUnknown openCase)
    {
        var decision = Eligibility.Evaluate(Intakes.Details(IncidentType.SeriousInjury, openCase, Incident), ReviewPolicy.Default);

        Assert.False(decision.Eligible);
        Assert.Contains("no agency contact recorded", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_use_the_jurisdictions_own_look_back_window()
    {
        var kentucky = new ReviewPolicy(24, 30, 90);
        var contact = Incident.AddMonths(-30);

        Assert.True(Eligibility.Evaluate(Intakes.Details(IncidentType.Fatality, YesNoUnknown.No, Incident, contact), ReviewPolicy.Default).Eligible);
        Assert.False(Eligibility.Evaluate(Intakes.Details(IncidentType.Fatality, YesNoUnknown.No, Incident, contact), kentucky).Eligible);
    }

    [Fact]
    public void Should_screen_out_other_critical_incidents_even_with_an_open_case()
    {
        var decision = Eligibility.Evaluate(Intakes.Details(IncidentType.OtherCriticalIncident, YesNoUnknown.Yes, Incident), ReviewPolicy.Default);

        Assert.False(decision.Eligible);
        Assert.Contains("Only fatalities", decision.Reason, StringComparison.Ordinal);
    }
}
