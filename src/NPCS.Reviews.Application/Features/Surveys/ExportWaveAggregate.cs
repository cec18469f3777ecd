using System.Globalization;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>
/// The de-identified aggregate of a closed wave for the NPCS hub: the same groups and cells the
/// results page shows, domain means only, units that meet the minimum only ("Other units" is not
/// sent: the hub compares units with units).
/// </summary>
public static class ExportWaveAggregate
{
    [Authorize(Roles.Administrator)]
    public sealed record Query(int WaveId) : IQuery<Result>;

    public sealed record Result(string FileName, byte[] Content)
    {
        public const string ContentType = "application/json";
    }

    public sealed class Handler(ReviewsDbContext db, IOptions<SurveyOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var minimum = options.Value.MinimumGroupSize;
            var scores = await WaveScores.LoadAsync(db, query.WaveId, minimum, cancellationToken);
            var overall = scores.Overall ?? throw new DomainException(string.Create(CultureInfo.InvariantCulture, $"This wave has fewer than {minimum} responses: there is nothing to share."));
            var code = await db.Jurisdictions.Select(j => j.Code).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var aggregate = new SurveyAggregate(
                SurveyAggregate.CurrentSchemaVersion,
                code,
                new AggregatePeriod(scores.Wave.OpensOn, scores.Wave.ClosesOn),
                new AggregateInstrument(scores.InstrumentName, scores.InstrumentVersion),
                minimum,
                Group(null, overall),
                [.. scores.Groups.Where(g => g.Kind == GroupKind.Unit).Select(g => Group(g.Name, g))]);
            var name = string.Create(CultureInfo.InvariantCulture, $"npcs-survey-{code}-{scores.Wave.OpensOn:yyyy-MM-dd}.json");
            return new Result(name, JsonSerializer.SerializeToUtf8Bytes(aggregate, SurveyAggregate.JsonOptions));
        }

        private static AggregateGroup Group(string? name, ScoredGroup group) => new(
            name,
            group.Responses,
            [.. group.Domains.Where(d => d.Mean is not null).Select(d => new AggregateDomain(d.Code, d.Name, Math.Round(d.Mean!.Value, 3), d.Respondents))]);
    }
}
