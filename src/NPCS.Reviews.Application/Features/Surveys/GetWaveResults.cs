using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>
/// A wave's results for Supervisors and Administrators: response rates, domain and item scores for
/// every group that may be shown (docs/surveys.md), and the change in each domain since the
/// previous wave of the same instrument.
/// </summary>
public static class GetWaveResults
{
    [Authorize(Roles.SurveyReaders)]
    public sealed record Query(int WaveId) : IQuery<Result>;

    public sealed record Result(
        int WaveId,
        string Title,
        string InstrumentName,
        int InstrumentVersion,
        DateOnly OpensOn,
        DateOnly ClosesOn,
        string Status,
        int MinimumGroupSize,
        ScaleDefinition Scale,
        IReadOnlyList<RateRow> Rates,
        RateRow OverallRate,
        IReadOnlyList<ScoredGroup> Groups,
        IReadOnlyList<string> FoldedUnits,
        PreviousWave? Previous)
    {
        public ScoredGroup? Overall => Groups.FirstOrDefault(g => g.Kind == GroupKind.Overall);
    }

    public sealed record RateRow(string Unit, int Invited, int Responses)
    {
        public double Rate => Invited == 0 ? 0 : (double)Responses / Invited;
    }

    public sealed record PreviousWave(string Title, DateOnly OpensOn, DateOnly ClosesOn, IReadOnlyList<DomainChange> Changes);

    /// <summary>A domain's overall mean then and now; null where either was withheld or the domain is new.</summary>
    public sealed record DomainChange(string Code, string Name, double? Before, double? Now)
    {
        public double? Change => Before is double b && Now is double n ? n - b : null;
    }

    public sealed class Handler(ReviewsDbContext db, JurisdictionClock clock, IOptions<SurveyOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var minimum = options.Value.MinimumGroupSize;
            var scores = await WaveScores.LoadAsync(db, query.WaveId, minimum, cancellationToken);
            var wave = scores.Wave;
            var rates = scores.Units.Select(u => new RateRow(u.Unit.Name, u.Unit.Invited, u.Responses)).ToList();

            // The latest earlier wave of the same instrument (any version: domains are matched by code).
            var previousId = await db.SurveyWaves.IgnoreAutoIncludes()
                .Where(w => w.Id != wave.Id && w.OpensOn < wave.OpensOn
                    && db.SurveyInstruments.Any(i => i.Id == w.InstrumentId && i.Name == scores.InstrumentName))
                .OrderByDescending(w => w.OpensOn).ThenByDescending(w => w.Id)
                .Select(w => (int?)w.Id)
                .FirstOrDefaultAsync(cancellationToken);
            PreviousWave? previous = null;
            if (previousId is int id)
            {
                var before = await WaveScores.LoadAsync(db, id, minimum, cancellationToken);
                previous = new PreviousWave(
                    before.Wave.Title,
                    before.Wave.OpensOn,
                    before.Wave.ClosesOn,
                    [.. scores.Instrument.Domains.Select(d => new DomainChange(
                        d.Code,
                        d.Name,
                        before.Overall?.Domains.FirstOrDefault(x => x.Code == d.Code)?.Mean,
                        scores.Overall?.Domains.FirstOrDefault(x => x.Code == d.Code)?.Mean))]);
            }

            return new Result(
                wave.Id,
                wave.Title,
                scores.InstrumentName,
                scores.InstrumentVersion,
                wave.OpensOn,
                wave.ClosesOn,
                ListWaves.StatusOf(wave.OpensOn, wave.ClosesOn, await clock.TodayAsync(cancellationToken)),
                minimum,
                scores.Instrument.EffectiveScale,
                rates,
                new RateRow(SurveyGroups.Overall, rates.Sum(r => r.Invited), rates.Sum(r => r.Responses)),
                scores.Groups,
                scores.FoldedUnits,
                previous);
        }
    }
}
