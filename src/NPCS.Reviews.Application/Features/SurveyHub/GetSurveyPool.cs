using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.SurveyHub;

/// <summary>
/// The hub's survey pool: for each instrument version, each domain's overall mean per imported
/// wave (by jurisdiction) and the pooled mean weighted by responses.
/// </summary>
public static class GetSurveyPool
{
    [Authorize(Roles.Analyst)]
    public sealed record Query : IQuery<IReadOnlyList<InstrumentPool>>;

    public sealed record InstrumentPool(string Instrument, int Version, IReadOnlyList<string> DomainNames, IReadOnlyList<PoolRow> Waves, PoolRow Pooled);

    /// <summary>One jurisdiction's wave (or the pool): responses and each domain's mean and count, in the order of <see cref="InstrumentPool.DomainNames"/>.</summary>
    public sealed record PoolRow(string Label, DateOnly? OpensOn, DateOnly? ClosesOn, int Responses, IReadOnlyList<PoolCell> Cells);

    public sealed record PoolCell(double? Mean, int Count);

    public sealed class Handler(ReviewsDbContext db) : IQueryHandler<Query, IReadOnlyList<InstrumentPool>>
    {
        public async ValueTask<IReadOnlyList<InstrumentPool>> Handle(Query query, CancellationToken cancellationToken)
        {
            var waves = await db.SharedSurveyWaves.AsNoTracking().Include(w => w.Means).ToListAsync(cancellationToken);
            var pools = new List<InstrumentPool>();
            foreach (var instrument in waves.GroupBy(w => (w.InstrumentName, w.InstrumentVersion)).OrderBy(g => g.Key.InstrumentName).ThenBy(g => g.Key.InstrumentVersion))
            {
                var overall = instrument.SelectMany(w => w.Means.Where(m => m.Unit is null)).ToList();
                var domains = overall.GroupBy(m => m.DomainCode).Select(g => (Code: g.Key, g.First().DomainName)).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
                var rows = instrument.OrderBy(w => w.JurisdictionCode, StringComparer.Ordinal).ThenBy(w => w.OpensOn)
                    .Select(w => new PoolRow(w.JurisdictionCode, w.OpensOn, w.ClosesOn, w.Responses, [.. domains.Select(d =>
                        w.Means.FirstOrDefault(m => m.Unit is null && m.DomainCode == d.Code) is { } m ? new PoolCell(m.Mean, m.Count) : new PoolCell(null, 0))]))
                    .ToList();
                var pooled = new PoolRow("All jurisdictions", null, null, rows.Sum(r => r.Responses), [.. domains.Select((_, i) =>
                {
                    var cells = rows.Select(r => r.Cells[i]).Where(c => c.Mean is not null).ToList();
                    var count = cells.Sum(c => c.Count);
                    return new PoolCell(count == 0 ? null : cells.Sum(c => c.Mean!.Value * c.Count) / count, count);
                })]);
                pools.Add(new InstrumentPool(instrument.Key.InstrumentName, instrument.Key.InstrumentVersion, [.. domains.Select(d => d.DomainName)], rows, pooled));
            }

            return pools;
        }
    }
}
