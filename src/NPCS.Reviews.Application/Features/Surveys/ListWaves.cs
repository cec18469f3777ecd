using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>The jurisdiction's survey waves, newest first, with their status and response counts.</summary>
public static class ListWaves
{
    [Authorize(Roles.SurveyReaders)]
    public sealed record Query : IQuery<IReadOnlyList<Wave>>;

    public sealed record Wave(int Id, string Title, string Instrument, DateOnly OpensOn, DateOnly ClosesOn, string Status, int Invited, int Responses);

    public sealed class Handler(ReviewsDbContext db, JurisdictionClock clock) : IQueryHandler<Query, IReadOnlyList<Wave>>
    {
        public async ValueTask<IReadOnlyList<Wave>> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = await clock.TodayAsync(cancellationToken);
            var waves = await db.SurveyWaves.IgnoreAutoIncludes()
                .OrderByDescending(w => w.OpensOn).ThenByDescending(w => w.Id)
                .Select(w => new
                {
                    w.Id,
                    w.Title,
                    Instrument = db.SurveyInstruments.Where(i => i.Id == w.InstrumentId).Select(i => i.Name + ", version " + i.Version).Single(),
                    w.OpensOn,
                    w.ClosesOn,
                    Invited = db.SurveyUnits.Where(u => u.WaveId == w.Id).Sum(u => u.Invited),
                    Responses = db.SurveyResponses.Count(r => r.WaveId == w.Id),
                })
                .ToListAsync(cancellationToken);
            return [.. waves.Select(w => new Wave(w.Id, w.Title, w.Instrument, w.OpensOn, w.ClosesOn, StatusOf(w.OpensOn, w.ClosesOn, today), w.Invited, w.Responses))];
        }
    }

    public static string StatusOf(DateOnly opensOn, DateOnly closesOn, DateOnly today) =>
        today < opensOn ? "Not yet open" : today > closesOn ? "Closed" : "Open";
}
