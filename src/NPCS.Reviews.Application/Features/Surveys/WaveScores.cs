using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>A group a wave's results show: the whole wave, a unit, or "Other units".</summary>
public sealed record ScoredGroup(string Name, int Responses, GroupKind Kind, IReadOnlyList<DomainScore> Domains);

/// <summary>The names of the groups that are not units.</summary>
public static class SurveyGroups
{
    public const string OtherUnits = "Other units";

    public const string Overall = "All units";
}

public enum GroupKind
{
    Overall = 1,
    Unit = 2,
    OtherUnits = 3,
}

/// <summary>
/// A wave's scores as they may be shown: the overall, the units that meet the minimum, and "Other
/// units", with every rule of <see cref="SurveyScoring"/> applied. The results page, its CSV files
/// and the aggregate export all read this, so none of them can show more than the others.
/// </summary>
internal sealed record WaveScores(
    SurveyWave Wave,
    string InstrumentName,
    int InstrumentVersion,
    InstrumentDefinition Instrument,
    IReadOnlyList<(SurveyUnit Unit, int Responses)> Units,
    IReadOnlyList<string> FoldedUnits,
    IReadOnlyList<ScoredGroup> Groups)
{
    public ScoredGroup? Overall => Groups.FirstOrDefault(g => g.Kind == GroupKind.Overall);

    public static async Task<WaveScores> LoadAsync(ReviewsDbContext db, int waveId, int minimum, CancellationToken ct)
    {
        var wave = await db.SurveyWaves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId, ct) ?? throw new NotFoundException();
        var instrument = await db.SurveyInstruments.AsNoTracking().SingleAsync(i => i.Id == wave.InstrumentId, ct);
        var definition = SurveyJson.Read(instrument.Definition);
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => r.WaveId == waveId).Include(r => r.Answers).ToListAsync(ct);
        var byUnit = responses.GroupBy(r => r.UnitId).ToDictionary(
            g => g.Key,
            g => g.Select(r => (IReadOnlyDictionary<string, int?>)r.Answers.ToDictionary(a => a.ItemCode, a => a.Value, StringComparer.Ordinal)).ToList());
        var units = wave.Units.OrderBy(u => u.Order).Select(u => (u, byUnit.GetValueOrDefault(u.Id)?.Count ?? 0)).ToList();
        var plan = SurveyScoring.Plan([.. units.Select(u => KeyValuePair.Create(u.u.Id, u.Item2))], minimum);

        var groups = new List<ScoredGroup>();
        List<IReadOnlyDictionary<string, int?>> Of(IEnumerable<int> unitIds) => [.. unitIds.SelectMany(id => byUnit.GetValueOrDefault(id) ?? [])];
        if (plan.OverallShown)
        {
            var parts = new List<ScoredGroup>();
            foreach (var id in plan.ShownUnits)
            {
                var answers = Of([id]);
                parts.Add(new ScoredGroup(wave.Units.Single(u => u.Id == id).Name, answers.Count, GroupKind.Unit, SurveyScoring.Score(definition, answers, minimum)));
            }

            if (plan.OtherShown)
            {
                var answers = Of(plan.FoldedUnits);
                parts.Add(new ScoredGroup(SurveyGroups.OtherUnits, answers.Count, GroupKind.OtherUnits, SurveyScoring.Score(definition, answers, minimum)));
            }

            var all = Of(units.Select(u => u.u.Id));
            var overall = SurveyScoring.Score(definition, all, minimum);
            groups.Add(new ScoredGroup(SurveyGroups.Overall, all.Count, GroupKind.Overall, SurveyScoring.WithholdComplements(overall, [.. parts.Select(p => p.Domains)])));
            groups.AddRange(parts);
        }

        // The units shown only within a larger group ("Other units", or the whole wave when that is all there is).
        var folded = plan.OverallShown
            ? units.Where(u => plan.FoldedUnits.Contains(u.u.Id) && u.Item2 > 0).Select(u => u.u.Name).ToList()
            : [];
        return new WaveScores(wave, instrument.Name, instrument.Version, definition, units, folded, groups);
    }
}
