using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>An instrument version as the JSON file another jurisdiction (or a fresh database) can import unchanged.</summary>
public static class ExportInstrument
{
    [Authorize(Roles.Administrator)]
    public sealed record Query(int InstrumentId) : IQuery<Result>;

    public sealed record Result(string FileName, byte[] Content)
    {
        public const string ContentType = "application/json";
    }

    public sealed class Handler(ReviewsDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var instrument = await db.SurveyInstruments.SingleOrDefaultAsync(i => i.Id == query.InstrumentId, cancellationToken) ?? throw new NotFoundException();
            var slug = new string([.. instrument.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
            return new Result(string.Create(CultureInfo.InvariantCulture, $"{slug}-v{instrument.Version}.json"), Encoding.UTF8.GetBytes(instrument.Definition));
        }
    }
}
