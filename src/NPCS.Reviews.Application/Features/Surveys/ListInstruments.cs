using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>The jurisdiction's instrument versions, newest first, with their domains and items to read.</summary>
public static class ListInstruments
{
    [Authorize(Roles.Administrator)]
    public sealed record Query : IQuery<IReadOnlyList<Instrument>>;

    public sealed record Instrument(int Id, string Name, int Version, DateTimeOffset ImportedAt, Domain.Surveys.InstrumentDefinition Definition);

    public sealed class Handler(ReviewsDbContext db) : IQueryHandler<Query, IReadOnlyList<Instrument>>
    {
        public async ValueTask<IReadOnlyList<Instrument>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.SurveyInstruments.OrderBy(i => i.Name).ThenByDescending(i => i.Version).ToListAsync(cancellationToken);
            return [.. rows.Select(i => new Instrument(i.Id, i.Name, i.Version, i.ImportedAt, SurveyJson.Read(i.Definition)))];
        }
    }
}
