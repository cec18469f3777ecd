using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>One item's result in a group. Mean and shares are null where fewer than the minimum answered.</summary>
/// <param name="Code">The item's code.</param>
/// <param name="Text">The statement.</param>
/// <param name="Reverse">Reverse-scored.</param>
/// <param name="Answered">Answers on the scale ("prefer not to say" excluded).</param>
/// <param name="Mean">Mean score, reverse-scored items reversed.</param>
/// <param name="Distribution">How many gave each point of the scale, as answered (not reversed), lowest point first.</param>
/// <param name="AgreeShare">Share who agreed with the statement as worded (answered at the scale's agreeFrom or above).</param>
public sealed record ItemScore(string Code, string Text, bool Reverse, int Answered, double? Mean, IReadOnlyList<int>? Distribution, double? AgreeShare)
{
    public bool Shown => Mean is not null;
}

/// <summary>One domain's result in a group.</summary>
/// <param name="Code">The domain's code.</param>
/// <param name="Name">The domain's name.</param>
/// <param name="Respondents">Responses that answered at least one of the domain's items on the scale.</param>
/// <param name="Mean">Mean over those responses of each one's mean score on the domain's items (reverse items reversed).</param>
/// <param name="FavourableShare">Share of the domain's scored answers at the scale's agreeFrom or above (reverse items reversed).</param>
/// <param name="Items">The domain's items.</param>
public sealed record DomainScore(string Code, string Name, int Respondents, double? Mean, double? FavourableShare, IReadOnlyList<ItemScore> Items)
{
    public bool Shown => Mean is not null;
}

/// <summary>
/// Scores responses on an instrument and decides which groups may be shown. Pure functions, no
/// database: the rules of docs/surveys.md ("Scoring", "Small groups"), tested on known data.
/// </summary>
public static class SurveyScoring
{
    /// <summary>Scores of a group of responses (item code to answer; null is "prefer not to say"). Cells with fewer than <paramref name="minimum"/> answers are withheld.</summary>
    public static IReadOnlyList<DomainScore> Score(InstrumentDefinition instrument, IReadOnlyCollection<IReadOnlyDictionary<string, int?>> responses, int minimum)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(responses);
        var scale = instrument.EffectiveScale;
        var domains = new List<DomainScore>();
        foreach (var domain in instrument.Domains)
        {
            var items = new List<ItemScore>();
            foreach (var item in domain.Items)
            {
                var answers = responses.Select(r => r.GetValueOrDefault(item.Code)).OfType<int>().Where(scale.Contains).ToList();
                var shown = answers.Count >= minimum;
                items.Add(new ItemScore(
                    item.Code,
                    item.Text,
                    item.Reverse,
                    answers.Count,
                    shown ? answers.Average(a => scale.Score(a, item.Reverse)) : null,
                    shown ? [.. Enumerable.Range(scale.Min, scale.Max - scale.Min + 1).Select(point => answers.Count(a => a == point))] : null,
                    shown ? (double)answers.Count(a => a >= scale.AgreeFrom) / answers.Count : null));
            }

            // Each response's own mean on the domain, over the items it answered on the scale.
            var perResponse = responses
                .Select(r => domain.Items
                    .Select(i => (Answer: r.GetValueOrDefault(i.Code), i.Reverse))
                    .Where(a => a.Answer is int v && scale.Contains(v))
                    .Select(a => scale.Score(a.Answer!.Value, a.Reverse))
                    .ToList())
                .Where(scores => scores.Count > 0)
                .ToList();
            var domainShown = perResponse.Count >= minimum;
            var all = perResponse.SelectMany(s => s).ToList();
            domains.Add(new DomainScore(
                domain.Code,
                domain.Name,
                perResponse.Count,
                domainShown ? perResponse.Average(s => s.Average()) : null,
                domainShown ? (double)all.Count(s => s >= scale.AgreeFrom) / all.Count : null,
                items));
        }

        return domains;
    }

    /// <summary>
    /// Which units may be shown on their own. Units with fewer than <paramref name="minimum"/>
    /// responses are folded into "Other units"; when that group would be too small, or would hold a
    /// single unit (the overall minus the shown units would then give it away), the smallest shown
    /// units are folded too until it is safe. With fewer than the minimum in the whole wave, nothing is shown.
    /// </summary>
    /// <param name="responsesByUnit">Unit id to responses, in the order the units are listed.</param>
    /// <param name="minimum">The minimum group size.</param>
    public static GroupPlan Plan(IReadOnlyList<KeyValuePair<int, int>> responsesByUnit, int minimum)
    {
        ArgumentNullException.ThrowIfNull(responsesByUnit);
        var total = responsesByUnit.Sum(u => u.Value);
        if (total < minimum)
        {
            return new GroupPlan(false, [], [.. responsesByUnit.Select(u => u.Key)], false);
        }

        var shown = responsesByUnit.Where(u => u.Value >= minimum).ToList();
        var folded = responsesByUnit.Where(u => u.Value < minimum).ToList();
        while (shown.Count > 0)
        {
            var answered = folded.Where(u => u.Value > 0).ToList();
            if (answered.Count == 0 || (answered.Count >= 2 && answered.Sum(u => u.Value) >= minimum))
            {
                break;
            }

            var smallest = shown.OrderBy(u => u.Value).ThenByDescending(u => responsesByUnit.ToList().IndexOf(u)).First();
            shown.Remove(smallest);
            folded.Add(smallest);
        }

        // With every unit folded, "Other units" would be the whole wave again: only the overall is shown.
        var otherShown = shown.Count > 0 && folded.Any(u => u.Value > 0);
        return new GroupPlan(true, [.. shown.Select(u => u.Key)], [.. folded.Select(u => u.Key)], otherShown);
    }

    /// <summary>
    /// Withholds an overall cell when a cell of one of the groups that make it up was withheld for
    /// too few answers ("prefer not to say" can leave an item with few answers in a large group):
    /// otherwise the overall minus the shown groups would give the withheld answers away.
    /// </summary>
    public static IReadOnlyList<DomainScore> WithholdComplements(IReadOnlyList<DomainScore> overall, IReadOnlyCollection<IReadOnlyList<DomainScore>> parts)
    {
        ArgumentNullException.ThrowIfNull(overall);
        ArgumentNullException.ThrowIfNull(parts);
        return [.. overall.Select((domain, d) =>
        {
            var domainWithheld = parts.Any(p => p[d] is { Shown: false, Respondents: > 0 });
            var items = domain.Items.Select((item, i) => parts.Any(p => p[d].Items[i] is { Shown: false, Answered: > 0 })
                ? item with { Mean = null, Distribution = null, AgreeShare = null }
                : item).ToList();
            return (domainWithheld ? domain with { Mean = null, FavourableShare = null } : domain) with { Items = items };
        })];
    }
}

/// <summary>Which groups a wave's results may show.</summary>
/// <param name="OverallShown">The whole wave has at least the minimum of responses.</param>
/// <param name="ShownUnits">Units shown on their own.</param>
/// <param name="FoldedUnits">Units shown only inside "Other units" (or not at all).</param>
/// <param name="OtherShown">Whether "Other units" is shown as a group.</param>
public sealed record GroupPlan(bool OverallShown, IReadOnlyList<int> ShownUnits, IReadOnlyList<int> FoldedUnits, bool OtherShown);
