using NPCS.Reviews.Application.Features.Surveys;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Tests.Features.Surveys;

/// <summary>The scoring and small-group rules of docs/surveys.md on data whose results are worked out by hand.</summary>
public class SurveyScoringTests
{
    private static readonly InstrumentDefinition Instrument = new(
        "Test",
        1,
        null,
        [
            new("A", "Domain A", [new("A1", "Plain"), new("A2", "Reversed", Reverse: true)]),
            new("B", "Domain B", [new("B1", "Only item")]),
        ]);

    private static Dictionary<string, int?> R(int? a1, int? a2, int? b1) =>
        new Dictionary<string, int?> { ["A1"] = a1, ["A2"] = a2, ["B1"] = b1 };

    [Fact]
    public void Should_reverse_reverse_items_leave_out_prefer_not_to_say_and_compute_means_and_shares()
    {
        // A2 is reverse-scored on 1-7: 1 scores 7, 2 scores 6, 7 scores 1.
        IReadOnlyDictionary<string, int?>[] responses =
        [
            R(7, 1, 4),
            R(6, 2, 5),
            R(5, 7, null),
            R(1, null, 6),
            R(null, 2, 7),
        ];

        var scores = SurveyScoring.Score(Instrument, responses, minimum: 3);

        var a = scores[0];
        var a1 = a.Items[0];
        Assert.Equal(4, a1.Answered);
        Assert.Equal((7 + 6 + 5 + 1) / 4.0, a1.Mean!.Value, 9);
        Assert.Equal(3 / 4.0, a1.AgreeShare!.Value, 9); // 7, 6 and 5 agree
        Assert.Equal([1, 0, 0, 0, 1, 1, 1], a1.Distribution);

        var a2 = a.Items[1];
        Assert.Equal(4, a2.Answered);
        Assert.Equal((7 + 6 + 1 + 6) / 4.0, a2.Mean!.Value, 9);
        Assert.Equal(1 / 4.0, a2.AgreeShare!.Value, 9); // agreeing with the statement as worded: only the 7
        Assert.Equal([1, 2, 0, 0, 0, 0, 1], a2.Distribution);

        // Each response's mean on A: (7+7)/2, (6+6)/2, (5+1)/2, 1, 6.
        Assert.Equal(5, a.Respondents);
        Assert.Equal((7 + 6 + 3 + 1 + 6) / 5.0, a.Mean!.Value, 9);
        // Scored answers of A: 7,6,5,1 and 7,6,1,6: six of eight at 5 or more.
        Assert.Equal(6 / 8.0, a.FavourableShare!.Value, 9);

        var b = scores[1];
        Assert.Equal(4, b.Respondents);
        Assert.Equal((4 + 5 + 6 + 7) / 4.0, b.Mean!.Value, 9);
    }

    [Fact]
    public void Should_withhold_a_cell_with_fewer_answers_than_the_minimum()
    {
        IReadOnlyDictionary<string, int?>[] responses = [R(7, 1, null), R(6, 2, null), R(5, 7, 3), R(1, 2, 6), R(4, 2, null)];

        var scores = SurveyScoring.Score(Instrument, responses, minimum: 5);

        Assert.True(scores[0].Shown);
        Assert.False(scores[1].Shown);
        Assert.Null(scores[1].Items[0].Mean);
        Assert.Null(scores[1].Items[0].Distribution);
        Assert.Null(scores[1].Items[0].AgreeShare);
        Assert.Equal(2, scores[1].Items[0].Answered);
    }

    private static GroupPlan Plan(params int[] counts) =>
        SurveyScoring.Plan([.. counts.Select((c, i) => KeyValuePair.Create(i + 1, c))], 5);

    [Fact]
    public void A_unit_of_4_is_not_shown_and_cannot_be_had_by_subtraction()
    {
        // 6 responses: 2 in unit 1, 4 in unit 2; neither unit is shown, nor "Other units" (it would be the whole wave).
        var plan = Plan(2, 4);
        Assert.True(plan.OverallShown);
        Assert.Empty(plan.ShownUnits);
        Assert.False(plan.OtherShown);

        // 10 in unit 1 and 4 in unit 2: showing unit 1 would give unit 2 as the overall minus unit 1.
        plan = Plan(10, 4);
        Assert.Empty(plan.ShownUnits);
        Assert.Equal([1, 2], plan.FoldedUnits.Order());

        // Unit 3 alone below the minimum: the smallest shown unit joins it in "Other units".
        plan = Plan(20, 8, 4);
        Assert.Equal([1], plan.ShownUnits);
        Assert.True(plan.OtherShown);
        Assert.Equal([2, 3], plan.FoldedUnits.Order());
    }

    [Fact]
    public void Two_small_units_together_of_at_least_the_minimum_are_other_units()
    {
        var plan = Plan(12, 3, 2, 9);
        Assert.Equal([1, 4], plan.ShownUnits);
        Assert.True(plan.OtherShown);
        Assert.Equal([2, 3], plan.FoldedUnits.Order());

        // Two small units of 2 and 2 (4 together) are too few: the smallest shown unit joins them.
        plan = Plan(12, 2, 2, 9);
        Assert.Equal([1], plan.ShownUnits);
        Assert.Equal([2, 3, 4], plan.FoldedUnits.Order());
    }

    [Fact]
    public void A_unit_without_responses_needs_no_company_and_a_wave_of_4_shows_nothing()
    {
        var plan = Plan(7, 0);
        Assert.Equal([1], plan.ShownUnits);
        Assert.False(plan.OtherShown);

        plan = Plan(3, 1);
        Assert.False(plan.OverallShown);
        Assert.Empty(plan.ShownUnits);
    }

    [Fact]
    public void An_overall_cell_is_withheld_when_a_part_withheld_the_same_cell()
    {
        IReadOnlyDictionary<string, int?>[] shown = [.. Enumerable.Repeat(R(7, 1, 7), 6)];
        IReadOnlyDictionary<string, int?>[] few = [R(1, 7, 1), R(2, 7, null), R(3, 7, null), R(4, 7, null), R(5, 7, null)];
        var parts = new[] { SurveyScoring.Score(Instrument, shown, 5), SurveyScoring.Score(Instrument, few, 5) };
        var overall = SurveyScoring.Score(Instrument, [.. shown, .. few], 5);
        Assert.True(overall[1].Shown);

        var safe = SurveyScoring.WithholdComplements(overall, parts);

        // B1 had one answer among the five "few": overall minus the first part would give it away.
        Assert.False(safe[1].Shown);
        Assert.False(safe[1].Items[0].Shown);
        Assert.True(safe[0].Shown);
        Assert.Equal(overall[0].Mean, safe[0].Mean);
    }
}
